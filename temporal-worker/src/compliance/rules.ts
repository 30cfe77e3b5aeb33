import { alt, B, E, MASS, MONEY, NUM, PERIOD, rx, S, SIZE, TIME } from './text';
import type { ComplianceInput, PolicyCategory } from './types';

/**
 * The deterministic policy rules as data: each rule names its category, a severity, the message a reviewer reads
 * and the patterns (English and German) that find it in one sentence. Rules are written for kinds of claims
 * (a weight amount with a time frame, a cure verb with a condition), not for particular lines.
 */
export interface PatternRule {
  id: string;
  category: PolicyCategory;
  severity: 'warning' | 'blocker';
  message: string;
  patterns: readonly RegExp[];
  /** The sentence also has to match this (e.g. a body word next to "split screen"). */
  requires?: RegExp;
  /** A match followed by this (anchored at the match's end) is not a finding. */
  unlessAfter?: RegExp;
  /** A match preceded by this (anchored at the match's start) is not a finding. */
  unlessBefore?: RegExp;
  /** Excused when one of the canon's substantiated claims covers it. */
  substantiable?: boolean;
  /** Applies only in this context. */
  when?: (input: ComplianceInput) => boolean;
}

// ------------------------------------------------------------------------------------------ vocabulary

/** Medical conditions and symptoms (claims to treat them are drug claims; asserting them is a personal attribute). */
export const CONDITION = alt(
  // skin
  'acne',
  'acne[\\s-]?prone',
  'breakouts?',
  'pimples?',
  'blemish(?:es)?',
  'cystic',
  'eczema',
  'psoriasis',
  'rosacea',
  'dermatitis',
  'redness',
  'inflammation',
  'inflamed',
  'irritation',
  'itch(?:ing|iness|y)?',
  'hyperpigmentation',
  'melasma',
  'scars?',
  // body and mind
  'hair loss',
  'thinning hair',
  'balding',
  'alopecia',
  'insomnia',
  'sleeplessness',
  'anxiety',
  'panic attacks?',
  'depression',
  'depressed',
  'adhd',
  'autism',
  'dementia',
  "alzheimer'?s?",
  'arthritis',
  '(?:joint|back|chronic|nerve|knee|muscle) pain',
  'pain',
  'aches?',
  'migraines?',
  'headaches?',
  'diabetes',
  'diabetic',
  'pre-?diabetes',
  'blood sugar',
  'high blood pressure',
  'blood pressure',
  'hypertension',
  'cholesterol',
  'cancer',
  'tumou?rs?',
  'infections?',
  'viruses',
  'virus',
  'covid(?:-19)?',
  'flu',
  'colds? and flu',
  'the common cold',
  'ibs',
  'bloating',
  'constipation',
  'acid reflux',
  'heartburn',
  'leaky gut',
  'utis?',
  'menopause(?: symptoms)?',
  'hot flash(?:es)?',
  'erectile dysfunction',
  'impotence',
  'incontinence',
  'obesity',
  'asthma',
  'allerg(?:y|ies)',
  'fatigue',
  'disease',
  'diseases',
  'illness(?:es)?',
  'addiction',
  // German
  'akne',
  'pickeln?',
  'unreinheiten',
  'unreine[rn]? haut',
  'mitessern?',
  'neurodermitis',
  'ekzeme?n?',
  'schuppenflechte',
  'psoriasis',
  'rosazea',
  'r(?:ö|oe)tungen',
  'entz(?:ü|ue)ndungen?',
  'juckreiz',
  'narben',
  'haarausfall',
  'schlafst(?:ö|oe)rungen',
  'schlaflosigkeit',
  'angstst(?:ö|oe)rungen?',
  'angstzust(?:ä|ae)nde(?:n)?',
  'panikattacken',
  'depressionen?',
  'depressiv',
  'burn-?out',
  'adhs',
  'autismus',
  'demenz',
  'alzheimer',
  'arthrose',
  'arthritis',
  '(?:gelenk|r(?:ü|ue)cken|kopf|nerven|knie)schmerzen',
  'schmerzen',
  'migr(?:ä|ae)ne',
  'diabetes',
  'bluthochdruck',
  'blutzucker(?:spiegel)?',
  'blutdruck',
  'cholesterin(?:spiegel)?',
  'krebs',
  'tumoren',
  'infektionen?',
  'erk(?:ä|ae)ltungen?',
  'grippe',
  'reizdarm',
  'bl(?:ä|ae)hungen',
  'verstopfung',
  'sodbrennen',
  'wechseljahr(?:e|esbeschwerden)',
  'hitzewallungen',
  'erektionsst(?:ö|oe)rungen',
  'potenzprobleme(?:n)?',
  'inkontinenz',
  'blasenschw(?:ä|ae)che',
  'fettleibigkeit',
  'adipositas',
  'asthma',
  'allergien?',
  'krankheiten?',
  'ersch(?:ö|oe)pfung',
  'sucht',
);

/** Words of the body, skin and looks (a comparison of them is a before/after). */
const BODY = alt(
  'skin',
  'face',
  'faces',
  'body',
  'bodies',
  'belly',
  'stomach',
  'tummy',
  'waist',
  'waistline',
  'weight',
  'acne',
  'wrinkles?',
  'fine lines',
  'hair',
  'hairline',
  'teeth',
  'smile',
  'complexion',
  'cellulite',
  'figure',
  'physique',
  'arms',
  'thighs',
  'abs',
  'jawline',
  'pores',
  'scalp',
  'spots?',
  'woman',
  'man',
  'person',
  'model',
  'haut',
  'gesicht',
  'k(?:ö|oe)rper',
  'bauch',
  'taille',
  'gewicht',
  'falten',
  'haare?',
  'z(?:ä|ae)hne',
  'figur',
  'pickel',
  'oberschenkel',
  'frau',
  'mann',
);

