import { BODY, CONDITION, type PatternRule } from './rules';
import { alt, B, E, MONEY, NUM, PERIOD, rx, S, TIME } from './text';

/** Non-global (the anchored before/after tests call `.test`, which a global pattern makes stateful). */
const once = (source: string) => new RegExp(source, 'iu');

import type { ComplianceInput } from './types';

/*
 * Review signals: recall-oriented `warning` findings a policy reviewer wants to see even when the wording is not
 * certainly a violation. They surface at the asset gate for a person and never block; the blocker rules in
 * rules.ts stay precise. Each signal names a kind of wording (a figure with a time unit next to a body word,
 * second-person address with a condition), not particular lines.
 */

/** Conditions, looks and life situations a reader must not be told they have (beyond the medical list). */
const SITUATION = alt(
  CONDITION,
  'breaking out',
  'break ?outs?',
  '(?:dark|age|brown) spots',
  '(?:pigment|alters)flecken',
  'flecken',
  'overweight',
  '(?:ü|ue)bergewicht(?:ig)?',
  'bad credit',
  'credit (?:score|history|rating)',
  'in debt',
  'debts?',
  'broke',
  'bankrupt(?:cy)?',
  '(?:ü|ue)berschuldet',
  'schulden',
  'pleite',
  'privatinsolvenz',
  'schufa',
  'divorced',
  'lonely',
  'geschieden',
  'einsam',
  'unemployed',
  'arbeitslos',
  // social isolation and family situations a reader must not be told they are in
  'without (?:any )?friends',
  'no friends',
  'friendless',
  'nobody (?:likes|wants|invites|calls|texts)',
  'no one (?:likes|wants|invites|calls|texts)',
  '(?:always|all|so|feeling) alone',
  'on your own again',
  'left out',
  'ohne freunde',
  'keine freunde',
  'freundelos',
  'niemand (?:mag|will|l(?:ä|ae)dt|ruft|schreibt)',
  '(?:immer|ganz|so) allein(?:e)?',
  'au(?:ß|ss)en vor',
  'single (?:moms?|mums?|mothers?|dads?|fathers?|parents?)',
  'alleinerziehend\\p{L}*',
  'struggling to pay',
  "can'?t pay",
  'behind on (?:rent|bills|payments)',
  'pay (?:the |your )?rent',
  'kredit abgelehnt',
  'miete nicht (?:mehr )?zahlen',
  // parasites and germs (killing them is a drug or biocide claim)
  '(?:head )?lice',
  'nits',
  '(?:kopf)?l(?:ä|ae)use',
  'parasites?',
  'parasiten',
  'worms',
  'w(?:ü|ue)rmer',
  'toxins',
  'giftstoffe',
  // looks a reader must not be told they have
  'glatze',
  'bald(?:ing|ness)',
  'bald spots?',
  'receding hairline',
  'geheimratsecken',
  'double chin',
  'doppelkinn',
  'love handles',
  'muffin top',
  'beer belly',
  'bierbauch',
  'rettungsringe',
  'man boobs',
  'saggy (?:skin|breasts|arms)',
  'h(?:ä|ae)ngebusen',
  'winkearme',
);

/** Second-person address (English, German du/ihr; German "Sie" is left out: it is also "she" and "they"). */
const YOU = rx(`${B}(?:you|your|you'?re|yours|du|dich|dir|dein(?:e[nmrs]?)?|euch|euer)${E}`);

/** Treatment, cure and relief verbs (EN/DE wording of medical claims). */
const TREAT_VERB = alt(
  'treats?',
  'treating',
  'cures?',
  'curing',
  'heals?',
  'healing',
  'relieves?',
  'relief',
  'fights?',
  'fighting',
  'stops?',
  'eliminates?',
  'clears?(?: up)?',
  'gets? rid of',
  'banish(?:es)?',
  'erases?',
  'reverses?',
  'disappears?',
  'gone',
  'works? against',
  'kills?',
  't(?:ö|oe)tet',
  'flush(?:es)? out',
  'flushes',
  'sp(?:ü|ue)lt',
  'reduziert',
  'lindert',
  'linderung',
  'heilt',
  'heilen',
  'bek(?:ä|ae)mpft',
  'stoppt',
  'beseitigt',
  'wirkt gegen',
  'hilft gegen',
  'verschwinde[nt]?',
  'weg',
  'befreit von',
);

/** Result and change words a figure with a time unit makes a promise about. */
const RESULT = alt(
  BODY,
  'results?',
  'difference',
  'visible',
  'transformation',
  'ergebnis(?:se)?',
  'unterschied',
  'sichtbar(?:e[nrs]?)?',
  'verwandlung',
  'kg',
  'kilos?',
  'lbs?',
  'pounds',
  'pfund',
);

/** A source for a superlative: a named test, survey, year or award body. */
const SOURCE = rx(
  `${B}(?:according to|source|survey|study|based on|rated by|awarded by|laut|quelle|umfrage|studie|stiftung warentest|(?:ö|oe)ko-test|19\\d\\d|20\\d\\d|\\*)${E}|\\*`,
);

