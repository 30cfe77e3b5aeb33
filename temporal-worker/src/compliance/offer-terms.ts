import { alt, B, E, fold, MONEY, NUM, PERIOD, rx, S, S0 } from './text';
import type { ComplianceInput, SpecialAdCategory } from './types';

/*
 * Rules that read the campaign's context: an auto-renewing offer must say so where the copy sells it, and copy about
 * credit, jobs, housing or politics needs the matching special ad category declared (and no discriminatory
 * preference under it).
 */

// ------------------------------------------------------------------------------------ auto-renewal

/** Copy that sells the offer: a price, a trial, a first box, a call to subscribe or join. */
const OFFER_MENTION = rx(
  alt(
    MONEY,
    `${B}(?:free|risk[\\s-]free|no[\\s-]cost)${S}(?:trial|month|week|box|sample|first (?:month|box|week))${E}`,
    `${B}(?:trial|trial period|first (?:month|box|order|week|issue|delivery|kit)|intro(?:ductory)? (?:offer|price|rate)|starter (?:kit|box))${E}`,
    `${B}(?:try|test)${S}(?:it${S}|us${S}|\\p{L}+${S})?(?:free|for free|for ${NUM}|risk[\\s-]free)${E}`,
    `${B}(?:subscribe|subscription|subscribers?|membership|member price|join (?:now|today|the club|us)|sign up|start (?:now|today|your|saving)|get started|claim your|plan(?:s)? (?:start|from))${E}`,
    `\\d+\\s?%${S}off${S}(?:your${S})?(?:first|1st)${E}`,
    `${B}(?:half price|half off|halben preis|\\d+\\s?%\\s?(?:off|rabatt)|rabatt|discount|gutschein|coupon|promo code|for (?:just|only)|f(?:ü|ue)r (?:nur|nur noch)|nur${S}${MONEY})${E}`,
    `${B}(?:kostenlos|gratis|unverbindlich|risikofrei)${S}(?:testen|ausprobieren|probieren)${E}`,
    `${B}(?:first|your first|deine[nr]? ersten|ihre[nr]? ersten|die ersten|ersten?)${S}(?:${NUM}${S0})?(?:days?|weeks?|months?|tage?n?|wochen?|monate?n?|issues?|boxes|ausgaben)${E}`,
    `${B}(?:free|gratis|kostenlos|umsonst)${S}(?:for${S}|f(?:ü|ue)r${S})?${NUM}${S0}(?:days?|weeks?|months?|tage?n?|wochen?|monate?n?)${E}`,
    `${B}(?:teste|testen|test|probiere|probier|try|get)${S}(?:[\\p{L}\\p{N}]+${S}){0,3}(?:gratis|kostenlos|free|umsonst|for free)${E}`,
    `${B}${NUM}${S0}(?:tage?|days?|wochen?|weeks?|monate?|months?)${S}(?:gratis|kostenlos|free|umsonst|for free|f(?:ü|ue)r 0)${E}`,
    `${B}(?:probe(?:abo|monat|zeitraum|paket|box|woche)|testphase|testzeitraum|testmonat|gratismonat|erste[nr]? (?:monat|box|lieferung|woche)|einf(?:ü|ue)hrungs(?:preis|angebot))${E}`,
    `${B}(?:abonnieren|abonniere|abo|abonnement|mitgliedschaft|jetzt (?:starten|anmelden|mitglied werden|testen|sichern)|anmelden|registrieren|mitglied werden)${E}`,
  ),
);