// --------------------------------------------------------------------------------------- health claims

const CURE = alt(
  'cure[sd]?',
  'curing',
  'cures?',
  'heal(?:s|ed|ing)?',
  'heilt',
  'heilen',
  'heilung',
  'geheilt',
);
const TREAT = alt(
  'treat(?:s|ed|ing)?',
  'treatments? (?:for|of)',
  'prevent(?:s|ed|ing)?',
  'prevention of',
  'reverse[sd]?',
  'reversing',
  'eliminate[sd]?',
  'eliminating',
  'eradicate[sd]?',
  'get rid of',
  'gets rid of',
  'clears(?: up)?',
  'clear up',
  'cleared(?: up)?',
  'relieves?',
  'relief (?:from|of)',
  'fights?',
  'fighting',
  'stops?',
  'ends?',
  'beats?',
  'combats?',
  'repairs?',
  'restores?',
  'banish(?:es)?',
  'defeats?',
  'behandel[nt]?',
  'behandlung (?:von|bei|gegen)',
  'lindert',
  'lindern',
  'linderung (?:von|bei)',
  'bek(?:ä|ae)mpf(?:t|en)',
  'beseitig(?:t|en)',
  'verhinder(?:t|n)',
  'beugt',
  'vorbeugen',
  'hilft (?:gegen|bei)',
  'helfen (?:gegen|bei)',
  'wirkt gegen',
  'wirken gegen',
  'stoppt',
  'stoppen',
  'befreit (?:von|dich von|sie von)',
  'gegen',
  'weg mit',
  'say goodbye to',
  'goodbye to',
  'bye[\\s-]bye',
  'no more',
  'kiss',
  'schluss mit',
  'nie wieder',
  'tsch(?:ü|ue)ss',
  'adieu',
);