const SPECIAL_VOCABULARY = rx(
  `${B}(?:loans?|mortgages?|lines? of credit|refinanc\\p{L}*|kredit(?!karte)\\p{L}*|darlehen|hypothek\\p{L}*|baufinanzierung|ratenkauf|now hiring|we'?re hiring|wir stellen ein|job openings?|offene stellen|stellenangebot\\p{L}*|bewirb dich|for rent|apartments? for|condos?|homes? for sale|zu vermieten|mietwohnung\\p{L}*|eigentumswohnung\\p{L}*)${E}`,
);

/** Protected traits and their proxies (age, sex, family status, origin, religion, neighbourhood). */
const PROTECTED_TRAIT = rx(
  `${B}(?:young|younger|old(?:er)?|seniors?|retirees?|ages?${S}\\d+|aged|under${S}\\d+|over${S}\\d+|\\d{2}${S}?(?:-|to|bis)${S}?\\d{2}|men|women|male|female|guys|girls|ladies|mothers?|fathers?|moms?|dads?|newlyweds?|empty[\\s-]nesters?|bachelors?|students?|pensioners?|millennials|gen[\\s-]?z|boomers|studenten|studierende|couples?|famil(?:y|ies)|kids|children|single|married|christians?|muslims?|jewish|hispanic|latino|asian|(?<!(?:teal|blue|red|green|grey|gray|navy|gold|silver|orange|pink|yellow|purple|colou?rs?|and|or|pure|bright|off)[\\s,-]+)(?:black|white)(?![\\s-]+(?:and|or|background|backdrop|walls?|shirts?|t-shirts?|tees?|logo|text|font|desk|office|board|tones?|colou?rs?|window\\p{L}*|frames?|floors?|tiles?|doors?|cabinets?|kitchen|counters?|marble|leather|sofa|chairs?|tables?|cars?|cats?|dogs?|suits?|jackets?|coats?|mugs?|cups?|laptops?|phones?|screens?|cards?|paper|stone|brick|fences?|sky|sand|packaging|design|theme|accents?|details?|trim|furniture|sneakers?)\\b)|immigrants?|natives?|neighbou?rhood|zip(?:${S}codes?)?|post${S}?codes?|junge[nrs]?|jung|(?:ä|ae)ltere?|senioren|rentner\\p{L}*|m(?:ä|ae)nner|frauen|damen|m(?:ü|ue)tter|v(?:ä|ae)ter|famili(?:e|en)|kinder|paare?|ehepaare?|frisch verheiratet\\p{L}*|verheiratet\\p{L}*|christ\\p{L}*|muslim\\p{L}*|j(?:ü|ue)disch\\p{L}*|deutsche[nr]?|ausl(?:ä|ae)nder\\p{L}*|muttersprachler\\p{L}*|plz|postleitzahl\\p{L}*|viertel)${E}`,
);

const special = (input: ComplianceInput) =>
  input.context.specialAdCategory === 'credit' ||
  input.context.specialAdCategory === 'employment' ||
  input.context.specialAdCategory === 'housing';

const WORK_OR_INCOME = rx(
  `${B}(?:jobs?|side hustle|side job|work(?:ing)? from home|from home|earn\\p{L}*|income|make|profit|passive|nebenjob|nebenverdienst|heimarbeit|von zu hause|verdien\\p{L}*|einkommen|gewinn\\p{L}*|ohne erfahrung|no experience)${E}`,
);

/** An interval the price recurs at ("per month", "every 8 weeks", "alle 30 Tage", "per shipment"). */
const INTERVAL = rx(
  `${PERIOD}|${B}(?:every|each|alle|jede[nrs]?)${S}(?:${NUM}${S})?(?:days?|weeks?|months?|years?|tage?n?|wochen?|monate?n?|jahre?n?|shipments?|deliver(?:y|ies)|lieferungen?)${E}|${B}per${S}(?:shipment|delivery|box)${E}|${B}(?:und|and)${S}(?:monat|month|jahr|year)${E}|${B}pro${S}(?:lieferung|box)${E}`,
);
/** How to cancel ("cancel anytime", "jederzeit kündbar", "pause or skip"). */
const CANCEL = rx(
  `${B}(?:cancel\\p{L}*|k(?:ü|ue)ndbar|k(?:ü|ue)ndig\\p{L}*|k(?:ü|ue)ndung|pause|skip|pausieren)${E}`,
);
/** Copy that sells a recurring offer. */
const SUBSCRIPTION_OFFER = rx(
  `(?:${MONEY})|${B}(?:subscribe|subscription|membership|member|trial|join|sign up|start (?:now|today|your)|plan|abo(?:nnement|nnieren)?|mitglied\\p{L}*|probe\\p{L}*|testen|gratis|kostenlos|free|pay(?:s|ing)?|zahl(?:e|st|t|en)?|bezahl\\p{L}*|price|preis|costs?|kostet|cheaper|g(?:ü|ue)nstiger|billiger|basically nothing|next to nothing|almost nothing|so gut wie nichts|fast nichts|pennies|cents? a day|(?:a|one|einen?|einem) (?:coffee|kaffee|latte|netflix)|unlimited|unbegrenzt|full access|all access|voller zugang|alle kurse|all (?:courses|classes|lessons))${E}`,
);