/** Words that disclose the renewal: it renews, it recurs, it is billed per interval until cancelled. */
const RENEWAL_DISCLOSED = rx(
  alt(
    `${B}(?:auto[\\s-]?renew(?:s|al|ing|ed)?|renew(?:s|al|ing)?|automatically|recurring|recurs|rebills?)${E}`,
    `${B}(?:billed|charged|invoiced)${S}(?:[\\p{L}$€£\\d.,/-]+${S}){0,3}(?:monthly|annually|yearly|weekly|every|each|per|after|until)${E}`,
    `${B}until${S}(?:you${S})?cancel(?:l?ed)?${E}`,
    `${B}cancel${S}(?:before|by|within)${E}`,
    `${B}(?:won'?t|will not|wirst nicht|werden nicht)${S}(?:be${S})?(?:charged|billed|belastet)${E}`,
    `${MONEY}${S0}(?:${PERIOD})${S}(?:after|once|when|following|nach|ab)${E}`,
    `${B}cancel${S}(?:anytime|any time|at any time|online|in (?:one|1|two|2) clicks?|whenever)${E}`,
    `${B}(?:then|after that|afterwards|thereafter)${S}${MONEY}${S0}(?:${PERIOD})`,
    `${MONEY}${S0}(?:${PERIOD})${S}(?:after|once|when)${S}(?:the${S}|your${S})?(?:trial|first|intro)`,
    `${B}(?:verl(?:ä|ae)ngert sich|verl(?:ä|ae)ngerung|automatisch verl(?:ä|ae)nger\\p{L}*|wiederkehrend|abrechnung|abgerechnet)${E}`,
    `${B}(?:jederzeit|monatlich|t(?:ä|ae)glich|online|bequem|mit einem klick)${S}k(?:ü|ue)ndbar${E}`,
    `${B}(?:bis zur k(?:ü|ue)ndigung|k(?:ü|ue)ndigung jederzeit|jederzeit k(?:ü|ue)ndigen|k(?:ü|ue)ndbar)${E}`,
    `${B}(?:danach|anschlie(?:ß|ss)end|dann)${S}${MONEY}${S0}(?:${PERIOD})`,
  ),
);

const CALENDAR_PERIOD = new RegExp(
  `^${S}(?:of|in|des|im)${S}(?:the${S}|each${S}|every${S}|a${S}|jede[nsm]?${S})?(?:month|year|quarter|season|monats|jahres|quartals|jahr|monat)${E}`,
  'iu',
);

/** The quoted passages of a text (an image prompt's on-image words), joined. */
function quotedText(text: string): string {
  return [...text.matchAll(/"([^"]+)"|(?<![\p{L}])'([^']+)'(?![\p{L}])/gu)]
    .map((m) => m[1] ?? m[2])
    .join(' . ');
}

/** Whether copy states the renewal terms (it renews, at a price per interval, until cancelled). */
export function disclosesRenewal(text: string): boolean {
  return fold(text).search(RENEWAL_DISCLOSED) >= 0;
}

/** The first offer mention of copy for an auto-renewing offer that does not disclose the renewal. */
export function renewalUndisclosed(input: ComplianceInput, text: string): string | null {
  if (!input.context.subscription) return null;
  if (text.search(RENEWAL_DISCLOSED) >= 0) return null;
  // An image description sells the offer only through the words it puts on the image (quoted overlay text).
  const copy = input.field === 'image_prompt' ? quotedText(text) : text;
  for (const m of copy.matchAll(OFFER_MENTION)) {
    // "the first week of the month" is a time of year, not an introductory period of the offer.
    if (!/[\d$€£]/.test(m[0]) && CALENDAR_PERIOD.test(copy.slice(m.index + m[0].length))) continue;
    return m[0];
  }
  return null;
}

// ----------------------------------------------------------------------------- special ad categories