export const PATTERN_RULES: readonly PatternRule[] = [
  // -------------------------------------------------------------------------------- health_claims
  {
    id: 'health.cure',
    category: 'health_claims',
    severity: 'blocker',
    message: 'claims to cure or heal: a medical claim no ad for a non-drug product may make',
    patterns: [rx(`${B}${CURE}${E}`)],
    unlessAfter: /^\s*(?:time|process|crystals?|journey)\b/iu,
    unlessBefore: /(?:self[\s-]|wound[\s-])$/iu,
  },
  {
    id: 'health.treat-condition',
    category: 'health_claims',
    severity: 'blocker',
    message: 'claims to treat, prevent or relieve a medical condition',
    patterns: [
      rx(
        `${B}${TREAT}${S}(?:(?:the|your|my|their|her|his|stubborn|painful|chronic|severe|persistent|adult|hormonal|mild|moderate|signs of|symptoms of|visible|dein(?:e[nmr]?)?|ihr(?:e[nmr]?)?|die|den|der|das|l(?:ä|ae)stige[nr]?|hartn(?:ä|ae)ckige[nr]?|chronische[nr]?)${S})*${CONDITION}${E}`,
      ),
      rx(
        `${B}${CONDITION}${E}(?:[\\s,]+[\\p{L}\\p{N}']+){0,5}?[\\s,]+(?:gone|cured|healed|treated|eliminated|vanish(?:es|ed)?|disappear(?:s|ed)?|cleared up|adé|ade|adieu|weg|verschwunden|verschwindet|geheilt|abgeheilt|besiegt)${E}`,
      ),
    ],
  },
  {
    id: 'health.proof',
    category: 'health_claims',
    severity: 'blocker',
    message: 'claims clinical or scientific proof the canon does not substantiate',
    patterns: [
      rx(
        `${B}(?:clinically|scientifically|medically|dermatologically|lab(?:oratory)?|doctor|science)${S}(?:proven|shown|demonstrated|backed|validated|verified|confirmed)${E}`,
      ),
      rx(
        `${B}(?:proven|shown|demonstrated)${S}(?:in${S}(?:clinical${S})?(?:studies|trials|a study|a clinical study))${E}`,
      ),
      rx(`${B}(?:studies|research|science|trials)${S}(?:show|shows|prove|proves|confirms?)${E}`),
      rx(`${B}fda${S}(?:approved|cleared|certified)${E}`),
      rx(
        `${B}(?:klinisch|wissenschaftlich|medizinisch|dermatologisch|(?:ä|ae)rztlich)${S}(?:bewiesen|belegt|nachgewiesen|erwiesen|best(?:ä|ae)tigt|gepr(?:ü|ue)ft)${E}`,
      ),
      rx(`${B}(?:studien|forschung|wissenschaft)${S}(?:zeigen|zeigt|beweisen|beweist|belegen|belegt)${E}`),
    ],
    substantiable: true,
  },
  {
    id: 'health.body-function',
    category: 'health_claims',
    severity: 'blocker',
    message: 'claims a medical effect on the body (immunity, blood values, detox, medication)',
    patterns: [
      rx(
        `${B}(?:boosts?|strengthens?|supercharges?|improves?)${S}(?:(?:your|the)${S})?(?:immune system|immunity)${E}`,
      ),
      rx(
        `${B}(?:lowers?|reduces?|regulates?|balances?|controls?|normali[sz]es?)${S}(?:(?:your|the)${S})?(?:blood sugar|blood pressure|cholesterol|insulin|glucose)${E}`,
      ),
      rx(
        `${B}(?:detox(?:es|ify|ifies)?|cleanses?|flush(?:es)?(?: out)?)${S}(?:(?:your|the)${S})?(?:body|liver|blood|kidneys|toxins|colon)${E}`,
      ),
      rx(
        `${B}(?:replaces?|instead of|no more|ditch)${S}(?:(?:your|the)${S})?(?:medications?|meds|prescriptions?|pills|antidepressants|insulin|painkillers)${E}`,
      ),
      rx(`${B}(?:no|zero|without)${S}side${S}effects${E}`),
      rx(`${B}miracle${S}(?:cure|pill|remedy|treatment)${E}`),
      rx(`${B}regrows?${S}(?:your${S})?hair${E}`),
      rx(
        `${B}st(?:ä|ae)rk(?:t|en)${S}(?:(?:dein|ihr|das|die|deine|ihre)${S})?(?:immunsystem|abwehrkr(?:ä|ae)fte)${E}`,
      ),
      rx(
        `${B}(?:senkt|senken|reguliert|regulieren)${S}(?:(?:den|deinen|ihren|das|dein|ihr)${S})?(?:blutzucker(?:spiegel)?|blutdruck|cholesterin(?:spiegel)?|insulin)${E}`,
      ),
      rx(`${B}(?:entgiftet|entgiften|entgiftung|entschlackt|entschlacken|entschlackung)${E}`),
      rx(`${B}(?:ohne|keine)${S}nebenwirkungen${E}`),
      rx(
        `${B}(?:ersetzt|statt|ohne)${S}(?:(?:deine|ihre|die)${S})?(?:medikamente|tabletten|antidepressiva|schmerzmittel)${E}`,
      ),
      rx(`${B}wundermittel${E}`),
    ],
  },
  // -------------------------------------------------------------------------------- before_after
  {
    id: 'before-after.phrase',
    category: 'before_after',
    severity: 'blocker',
    message: 'shows or announces a before-and-after comparison',
    patterns: [
      rx(`${B}before${S}?(?:and|&|\\+|n'?|'n'?|vs\\.?|versus|to|/)?${S}?after${E}`),
      rx(`${B}before${S}after${E}`),
      rx(`${B}vorher${S}?(?:und|&|\\+|vs\\.?|/)?${S}?nachher${E}`),
      rx(`${B}vorher[-/]nachher`),
    ],
    unlessAfter: new RegExp(
      `^${S}(?:(?:your|a|the|each|every|any|my|our|dem|der|jede[mnr]?)${S})?(?:workouts?|training|exercise|meals?|eating|showers?|swims?|sports?|school|work|class(?:es)?|runs?|rides?|gym|sessions?|sleep|bed|dinner|lunch|breakfast|travel|flights?|shaving|waxing|cleansing|use|application|applying)${E}`,
      'iu',
    ),
  },
  {
    id: 'before-after.german-vor-nach',
    category: 'before_after',
    severity: 'blocker',
    message: 'shows or announces a before-and-after comparison',
    patterns: [rx(`${B}vor${S}und${S}nach${E}`)],
    requires: rx(`${B}${BODY}${E}`),
    unlessAfter: new RegExp(
      `^${S}(?:(?:dem|der|jedem|jeder|einem|einer)${S})?(?:training|sport|essen|mahlzeiten?|duschen|schlafen|arbeit|schule|workout|rasur|waxing)${E}`,
      'iu',
    ),
  },
  {
    id: 'before-after.timeline',
    category: 'before_after',
    severity: 'blocker',
    message: 'compares the body or skin at two points in time (a before/after in other words)',
    patterns: [
      rx(
        `${B}(?:day|week|month|tag|woche|monat)${S}?\\d+\\s*(?:vs\\.?|versus|->|→|=>|to|bis|and|&|und|/|-)\\s*(?:day|week|month|tag|woche|monat)${S}?\\d+${E}`,
      ),
      rx(
        `${B}(?:then|damals|fr(?:ü|ue)her)\\s*(?:vs\\.?|versus|and|&|/|und|->|→)\\s*(?:now|heute|jetzt)${E}`,
      ),
      rx(
        `${B}(?:transformation|verwandlung)s?${S}(?:photos?|pics?|pictures?|images?|shots?|selfies?|fotos?|bilder|bild)${E}`,
      ),
      rx(`${B}\\d+${S}?(?:day|week|month|tage|wochen|monate)${S}?(?:transformation|verwandlung)${E}`),
      rx(`${B}(?:results?|ergebnis(?:se)?)${S}(?:after|nach)${S}${NUM}${S}?${TIME}${E}`),
    ],
    requires: rx(
      `${B}(?:${BODY}|photos?|pics?|image|shot|selfie|fotos?|bild(?:er)?|transformation|verwandlung|results?|ergebnis(?:se)?)${E}`,
    ),
  },
  {
    id: 'before-after.split',
    category: 'before_after',
    severity: 'blocker',
    message: 'an image set side by side that compares a body, face or skin (a before/after)',
    patterns: [
      rx(
        `${B}(?:split[\\s-]?screen|side[\\s-]by[\\s-]side|two[\\s-]panel|diptych|left[\\s-](?:half|side|panel)|right[\\s-](?:half|side|panel)|on the left|on the right|splitscreen|geteilte[rns]?${S}(?:bild|bildschirm)|nebeneinander|links${S}[^.]{0,60}rechts)`,
      ),
      rx(`${B}(?:compar(?:e|ing|ison)|vergleich(?:en|t)?)${E}`),
    ],
    requires: rx(
      `${B}(?:${BODY})${E}[^.]{0,80}${B}(?:before|after|vorher|nachher|results?|transformed|transformation|clear(?:er)?|smooth(?:er)?|slimmer|thinner|flat(?:ter)?|toned|glowing|lost|later|weeks? later|months? later|days? later|(?:after|nach)${S}${NUM}${S}?${TIME}|ergebnis(?:se)?|glatt(?:er)?|schlanker|flach(?:er|en)?|straff(?:er)?|strahlend(?:e|er)?|rein(?:er)?|sp(?:ä|ae)ter)${E}|${B}(?:before|after|vorher|nachher|acne|akne|overweight|(?:ü|ue)bergewichtig|wrinkled|dull|blemished|pickelig|bloated|flabby|saggy|speckr(?:ö|oe)llchen|schlaff(?:e|er)?)${E}[^.]{0,80}${B}(?:${BODY})${E}`,
    ),
  },
  // -------------------------------------------------------------------------------- income_claims
  {
    id: 'income.amount',
    category: 'income_claims',
    severity: 'blocker',
    message: 'promises an income or earnings figure',
    patterns: [
      rx(
        `${B}(?:make|makes|making|made|earn|earns|earning|earned|pull in|pulling in|bring in|bringing in|take home|taking home|generate|generating|profit|profits|cash in|net|verdien(?:e|en|st|t)|verdient|erziel(?:e|en|st|t)|kassier(?:e|en|st|t))${S}(?:(?:up to|over|more than|at least|an extra|extra|another|your first|a|an|bis zu|(?:ü|ue)ber|mehr als|mindestens|zus(?:ä|ae)tzlich(?:e|en)?|deine(?:n)? ersten?)${S})*${MONEY}`,
      ),
      rx(
        `${MONEY}${S}?(?:${PERIOD}|${S}(?:passive|extra|side|monthly|in passive)?${S}?(?:income|profit|profits|in sales|revenue|einkommen|gewinn|nebeneinkommen|umsatz|verdienst))`,
      ),
      rx(
        `${B}(?:income|einkommen|verdienst|gewinn)${S}(?:of|von)${S}(?:(?:up to|over|bis zu|(?:ü|ue)ber)${S})?${MONEY}`,
      ),
    ],
    requires: rx(
      `${B}(?:make|makes|making|made|earn|earns|earning|earned|income|profit|profits|passive|pull in|bring in|take home|generate|revenue|paycheck|salary|side hustle|from home|cash|verdien(?:e|en|st|t)|verdient|einkommen|gewinn|umsatz|nebenbei|gehalt|erziel(?:e|en|st|t)|net)${E}`,
    ),
    when: (input) => input.vertical !== 'recruiting',
  },
  {
    id: 'income.figures',
    category: 'income_claims',
    severity: 'blocker',
    message: 'promises a level of earnings ("six figures", "financial freedom") as a typical result',
    patterns: [
      rx(`${B}(?:five|six|seven|eight|multi|5|6|7|8)${S}?figures?${E}`),
      rx(`${B}(?:f(?:ü|ue)nf|sechs|sieben|acht|mehr)stellige?[nrs]?${E}`),
      rx(`${B}(?:passive?s?|residual)${S}(?:income|einkommen|cash ?flow)${E}`),
      rx(`${B}(?:financial|finanzielle)${S}(?:freedom|independence|freiheit|unabh(?:ä|ae)ngigkeit)${E}`),
      rx(
        `${B}(?:quit|leave|fire|ditch)${S}(?:your${S})?(?:9[\\s-]?(?:to|-)[\\s-]?5|nine[\\s-]to[\\s-]five|day${S}job|job|boss)${E}`,
      ),
      rx(
        `${B}(?:k(?:ü|ue)ndige|k(?:ü|ue)ndigen)${S}(?:(?:deinen|ihren)${S})?(?:job|chef|9[\\s-]?(?:to|bis)[\\s-]?5)${E}`,
      ),
      rx(`${B}(?:get|getting|become|becoming)${S}rich${E}`),
      rx(`${B}reich${S}werden${E}`),
      rx(
        `${B}(?:make|making|earn|earning)${S}(?:real${S}|serious${S}|easy${S}|extra${S}|big${S})?(?:money|cash|income|bank)${S}(?:fast|quick(?:ly)?|online|from home|from your (?:couch|phone|laptop)|while you sleep|in your sleep|on autopilot|overnight|without)${E}`,
      ),
      rx(`${B}(?:money|cash|income)${S}while${S}you${S}sleep${E}`),
      rx(
        `${B}(?:geld|einkommen)${S}(?:verdienen${S})?(?:im schlaf|von zu ?hause|online|nebenbei|ohne (?:arbeit|aufwand))${E}`,
      ),
      rx(
        `${B}(?:im schlaf|von zu ?hause|online|nebenbei)${S}(?:(?:echtes|viel|richtig|gutes)${S})?geld${S}verdienen${E}`,
      ),
      rx(
        `${B}(?:guaranteed|assured|risk[\\s-]?free|garantierte?[nr]?|sichere[nrs]?(?=\\s+(?:rendite|gewinne|einkommen|ertr))|risikolose?[nr]?|risikofreie?[nr]?)${S}(?:returns?|income|profits?|earnings|gains|payouts?|investments?|roi|yield|rendite|renditen|einkommen|gewinne?|ertr(?:ä|ae)ge|ertrag|einnahmen|geldanlage)${E}`,
      ),
      rx(
        `${B}(?:returns?|profits?|income|earnings|gains|rendite|gewinne?|ertr(?:ä|ae)ge)${S}(?:are${S}|sind${S})?(?:guaranteed|garantiert)${E}`,
      ),
      rx(
        `${B}(?:double|triple|10x|verdoppeln?|verdreifachen?)${S}(?:(?:your|dein(?:e|en)?|ihr(?:e|en)?)${S})?(?:money|investment|savings|income|geld|investment|verm(?:ö|oe)gen|einkommen|erspartes)${E}`,
      ),
      rx(
        `${B}(?:dein|ihr)(?:(?:e|en)?)${S}(?:geld|investment|verm(?:ö|oe)gen|einkommen)${S}(?:verdoppeln|verdreifachen)${E}`,
      ),
      rx(
        `${B}\\d+(?:[.,]\\d+)?\\s?%${S}(?:(?:monthly|weekly|daily|annual|yearly|guaranteed|fixed|monatliche|garantierte|feste)${S})?(?:returns?|roi|yield|rendite|zinsen${S}garantiert)${E}`,
      ),
      rx(`${B}(?:get|make)${S}money${S}in${S}${NUM}${S}?(?:seconds?|minutes?|hours?|days?)${E}`),
    ],
    unlessBefore: /(?:no|not|never|without|kein(?:e|en)?|nicht|ohne)\s+$/iu,
  },
  // -------------------------------------------------------------------------------- weight_loss
  {
    id: 'weight-loss.amount',
    category: 'weight_loss',
    severity: 'blocker',
    message: 'promises a specific amount of weight or size lost',
    patterns: [
      rx(
        `${B}(?:lose|loose|loses|losing|lost|drop|drops|dropping|dropped|shed|sheds|shedding|melt|melts|burn|burns|burned|burnt|torch|get rid of|verlier(?:e|en|st|t)|verloren|abnehmen|nimm|nehmen|nimmst|purzeln)${S}(?:(?:up to|over|more than|an extra|the first|your first|those|that|bis zu|(?:ü|ue)ber|mehr als|ganze|satte)${S})*${NUM}${S}?(?:${MASS}|${SIZE})${E}`,
      ),
      rx(
        `${B}${NUM}${S}?${MASS}${E}\\s*(?:(?:of${S})?(?:fat|belly fat|weight|fett|k(?:ö|oe)rperfett)${S})?(?:in|within|in just|in only|in nur|in gerade mal|innerhalb (?:von )?|binnen)${S}${NUM}${S}?${TIME}${E}`,
      ),
      rx(
        `${B}${NUM}${S}?${MASS}${S}(?:lighter|down|gone|less|weniger|leichter|abgenommen|abnehmen|verloren|verlieren|runter|weg|minus)${E}`,
      ),
      rx(`(?:^|\\s)(?:-|minus)\\s?\\d+(?:[.,]\\d+)?\\s?(?:${MASS}|${SIZE})${E}`),
      rx(
        `${B}(?:from|von)${S}(?:size${S}|gr(?:ö|oe)(?:ß|ss)e${S})?\\d+(?:[.,]\\d+)?\\s?(?:${MASS})?${S}(?:to|down to|auf|zu)${S}(?:size${S}|gr(?:ö|oe)(?:ß|ss)e${S})?\\d+(?:[.,]\\d+)?\\s?(?:${MASS})${E}`,
      ),
    ],
  },
  {
    id: 'weight-loss.effortless',
    category: 'weight_loss',
    severity: 'blocker',
    message: 'presents weight loss as fast, effortless or guaranteed',
    patterns: [
      rx(
        `${B}(?:lose weight|losing weight|weight loss|weight-loss|slim down|slimming|get slim|get skinny|fat loss|drop weight|shed weight|shed pounds|melt pounds|abnehmen|abnehmerfolg|gewicht verlieren|schlank werden|gewichtsverlust|pfunde verlieren|kilos verlieren)${S}(?:(?:is|that'?s|ist|so|and|und|—|-|:)${S})*(?:fast|faster|quick(?:ly)?|rapid(?:ly)?|instant(?:ly)?|overnight|effortless(?:ly)?|without (?:diet(?:ing)?|exercise|effort|working out|the gym|trying|giving up)|easy|easily|guaranteed|in (?:no time|days|record time)|like magic|while you sleep|schnell|sofort|(?:ü|ue)ber ?nacht|m(?:ü|ue)helos|ohne (?:di(?:ä|ae)t|sport|hungern|verzicht|anstrengung|training|jojo)|garantiert|leicht(?:gemacht)?|im schlaf|wie von selbst)${E}`,
      ),
      rx(
        `${B}(?:fast|quick|rapid|instant|effortless|easy|guaranteed|overnight|extreme|schnelle[rnms]?|m(?:ü|ue)helose[rnms]?|garantierte[rnms]?|sofortige[rnms]?|extreme[rnms]?)${S}(?:weight loss|weight-loss|fat loss|slimming|results on the scale|abnehmen|gewichtsverlust|gewichtsabnahme|fettabbau)${E}`,
      ),
      rx(
        `${B}(?:without|no)${S}(?:diet(?:ing)?|exercise|workouts?|gym|calorie counting)${S}(?:or|and|,)${S}(?:diet(?:ing)?|exercise|workouts?|gym|calorie counting|effort)${E}`,
      ),
      rx(
        `${B}(?:ohne|kein(?:e)?)${S}(?:di(?:ä|ae)t|sport|hungern|kalorienz(?:ä|ae)hlen)${S}(?:und|oder|,)${S}(?:ohne${S})?(?:di(?:ä|ae)t|sport|hungern|verzicht|kalorienz(?:ä|ae)hlen)${E}`,
      ),
      rx(
        `${B}eat${S}(?:whatever|anything|all)${S}(?:you${S})?(?:want|like|love)${S}(?:and|&)${S}(?:still${S})?(?:lose|slim|drop|burn)${E}`,
      ),
      rx(
        `${B}essen${S}(?:was|so ?viel)${S}(?:du|sie)${S}(?:willst|m(?:ö|oe)chtest|wollen|m(?:ö|oe)chten)${S}(?:und${S})?(?:trotzdem${S})?(?:abnehmen|schlank)`,
      ),
    ],
  },
  {
    id: 'weight-loss.fat-burning',
    category: 'weight_loss',
    severity: 'blocker',
    message: 'claims to melt, burn or block fat (an unrealistic weight-loss claim)',
    patterns: [
      rx(
        `${B}(?:melts?|melting|burns?|burning|torch(?:es)?|blasts?|zaps?|dissolves?|target(?:s|ed)?|blocks?|destroys?|shreds?)${S}(?:away${S})?(?:(?:stubborn|belly|body|unwanted|tummy|excess|extra|hip|thigh|arm)${S})?fat${E}`,
      ),
      rx(
        `${B}fat${S}?(?:burn(?:er|ers|ing)|blast(?:er|ing)|melt(?:er|ing)|block(?:er|ers|ing)|loss (?:pills?|gummies|drops|tea|patch(?:es)?))${E}`,
      ),
      rx(`${B}(?:carb|calorie)${S}?block(?:er|ers|ing)${E}`),
      rx(`${B}appetite${S}suppress(?:ant|ants|ing|or|es)?${E}`),
      rx(
        `${B}(?:skinny|slimming|diet|weight[\\s-]loss)${S}(?:tea|teas|coffee|pills?|patch(?:es)?|cream|gummies|drops|shots?|injections?|capsules)${E}`,
      ),
      rx(`${B}flat(?:ter)?${S}(?:belly|stomach|tummy|abs)${S}(?:in|within|fast|overnight|without)${E}`),
      rx(`${B}(?:bikini|beach|summer)${S}body${S}(?:in|within)${S}${NUM}`),
      rx(
        `${B}(?:fatburner|fettverbrenner|fettkiller|fettblocker|kohlenhydratblocker|appetitz(?:ü|ue)gler|schlankheits(?:tee|pillen|kapseln|mittel|creme)|abnehm(?:tabletten|pillen|kapseln|spritze|tropfen|tee))${E}`,
      ),
      rx(
        `${B}(?:bauchfett|fettpolster|h(?:ü|ue)ftgold|speck|fett|k(?:ö|oe)rperfett)${S}(?:weg|schmilzt|schmelzen|verbrennen|verbrennt|loswerden|adé|ade|adieu|killen|wegschmelzen)${E}`,
      ),
      rx(`${B}(?:fett|bauchfett)${S}?(?:verbrennung|schmelze|weg)${E}`),
      rx(`${B}(?:flacher|flachen)${S}bauch${S}(?:in|ohne|(?:ü|ue)ber ?nacht)${E}`),
      rx(`${B}(?:bikinifigur|strandfigur|traumfigur)${S}(?:in|ohne)${S}`),
    ],
  },
  {
    id: 'weight-loss.body-shaming',
    category: 'weight_loss',
    severity: 'blocker',
    message: 'uses negative body image or body shaming to sell',
    patterns: [
      rx(
        `${B}(?:love${S}handles|muffin${S}top|bingo${S}wings|thunder${S}thighs|bat${S}wings|jiggly|flabby|flab|ugly${S}fat|disgusting${S}(?:fat|body|belly)|rettungsringe|winkearme|schwabbel\\p{L}*|wabbel\\p{L}*|hüftspeck)${E}`,
      ),
      rx(
        `${B}(?:hate|hating|ashamed of|embarrassed (?:by|about|of)|disgusted (?:by|with)|sick of)${S}(?:your|my|how (?:you|your))${S}(?:body|belly|stomach|thighs|arms|weight|reflection|look|looks)${E}`,
      ),
      rx(
        `${B}(?:sch(?:ä|ae)mst|sch(?:ä|ae)men|hasst|hassen)${S}(?:du|sie)${S}(?:dich|sich)?${S}?(?:f(?:ü|ue)r${S})?(?:deinen|ihren|deine|ihre)${S}(?:k(?:ö|oe)rper|bauch|figur|oberschenkel|arme)${E}`,
      ),
    ],
  },
  // ------------------------------------------------------------------------ unsubstantiated superlatives
  {
    id: 'superlatives.ranking',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'claims a ranking ("#1", "number one") the canon does not substantiate',
    patterns: [
      rx(`(?:#|№)\\s?1${E}`),
      rx(`${B}(?:no\\.?\\s?1|nr\\.?\\s?1|nummer\\s(?:1|eins)|number\\s(?:1|one))${E}`),
      rx(`${B}(?:the|die|der|das)${S}(?:number|nummer)${S}(?:one|eins)${E}`),
      rx(
        `${B}(?:top[\\s-]rated|highest[\\s-]rated|best[\\s-]rated|top[\\s-]ranked|award[\\s-]winning${S}(?:best)|testsieger(?:in)?|marktf(?:ü|ue)hrer(?:in)?|marktf(?:ü|ue)hrende[nrs]?|market[\\s-]leading|market leader|industry[\\s-]leading|category[\\s-]leading)${E}`,
      ),
    ],
    unlessAfter: /^\s*(?:step|schritt|tip|tipp|reason|grund|rule|regel|mistake|fehler|of \d)\b/iu,
    unlessBefore:
      /(?:step|schritt|tip|tipp|reason|grund|rule|regel|mistake|fehler|size|gr(?:ö|oe)(?:ß|ss)e|page|seite|gate|room|apt|unit|floor|pack|box|version)\s*$/iu,
    substantiable: true,
  },
  {
    id: 'superlatives.best',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'claims to be the best or the most effective without substantiation',
    patterns: [
      rx(
        `${B}(?:the|world'?s|america'?s|germany'?s|europe'?s|britain'?s|uk'?s|us'?s|country'?s|nation'?s|planet'?s|internet'?s|town'?s|city'?s|europas|deutschlands|der welt|weltweit)${S}(?:very${S})?(?:best|most effective|most powerful|most advanced|strongest|fastest|fastest[\\s-]acting|safest|purest|healthiest|cheapest|most trusted|most recommended|most popular|greatest|finest|beste[nrs]?|wirksamste[nrs]?|st(?:ä|ae)rkste[nrs]?|schnellste[nrs]?)${E}`,
      ),
      rx(
        `${B}best${S}(?:[\\p{L}-]+${S}){0,3}(?:in the world|on the market|on earth|ever made|money can buy|in (?:the )?(?:us|usa|uk|germany|america|europe|town|the industry)|der welt|auf dem markt|in deutschland)${E}`,
      ),
      rx(
        `${B}(?:most|meist)${S}(?:effective|powerful|advanced|potent|trusted|recommended)${S}(?:[\\p{L}-]+${S}){0,2}(?:on the market|ever|available|in the world|there is|you can buy)${E}`,
      ),
      rx(
        `${B}(?:der|die|das|den|dem)${S}(?:(?:allerbeste|beste|wirksamste|effektivste|st(?:ä|ae)rkste|schnellste|sicherste|reinste|g(?:ü|ue)nstigste|beliebteste|modernste|erfolgreichste|hochwertigste|fortschrittlichste)[nrs]?)${E}`,
      ),
      rx(
        `${B}(?:das beste|am wirksamsten|am schnellsten|am effektivsten|allerbeste[nrs]?|weltbeste[nrs]?|unschlagbar(?:e[nrs]?)?|un(?:ü|ue)bertroffen(?:e[nrs]?)?|unbeatable|unmatched|unrivall?ed|unparall?eled|second to none|like no other|konkurrenzlos(?:e[nrs]?)?)${E}`,
      ),
      rx(
        `${B}(?:the|die|der|das)${S}(?:only|einzige[nr]?)${S}(?:[\\p{L}-]+${S}){0,3}(?:that|which|to|proven|clinically|das|die|der|mit|welche[rs]?)${E}`,
      ),
      rx(`${B}(?:best|beste[nrs]?)${S}(?:[\\p{L}-]+${S}){0,2}(?:ever|aller zeiten|jemals)${E}`),
    ],
    unlessAfter:
      /^\s*(?:(?:[\p{L}-]+\s){0,2}for (?:you|your (?:needs|team|business|budget|situation))\b|part|teil|thing|news|time|way to (?:use|apply|store|enjoy)|of (?:both|all)|friends?|freund(?:e|in)?|wishes|w(?:ü|ue)nsche|zeit|seller|selling|verkaufte)\b/iu,
    substantiable: true,
  },
  {
    id: 'superlatives.guaranteed-results',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'guarantees results or promises they work for everyone',
    patterns: [
      rx(
        `${B}(?:guaranteed|garantierte)${S}(?:results?|success|to work|effect|ergebnisse|erfolg|wirkung)${E}`,
      ),
      rx(
        `${B}(?:results|success|erfolg|ergebnisse|wirkung)${S}(?:are${S}|is${S}|sind${S}|ist${S})?(?:guaranteed|garantiert)${E}`,
      ),
      rx(
        `${B}(?:100\\s?%|hundred percent|hundert prozent)${S}(?:effective|guaranteed|results|success|proven|safe|wirksam|garantiert|erfolg|effektiv|sicher|wirkung)${E}`,
      ),
      rx(
        `${B}(?:works|wirkt|hilft)${S}(?:for|bei|f(?:ü|ue)r)${S}(?:everyone|everybody|every(?:one|body)? single|all skin|jede[nrm]?|alle)${E}`,
      ),
      rx(`${B}(?:never|nie)${S}(?:fails|versagt)${E}`),
      rx(`${B}(?:instant|sofortige|immediate)${S}(?:results|ergebnisse|wirkung|effect)${E}`),
      rx(
        `${B}(?:erases?|removes?|eliminates?|vanish(?:es)?|disappears?)${S}(?:(?:all|your|every|the)${S})?(?:wrinkles|fine lines|cellulite|dark circles|stretch marks|aging|ageing)${S}?(?:for good|forever|permanently|overnight|instantly|completely)?${E}`,
      ),
      rx(`${B}(?:falten|cellulite|augenringe|dehnungsstreifen)${S}(?:verschwinden|weg|ade|adé|adieu)${E}`),
      rx(`${B}(?:reverses?|stops?|turns? back)${S}(?:the${S})?(?:aging|ageing|clock)${E}`),
    ],
    substantiable: true,
  },
  {
    id: 'superlatives.endorsement',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'claims an expert endorsement the canon does not substantiate',
    patterns: [
      rx(
        `${B}(?:dermatologists?|doctors?|physicians?|dentists?|pharmacists?|experts?|nutritionists?|dietitians?|scientists?|derms?|gynecologists?|pediatricians?|therapists?)${S}(?:recommended|approved|endorsed|preferred|trusted|backed|choice|recommends?|approves?|loves?|swears? by|trusts?)${E}`,
      ),
      rx(
        `${B}(?:recommended|approved|endorsed|trusted|preferred)${S}by${S}(?:(?:top|leading|\\d+|many|most|real|\\d+${S}(?:out${S})?of${S}\\d+|\\d+\\s?%${S}of)${S})*(?:dermatologists?|doctors?|physicians?|dentists?|pharmacists?|experts?|nutritionists?|dietitians?|scientists?)${E}`,
      ),
      rx(
        `${B}(?:(?:ä|ae)rztlich|dermatologisch|von (?:dermatologen|(?:ä|ae)rzten|experten|apothekern|zahn(?:ä|ae)rzten|hautärzten|haut(?:ä|ae)rzten))${S}(?:empfohlen(?:e[nrs]?)?|gepr(?:ü|ue)ft und empfohlen)${E}`,
      ),
      rx(
        `${B}(?:\\d+${S}von${S}\\d+${S})?(?:dermatologen|(?:ä|ae)rzte|experten|apotheker|haut(?:ä|ae)rzte|zahn(?:ä|ae)rzte|zahn(?:ä|ae)rzten|(?:ä|ae)rzten)${S}(?:empfehlen|vertrauen)${E}`,
      ),
    ],
    substantiable: true,
  },
  // -------------------------------------------------------------------------------- false_urgency
  {
    id: 'urgency.scarcity',
    category: 'false_urgency',
    severity: 'blocker',
    message: 'claims a stock count or scarcity the offer does not state',
    patterns: [
      rx(
        `${B}(?:only|just|nur(?: noch)?|noch)${S}(?:${NUM})${S}(?:[\\p{L}-]+${S}){0,2}(?:left|remaining|in stock|available|spots?|seats?|places?|slots?|units?|pieces?|bottles?|jars?|kits?|boxes|st(?:ü|ue)ck|pl(?:ä|ae)tze?|verf(?:ü|ue)gbar|(?:ü|ue)brig|auf lager|exemplare|dosen|flaschen)${E}`,
      ),
      rx(`${B}${NUM}${S}(?:left|remaining)${S}(?:in stock|at this price)${E}`),
      rx(
        `${B}(?:selling (?:out )?fast|almost (?:gone|sold out)|nearly sold out|going fast|won'?t last|limited (?:stock|supply|spots|availability|quantities)|low stock|fast ausverkauft|bald ausverkauft|fast weg|nur (?:noch )?wenige (?:verf(?:ü|ue)gbar|st(?:ü|ue)ck|pl(?:ä|ae)tze|da|(?:ü|ue)brig))${E}`,
      ),
      rx(`${B}(?:restposten|letzte (?:st(?:ü|ue)cke|exemplare|pl(?:ä|ae)tze))${E}`),
    ],
  },
  {
    id: 'urgency.deadline',
    category: 'false_urgency',
    severity: 'blocker',
    message: 'pressures with a deadline or countdown the offer does not state',
    patterns: [
      rx(
        `${B}(?:ends?|ending|expires?|expiring|closes?|closing|gone|over|vorbei|endet|enden|l(?:ä|ae)uft|ausl(?:ä|ae)uft|gilt nur)${S}(?:(?:at|in|by|um|ab|bis|heute|today)${S})?(?:tonight|today|at midnight|midnight|soon|in${S}${NUM}${S}?(?:hours?|minutes?|mins?|hrs?|stunden?|minuten?)|heute(?: nacht| abend| um mitternacht)?|um mitternacht|mitternacht|morgen|bald|in k(?:ü|ue)rze|gleich|in${S}${NUM}${S}?(?:stunden?|minuten?))${E}`,
      ),
      rx(
        `${B}(?:today only|tonight only|only today|only tonight|24 hours only|nur heute|nur noch heute|heute noch|nur f(?:ü|ue)r kurze zeit|nur diese woche|this weekend only|one day only|for one day only|nur am wochenende)${E}`,
      ),
      rx(
        `${B}(?:last chance|final chance|final hours|last hours|last call|letzte chance|letzte gelegenheit|letzter aufruf|letzte stunden)${E}`,
      ),
      rx(
        `${B}(?:hurry|act (?:now|fast|quickly)|don'?t miss (?:out|this)|before it'?s (?:gone|too late)|before they'?re gone|before (?:the )?(?:timer|clock|countdown) (?:runs out|hits zero)|schnell sein|schnell zugreifen|greif(?:e)? (?:jetzt )?zu|z(?:ö|oe)gere nicht|z(?:ö|oe)gern sie nicht|beeil(?:e)? dich|beeilen sie sich|bevor es zu sp(?:ä|ae)t ist|nicht verpassen|verpasse? (?:es )?nicht)${E}`,
      ),
      rx(`${B}(?:countdown|ticking clock|clock is ticking|die uhr tickt|ablaufende uhr)${E}`),
      rx(
        `${B}(?:(?:for|in|within) the next|nur in den n(?:ä|ae)chsten|in den n(?:ä|ae)chsten|nur die n(?:ä|ae)chsten)${S}${NUM}${S}?(?:hours?|minutes?|mins?|stunden?|minuten?)${E}`,
      ),
      rx(`${B}limited[\\s-]time${S}(?:only|offer|deal)${E}`),
      rx(
        `${B}(?:nur f(?:ü|ue)r kurze zeit|nur f(?:ü|ue)r begrenzte zeit|zeitlich begrenzt(?:es)? angebot)${E}`,
      ),
    ],
    unlessAfter:
      /^\s*(?:\d{1,2}[./]\d{1,2}|\d{1,2}(?:st|nd|rd|th)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|am \d)/iu,
  },
];