export const REVIEW_RULES: readonly PatternRule[] = [
  {
    id: 'review.subscription-terms-incomplete',
    category: 'auto_renewal_disclosure',
    severity: 'warning',
    message: 'sells an auto-renewing offer without both the interval it renews at and how to cancel',
    scope: 'text',
    when: (input) =>
      input.context.subscription &&
      input.field !== 'image_prompt' &&
      !(input.text.search(INTERVAL) >= 0 && input.text.search(CANCEL) >= 0),
    patterns: [SUBSCRIPTION_OFFER],
  },
  {
    id: 'review.you-with-condition',
    category: 'personal_attributes',
    severity: 'warning',
    message:
      'addresses the reader next to a health, money, credit or relationship condition: check it does not assert they have it',
    requires: YOU,
    // Informing about a condition or a check that leaves it alone is not telling the reader they have it.
    unless: rx(
      `${B}(?:did you know|wusstest du|learn the signs|without (?:affecting|hurting|impacting)|for free|no impact|won'?t (?:lower|hurt|affect)|kostenlos|ohne (?:auswirkung|einfluss|schufa-?eintrag))${E}`,
    ),
    patterns: [rx(`${B}${SITUATION}${E}`)],
  },
  {
    id: 'review.question-with-condition',
    category: 'personal_attributes',
    severity: 'warning',
    message: 'a question about a condition or life situation asks the reader whether they have it',
    unless: rx(
      `${B}(?:did you know|wusstest du|what is|what are|what causes|was ist|was sind|wie entsteht|why do|warum|know someone|kennst du jemand\\p{L}*)${E}`,
    ),
    patterns: [rx(`${B}${SITUATION}${E}[^.!?]*\\?`)],
  },
  {
    id: 'review.treatment-verb-with-condition',
    category: 'health_claims',
    severity: 'warning',
    message: 'a treatment, cure or relief verb next to a condition reads as a medical claim',
    substantiable: true,
    patterns: [
      rx(`${B}${TREAT_VERB}${E}[^.!?]{0,60}?${B}${SITUATION}${E}`),
      rx(`${B}${SITUATION}${E}[^.!?]{0,60}?${B}${TREAT_VERB}${E}`),
    ],
  },
  {
    id: 'review.permanent-or-reversed',
    category: 'health_claims',
    severity: 'warning',
    message: 'promises a condition or sign of ageing gone for good, or reversed',
    substantiable: true,
    patterns: [
      rx(
        `${B}(?:for good|forever|permanent(?:ly)?|never again|goodbye|bye[\\s-]bye|say goodbye|kiss${S}(?:[\\p{L}]+${S}){0,3}goodbye|dauerhaft|f(?:ü|ue)r immer|nie wieder|schluss mit|adieu|tsch(?:ü|ue)ss)${E}[^.!?]{0,60}?${B}(?:${SITUATION}|wrinkles?|falten|cellulite|fat|fett|aging|ageing|alterung)${E}`,
      ),
      rx(
        `${B}(?:${SITUATION}|wrinkles?|falten|cellulite|fat|fett)${E}[^.!?]{0,40}?${B}(?:for good|forever|permanent(?:ly)?|goodbye|dauerhaft|f(?:ü|ue)r immer|nie wieder)${E}`,
      ),
      rx(
        `${B}(?:regrow\\p{L}*|re-grow\\p{L}*|restores?${S}(?:your${S}|thick${S})?hair|nachwachsen|neues haarwachstum|l(?:ä|ae)sst haare wachsen)${E}`,
      ),
      rx(
        `${B}(?:revers\\p{L}*|turns? back|rewinds?|stops?|erases?|kehrt|umkehr\\p{L}*|stoppt|zur(?:ü|ue)ckdrehen)${E}[^.!?]{0,30}?${B}(?:(?:the${S})?(?:signs${S}of${S})?(?:aging|ageing)|the clock|(?:die${S})?(?:hautalterung|alterung|zeit)|biological age|biologische\\p{L}* alter)${E}`,
      ),
    ],
  },
  {
    id: 'review.figure-time-result',
    category: 'weight_loss',
    severity: 'warning',
    message: 'a figure with a time frame next to a body, weight or result word promises a specific outcome',
    // A stated study, a returns window or a product's duration of effect is not a promised outcome.
    unless: rx(
      `${B}(?:money[\\s-]back|geld[\\s-]zur(?:ü|ue)ck|returns?|r(?:ü|ue)ckgabe|trial|testen|shipping|versand|lieferung|delivery|study|studie|anwendungsstudie|participants|teilnehmer\\p{L}*|self-assessment|selbsteinsch(?:ä|ae)tzung|results (?:may |can )?vary|ergebnisse k(?:ö|oe)nnen variieren|feuchtigkeit\\p{L}*|hydrat\\p{L}*|moistur\\p{L}*|lasts|h(?:ä|ae)lt)${E}|\\*`,
    ),
    patterns: [
      rx(`${B}${NUM}${S}?${TIME}${E}[^.!?]{0,50}?${B}${RESULT}${E}`),
      rx(`${B}${RESULT}${E}[^.!?]{0,50}?${B}${NUM}${S}?${TIME}${E}`),
    ],
  },
  {
    id: 'review.calories-and-appetite',
    category: 'weight_loss',
    severity: 'warning',
    message: 'a calorie figure burned, or appetite or weight said to vanish, promises a weight outcome',
    patterns: [
      rx(
        `${B}(?:burn\\p{L}*|torch\\p{L}*|verbrenn\\p{L}*)${S}(?:up to${S}|bis zu${S})?${NUM}${S}(?:calories|kalorien|kcal)${E}`,
      ),
      rx(
        `${B}(?:appetite|hunger|cravings|hei(?:ß|ss)hunger|appetit|pounds|kilos|pfunde|fat|fett|bauchfett|belly fat)${S}(?:is${S}|ist${S})?(?:gone|vanishes|disappears|melts?(?: away)?|weg|verschwunden|verschwindet|schmilzt|schmelzen|purzeln|suppressed|gez(?:ü|ue)gelt)${E}`,
      ),
    ],
  },
  {
    id: 'review.drug-comparison',
    category: 'health_claims',
    severity: 'warning',
    message: 'names or compares itself to a prescription drug or medical treatment',
    patterns: [
      rx(
        `${B}(?:ozempic|wegovy|mounjaro|semaglutide?|tirzepatide?|antidepressants?|antidepressiv\\p{L}*|antibiotics?|antibiotik\\p{L}*|viagra|cialis|xanax|valium|botox|ibuprofen|painkillers?|schmerzmittel\\p{L}*|prescription (?:drugs?|medication)|rezeptpflichtig\\p{L}*|metformin|statins?|steroids?|cortison\\p{L}*|kortison\\p{L}*|abnehmspritze)${E}`,
      ),
      rx(
        `${B}(?:natural alternative to|nat(?:ü|ue)rliche alternative zu|instead of (?:pills|medication)|statt (?:tabletten|medikamenten))${E}`,
      ),
    ],
  },
  {
    id: 'review.multiplied-results',
    category: 'income_claims',
    severity: 'warning',
    message: 'promises revenue, sales or income multiplied',
    patterns: [
      rx(
        `${B}(?:doubl\\p{L}*|tripl\\p{L}*|\\d+x|verdoppel\\p{L}*|verdreifach\\p{L}*|vervielfach\\p{L}*)${S}(?:[\\p{L}]+${S}){0,2}(?:revenue|sales|income|profits?|earnings|leads|umsatz|ums(?:ä|ae)tze|einkommen|gewinne?|verdienst)${E}`,
      ),
      rx(
        `${B}(?:revenue|sales|income|profits?|earnings|umsatz|einkommen|gewinn)${S}(?:[\\p{L}]+${S}){0,2}(?:doubl\\p{L}*|tripl\\p{L}*|verdoppel\\p{L}*|verdreifach\\p{L}*)${E}`,
      ),
    ],
  },
  {
    id: 'review.group-callout',
    category: 'personal_attributes',
    severity: 'warning',
    message: 'calls out readers by age, sex or family role',
    // "Made for women in their 40s" describes a product; with "you" it tells the reader what they are.
    requires: YOU,
    patterns: [
      rx(
        `${B}(?:moms?|mums?|mothers|dads?|fathers|women|men|ladies|guys|singles|seniors|m(?:ü|ue)tter|mamas?|v(?:ä|ae)ter|papas?|frauen|m(?:ä|ae)nner|singles|senior(?:en|innen))${S}(?:over|under|in their|(?:ü|ue)ber|unter|ab|in den)${S}\\d{2}(?:s|ern| igern)?${E}`,
      ),
      rx(
        `${B}(?:if you'?re|are you|wenn du|bist du|sind sie)${S}(?:over|under|(?:ü|ue)ber|unter)${S}\\d{2}${E}`,
      ),
    ],
  },
  {
    id: 'review.credit-status',
    category: 'personal_attributes',
    severity: 'warning',
    message: 'speaks to readers by their credit or financial status',
    patterns: [
      rx(
        `${B}(?:trotz|despite|even with)${S}(?:schufa\\p{L}*|bad credit|poor credit|credit checks?|bonit(?:ä|ae)tspr(?:ü|ue)fung|negativ\\p{L}*)${E}`,
      ),
    ],
  },
  {
    id: 'review.money-period-work',
    category: 'income_claims',
    severity: 'warning',
    message: 'a money amount per period next to work or income wording reads as an earnings claim',
    requires: WORK_OR_INCOME,
    // An hourly wage in a job ad is pay, not an earnings promise.
    unless: rx(
      `(?:an|per|pro|/)\\s?(?:hour|stunde|h)${E}|${B}(?:stundenlohn|points|punkte|cashback|costs?|kostet|price|preis|the app is)${E}`,
    ),
    when: (input) => !input.context.subscription,
    patterns: [rx(`(?:${MONEY})\\s*(?:${PERIOD})`)],
  },
  {
    id: 'review.superlative-without-source',
    category: 'unsubstantiated_superlatives',
    severity: 'warning',
    message: 'a superlative or uniqueness claim without a source',
    substantiable: true,
    unless: SOURCE,
    patterns: [
      rx(
        `${B}(?:best(?:e[nrms]?)?|bester|#\\s?1|(?:nr|no)\\.?\\s?1|number one|the only|unschlagbar\\p{L}*|testsieger\\p{L}*|revolution(?:ary|(?:ä|ae)r\\p{L}*)|einzig(?:e[nrs]?|artig\\p{L}*)?|world'?s first|weltweit erste[nrs]?|unbeatable|unmatched|unrivall?ed|garantiert)${E}`,
      ),
      rx(
        `${B}(?:nothing|no other \\p{L}+|nichts|kein(?:e[rs]?)? andere[rs]?(?:${S}\\p{L}+)?)${S}(?:else${S})?(?:\\p{L}+${S})?(?:better|faster|stronger|more effective|besser|schneller|st(?:ä|ae)rker|wirksamer|like it|so gut)${E}(?!${S}(?:than|als)${S}(?:a|an|ein|eine)${E})|${B}(?:no ?one|nobody|no brand|no company|no other brand|none|niemand|keiner|keine (?:andere )?marke|kein (?:anderer )?hersteller|kein anbieter)${S}(?:\\p{L}+${S}){0,3}(?:better|finer|faster|stronger|softer|smoother|cheaper|tastier|fresher|crisper|lighter|warmer|quieter|safer|cleaner|richer|sharper|comfier|more${S}\\p{L}+|(?:besser|schneller|st(?:ä|ae)rker|g(?:ü|ue)nstiger|bequemer|leckerer|frischer|weicher|leichter|sicherer|hochwertiger|sauberer|ruhiger|w(?:ä|ae)rmer|sch(?:ö|oe)ner)(?:e[nrs]?)?)${E}(?!${S}(?:than|als)${S}(?:a|an|ein|eine|your|deine?)${E})|${B}(?:you won'?t find (?:a |anything )?(?:better|cheaper)|can'?t be beaten|not (?:nike|adidas|apple|amazon|anyone|anybody|one)|nicht mal (?:nike|adidas|apple|amazon)|findest du (?:nirgends|nirgendwo|keine?n?) (?:besser|bessere[nrs]?)|gibt es nirgends besser)${E}|${B}(?:like no other|unlike any other|wie kein anderes?|wie keine andere|beats? (?:all|every|any)|schl(?:ä|ae)gt (?:alle|jede)|(?:better|faster|stronger) than (?:any|all|every)|(?:besser|schneller|st(?:ä|ae)rker) als (?:alle|jede[rs]?))${E}`,
      ),
    ],
    // "best-selling", "works best", "Step #1", "your best work" rank nothing against competitors.
    unlessAfter: once(
      `^(?:[\\s-]+(?:selling|seller|regards|wishes|work|part|enjoyed|served|gr(?:ü|ue)(?:ß|ss)e)|\\s*:)`,
    ),
    unlessBefore: once(
      `${B}(?:works?|wirkt am|am|your|deine?[nm]?|ihre?[nm]?|step|schritt|our|unser(?:e[nm]?)?)\\s*$`,
    ),
  },
  {
    id: 'review.scarcity-pressure',
    category: 'false_urgency',
    severity: 'warning',
    message: 'scarcity or time pressure: check it is true and stated with its terms',
    patterns: [
      rx(
        `${B}(?:only|just|nur noch|noch)${S}${NUM}${S}(?:[\\p{L}-]+${S}){0,5}(?:left|remaining|available|übrig|verfügbar|auf lager|frei)${E}`,
      ),
      rx(`${B}${NUM}${S}(?:[\\p{L}-]+${S}){0,2}(?:left|remaining)${E}`),
      rx(
        `${B}${NUM}${S}(?:people|personen|others|andere|kunden|customers|shoppers)${S}(?:just bought|have just bought|bought this today|are (?:looking|viewing|watching)|haben gerade|schauen sich|sehen sich)${E}`,
      ),
      rx(
        `${B}(?:last few|letzten (?:paar|wenigen)|nur (?:noch )?wenige|few (?:left|remaining)|wenige (?:übrig|verfügbar)|stock alert|almost gone|selling fast|last chance|letzte chance|nur heute|today only|ends? (?:tonight|today|soon|at midnight)|endet (?:heute|bald|um mitternacht)|l(?:ä|ae)uft (?:heute |bald )?ab|countdown|(?<!(?:interval|intervall|kitchen|k(?:ü|ue)chen|workout|training|sleep|schlaf|egg|eier|rest|pausen|pomodoro|app'?s|built-in|integrierte[nmr]?)[\\s-]?)timer|hurry|beeil dich|beeilen sie sich|before it'?s gone|bevor es weg ist|reserved for${S}${NUM}${S}minutes?|f(?:ü|ue)r${S}${NUM}${S}minuten reserviert|waitlist|warteliste)${E}`,
      ),
      rx(
        `${B}(?:verpass\\p{L}*|miss(?:es|ing)? out|miss)${E}[^.!?]{0,40}${B}(?:chance|opportunity|gelegenheit)${E}`,
      ),
      rx(`${B}${NUM}${S}minutes?${S}only${E}`),
      // a short window (minutes, hours, a clock countdown) next to wording that the offer, spot or price lapses
      rx(
        `(?:${B}(?:next|n(?:ä|ae)chsten|within|innerhalb|in)${S}(?:(?:the|der|den)${S})?${NUM}${S}(?:minutes?|mins?|minuten|seconds?|sekunden|hours?|hrs?|stunden)|${B}\\d{1,2}:\\d{2}${S}(?:minutes?|mins?|minuten|min))${E}[^.!?]{0,80}?${B}(?:reserv\\p{L}*|held|hold(?:ing)?|releas\\p{L}*|expir\\p{L}*|lapses?|forfeit\\p{L}*|lost|gone|given away|verf(?:ä|ae)llt|verfallen|erlischt|weg|vergeben|freigegeben|l(?:ä|ae)uft ab|waiting list|warteliste|danach)${E}`,
      ),
      rx(
        `${B}(?:reserv\\p{L}*|held|releas\\p{L}*|expir\\p{L}*|verf(?:ä|ae)llt|erlischt|freigegeben|vergeben)${E}[^.!?]{0,80}?(?:${B}(?:in|within|after|nach|innerhalb|n(?:ä|ae)chsten)${S}(?:(?:the|der|den)${S})?${NUM}${S}(?:minutes?|mins?|minuten|seconds?|sekunden|hours?|hrs?|stunden)|${B}\\d{1,2}:\\d{2}${S}(?:minutes?|mins?|minuten|min))${E}`,
      ),
      rx(
        `${B}(?:unwiderruflich|endg(?:ü|ue)ltig|irrevocably|for good|forever|permanently|never (?:again|be offered))${E}[^.!?]{0,30}?${B}(?:verf(?:ä|ae)llt|verfallen|weg|vorbei|gone|lost|expires?|expired)${E}|${B}(?:verf(?:ä|ae)llt|verfallen|expires?|gone|lost)${S}(?:(?:ihr|dein|your|der|the)${S})?(?:\\p{L}+${S}){0,2}(?:unwiderruflich|endg(?:ü|ue)ltig|irrevocably|for good|forever|permanently)${E}`,
      ),
    ],
  },
  {
    id: 'review.special-vocabulary-undeclared',
    category: 'special_ad_category',
    severity: 'warning',
    message: 'credit, employment or housing wording while the campaign declares no special ad category',
    when: (input) => input.context.specialAdCategory === null,
    patterns: [SPECIAL_VOCABULARY],
  },
  {
    id: 'review.protected-trait-in-special-category',
    category: 'special_ad_category',
    severity: 'warning',
    message: 'age, sex, family status, origin, religion or place words in a credit, job or housing ad',
    when: special,
    // "(m/w/d)", opening hours, weekly hours, loan terms and dates are not traits.
    // "Senior Backend Engineer", "Junior Designer": seniority in a job title, not an age.
    unlessAfter: once(
      `^\\s*(?:(?:backend|frontend|full[\\s-]?stack|software|data|product|account|sales|marketing|project|program|engineer\\p{L}*|developer|dev|manager\\p{L}*|designer\\p{L}*|analyst|consultant|associate|director|accountant|architect|scientist|recruiter|specialist|nurse|berater\\p{L}*|entwickler\\p{L}*|ingenieur\\p{L}*|referent\\p{L}*|projektleiter\\p{L}*|spezialist\\p{L}*|architekt\\p{L}*|pflegekraft|buchhalter\\p{L}*|vertriebs\\p{L}*)${E}|/\\s*[wd]|'s|o'clock|[ap]\\.?m${E}|uhr|h${E}|stunden|hours?|months?|monat\\p{L}*|minut\\p{L}*|days?|tage?n?|weeks?|wochen?|%|€|\\.\\s*(?:jan|feb|m(?:ä|ae)r|apr|mai|jun|jul|aug|sep|okt|nov|dez))`,
    ),
    patterns: [PROTECTED_TRAIT],
  },
  {
    id: 'review.transformation-vocabulary',
    category: 'before_after',
    severity: 'warning',
    message: 'transformation or before/after wording around bodies or skin',
    scope: 'text',
    when: (input) =>
      ['skincare', 'supplements', 'weight_loss', 'fitness', 'coaching'].includes(input.vertical) ||
      rx(
        `${B}${BODY}${E}|${B}(?:shirtless|abs|size${S}\\d+|beards?|bart|eyes|augen|lips|lippen|nose|nase|brows|augenbrauen|lashes|wimpern|chest|brust|arms|arme|legs|beine)${E}`,
      ).test(input.text),
    patterns: [
      rx(
        `${B}(?:transformation|transformed|verwandlung|verwandelt|day${S}(?:1|one)|tag${S}1|split[\\s-]?screen|split${S}(?:image|photo|frame|shot|bild|foto)|left half|right half|linke h(?:ä|ae)lfte|rechte h(?:ä|ae)lfte|links:|rechts:|left:|right:|erkennst du|the difference|der unterschied|hard cut|from a size${S}\\d+|von gr(?:ö|oe)(?:ß|ss)e${S}\\d+)${E}`,
      ),
      rx(
        `${B}(?:${NUM}${S}(?:days?|weeks?|months?|years?)${S}ago|vor${S}${NUM}${S}(?:tagen|wochen|monaten|jahren)|last (?:year|summer)|letztes jahr|letzten sommer|i used to|ich war (?:mal|fr(?:ü|ue)her)|fr(?:ü|ue)her)${E}[\\s\\S]{0,160}?${B}(?:now|today|heute|jetzt|inzwischen|mittlerweile)${E}`,
      ),
      rx(
        `${B}(?:(?:her|his|my|their|old|alte[nrs]?|ihre?[nrs]? alte[nrs]?|seine?[nrs]? alte[nrs]?)${S}(?:jeans|pants|trousers|dress|clothes|hose|kleid|kleidung|jeans)|sizes? too big|zu gro(?:ß|ss)|passt (?:jetzt )?(?:zweimal|doppelt)|zweimal (?:hinein)?passt)${E}`,
      ),
      rx(
        `${B}(?:so sah|so sieht|this is (?:how|what)|here'?s (?:how|what)|that'?s (?:how|what)|das war|das ist)${S}(?:[\\p{L}']+${S}){0,3}(?:aus|looked|look(?:s|ed)? like|war|was)${E}[^.!?]{0,80}?${B}(?:bevor|before|vorher|nachher|after|heute|today|now|jetzt)${E}`,
      ),
      rx(
        `${B}(?:swipe|slide|scroll|tap|wisch\\p{L}*|swipe\\p{L}*|scroll\\p{L}*|tipp\\p{L}*)${S}(?:\\p{L}+${S}){0,3}(?:left|right|links|rechts|to see (?:the )?(?:after|result|change|difference)|for the after|zum nachher|um (?:das )?(?:nachher|ergebnis) zu sehen)${E}`,
      ),
      rx(`${B}(?:shirtless|oben ohne|six[\\s-]?pack|abs visible|baggy (?:shirt|clothes)|bikini)${E}`),
    ],
  },
  {
    id: 'review.clothes-fit-loss',
    category: 'weight_loss',
    severity: 'warning',
    message: 'clothes said to get loose, drop a size or fit again imply a weight-loss outcome',
    patterns: [
      rx(
        `(?:${B}(?:jeans|pants|trousers|shorts|dress|skirt|belt|waistband|clothes|shirt|suit)|(?<![\\p{N}])\\p{L}*(?:jeans|hose|rock|kleid|g(?:ü|ue)rtel|hosenbund|kleidung|klamotten|anzug))${E}[^.!?]{0,40}?${B}(?:loose(?!${S}(?:cut|fit|fitting|weave|knit))|looser|baggy|falling off|slip(?:s|ping)? off|fit(?:s)? again|too big|a size (?:down|smaller)|one size (?:down|smaller)|(?:a${S})?(?:new|extra|next|another|tighter) (?:notch|hole)|notch tighter|locker(?:er)?(?!${S}geschnitten)|weiter(?!${S}(?:schnitt|geschnitten))|zu weit|zu gro(?:ß|ss)|rutsch\\p{L}*|schlabber\\p{L}*|passt wieder|passen wieder|eine gr(?:ö|oe)(?:ß|ss)e kleiner|ein (?:neues )?loch enger|neues loch)${E}`,
      ),
      rx(
        `${B}(?:drop|go down|shrink|down)${S}(?:a|one|two|\\d)${S}(?:dress${S}|jeans${S}|pant${S})?sizes?${E}|${B}(?:eine|zwei|\\d)${S}(?:kleider|hosen|konfektions)?gr(?:ö|oe)(?:ß|ss)en?${S}(?:kleiner|weniger)${E}|${B}(?:fit|fits|passt|passen|passe)${S}(?:(?:you|du|sie|ihr|ich|i)${S})?(?:(?:back${S})?into|wieder${S}in)${S}(?:your|my|her|his|deine?|meine?|ihre?|seine?)${S}(?:old${S}|alte${S})?(?:\\p{L}+${S})?(?:jeans|pants|dress|hose|kleid)${E}`,
      ),
    ],
  },
  {
    id: 'review.peer-group-callout',
    category: 'personal_attributes',
    severity: 'warning',
    message: 'points the reader at "other" people of a group or place, implying they belong to it',
    patterns: [
      rx(
        `${B}(?:other|fellow|more|andere|weitere|viele andere)${S}(?:\\p{L}+${S}){0,2}(?:moms?|mums?|mothers|dads|fathers|parents|singles|seniors|retirees|pensioners|widows?|divorcees?|women|men|ladies|guys|students|veterans|immigrants|expats|renters|homeowners|diabetics|patients|m(?:ü|ue)tter|mamas|v(?:ä|ae)ter|papas|eltern|alleinerziehende|singles|senioren|rentner(?:innen)?|witwen|geschiedene|frauen|m(?:ä|ae)nner|studierende|studenten|mieter|diabetiker|patient(?:en|innen))${S}(?:in|from|near|around|like you|just like you|aus|in der n(?:ä|ae)he|wie du|wie sie|are already|already|sind schon|bereits|schon)${E}`,
      ),
      rx(
        `${B}(?:single (?:moms?|mums?|mothers?|dads?|fathers?|parents?)|alleinerziehende[nr]?)${S}(?:in|from|near|around|aus|in der n(?:ä|ae)he)${S}\\p{Lu}?\\p{L}+`,
      ),
    ],
  },
  {
    id: 'review.job-replacement',
    category: 'income_claims',
    severity: 'warning',
    message: 'promises quitting the job, firing the boss or living off the gains: an implied income claim',
    patterns: [
      rx(
        `${B}(?:quit(?:ting)?|leave|leaving|ditch(?:ing)?|escape|fire|firing|sack)${S}(?:(?:your|my|his|her|the|that)${S})?(?:day${S}|9[\\s-]?(?:to|-)[\\s-]?5${S}|corporate${S}|boring${S})?(?:job|boss|9[\\s-]?(?:to|-)[\\s-]?5|rat race|cubicle)${E}|${B}(?:how easy it is to fire|fire (?:him|her|them)|never (?:work|commute) again|retire (?:early|at \\d{2}|next year|in \\d)|be your own boss|replace (?:your|my) (?:salary|income|paycheck|wage))${E}`,
      ),
      rx(
        `${B}(?:live|living|lives|leb(?:e|st|t|en))${S}(?:(?:only|just|entirely|nur(?: noch)?|ganz|komplett)${S})?(?:off|on|von)${S}(?:(?:your|my|the|their|deine[nm]?|meine[nm]?|den|ihre[nm]?)${S})?(?:[\\p{L}-]+${S})?(?:gains|profits|returns|dividends|trades|trading|crypto|passive income|gewinn\\p{L}*|rendite\\p{L}*|dividende\\p{L}*|trades|krypto\\p{L}*|[\\p{L}]+-gewinn\\p{L}*|zinsen)${E}`,
      ),
      rx(
        `${B}(?:k(?:ü|ue)ndig\\p{L}*|schmei(?:ß|ss)\\p{L}*|feuer\\p{L}*|verlass\\p{L}*)${S}(?:(?:du|ich|sie)${S})?(?:\\p{L}+${S}){0,2}(?:(?:deinen|meinen|ihren|seinen|den)${S})?(?:job|chef|chefin|b(?:ü|ue)rojob|hamsterrad|9[\\s-]?(?:to|bis)[\\s-]?5)${E}|${B}(?:(?:job|chef)${S}(?:k(?:ü|ue)ndigen|feuern|hinschmei(?:ß|ss)en)|nie wieder arbeiten|dein eigener chef|fr(?:ü|ue)her in rente|mit \\d{2} in rente)${E}`,
      ),
      rx(
        `${B}(?:pays?|paying|covers?|covering|funds?|finances?|bezahl\\p{L}*|finanzier\\p{L}*|zahlt|zahlst)${S}(?:(?:you|du|sie|dir|ihnen)${S})?(?:(?:for|f(?:ü|ue)r)${S})?(?:(?:your|my|dir|dein(?:en|e)?|mein(?:en|e)?|the|den|die)${S})?(?:(?:next|whole|entire|n(?:ä|ae)chsten|ganzen)${S})?(?:holiday|holidays|vacation|trip|car|rent|mortgage|house|bills|tuition|wedding|urlaub|reise|auto|miete|hypothek|haus|rechnungen|hochzeit)${E}`,
      ),
    ],
  },
];