const TOPICS: Record<SpecialAdCategory, RegExp> = {
  credit: rx(
    alt(
      `${B}(?:personal|business|car|auto|student|payday|home|consolidation|installment|instant|quick|cash|small[\\s-]business|bridge)${S}loans?${E}`,
      `${B}loans?${S}(?:of|up to|from|for|with|approval|rates?|offers?|in minutes|today|online|approved)${E}`,
      `${B}(?:get|apply for|take out|need|compare|qualify for)${S}(?:a${S}|an${S}|your${S})?(?:[\\p{L}-]+${S})?loans?${E}`,
      `${B}(?:lender|lending|borrow(?:ing)?|refinanc(?:e|ing)|mortgages?|home equity|heloc|line of credit|credit line|cash advance|apr${E}|0\\s?% (?:apr|interest|financing)|interest[\\s-]free financing|financing (?:available|options|from)|pre[\\s-]?(?:approved|qualif(?:y|ied)))`,
      `${B}credit${S}cards?${E}`,
      `${B}kreditkarten?${E}`,
      `${B}credit${S}cards?${S}(?:offer|with|that|rewards|for|bonus)${E}`,
      `${MONEY}${S}(?:leihen|ausleihen|borrow)${E}`,
      `${B}(?:loans?|kredite?|bad credit ok|no credit check|ohne bonit(?:ä|ae)tspr(?:ü|ue)fung|instant approval|sofortzusage)${E}`,
      `\\p{L}*finanzierung${E}`,
      `${B}(?:leihen|borrow)${S}(?:[\\p{L}]+${S}){0,2}${MONEY}`,
      `${B}(?:(?:die|deine|ihre|neue|unsere|eine)${S}(?:[\\p{L}-]+${S})?kreditkarte|kreditkarten?${S}(?:beantragen|mit|ohne jahresgeb(?:ü|ue)hr|gratis|kostenlos)|kredit(?:e|rahmen|vergleich|angebot)?|darlehen|ratenkredit|sofortkredit|privatkredit|autokredit|baufinanzierung|immobilienfinanzierung|umschulden|umschuldung|finanzierung ab|effektiver jahreszins|sollzins|dispo(?:kredit)?|schufa[\\s-]?frei|ohne schufa|geld leihen|leihen sie|leih dir)${E}`,
    ),
  ),
  employment: rx(
    alt(
      `${B}\\p{L}+(?:ers|ors|ists|ians|ants|ents|nurses|staff|help)${S}(?:wanted|needed|required)${E}`,
      `${B}\\p{L}+(?:er|erinnen|innen|kr(?:ä|ae)fte|kraft|hilfen|hilfe)${S}(?:\\([mwdfx/ ]+\\)${S})?(?:in${S}(?:teilzeit|vollzeit)${S})?gesucht${E}`,
      `${B}(?:join${S}(?:our|the)${S}(?:[\\p{L}'-]+${S}){0,2}team|werde${S}teil${S}(?:unseres|des)${S}(?:[\\p{L}-]+${S})?teams?|competitive${S}(?:pay|salary|wages)|benefits package|paid time off|sign(?:ing)?[\\s-]on bonus|(?:associates|drivers|nurses|cooks|chefs|cashiers|cleaners|technicians|staff|workers|helpers|fahrer(?:innen)?|pflegekr(?:ä|ae)fte|mitarbeiter(?:innen)?|aushilfen|k(?:ö|oe)che|kellner(?:innen)?|reinigungskr(?:ä|ae)fte|verk(?:ä|ae)ufer(?:innen)?|erzieher(?:innen)?|elektriker(?:innen)?|monteure)${S}(?:\\([mwdfx/ ]+\\)${S})?(?:wanted|needed|gesucht)|start (?:monday|immediately|asap|today|tomorrow)|ab sofort|unbefristet|befristet|(?:accepting|now open for|open for)${S}applications|applications${S}(?:are${S})?(?:now${S})?open|graduate${S}(?:program(?:me)?|scheme|roles?)|trainee(?:programm|program|stellen?)?|ausbildung(?:spl(?:ä|ae)tze?)?${S}(?:zum|zur|als|ab|bei|20\\d\\d)|bewerbungsphase|(?:driver|nurse|nursing|warehouse|sales|remote|entry[\\s-]level|delivery|retail|office|tech|care|cleaning|kitchen|restaurant|construction|trucking|security|teaching|hospital)${S}jobs?|jobs?${S}(?:with|for|at|in|near|available|paying|that pay|hiring)|apply in${S}${NUM}${S0}(?:minutes?|mins?)|weekly pay|daily pay|hourly pay|per hour|/hr|/hour|(?:seeking|looking for|hiring|recruiting)${S}(?:[\\p{L}-]+${S}){0,2}(?:nurses?|drivers?|developers?|engineers?|staff|workers?|associates?|cashiers?|cooks?|chefs?|technicians?|assistants?|managers?|reps?|agents?|caregivers?|teachers?|cleaners?)|we'?re hiring|we are hiring|now hiring|is hiring|are hiring|hiring now|join our team|join the team|open (?:positions?|roles?|vacanc(?:y|ies))|job (?:openings?|opportunit(?:y|ies)|offers?|vacanc(?:y|ies)|fair)|apply (?:now|today) for|careers? at|full[\\s-]time|part[\\s-]time|internships?|salary of|per hour plus|sign[\\s-]on bonus|hiring (?:drivers|nurses|engineers|developers|staff|warehouse))${E}`,
      `${B}(?:(?:suchen|sucht|suche)${S}(?:dich|sie|euch|verst(?:ä|ae)rkung)${S}(?:als|f(?:ü|ue)r|zur)|(?:suchen|sucht|gesucht)${S}(?:[\\p{L}-]+${S}){0,2}(?:mitarbeiter(?:in|innen)?|fahrer(?:in|innen)?|pflegekr(?:ä|ae)fte?|pflegefachkr(?:ä|ae)fte?|verk(?:ä|ae)ufer(?:in|innen)?|entwickler(?:in|innen)?|aushilfen?|kolleg(?:en|innen)|azubis?|auszubildende)|jobs?${S}(?:als|in|bei|mit)|stundenlohn|pro stunde|wir stellen ein|stellenangebote?|jobangebote?|offene stellen?|(?:jetzt |direkt )?bewerben|bewirb dich|bewerbung|karriere bei|mitarbeiter(?:in)?(?:nen)? gesucht|verst(?:ä|ae)rkung gesucht|wir suchen (?:dich|sie|eine[nr]?|verst(?:ä|ae)rkung)|vollzeit|teilzeit|festanstellung|ausbildungsplatz|werde teil unseres teams)${E}`,
      `\\((?:m|w|d|f)\\s?/\\s?(?:m|w|d|f)\\s?/\\s?(?:m|w|d|f|x)\\)`,
    ),
  ),
  housing: rx(
    alt(
      `${B}(?:apartments?|flats?|homes?|houses?|condos?|townhomes?|townhouses?|studios?|lofts?|units?|rooms?|properties|property|villas?)${S}(?:for (?:rent|sale|lease)|to rent|available (?:now|for rent)|listings?)${E}`,
      `${B}(?:for rent|for lease|now leasing|move[\\s-]in (?:ready|special|today)|open house|rent (?:from|starting)|\\d[\\s-]?(?:bed(?:room)?s?|br|bd)${E}|bedroom (?:apartment|home|house|flat|condo)|real estate listings?|homeowners? insurance|home insurance|renters? insurance|mortgage|buy your (?:first )?home|first[\\s-]time (?:home)?buyers?|house hunting|landlord)`,
      `(?:\\p{L}*(?:haus|h(?:ä|ae)user|wohnung|wohnungen|immobilie|immobilien|villa|apartment|grundst(?:ü|ue)ck|h(?:ä|ae)lfte|bungalow|maisonette|penthouse|loft|eigenheim))${S}(?:[\\p{L}-]+${S}){0,3}(?:zu verkaufen|zu vermieten|zur miete|zum kauf|kaufen|mieten|ab${S}${MONEY})${E}`,
      `${B}(?:homes?|houses?|townhomes?|townhouses?|condos?|apartments?|flats?|villas?|lofts?|duplex(?:es)?|properties|lots)${S}(?:[\\p{L}-]+${S}){0,3}(?:for sale|for rent|for lease|from|starting at|priced from|under)${S}(?:the${S}(?:low|mid|high|upper)${S})?(?:${MONEY}|[$€£]\\s?\\d)`,
      `${B}(?:homes?|houses?|townhomes?|condos?|apartments?|flats?)${S}(?:[\\p{L}-]+${S}){0,3}(?:for sale|for rent|for lease)${E}`,
      `${B}(?:zu verkaufen|zu vermieten|for sale|for rent|for lease)${E}(?=[\\s\\S]*${B}(?:garten|balkon|zimmer|m²|qm|quadratmeter|bedrooms?|baths?|bathrooms?|garage|yard|garden|sq\\.? ?ft|square feet|k(?:ü|ue)che|terrasse|keller)${E})|${B}(?:garten|balkon|zimmer|m²|qm|quadratmeter|bedrooms?|baths?|bathrooms?|garage|yard|garden|sq\\.? ?ft|square feet|terrasse|keller)${E}[\\s\\S]*${B}(?:zu verkaufen|zu vermieten|for sale|for rent|for lease)${E}`,
      `${B}(?:penthouse|villa|apartment|condo|flat|studio|townhome|home|house|loft|wohnung|haus|villa|reihenhaus|doppelhaush(?:ä|ae)lfte)s?${S}(?:[\\p{L}-]+${S}){0,2}(?:available${S}(?:now|today|for)|verf(?:ü|ue)gbar|frei ab|bezugsfrei|move[\\s-]in)${E}`,
      `${B}(?:rentals?${S}(?:available|for|in|near|from)|long[\\s-]term${S}(?:lease|rental)|for${S}lease|lease${S}(?:now|today|available)|zur${S}(?:langzeit)?miete|mietwohnung\\p{L}*|zu${S}vermieten)${E}`,
      `${B}(?:wohnung(?:en)? (?:zu vermieten|zur miete|mieten|kaufen|zu verkaufen|frei)|mietwohnung(?:en)?|eigentumswohnung(?:en)?|haus (?:zu verkaufen|kaufen|mieten|zu vermieten)|immobilien?(?:angebot|angebote|makler|kauf)?|kaltmiete|warmmiete|zimmer zu vermieten|(?:\\d[\\s,.]?\\d?)[\\s-]?zimmer[\\s-]wohnung|neubauwohnung(?:en)?|bezugsfertig|provisionsfrei|eigenheim|baufinanzierung)${E}`,
    ),
  ),
  social_issues: rx(
    alt(
      `${B}(?:vote${S}(?:yes|no)|vote${S}(?:[\\p{L}]+${S}){0,3}(?:november|election|ballot|primary|midterms|measure|prop(?:osition)?|amendment|candidate|party|senate|congress)|register to vote|voter registration|get out the vote|your vote (?:counts|matters)|go vote|vote early|vote by mail|(?:march|rally|protest|stand up|fight|stand)${S}(?:with us${S})?for${S}(?:[\\p{L}-]+${S}){0,2}rights|(?:reproductive|voting|civil|human|lgbtq\\+?|workers'?|women'?s|gun)${S}rights|(?:stop|block|oppose|fight|ban|protect|save)${S}(?:the${S}|our${S})?(?:[\\p{L}-]+${S}){0,2}(?:pipeline|fracking|drilling|deportations?|mandate|bill|law|ban|border wall)|(?:vote|stimm\\p{L}*|w(?:ä|ae)hl\\p{L}*)${S}(?:[\\p{L}\\p{N}.]+${S}){0,4}(?:mit${S})?(?:ja|nein|yes|no)${S}(?:f(?:ü|ue)r|zu|on|for|gegen|to)|volksabstimmung|b(?:ü|ue)rgerentscheid|frauenrechte|menschenrechte|election|elections|ballot|congress(?:man|woman)?|senator|governor|mayor|legislation|petition|referendum|campaign contribution|donate to (?:our|the) campaign|political|politicians?|midterms?|polling place|register to vote|call your (?:senator|representative|mp))${E}`,
      `${B}(?:(?:geh|gehen sie|geht|gehen)${S}(?:[\\p{L}]+${S}){0,2}w(?:ä|ae)hlen|w(?:ä|ae)hlen gehen|zur wahl|wahl(?:en|kampf|kreis|programm|aufruf|lokal|zettel)|bundestag(?:swahl)?|landtag(?:swahl)?|kommunalwahl|europawahl|abstimmung|volksentscheid|volksbegehren|petition|partei|politik|politisch(?:e[nrs]?)?|gesetzentwurf|unterschreib(?:e|en sie) (?:jetzt|die petition)|deine stimme (?:f(?:ü|ue)r|z(?:ä|ae)hlt)|stimm(?:e|en sie) (?:f(?:ü|ue)r|gegen|mit))${E}`,
      `${B}(?:prop(?:osition)?\\.?${S}\\d+|measure${S}\\d+|initiative${S}\\d+|amendment${S}\\d+|(?:pass|stop|oppose|support|repeal|block|defeat|kill)${S}(?:the${S})?(?:[\\p{L}-]+${S}){0,3}(?:act|bill|law|amendment|ordinance|mandate)|\\p{L}*gesetz(?:es|entwurf)?|gun (?:control|rights)|abortion|immigration (?:policy|reform)|climate (?:action|policy|justice|crisis)|civil rights|minimum wage|einwanderung(?:spolitik)?|abtreibung|waffenrecht|klimapolitik|mindestlohn)${E}`,
    ),
  ),
};

/** Copy that only mentions a topic in passing: paying by card, or a trial that needs no card. */
const NOT_CREDIT = rx(
  alt(
    `${B}(?:no|without|kein(?:e|en)?|ohne)${S}(?:credit${S})?cards?${S}(?:required|needed|necessary|n(?:ö|oe)tig|erforderlich)?`,
    `${B}(?:accept|accepts|accepting|pay (?:with|by)|zahlen (?:mit|per)|bezahlen (?:mit|per))${S}(?:all${S}|major${S})*(?:credit${S})?cards?${E}`,
    `${B}(?:ohne|kein(?:e|en)?)${S}kreditkarten?${S0}(?:n(?:ö|oe)tig|erforderlich)?`,
    `${B}(?:zahl(?:e|en|st|t)?|bezahl(?:e|en|st|t)?|zahlung|bezahlung|akzeptieren)${S}(?:[\\p{L}-]+${S}){0,2}(?:mit|per|via|(?:ü|ue)ber|alle)?${S0}kreditkarten?${E}`,
  ),
);

/** Discriminatory preferences: age, sex, family status, origin or religion stated as who is wanted. */
const PREFERENCE = rx(
  alt(
    `${B}(?:recent (?:college )?grad(?:uate)?s|digital natives?|(?:under|unter|below|max(?:imum)?\\.?|bis|h(?:ö|oe)chstens|not older than|no older than|nicht (?:ä|ae)lter als)${S}\\d{2}(?![.,]?\\d)(?!\\.\\s*(?:jan|feb|m(?:ä|ae)r|apr|mai|jun|jul|aug|sep|okt|nov|dez))(?:${S}(?:years|yrs|jahre|jahren)(?:${S}(?:old|alt))?)?(?=\\s*(?:[.,;!)]|$|and|und|only|nur|preferred|bevorzugt)))`,
    `${B}(?:young|younger|youthful|recent (?:college )?grad(?:uate)?s|digital natives?|under ${NUM}|aged ${NUM}|between ${NUM} and ${NUM}|max(?:imum)?\\.? (?:age )?${NUM}|no older than|energetic young|junge[snrm]?|j(?:ü|ue)nger(?:e[nr]?)?|berufseinsteiger(?:innen)? unter|unter ${NUM} jahren|bis ${NUM} jahre|maximal ${NUM} jahre|digital natives?)(?:,?\\s+(?:and\\s+|und\\s+)?[\\p{L}-]+){0,2}?,?\\s+(?:team|people|professionals?|candidates?|applicants?|talent|workers?|staff|couples?|families|tenants?|buyers?|mitarbeiter(?:innen)?|kolleg(?:en|innen)|bewerber(?:innen)?|menschen|leute|paare|mieter(?:innen)?|talente|und dynamisch(?:e[nrs]?)?|dynamisch(?:e[nrs]?)?)`,
    `${B}(?:men|women|male|female|males|females|man|woman|m(?:ä|ae)nner|frauen|mann|frau)${S}(?:only|preferred|wanted|applicants? only|gesucht|bevorzugt)${E}`,
    `${B}(?:only|nur)${S}(?:men|women|males|females|m(?:ä|ae)nner|frauen)${E}`,
    `${B}(?:millennials?|gen[\\s-]?z|gen[\\s-]?y|boomers?|digital natives?|young (?:talent|blood|people)|junge (?:leute|talente|menschen))${S}(?:wanted|only|preferred|needed|gesucht|bevorzugt|willkommen)${E}`,
    `${B}(?:junge[nr]?|j(?:ü|ue)ngere[nr]?)${S}(?:mitarbeiter(?:in|innen)?|kolleg(?:e|in|en|innen)|bewerber(?:in|innen)?|verk(?:ä|ae)ufer(?:in|innen)?|(?:ä|ae)rzt(?:in|innen)?|fachkr(?:ä|ae)fte?|assistent(?:in|innen)?|mieter(?:in|innen)?)${E}`,
    `${B}(?:applicants|candidates|tenants|renters|buyers|bewerber\\p{L}*|kandidat\\p{L}*|mieter\\p{L}*|k(?:ä|ae)ufer\\p{L}*)${S}(?:[\\p{L}]+${S}){0,2}(?:under|over|aged|below|above|unter|(?:ü|ue)ber|ab|bis|zwischen|between)${S}\\d{2}(?![.,]\\d)${E}`,
    `${B}(?:without (?:children|kids)|couples only|no families|nur paare|nur f(?:ü|ue)r paare|suitable for (?:singles|couples)(?: only)?|geeignet f(?:ü|ue)r (?:singles|paare))${E}`,
    `${B}(?:female|male|weibliche|m(?:ä|ae)nnliche)${S}(?:[\\p{L}-]+${S})?(?:nurses?|staff|drivers?|candidates?|applicants?|workers?|employees?|tenants?|roommates?|mitarbeiter(?:innen)?|bewerber(?:innen)?|kr(?:ä|ae)fte|mieter(?:innen)?)${E}`,
    `${B}(?:nur${S}(?:an|f(?:ü|ue)r)${S}(?:[\\p{L}-]+${S}(?:und|&)${S})?(?:deutsche|einheimische|christen|paare|singles|berufst(?:ä|ae)tige)|(?:germans|deutsche|americans|locals|christians|einheimische)${S}(?:only|bevorzugt|preferred))${E}`,
    `${B}(?:no (?:kids|children|families|pets or kids)|adults only|childless|perfect for (?:singles|young professionals|couples without kids|empty nesters)|ideal for (?:singles|young professionals)|keine kinder|ohne kinder|kinderlose[nr]?|ideal f(?:ü|ue)r (?:singles|junge)|perfekt f(?:ü|ue)r (?:singles|junge))${E}`,
    // Sex as who is wanted, in any wording: "looking for energetic young women", "wir suchen junge Damen".
    `${B}(?:looking for|seeking|hiring|searching for|we want|wir suchen|suchen|sucht|gesucht werden)${S}(?:(?:an?|some|ein(?:e|en)?)${S})?(?:[\\p{L}-]+${S}){0,2}(?:women|men|ladies|girls|guys|gals|females|males|frauen|m(?:ä|ae)nner|damen|herren|m(?:ä|ae)dels|jungs|m(?:ä|ae)dchen)${E}(?!['’]s)`,
    // Targeting or exclusion wording by age, sex or postcode ("Audience: women 25-34", "exclude over 50", "PLZ 80331").
    `${B}(?:target(?:ing)?|audience|zielgruppe|ausrichtung|ausspielung)${S0}:?${S0}(?:[^.;\\n]{0,30}?)(?:women|men|males?|females?|frauen|m(?:ä|ae)nner|\\d{2}${S0}(?:-|–|to|bis)${S0}\\d{2}|aged|ages|alter|zip|postcodes?|postal codes?|plz|postleitzahl\\p{L}*)${E}`,
    `${B}(?:exclud(?:e|ing)|ausschlie(?:ß|ss)en|ausgeschlossen|ausschluss)${S}(?:(?:people|users|anyone|alle|personen|nutzer(?:innen)?)${S})?(?:over|under|above|below|aged|older than|younger than|(?:ü|ue)ber|unter|(?:ä|ae)lter als|j(?:ü|ue)nger als|women|men|frauen|m(?:ä|ae)nner|zip|postcodes?|postal codes?|plz|postleitzahl\\p{L}*)${E}`,
    `${B}(?:(?:ü|ue)ber|unter|over|under)${S}\\d{2}${S}(?:ausschlie(?:ß|ss)en|ausgeschlossen|excluded)${E}`,
    // Housing turned down by source of income or occupation: "No Section 8", "kein Jobcenter", "professionals only".
    `${B}(?:no${S}section${S}8|section${S}8${S}not${S}accepted|no${S}(?:housing${S})?vouchers?|vouchers?${S}not${S}accepted|no${S}(?:dss|welfare|benefits|government${S}assistance)|kein(?:e)?${S}(?:jobcenter|amt|sozialamt|wbs|hartz(?:${S}iv|${S}4)?|b(?:ü|ue)rgergeld(?:empf(?:ä|ae)nger\\p{L}*)?|sozialhilfe(?:empf(?:ä|ae)nger\\p{L}*)?|studenten|studierenden|ausl(?:ä|ae)nder|familien|azubis))${E}`,
    `${B}(?:(?:working${S})?professionals|students|families|couples|singles|locals|natives|employed${S}(?:people|tenants))${S}only${E}`,
    `${B}nur${S}(?:f(?:ü|ue)r${S}|an${S})?(?:berufst(?:ä|ae)tige|akademiker(?:innen)?|festangestellte|studenten|deutsche|paare|singles)${E}`,
    `${B}(?:native (?:english|german|american) speakers?|(?:deutsche|englische) muttersprachler(?:in)?|muttersprachler(?:in)?|deutsche bevorzugt|christian (?:home|community|neighborhood|family|values)|christliche (?:gemeinschaft|nachbarschaft|familie)|able[\\s-]bodied|nicht behindert)${E}`,
  ),
);

export interface SpecialCategoryHit {
  kind: 'undeclared' | 'prohibited' | 'preference';
  topic: SpecialAdCategory | null;
  phrase: string;
}

/** Special-ad-category problems of a text: a topic without its declared category, or a stated preference. */
export function specialCategoryHits(input: ComplianceInput, text: string): SpecialCategoryHit[] {
  const hits: SpecialCategoryHit[] = [];
  const declared = input.context.specialAdCategory;
  const cleaned = text.replace(NOT_CREDIT, ' ');
  const found: SpecialAdCategory[] = [];
  for (const topic of Object.keys(TOPICS) as SpecialAdCategory[]) {
    const m = (topic === 'credit' ? cleaned : text).match(TOPICS[topic]);
    if (!m) continue;
    found.push(topic);
    if (topic === 'social_issues' && input.platform === 'tiktok') {
      hits.push({ kind: 'prohibited', topic, phrase: m[0] });
      continue;
    }
    // A mortgage is credit and housing at once: either declaration covers it.
    const covered =
      declared === topic ||
      (declared !== null &&
        /mortgage|baufinanzierung|immobilienfinanzierung/iu.test(m[0]) &&
        declared !== 'employment');
    if (!covered) hits.push({ kind: 'undeclared', topic, phrase: m[0] });
  }
  if (
    declared !== null ||
    found.length > 0 ||
    input.vertical === 'recruiting' ||
    input.vertical === 'real_estate'
  ) {
    const p = text.match(PREFERENCE);
    if (p) hits.push({ kind: 'preference', topic: declared ?? found[0] ?? null, phrase: p[0] });
  }
  return hits;
}
