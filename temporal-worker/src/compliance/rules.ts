import { alt, B, E, MASS, MONEY, NUM, PERIOD, rx, S, S0, SIZE, TIME } from './text';
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
  /** A sentence (or copy, for text rules) matching this is not a finding of the rule. */
  unless?: RegExp;
  /** A match followed by this (anchored at the match's end) is not a finding. */
  unlessAfter?: RegExp;
  /** A match preceded by this (anchored at the match's start) is not a finding. */
  unlessBefore?: RegExp;
  /** Excused when one of the canon's substantiated claims covers it. */
  substantiable?: boolean;
  /** Applies only in this context. */
  when?: (input: ComplianceInput) => boolean;
  /** `text`: matched on the whole copy (image descriptions spread a comparison over sentences); default per sentence. */
  scope?: 'sentence' | 'text';
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
  'colds',
  'long covid',
  'post[\\s-]covid',
  'gr[ae]y hair',
  'graue haare',
  'coughs?',
  'sore throats?',
  '(?:joint |muscle )?stiffness',
  'cramps',
  'nausea',
  'hangovers?',
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
  'ptsd',
  'trauma',
  'ocd',
  'bipolar(?: disorder)?',
  'eating disorders?',
  'bulimia',
  'anorexia',
  'schizophrenia',
  'insulin resistance',
  'fatty liver',
  'thyroid (?:disease|problems|issues)',
  'hypothyroidism',
  'osteoporosis',
  'gout',
  'sciatica',
  'fibromyalgia',
  'tinnitus',
  'candida',
  'yeast infections?',
  'cold sores?',
  'dandruff',
  'warts?',
  'nail fungus',
  "athlete'?s foot",
  'varicose veins',
  'sleep apnea',
  'snoring',
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
  // German compounds name the body part first: Gelenkentzündungen, Hautentzündung, Darmentzündung.
  '\\p{L}+entz(?:ü|ue)ndung(?:en)?',
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
  'ptbs',
  'zwangsst(?:ö|oe)rungen?',
  'essst(?:ö|oe)rungen?',
  'bipolare st(?:ö|oe)rung',
  'insulinresistenz',
  'fettleber',
  'schilddr(?:ü|ue)senunterfunktion',
  'osteoporose',
  'gicht',
  'ischias',
  'fibromyalgie',
  'tinnitus',
  'herpes',
  'lippenherpes',
  'schuppen',
  'warzen',
  'nagelpilz',
  'fu(?:ß|ss)pilz',
  'krampfadern',
  'schnarchen',
  'schlafapnoe',
);

/** Conditions a soft verb ("reduces", "eases", "helps with") cannot be claimed against: diseases, not looks. */
const DISEASE = alt(
  'acne',
  'long covid',
  'covid(?:-19)?',
  'infections?',
  'eczema',
  'psoriasis',
  'rosacea',
  'dermatitis',
  'anxiety',
  'depression',
  'insomnia',
  'adhd',
  'ptsd',
  'arthritis',
  '(?:joint|back|chronic|nerve|knee) pain',
  'migraines?',
  'diabetes',
  'blood sugar',
  'blood pressure',
  'hypertension',
  'cholesterol',
  'cancer',
  'infections?',
  'insulin resistance',
  'inflammation',
  'ibs',
  'acid reflux',
  'menopause symptoms',
  'hot flash(?:es)?',
  'erectile dysfunction',
  'dementia',
  'asthma',
  'allerg(?:y|ies)',
  'hair loss',
  'akne',
  'neurodermitis',
  'schuppenflechte',
  'rosazea',
  'angstst(?:ö|oe)rungen?',
  'angstzust(?:ä|ae)nde(?:n)?',
  'depressionen?',
  'schlafst(?:ö|oe)rungen',
  'schlaflosigkeit',
  'arthrose',
  '(?:gelenk|r(?:ü|ue)cken|nerven|knie)schmerzen',
  'migr(?:ä|ae)ne',
  'bluthochdruck',
  'blutzucker(?:spiegel)?',
  'cholesterin(?:spiegel)?',
  'krebs',
  'entz(?:ü|ue)ndungen',
  'haarausfall',
  'wechseljahresbeschwerden',
  'hitzewallungen',
  'allergien',
);
const SOFT_TREAT = alt(
  'reduces?',
  'reducing',
  'eases?',
  'easing',
  'calms?',
  'alleviates?',
  'lessens?',
  'improves?',
  'manages?',
  'soothes?',
  `helps?${S}(?:with|against|for|fight|reduce|ease|calm|relieve|manage|treat|prevent)`,
  `(?:supports?${S})?recovery${S}from`,
  `(?:erholung|genesung)${S}(?:von|nach)`,
  `supports?${S}(?:people${S})?(?:with|against)`,
  'good for',
  'lowers?',
  'lowering',
  'redu[zs]iert',
  'reduzieren',
  'verringert',
  'verringern',
  'mildert',
  'mildern',
  'beruhigt',
  'verbessert',
  `unterst(?:ü|ue)tzt${S}(?:bei|gegen)`,
  `gut${S}(?:bei|gegen|f(?:ü|ue)r)`,
  `hilfreich${S}bei`,
);

/** Body parts, skin and looks only (no people): a pair of images of these is a before/after. */
const BODY_ONLY = alt(
  'skin',
  'face',
  'body',
  'belly',
  'stomach',
  'tummy',
  'waist(?:line)?',
  'weight',
  'acne',
  'wrinkles?',
  'fine lines',
  'hair',
  'bald',
  'scalp',
  'hairline',
  'teeth',
  'smile',
  'complexion',
  'cellulite',
  'figure',
  'physique',
  'thighs',
  'abs',
  'jawline',
  'pores',
  'spots?',
  'scars?',
  'haut',
  'gesicht',
  'k(?:ö|oe)rper',
  'bauch',
  'taille',
  'gewicht',
  'falten',
  'haare?',
  'kopfhaut',
  'glatze',
  'z(?:ä|ae)hne',
  'figur',
  'pickel',
  'akne',
  'oberschenkel',
  'narben',
);

/** Body and skin words, German compounds included ("Hautbild", "Kinnpartie"). */
const BODY_STEM = `${B}(?:${BODY_ONLY}|arms?|legs?|chin|neck)${E}|${B}(?:haut|gesicht|k(?:ö|oe)rper|bauch|zahn|z(?:ä|ae)hne|kinn|falten|figur|haar|kopfhaut|oberschenkel|h(?:ü|ue)ft)\\p{L}*|${B}(?:po|pos|beine?n?|arme?n?)${E}|\\p{L}+(?:haut|falten|kinn|bauch|haare|z(?:ä|ae)hne|figur)${E}`;

/** The terms of a credit offer (a loan amount, its APR): money figures beside them are not income. */
const CREDIT_TERMS = rx(
  `${B}(?:loans?|borrow(?:ing)?|lines? of credit|credit approval|apr|interest rates?|kredit(?:e|rahmen)?|ratenkredit|darlehen|jahreszins|sollzins|finanzierung|bonit(?:ä|ae)t)${E}`,
);

/** Words of the body, skin and looks (a comparison of them is a before/after). */
export const BODY = alt(
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
  'heilte[n]?',
  'heilende[nrms]?',
  'heilend',
  'heilsam(?:e[nrms]?)?',
  'heilmittel',
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
  'reliev(?:ing|ed)',
  'stopp(?:ing|ed)',
  'end(?:ing|ed)',
  'repair(?:ing|ed)',
  'restor(?:ing|ed)',
  'banish(?:ing|ed)',
  'combat(?:ing|ed|s)?',
  'linderte[n]?',
  'gelindert',
  'behandelte[n]?',
  'verhinderte[n]?',
  'bek(?:ä|ae)mpfte[n]?',
  'beseitigte[n]?',
  'stoppte[n]?',
  'gestoppt',
  'relief (?:from|of|for)',
  `(?:answer|antwort)${S}(?:to|auf)`,
  'regenerates?',
  'regeneriert',
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
  'kills?',
  'killing',
  `wirkung${S}(?:bei|gegen)`,
  `wirksam${S}(?:bei|gegen)`,
  `mittel${S}gegen`,
  `hilfe${S}(?:bei|gegen)`,
  `therapie${S}(?:bei|gegen|von)`,
  `remedy${S}for`,
  `solution${S}for`,
  `l(?:ö|oe)sung${S}(?:bei|gegen|f(?:ü|ue)r)`,
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

/** Sustainable-pace wording ("at a pace your body can sustain", "im eigenen Tempo", "results vary"). */
const HEALTHY_PACE =
  /(?<![\p{L}\p{N}])(?:at (?:a|your own|a healthy|a steady) pace|pace your body can|sustainabl\p{L}*|sustain\p{L}*|healthy (?:rate|pace)|steady|im eigenen tempo|in (?:deinem|ihrem) (?:eigenen )?tempo|gesunde[ns]? tempo|nachhaltig\p{L}*|realistisch\p{L}*|realistic(?:ally)?|results (?:may |can |will )?vary|ergebnisse (?:k(?:ö|oe)nnen )?variieren)(?![\p{L}\p{N}])/iu;
/** The canon holds a per-week rate and the copy frames weight loss as a sustainable pace. */
function healthyPaceSubstantiated(input: ComplianceInput): boolean {
  return (
    input.context.substantiatedClaims.some((c) => /(?:week|woche)/iu.test(c)) && HEALTHY_PACE.test(input.text)
  );
}

/** A stated calendar date: a deadline with its date is the offer's real end, not invented pressure. */
const DATED =
  /\b(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|march|m(?:ä|ae)rz|april|may|mai|june|juni|july|juli|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?)\b|\b\d{1,2}\.\s?\d{1,2}\.|\b\d{1,2}\/\d{1,2}\b|\b\d{1,2}\.\s(?:jan|feb|m(?:ä|ae)r|apr|mai|jun|jul|aug|sep|okt|nov|dez)/iu;

/** After a deadline word: a date on the calendar ("on 15 January", "Friday, 12 December", "am 3. März"). */
const CALENDAR_DATE_AFTER =
  /^\s*(?:(?:on|am|by|bis|zum)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+|(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag),?\s+(?:den\s+)?)?(?:\d{1,2}(?:st|nd|rd|th)?\.?\s*(?:jan|feb|m(?:ä|ae)r|mar|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\s+\d{1,2}\b|\d{1,2}[./]\d{1,2}\b)/iu;

/**
 * After "before and after (photos) of": a thing or a place, not a body ("before and after photo of a bathroom
 * shelf", "Vorher-Nachher-Bilder der Küche"). Before/after policy is about bodies, faces and skin.
 */
const THINGS_NOT_BODIES = `^${S}(?:(?:photos?|pictures?|pics?|images?|shots?|fotos?|bilder|bild)${S})?(?:of|von|der|des|vom)${S}(?:(?:a|an|the|my|your|our|this|ein(?:e[mnrs]?)?|der|die|das|dem|den|unsere[mnrs]?|deine[mnrs]?)${S})?(?:[\\p{L}-]+${S}){0,2}(?:shelf|shelves|room|living room|kitchen|bathroom|closet|wardrobe|desk|garage|garden|yard|lawn|house|home|office|inbox|spreadsheet|dashboard|car|floor|walls?|roof|facade|patio|deck|pantry|drawer|fridge|apartment|flat|website|logo|regal|zimmer|wohnzimmer|k(?:ü|ue)che|bad(?:ezimmer)?|schrank|kleiderschrank|schreibtisch|garten|rasen|wohnung|haus(?:es)?|b(?:ü|ue)ros?|autos?|bodens?|wand|dach(?:es)?|fassade|terrasse|website|webseite)(?:e?s)?${E}`;

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
        `${B}${TREAT}${S}(?:(?:\\d+(?:[.,]\\d+)?\\s?%${S}of|type${S}(?:1|2|i|ii|one|two)|the|your|my|their|its|her|his|stubborn|painful|chronic|severe|persistent|adult|hormonal|mild|moderate|signs of|symptoms of|visible|dein(?:e[nmr]?)?|ihr(?:e[nmr]?)?|mein(?:e[nmr]?)?|unsere[nmr]?|seine[nmr]?|die|den|der|das|l(?:ä|ae)stige[nr]?|hartn(?:ä|ae)ckige[nr]?|chronische[nr]?)${S})*${CONDITION}${E}`,
      ),
      rx(
        `${B}${CONDITION}${E}(?:[\\s,]+[\\p{L}\\p{N}']+){0,5}?[\\s,]+(?:gone|cured|healed|treated|eliminated|vanish(?:es|ed)?|disappear(?:s|ed)?|cleared up|adé|ade|adieu|weg|verschwunden|verschwindet|geheilt|abgeheilt|besiegt)${E}`,
      ),
    ],
  },
  {
    id: 'health.soft-treat-disease',
    category: 'health_claims',
    severity: 'blocker',
    message: 'claims an effect on a disease (reducing, easing or helping with it is a medical claim)',
    patterns: [
      rx(
        `${B}${SOFT_TREAT}${S}(?:(?:the|your|my|their|symptoms of|signs of|mild|moderate|occasional|everyday|dein(?:e[nmr]?)?|ihr(?:e[nmr]?)?|die|den|der|das|leichte[nr]?|symptome von|beschwerden bei)${S})*${DISEASE}${E}`,
      ),
      rx(
        `${B}${CONDITION}${S}(?:relief|reliever|relievers|remedy|remedies|cure|killer|fighter|treatment|solution|mittel|hilfe|therapie|behandlung)${E}`,
      ),
    ],
    unlessAfter: /^\s*(?:awareness|research|month|foundation|society|association)\b/iu,
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
        `${B}(?:proven|shown|bewiesen|nachgewiesen)${S}(?:to|zu)${S}(?:cure|treat|heal|prevent|reverse|relieve|reduce|lower|fight|boost|improve|stop|eliminate|lindern|heilen|senken|helfen|wirken|reduzieren)${E}`,
      ),
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
      rx(`${B}before${S0}(?:and|&|\\+|n'?|'n'?|vs\\.?|versus|to|/)?${S0}after${E}`),
      rx(`${B}before${S}after${E}`),
      rx(`${B}vorher${S0}(?:und|&|\\+|vs\\.?|/)?${S0}nachher${E}`),
      rx(`${B}vorher[-/]nachher`),
    ],
    unlessAfter: new RegExp(
      `^${S}(?:(?:your|a|the|each|every|any|my|our|dem|der|jede[mnr]?)${S})?(?:workouts?|training|exercise|meals?|eating|showers?|swims?|sports?|school|work|class(?:es)?|runs?|rides?|gym|sessions?|sleep|bed|dinner|lunch|breakfast|travel|flights?|shaving|waxing|cleansing|use|application|applying)${E}|${THINGS_NOT_BODIES}`,
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
        `${B}(?:day|week|month|tag|woche|monat)${S0}\\d+\\s*(?:vs\\.?|versus|->|→|=>|to|bis|and|&|und|/|-)\\s*(?:day|week|month|tag|woche|monat)${S0}\\d+${E}`,
      ),
      rx(
        `${B}(?:then|damals|fr(?:ü|ue)her)\\s*(?:vs\\.?|versus|and|&|/|und|->|→)\\s*(?:now|heute|jetzt)${E}`,
      ),
      rx(
        `${B}(?:transformation|verwandlung)s?${S}(?:photos?|pics?|pictures?|images?|shots?|selfies?|fotos?|bilder|bild)${E}`,
      ),
      rx(`${B}\\d+${S0}(?:day|week|month|tage|wochen|monate)${S0}(?:transformation|verwandlung)${E}`),
      rx(`${B}(?:results?|ergebnis(?:se)?)${S}(?:after|nach)${S}${NUM}${S0}${TIME}${E}`),
    ],
    requires: rx(
      `${B}(?:${BODY}|photos?|pics?|image|shot|selfie|fotos?|bild(?:er)?|transformation|verwandlung|results?|ergebnis(?:se)?)${E}`,
    ),
  },
  {
    id: 'before-after.same-person',
    category: 'before_after',
    severity: 'blocker',
    message: 'shows the same person changed over time (a before/after in pictures)',
    patterns: [
      rx(
        `${B}(?:the same|that same|dieselbe|derselbe|dasselbe|die gleiche|der gleiche|das gleiche|den gleichen)${S}(?:person|woman|man|girl|guy|lady|model|customer|face|body|skin|belly|client|frau|mann|kundin|kunde|gesicht|k(?:ö|oe)rper|haut|bauch)${E}`,
      ),
    ],
    requires: rx(
      `${B}(?:later|after|then|now|smaller|slimmer|thinner|leaner|lighter|clearer|clear|smooth(?:er)?|younger|glowing|transformed|sp(?:ä|ae)ter|nach|danach|jetzt|heute|schlanker|d(?:ü|ue)nner|leichter|reiner|glatter|j(?:ü|ue)nger|strahlend(?:er)?)${E}`,
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
      `${B}(?:${BODY})${E}[^.]{0,80}${B}(?:before|after|vorher|nachher|results?|transformed|transformation|clear(?:er)?|smooth(?:er)?|slimmer|thinner|flat(?:ter)?|toned|glowing|lost|later|weeks? later|months? later|days? later|(?:after|nach)${S}${NUM}${S0}${TIME}|ergebnis(?:se)?|glatt(?:er)?|schlanker|flach(?:er|en)?|straff(?:er)?|strahlend(?:e|er)?|rein(?:er)?|sp(?:ä|ae)ter)${E}|${B}(?:before|after|vorher|nachher|acne|akne|overweight|(?:ü|ue)bergewichtig|wrinkled|dull|blemished|pickelig|bloated|flabby|saggy|speckr(?:ö|oe)llchen|schlaff(?:e|er)?)${E}[^.]{0,80}${B}(?:${BODY})${E}`,
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
        `${B}(?:make|makes|making|made|earn|earns|earning|earned|pull in|pulling in|pulled in|bring in|bringing in|brought in|take home|taking home|generate|generating|profit|profits|cash in|net|rake in|raking in|verdien(?:e|en|st|t)|verdient|erziel(?:e|en|st|t)|kassier(?:e|en|st|t)|mach(?:e|en|st|t)?|machte)${S}(?:(?:up to|over|more than|at least|an extra|extra|another|your first|a|an|bis zu|(?:ü|ue)ber|mehr als|mindestens|zus(?:ä|ae)tzlich(?:e|en)?|deine(?:n)? ersten?)${S})*${MONEY}`,
      ),
      rx(
        `${MONEY}${S0}(?:${PERIOD}|${S}(?:passive|extra|side|monthly|in passive)?${S0}(?:income|profit|profits|in sales|revenue|einkommen|gewinn|nebeneinkommen|umsatz|verdienst))`,
      ),
      rx(
        `${B}(?:income|einkommen|verdienst|gewinn)${S}(?:of|von)${S}(?:(?:up to|over|bis zu|(?:ü|ue)ber)${S})?${MONEY}`,
      ),
    ],
    requires: rx(
      `${B}(?:make|makes|making|made|earn|earns|earning|earned|income|profit|profits|passive|pull in|pulling in|bring in|take home|generate|revenue|paycheck|salary|side hustle|from home|cash|rake in|extra|zus(?:ä|ae)tzlich|on the side|verdien(?:e|en|st|t)|verdient|einkommen|gewinn|umsatz|nebenbei|gehalt|erziel(?:e|en|st|t)|net|mach(?:e|en|st|t)?|machte)${E}`,
    ),
    when: (input) => input.vertical !== 'recruiting',
  },
  {
    id: 'income.figures',
    category: 'income_claims',
    severity: 'blocker',
    message: 'promises a level of earnings ("six figures", "financial freedom") as a typical result',
    patterns: [
      rx(`${B}(?:four|five|six|seven|eight|multi|4|5|6|7|8)${S0}figures?${E}`),
      rx(
        `${B}(?:turn(?:ed|s)?|grow|grew|verwandle|verwandeln|mach(?:e|en|t)?|machte)${S}${MONEY}${S}(?:into|in|zu)${S}${MONEY}`,
      ),
      rx(`${B}(?:financially|finanziell)${S}(?:free|independent|frei|unabh(?:ä|ae)ngig)${E}`),
      rx(`${B}(?:retire|retiring)${S}(?:early|rich|at${S}\\d{2}|in${S}${NUM}${S0}years)${E}`),
      rx(`${B}(?:fr(?:ü|ue)her|fr(?:ü|ue)hzeitig|mit${S}\\d{2})${S}in${S}(?:rente|den ruhestand)${E}`),
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
      rx(`${B}(?:get|make)${S}money${S}in${S}${NUM}${S0}(?:seconds?|minutes?|hours?|days?)${E}`),
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
        `${B}(?:lose|loose|loses|losing|lost|drop|drops|dropping|dropped|shed|sheds|shedding|melt|melts|burn|burns|burned|burnt|torch|get rid of|verlier(?:e|en|st|t)|verloren|verlor|abnehmen|nimm|nehmen|nimmst|purzeln)${S}(?:(?:up to|over|more than|an extra|the first|your first|those|that|bis zu|(?:ü|ue)ber|mehr als|ganze|satte|per week|a week|each week|every week|pro woche|jede woche|in der woche|im monat|pro monat|a month|per month)${S})*${NUM}${S0}(?:${MASS}|${SIZE})${E}`,
      ),
      rx(
        `${B}${NUM}${S0}${MASS}${E}\\s*(?:(?:of${S})?(?:fat|belly fat|weight|fett|k(?:ö|oe)rperfett)${S})?(?:in|within|in just|in only|in nur|in gerade mal|innerhalb (?:von )?|binnen)${S}${NUM}${S0}${TIME}${E}`,
      ),
      rx(
        `${B}${NUM}${S0}${MASS}${S}(?:lighter|down|gone|less|weniger|leichter|abgenommen|abnehmen|verloren|verlieren|runter|weg|minus)${E}`,
      ),
      rx(`(?:^|\\s)(?:-|minus)\\s?\\d+(?:[.,]\\d+)?\\s?(?:${MASS}|${SIZE})${E}`),
      rx(`${B}${NUM}${S0}(?:${SIZE}|${MASS})${S}(?:smaller|down|kleiner|weniger)${E}`),
      rx(`${B}(?:down|runter)${S}${NUM}${S0}(?:${MASS}|${SIZE})${E}`),
      rx(
        `${B}${NUM}${S0}(?:${SIZE})${S}(?:in|within|in just|in nur|innerhalb${S}(?:von${S})?)${S}${NUM}${S0}${TIME}${E}`,
      ),
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
        `${B}fat${S0}(?:burn(?:er|ers|ing)|blast(?:er|ing)|melt(?:er|ing)|block(?:er|ers|ing)|loss (?:pills?|gummies|drops|tea|patch(?:es)?))${E}`,
      ),
      rx(`${B}(?:carb|calorie)${S0}block(?:er|ers|ing)${E}`),
      rx(`${B}appetite${S}suppress(?:ant|ants|ing|or|es)?${E}`),
      rx(
        `${B}(?:skinny|slimming|diet|weight[\\s-]loss)${S}(?:tea|teas|coffee|pills?|patch(?:es)?|cream|gummies|drops|shots?|injections?|capsules)${E}`,
      ),
      rx(`${B}flat(?:ter)?${S}(?:belly|stomach|tummy|abs)${S}(?:in|within|fast|overnight|without)${E}`),
      rx(
        `${B}(?:(?:your|a|the|my|dein(?:e[nm]?)?|ihr(?:e[nm]?)?)${S})?(?:bikini|beach|summer|dream|perfect|ideal|traum|sommer)${S0}(?:body|bod|figure|physique|figur|k(?:ö|oe)rper)${S}(?:in|within|by|bis|in nur|in just)${S}(?:${NUM}|summer|the weekend|sommer)`,
      ),
      rx(`${B}(?:the${S})?(?:perfect|ideal)${S}(?:body|figure|physique)${E}`),
      rx(`${B}(?:perfekte[nr]?|ideale[nr]?)${S}(?:figur|k(?:ö|oe)rper|bauch)${E}`),
      rx(
        `${B}(?:kilos|pfunde|pounds|weight|fat)${S}(?:purzeln|schmelzen|schmilzt|verschwinden|fallen|melt(?:s)?(?: away| off)?|fall(?:s)? off|disappear(?:s)?|drop(?:s)? off|fly off|come off)${E}`,
      ),
      rx(
        `${B}(?:melts?|burns?|torch(?:es)?|blasts?|burning|melting)${S}(?:[\\p{L}\\p{N}%]+${S}){1,3}fat${E}`,
      ),
      rx(
        `${B}(?:(?:lose|losing|lost|burn|burning|drop)${S}(?:weight|fat|pounds|kilos)|abnehmen|fett verbrennen)${S}(?:[\\p{L}]+${S}){0,3}(?:while you sleep|in your sleep|im schlaf|beim schlafen|on autopilot|ohne etwas zu tun)${E}`,
      ),
      rx(
        `${B}(?:fatburner|fettverbrenner|fettkiller|fettblocker|kohlenhydratblocker|appetitz(?:ü|ue)gler|schlankheits(?:tee|pillen|kapseln|mittel|creme)|abnehm(?:tabletten|pillen|kapseln|spritze|tropfen|tee))${E}`,
      ),
      rx(
        `${B}(?:bauchfett|fettpolster|h(?:ü|ue)ftgold|speck|fett|k(?:ö|oe)rperfett)${S}(?:weg|schmilzt|schmelzen|verbrennen|verbrennt|loswerden|adé|ade|adieu|killen|wegschmelzen)${E}`,
      ),
      rx(`${B}(?:fett|bauchfett)${S0}(?:verbrennung|schmelze|weg)${E}`),
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
        `${B}(?:sch(?:ä|ae)mst|sch(?:ä|ae)men|hasst|hassen)${S}(?:du|sie)${S}(?:dich|sich)?${S0}(?:f(?:ü|ue)r${S})?(?:deinen|ihren|deine|ihre)${S}(?:k(?:ö|oe)rper|bauch|figur|oberschenkel|arme)${E}`,
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
        `${B}(?:best[\\s-]rated|top[\\s-]ranked|award[\\s-]winning${S}(?:best)|testsieger(?:in)?|marktf(?:ü|ue)hrer(?:in)?|marktf(?:ü|ue)hrende[nrs]?|market[\\s-]leading|market leader|industry[\\s-]leading|category[\\s-]leading)${E}`,
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
        `${B}(?:the|die|der|das)${S}(?:only|einzige[nr]?)${S}(?:[\\p{L}-]+,?${S}){0,3}(?:that|which|to|proven|clinically|das|die|der|mit|welche[rs]?)${E}`,
      ),
      rx(`${B}(?:best|beste[nrs]?)${S}(?:[\\p{L}-]+${S}){0,2}(?:ever|aller zeiten|jemals)${E}`),
      rx(
        `${B}(?:deutschlands|europas|(?:ö|oe)sterreichs|der welt|weltweit|america'?s|the world'?s|world'?s|britain'?s|the uk'?s|the nation'?s|the country'?s|germany'?s|europe'?s)${S}(?:(?:\\p{L}+(?:ste[nrs]?|est))|most${S}\\p{L}+|favou?rite|lieblings\\p{L}*|go-to|leading|f(?:ü|ue)hrende[rnms]?|top|#1|no\\.?${S0}1|nr\\.?${S0}1)${E}`,
      ),
      rx(
        `${B}(?:proven${S}(?:results|formula|method|system|technique|strategy|to work|effective)|one${S}(?:weird|simple|strange)${S}trick|doctors${S}hate|(?:ä|ae)rzte${S}hassen)${E}`,
      ),
    ],
    unlessAfter:
      /^\s*(?:(?:[\p{L}-]+\s){0,2}for (?:you|your (?:needs|team|business|budget|situation))\b|(?:du|ihr)\s+(?:\p{L}+\s+){0,2}(?:brauchst|braucht|willst|magst)|you(?:'ll)? (?:need|want)\b|part|teil|thing|news|time|way to (?:use|apply|store|enjoy)|of (?:both|all)|friends?|freund(?:e|in)?|wishes|w(?:ü|ue)nsche|zeit|seller|selling|verkaufte)\b/iu,
    substantiable: true,
  },
  {
    id: 'superlatives.guaranteed-results',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'guarantees results or promises they work for everyone',
    patterns: [
      rx(
        `${B}(?:guaranteed|garantiert(?:e[nrs]?)?)${S}(?:[\\p{L}-]+${S}){0,2}(?:results?|success|to work|effect|ergebnisse|erfolg|wirkung|effekt)${E}`,
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
        `${B}(?:erases?|removes?|eliminates?|vanish(?:es)?|disappears?)${S}(?:(?:all|your|every|the)${S})?(?:wrinkles|fine lines|cellulite|dark circles|stretch marks|aging|ageing)${S0}(?:for good|forever|permanently|overnight|instantly|completely)?${E}`,
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
        `${B}(?:ends?|ending|expires?|expiring|closes?|closing|gone|over|vorbei|endet|enden|l(?:ä|ae)uft|ausl(?:ä|ae)uft|gilt nur)${S}(?:(?:at|in|by|um|ab|bis|heute|today)${S})?(?:tonight|today|at midnight|midnight|soon|in${S}${NUM}${S0}(?:hours?|minutes?|mins?|hrs?|stunden?|minuten?)|heute(?: nacht| abend| um mitternacht)?|um mitternacht|mitternacht|morgen|bald|in k(?:ü|ue)rze|gleich|in${S}${NUM}${S0}(?:stunden?|minuten?))${E}`,
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
        `${B}(?:(?:for|in|within) the next|nur in den n(?:ä|ae)chsten|in den n(?:ä|ae)chsten|nur die n(?:ä|ae)chsten)${S}${NUM}${S0}(?:hours?|minutes?|mins?|stunden?|minuten?)${E}`,
      ),
      rx(`${B}limited[\\s-]time${S}(?:only|offer|deal)${E}`),
      rx(
        `${B}(?:gilt|valid|g(?:ü|ue)ltig|available|verf(?:ü|ue)gbar|l(?:ä|ae)uft|runs?|on|live|online)${S}(?:(?:only|just|nur|noch|for|f(?:ü|ue)r|the next|die n(?:ä|ae)chsten)${S})*${NUM}${S0}(?:hours?|hrs?|minutes?|mins?|stunden?|minuten?|days?|tage?n?)${E}`,
      ),
      rx(
        `${B}${NUM}${S0}(?:hours?|hrs?|minutes?|mins?|stunden?|minuten?|days?|tage?)${S}(?:left|remaining|to go|(?:ü|ue)brig|verbleibend|bleiben)${E}`,
      ),
      rx(
        `${B}(?:prices?|preise?|rates?|zinsen|fees?|geb(?:ü|ue)hren|kosten|tuition)${S}(?:go${S}up|goes${S}up|rise|rises|increase|increases|jump|jumps|steigen|steigt|erh(?:ö|oe)hen sich|erh(?:ö|oe)ht sich)${S}(?:tomorrow|tonight|soon|at midnight|morgen|bald|heute nacht|um mitternacht|next week|n(?:ä|ae)chste woche)${E}`,
      ),
      rx(
        `${B}(?:bevor|before)${S}(?:alles|es|they|it'?s|everything)${S}(?:weg|gone|ausverkauft|sold out|vergriffen)${E}`,
      ),
      rx(
        `${B}(?:(?:nur|only|just)${S})?(?:a handful|eine handvoll|wenige|a few)${S}(?:[\\p{L}-]+${S}){0,2}(?:left|remain|remaining|(?:ü|ue)brig)${E}`,
      ),
      rx(
        `${B}(?:nur f(?:ü|ue)r kurze zeit|nur f(?:ü|ue)r begrenzte zeit|zeitlich begrenzt(?:es)? angebot)${E}`,
      ),
    ],
    unlessAfter:
      /^\s*(?:\d{1,2}[./]\d{1,2}|\d{1,2}(?:st|nd|rd|th)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|am \d)/iu,
  },
  // ------------------------------------------------------------------ wider phrasings of the same claims
  {
    id: 'health.medical-equivalence',
    category: 'health_claims',
    severity: 'blocker',
    message:
      'presents the product as medicine (an alternative to drugs, prescription strength, protection from disease)',
    patterns: [
      rx(
        `${B}(?:alternative|substitute|replacement)${S}(?:to|for)${S}(?:(?:your|the)${S})?(?:antibiotics|medications?|medicine|meds|prescriptions?|drugs|surgery|botox|fillers|insulin|statins|antidepressants|chemo(?:therapy)?|painkillers|steroids?|hormone therapy)${E}`,
      ),
      rx(
        `${B}(?:alternative|ersatz)${S}(?:zu|f(?:ü|ue)r)${S}(?:antibiotika|medikamente[n]?|tabletten|schmerzmittel[n]?|antidepressiva|botox|operationen?|insulin|kortison|cortison|hormonen)${E}`,
      ),
      rx(
        `${B}(?:medical[\\s-]grade|pharmaceutical[\\s-]grade|prescription[\\s-](?:strength|grade)|without a prescription|no prescription needed|doctor[\\s-]strength|rezeptfrei(?:e[nrs]?)?|verschreibungsfrei(?:e[nrs]?)?|medizinische[rn]? wirkung|arzneimittel[\\s-]?qualit(?:ä|ae)t)${E}`,
      ),
      rx(
        `${B}(?:protects?|protecting|guards?|defends?|shields?|wards? off|sch(?:ü|ue)tz(?:t|en)|bewahrt)${S}(?:(?:you|your body|your family|dich|sie|deinen k(?:ö|oe)rper)${S})?(?:against|from|vor)${S}(?:(?:the|der|dem|den)${S})?${CONDITION}${E}`,
      ),
      rx(
        `${B}(?:heart disease|heart attacks?|strokes?|herzkrankheiten|herzinfarkte?n?|schlaganf(?:ä|ae)lle?n?|herz-kreislauf-erkrankungen)${E}`,
      ),
    ],
  },
  {
    id: 'before-after.progress',
    category: 'before_after',
    severity: 'blocker',
    message: 'announces a transformation or progress comparison of a body',
    patterns: [
      rx(
        `${B}(?:transformation|progress|glow[\\s-]?up|verwandlung|fortschritt(?:e)?)${S}(?:tuesday|thursday|friday|monday|pics?|photos?|shots?|fotos?|bilder|selfies?|reveal)${E}`,
      ),
      rx(
        `${B}swipe${S}(?:to see|for)${S}(?:(?:her|his|their|my|the|our)${S})?(?:[\\p{L}'-]+${S}){0,2}(?:progress|results?|transformation|glow[\\s-]?up|before)${E}`,
      ),
      rx(
        `${B}(?:me|her|him|ich|sie)${S}(?:in|im)${S}(?:january|february|march|april|may|june|july|august|september|october|november|december|januar|februar|m(?:ä|ae)rz|april|mai|juni|juli|august|september|oktober|november|dezember|\\d{4})${S}(?:vs\\.?|versus|and|&|/|und|next to|neben)${S}(?:me${S}|her${S}|him${S}|ich${S}|sie${S})?(?:in|im|now|heute|jetzt)`,
      ),
      rx(
        `${B}(?:im|in)${S}(?:januar|februar|m(?:ä|ae)rz|april|mai|juni|juli|august|september|oktober|november|dezember|january|february|march|june|july|october|december)${S}(?:und|and|vs\\.?|/)${S}(?:im|in)${S}(?:januar|februar|m(?:ä|ae)rz|april|mai|juni|juli|august|september|oktober|november|dezember|january|february|march|june|july|october|december)${E}`,
      ),
    ],
    requires: rx(
      `${B}(?:${BODY_ONLY}|progress|transformation|results?|glow[\\s-]?up|lbs|kg|kilos?|pounds|fortschritt|verwandlung|ergebnis(?:se)?)${E}`,
    ),
  },
  {
    id: 'before-after.pair-of-images',
    category: 'before_after',
    severity: 'blocker',
    message: 'pairs two images of a body, face or skin (a before/after)',
    patterns: [
      rx(
        `${B}(?:split[\\s-]?(?:screen|image|photo|shot|frame)|side[\\s-]by[\\s-]side|two[\\s-](?:panel|photos|pictures|images|shots|frames)|diptych|carousel|slide${S}1|splitscreen|geteilte[rns]?${S}(?:bild|bildschirm|foto)|nebeneinander|zwei${S}(?:fotos|bilder|aufnahmen)|links${S}[^.]{0,60}rechts|left${S}[^.]{0,60}right)`,
      ),
    ],
    requires: rx(BODY_STEM),
  },
  {
    id: 'income.wealth-promise',
    category: 'income_claims',
    severity: 'blocker',
    message: 'promises wealth or earnings as a typical outcome',
    patterns: [
      rx(`${MONEY}${S}(?:months|weeks|days|years|monate|wochen|tage)${E}`),
      rx(`${B}(?:average|averaging|averages|avg|durchschnittlich|im schnitt)${S}(?:of${S})?${MONEY}`),
      rx(
        `${B}(?:jeden|jede|every|each|per|pro|im)${S}(?:monat|woche|tag|month|week|day)${S}${MONEY}${S}(?:extra|zus(?:ä|ae)tzlich|mehr|more|on the side|nebenbei)`,
      ),
      rx(
        `${MONEY}${S}(?:extra|zus(?:ä|ae)tzlich|on the side|nebenbei)${S}(?:[\\p{L}]+${S}){0,2}(?:${PERIOD}|from home|von zu ?hause|von der couch|from your couch|online)`,
      ),
      rx(`${B}(?:zum|zur|zu)${S}(?:verm(?:ö|oe)gen|million(?:(?:ä|ae)r)?|ersten million|reichtum)${E}`),
      rx(
        `${B}(?:become|becoming|werde|werden)${S}(?:a${S})?(?:millionaire|million(?:ä|ae)r(?:in)?|rich|reich|wealthy|wohlhabend)${E}`,
      ),
      rx(
        `${B}(?:your|dein(?:e|en)?)${S}(?:first|erste[nr]?)${S}(?:million|million(?:en)?|6-figure|six-figure|100k)${E}`,
      ),
      rx(
        `${B}(?:returned|gained|yielded|made|brachte|erzielte|rendite von)${S}(?:over${S}|more than${S}|(?:ü|ue)ber${S})?\\d+(?:[.,]\\d+)?\\s?%`,
      ),
      rx(`${B}(?:yours could too|you could too|so can you|auch du kannst das|das kannst du auch)${E}`),
    ],
    unlessBefore:
      /(?:fees?|geb(?:ü|ue)hr(?:en)?|cost|kosten|save|spare|sparen|spar|saved)\s+(?:of\s+|von\s+)?$/iu,
  },
  {
    id: 'weight-loss.wider',
    category: 'weight_loss',
    severity: 'blocker',
    message: 'promises weight or fat loss or a smaller size',
    when: (input) => !healthyPaceSubstantiated(input),
    patterns: [
      rx(
        `${B}(?:get rid of|lose|losing|loswerden|weg mit|goodbye to|bye[\\s-]bye|say goodbye to|kiss|ditch|banish|verabschiede dich von|adieu)${S}(?:(?:that|your|the|those|all|deine[nm]?|ihre[nm]?|das|den|die)${S})?(?:stubborn${S}|extra${S}|excess${S}|unwanted${S}|l(?:ä|ae)stige[ns]?${S}|(?:ü|ue)bersch(?:ü|ue)ssige[ns]?${S})?(?:belly${S}fat|body${S}fat|tummy${S}fat|fat|pounds|kilos|weight|bauchfett|k(?:ö|oe)rperfett|fett|pfunde|speck|h(?:ü|ue)ftgold|love handles|rettungsringe)${E}`,
      ),
      rx(
        `${B}(?:fit|fits|passen|passt|pass(?:e)?)${S}(?:back${S})?(?:into|in)${S}(?:(?:a|your|my|deine|ihre|eine|die)${S})?(?:size${S}\\d+|gr(?:ö|oe)(?:ß|ss)e${S}\\d+|old jeans|skinny jeans|alte jeans|wedding dress|brautkleid)`,
      ),
      rx(`${B}(?:wieder${S})?in${S}gr(?:ö|oe)(?:ß|ss)e${S}\\d+${S}(?:passen|rein)${E}`),
      rx(`${B}(?:too many|a few extra|zu viele|ein paar)${S}(?:pounds|kilos|pfunde|kilo)${E}`),
    ],
  },
  {
    id: 'superlatives.comparative',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'claims to beat every competitor or multiplies results without substantiation',
    patterns: [
      rx(
        `${B}(?:than|als)${S}(?:any|all|every|jede[nrs]?|alle)${S}(?:other|others|andere[nrs]?|competitors?|konkurrenten|mitbewerber)${E}`,
      ),
      rx(
        `${B}\\d+(?:[.,]\\d+)?\\s?(?:x|times|mal)${S}(?:faster|better|stronger|more effective|more powerful|schneller|besser|st(?:ä|ae)rker|wirksamer|effektiver)${S}(?:[\\p{L}-]+${S}){0,3}(?:than|als)${E}`,
      ),
      rx(
        `${B}(?:empfohlen|getestet und empfohlen|gepr(?:ü|ue)ft und empfohlen|vertraut|geliebt)${S}von${S}(?:(?:(?:ü|ue)ber|mehr als|vielen|zahlreichen|f(?:ü|ue)hrenden|top|von|\\d[\\d.,]*)${S})*\\p{L}*(?:(?:ä|ae)rzt(?:en|innen)|dermatolog(?:en|innen)|experten|expertinnen|apothekern|hebammen|heilpraktikern|ern(?:ä|ae)hrungsberatern|wissenschaftlern|therapeut(?:en|innen)|trainern|coaches|profis)${E}`,
      ),
      rx(
        `${B}(?:wirkt|hilft|works|helps)${S}(?:garantiert|guaranteed|immer|always|every time|bei jede[mr]|for every)${E}`,
      ),
      rx(
        `${B}(?:garantiert${S}(?:wirksam|bei jede[mr]|f(?:ü|ue)r jede[nr])|(?:bei|f(?:ü|ue)r)${S}jede[mnr]${S}(?:hauttyp|haar|typ|k(?:ö|oe)rper))${E}`,
      ),
      rx(
        `${B}(?:trusted|loved|used|chosen)${S}by${S}(?:doctors|dermatologists|physicians|experts|nurses|dentists|pharmacists)${S}(?:nationwide|everywhere|worldwide|across)${E}`,
      ),
      rx(`${B}(?:the${S})?#\\s?1${S}(?:choice|pick|brand|rated|selling|recommended)${E}`),
    ],
    substantiable: true,
  },
  {
    id: 'urgency.timer',
    category: 'false_urgency',
    severity: 'blocker',
    unless: DATED,
    message: 'pressures with a countdown, a price rise or a last-minute deadline',
    patterns: [
      rx(`${B}\\d{1,2}:\\d{2}:\\d{2}${E}`),
      rx(`${B}(?:ends?|endet|l(?:ä|ae)uft ab|expires?)${S}in${S}\\d`),
      rx(
        `${B}(?:prices?|preise?|price)${S}(?:goes|go|going|geht|gehen|steigt|steigen|rises?|jumps?)${S}(?:back${S})?(?:up|hoch|rauf|nach oben)?${S0}(?:at|um|ab|tomorrow|tonight|morgen|heute|soon|bald|after|nach)${E}`,
      ),
      rx(
        `${B}(?:noch|nur noch|only|just)${S}${NUM}${S0}(?:stunden?|minuten?|std\\.?|hours?|hrs?)${E}(?!${S}(?:a|per|each|every|am|pro|t(?:ä|ae)glich|daily|of your|to set|zum|f(?:ü|ue)r die))`,
      ),
      rx(
        `${B}(?:tonight|heute nacht|at midnight|by midnight|um mitternacht|bis mitternacht|11:59\\s?pm|23:59)${E}`,
      ),
    ],
    requires: rx(
      `${B}(?:price|prices|preis|preise|sale|deal|offer|angebot|rabatt|discount|off|%|ends?|endet|expires?|l(?:ä|ae)uft|gone|weg|save|spare|sparen|order|bestell\\p{L}*|shop|sichern|grab|claim|\\d{1,2}:\\d{2})${E}|%`,
    ),
  },
  // ---------------------------------------------------------------------- signal words (high recall)
  {
    id: 'health.signals',
    category: 'health_claims',
    severity: 'blocker',
    message: 'names a medical effect or a disease as what the product is for',
    patterns: [
      rx(
        `${B}(?:toxins?|giftstoffe[n]?|schlacken|schwermetalle ausleiten|draws? out (?:toxins|impurities from your body))${E}(?![\\s-]*(?:free|frei))`,
      ),
      rx(`${B}anti[\\s-]?${DISEASE}${E}`),
      rx(
        `${B}${DISEASE}[\\s-]?(?:gumm(?:y|ies)|pills?|tablets?|tea|patch(?:es)?|supplements?|capsules?|drops|kapseln|tabletten|tee|tropfen|pflaster|creme|cream|salbe|gel|serum|lotion|kur|spray|shampoo|mittel|treatment)${E}`,
      ),
      rx(
        `${B}(?:bye|goodbye|tsch(?:ü|ue)ss|adé|ade)${S}(?:to${S})?(?:(?:your|deine[nm]?|ihre[nm]?|den|die|der)${S})?${CONDITION}${E}`,
      ),
      rx(
        `${B}(?:rewires?|reprograms?|resets?|heals?|repairs?)${S}(?:your${S})?(?:brain|gut|hormones|metabolism|dna|cells|nervous system)${E}`,
      ),
      rx(
        `${B}(?:cures?|fixes|fix|ends?)${S}(?:brain fog|fatigue|burnout|stress|hormonal imbalance|leaky gut)${E}`,
      ),
    ],
  },
  {
    id: 'before-after.later',
    category: 'before_after',
    severity: 'blocker',
    message: 'shows a body or skin and the same one some time later (a before/after)',
    patterns: [
      rx(`${B}${NUM}${S0}${TIME}${S}(?:later|sp(?:ä|ae)ter|danach)${E}`),
      rx(
        `${B}(?:b\\s?&\\s?a|b/a|vorher[\\s-]?nachher|before[\\s/-]?after)${S}(?:photos?|pics?|images?|shots?|fotos?|bilder|video|reel)${E}`,
      ),
      rx(`${B}\\p{L}+${S}(?:vs\\.?|versus|gegen(?:ü|ue)ber|im vergleich zu)${S}\\p{L}+${E}`),
      rx(`${B}im${S}vergleich${E}`),
    ],
    requires: rx(`${BODY_STEM}|${B}${CONDITION}${E}`),
  },
  {
    id: 'income.signals',
    category: 'income_claims',
    severity: 'blocker',
    message: 'promises income, a replaced salary or multiplied savings',
    patterns: [
      rx(
        `${B}(?:from|von)${S}(?:${MONEY}|0|zero|null|nothing|nichts|broke|pleite)${S}(?:to|auf|zu)${S}${MONEY}`,
      ),
      rx(`${MONEY}${S}\\p{L}*(?:umsatz|einkommen|gewinn|verdienst|income|revenue|profit)${E}`),
      rx(
        `${B}(?:replaced?|replacing|ersetz(?:t|en|te))${S}(?:(?:my|your|her|his|their|mein(?:e|en)?|dein(?:e|en)?|ihr(?:e|en)?)${S})?(?:full[\\s-]time${S})?(?:salary|income|paycheck|job|gehalt|einkommen|job)${E}`,
      ),
      rx(
        `${B}(?:earn|earning|make money|making money|verdiene|verdienen|geld verdienen|cash flow)${S}(?:[\\p{L}]+${S}){0,2}(?:while you sleep|in your sleep|im schlaf|on autopilot|passively|passiv|nebenbei|from anywhere|von (?:(?:ü|ue)berall|zu ?hause))${E}`,
      ),
      rx(`${B}(?:\\d|f(?:ü|ue)nf|sechs|sieben|acht)[\\s-]?stellige?[nrs]?${E}`),
      rx(
        `${B}(?:side income|extra income|second income|additional income|nebeneinkommen|zusatzeinkommen|zweites einkommen|zus(?:ä|ae)tzliches einkommen|nebenverdienst)${E}`,
      ),
      rx(
        `${B}(?:verdopple|verdreifache|vervielfache|vervielfachen|multiply|multiplies|grow)${S}(?:(?:your|dein(?:e|en)?|ihr(?:e|en)?)${S})?(?:money|savings|investment|income|geld|erspartes|ersparnisse|verm(?:ö|oe)gen|einkommen|investment)${E}`,
      ),
      rx(`${B}(?:money|geld)${S}(?:[\\p{L}]+${S}){0,2}(?:for you|f(?:ü|ue)r dich) (?:arbeiten|work)`),
    ],
    // A loan's amount range ("loans from $1,000 to $50,000") is a credit term, not an income story.
    unless: CREDIT_TERMS,
    when: (input) => input.vertical !== 'recruiting',
  },
  {
    id: 'weight-loss.signals',
    category: 'weight_loss',
    severity: 'blocker',
    message: 'promises weight loss or a target body',
    patterns: [
      rx(
        `${B}(?:scale|waage|number on the scale|zahl auf der waage)${S}(?:[\\p{L}]+${S}){0,2}(?:drop|drops|dropping|go down|goes down|going down|plummet|tumble|sinkt|sinken|f(?:ä|ae)llt|fallen)${E}`,
      ),
      rx(
        `${B}(?:traumfigur|wunschfigur|wunschgewicht|traumgewicht|idealgewicht|dream body|goal weight|dream weight|bikini body|beach body|summer body|bikinifigur|strandfigur|sommerfigur)${E}`,
      ),
      rx(
        `${B}(?:schlank[\\s-]?(?:shake|tee|kapseln|pillen|tropfen|kur|macher|programm)|schlankmacher|slim(?:ming)?[\\s-]?(?:shake|tea|pills?|drops|gummies|coffee))${E}`,
      ),
      rx(
        `${B}(?:speckr(?:ö|oe)llchen|bauchspeck|reiterhosen|h(?:ü|ue)ftspeck|problemzonen|problem areas|trouble zones|stubborn fat|hartn(?:ä|ae)ckiges fett)${E}`,
      ),
      rx(
        `${B}(?:crush|curb|kill|stop|z(?:ü|ue)geln|stoppen)${S}(?:(?:your|deine[nm]?|den|die)${S})?(?:cravings|hunger|appetite|hei(?:ß|ss)hunger|appetit)${E}`,
      ),
    ],
  },
  {
    id: 'superlatives.signals',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'claims superiority, a first or a ranking without substantiation',
    patterns: [
      rx(
        `${B}(?:superior to|(?:ü|ue)berlegen|better than (?:the )?(?:leading|other|competitors?|any|all|every)|besser als (?:die|alle|jede[nrs]?|andere)|outperforms?|beats? (?:the )?(?:leading|competition|competitors|every))${E}`,
      ),
      rx(
        `${B}(?:first and only|erste[nr]? und einzige[nr]?|one of a kind|world'?s first|weltweit erste[nr]?|die erste[nr]? und einzige[nr]?|the only one)${E}`,
      ),
      rx(
        `${B}(?:rated|voted|named|crowned|gew(?:ä|ae)hlt zu[mr]?|gek(?:ü|ue)rt zu[mr]?|ausgezeichnet als)${S}(?:the${S}|als${S})?(?:best|#\\s?1|number one|no\\.?${S0}1|beste[nrs]?|testsieger)`,
      ),
      rx(`${B}best${S}(?:[\\p{L}-]+${S}){0,2}of${S}20\\d\\d${E}`),
      rx(
        `${B}(?:deutschlands|europas|(?:ö|oe)sterreichs|der welt|america'?s|the world'?s|world'?s|britain'?s|germany'?s|europe'?s)${S}(?:meist\\p{L}+|best[\\s-]?\\p{L}*|top[\\s-]?\\p{L}*|beliebt\\p{L}*|gr(?:ö|oe)(?:ß|ss)t\\p{L}*|largest|biggest|favou?rite)`,
      ),
      rx(
        `${B}(?:kein(?:e[nrs]?)?${S}andere[nrs]?|no other|nothing else|nichts anderes)${S}(?:[\\p{L}-]+${S}){0,3}(?:wirkt|works|is|ist|comes close|kommt|h(?:ä|ae)lt|lasts|beats|schl(?:ä|ae)gt|so)${E}`,
      ),
      rx(
        `${B}(?:hands down|by far|mit abstand|unangefochten)${S}(?:the${S}|der${S}|die${S}|das${S})?(?:best|beste[nrs]?|#1)`,
      ),
    ],
    substantiable: true,
  },
  {
    id: 'urgency.signals',
    category: 'false_urgency',
    severity: 'blocker',
    message: 'pressures with a last day, a closing door or live demand',
    patterns: [
      rx(
        `${B}(?:last day|final day|letzter tag|der letzte tag|letzten tag|only day|now or never|jetzt oder nie|it'?s now or never)${E}`,
      ),
      rx(
        `${B}(?:doors|cart|enrol(?:l)?ment|registration|sign[\\s-]?ups?|applications|anmeldung|t(?:ü|ue)ren|warenkorb|einschreibung)${S}(?:close|closes|closing|schlie(?:ß|ss)t|schlie(?:ß|ss)en)${E}`,
      ),
      rx(
        `${B}\\d+${S}(?:people|others|shoppers|customers|personen|leute|kunden|menschen)${S}(?:are${S}|sind${S})?(?:(?:currently|right now|gerade|aktuell)${S})?(?:looking at|viewing|watching|checking out|have (?:this|it) in their carts?|schauen sich|sehen sich|haben (?:das|es) im warenkorb)`,
      ),
      rx(`${B}(?:in (?:their|ihrem|ihren) (?:carts?|warenkorb)|right now in \\d+ carts)${E}`),
      rx(`${B}(?:solange (?:es|der countdown|der timer) (?:l(?:ä|ae)uft|reicht))${E}`),
    ],
    // "Applications close on 15 January": a closing date named on the calendar is the offer's real end.
    unlessAfter: CALENDAR_DATE_AFTER,
  },
  {
    id: 'health.medical-terms',
    category: 'health_claims',
    severity: 'blocker',
    message: 'sells with a medical effect (drug-like action, hormones, a disease marker)',
    patterns: [
      rx(
        `${B}(?:natural antibiotic|nat(?:ü|ue)rliche[sn]? antibiotikum|antibiotikum|anti[\\s-]?inflammatory|entz(?:ü|ue)ndungshemmend\\p{L}*|schmerzlindernd\\p{L}*|pain[\\s-]relieving|analgesic|antiviral|antidepressant|blutdrucksenkend\\p{L}*|cholesterinsenkend\\p{L}*|blutzuckersenkend\\p{L}*|krebshemmend\\p{L}*|anti[\\s-]?cancer|antikanzerogen|immunst(?:ä|ae)rkend\\p{L}*|immune[\\s-]boosting|fat[\\s-]?burning|stoffwechselanregend\\p{L}*)${E}`,
      ),
      rx(
        `${B}(?:balances?|balancing|regulates?|resets?|fix(?:es)?|boosts?|raises?|increases?|reguliert|harmonisiert|steigert|erh(?:ö|oe)ht|bringt)${S}(?:(?:your|dein(?:e|en)?|ihr(?:e|en)?|den|die|das)${S})?(?:hormones?|hormonal balance|hormonhaushalt|hormone|testosterone?|testosteron(?:spiegel)?|estrogen|(?:ö|oe)strogen|libido|potenz|cortisol|metabolism|stoffwechsel|serotonin|dopamine|insulin sensitivity)${E}`,
      ),
      rx(
        `${B}(?:low${S}libido|low${S}t${E}|low${S}testosterone|pms|pmds?|restless${S}legs?|a1c|hba1c|sun${S}damage|hormonal${S}imbalance|brain${S}fog|libidoverlust|erektionsprobleme|wechseljahresbeschwerden|regelschmerzen|menstrual${S}cramps|period${S}pain)${E}`,
      ),
      rx(
        `${B}(?:regenerates?|regeneriert|rebuilds?|reverses?|repairs?)${S}(?:[\\p{L}-]+${S}){0,2}(?:collagen|kollagen|cells|zellen|damage|sch(?:ä|ae)den|dna|cartilage|knorpel)${E}`,
      ),
      rx(
        `${B}(?:drug[\\s-]free|medication[\\s-]free|ohne medikamente|ohne tabletten)${S}(?:relief|treatment|l(?:ö|oe)sung|hilfe|alternative|linderung)${E}`,
      ),
      rx(`${B}(?:answer|antwort|response)${S}(?:to|auf)${S}(?:(?:your|dein(?:e|en)?)${S})?${CONDITION}${E}`),
    ],
  },
  {
    id: 'weight-loss.signals-wide',
    category: 'weight_loss',
    severity: 'blocker',
    message: 'promises weight loss, a slimmer body or burned fat or calories',
    when: (input) => !healthyPaceSubstantiated(input),
    patterns: [
      rx(
        `${B}(?:lose|losing|lost|shed|drop)${S}(?:the${S})?(?:baby${S}|holiday${S}|pregnancy${S}|quarantine${S}|extra${S}|last${S})?(?:weight|pounds|kilos|lbs)${E}`,
      ),
      rx(
        `${B}(?:slimmer|thinner|leaner|tighter|toned|schlanker|straffer|d(?:ü|ue)nner|flacher)${S}(?:thighs|legs|waist|belly|stomach|tummy|arms|hips|body|face|silhouette|you|beine|oberschenkel|taille|bauch|arme|h(?:ü|ue)ften|k(?:ö|oe)rper|po|gesicht)${E}`,
      ),
      rx(
        `${B}(?:burn|burns|burning|torch|torches|verbrennt|verbrennen|verbrenne)${S}(?:up${S}to${S}|bis zu${S})?(?:\\d+${S0}|extra${S}|mehr${S}|more${S})*(?:extra${S})?(?:calories|kalorien|kcal)${E}`,
      ),
      rx(
        `${B}(?:endlich${S}schlank|finally${S}(?:slim|thin|skinny)|schlank${S}(?:werden|bleiben|mit|durch|ohne|in)|get${S}(?:slim|skinny|thin)|slim${S}down)${E}`,
      ),
      rx(
        `${B}${NUM}${S0}(?:kilo|kilos|kg|pfund|lbs|pounds)${S}(?:verlor|verloren|abgenommen|weniger|leichter|lost|down|off|gone|lighter)${E}`,
      ),
      rx(
        `${B}(?:verlor|verloren|abgenommen|lost|dropped|shed)${S}(?:(?:ganze|satte|über|over|more than|mehr als)${S})?${NUM}${S0}(?:kilo|kilos|kg|pfund|lbs|pounds)${E}`,
      ),
      rx(
        `${B}${NUM}${S0}cm${S}(?:weniger${S})?(?:bauchumfang|taillenumfang|hüftumfang|off (?:your )?(?:waist|belly|hips))${E}`,
      ),
      rx(`${B}(?:bauchumfang|taillenumfang|waistline|inches off)${E}`),
    ],
  },
  {
    id: 'income.signals-wide',
    category: 'income_claims',
    severity: 'blocker',
    message: 'promises earnings, early retirement or a replaced income',
    patterns: [
      rx(`${B}retire${S}(?:[\\p{L}\\p{N}]+${S}){0,3}(?:early|earlier|sooner|rich|young)${E}`),
      rx(
        `${B}(?:side${S}hustle|nebenjob${S}mit${S}\\d|full[\\s-]time${S}income|vollzeit[\\s-]?einkommen|six[\\s-]figure${S}(?:income|salary|business|agency|coach)|make${S}a${S}living${S}(?:online|from home))${E}`,
      ),
      rx(`${B}pays?${S}(?:(?:my|your|all my|all your)${S})?(?:rent|bills|mortgage|miete|rechnungen)${E}`),
      rx(
        `${MONEY}${S}(?:in|within|innerhalb|binnen)${S}(?:(?:a|one|einem|einer|nur|just|only|(?:the|den|die)${S}(?:first|last|ersten|letzten))${S})*(?:${NUM}${S0})?${TIME}`,
      ),
      rx(
        `${B}(?:umgesetzt|erwirtschaftet|eingenommen|generated|made|earned|verdient|in sales|revenue|umsatz)${E}`,
      ),
      rx(
        `${B}(?:vom|from)${S}(?:[\\p{L}-]+${S}){0,2}(?:zum|to)${S}(?:million(?:(?:ä|ae)r)?|millionaire|rich|reich)${E}`,
      ),
    ],
    requires: rx(
      `${MONEY}|${B}(?:retire|side hustle|full[\\s-]time income|vollzeit|pays? (?:my|your)|million|reich|rich|six[\\s-]figure|living)`,
    ),
    when: (input) => input.vertical !== 'recruiting',
  },
  {
    id: 'superlatives.signals-wide',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'claims to be unrivalled or better than a treatment or every competitor',
    patterns: [
      rx(
        `${B}(?:nothing comes close|zero competition|no competition|keine konkurrenz|nichts kommt heran|nothing compares|in a league of (?:its|their) own|in einer eigenen liga|game[\\s-]?changer)${E}`,
      ),
      rx(
        `${B}(?:better than|besser als|beats?|schl(?:ä|ae)gt|replaces?|ersetzt|rivals?|wie)${S}(?:botox|filler|surgery|(?:a${S})?facelift|retinol|prescription|the dentist|teure[n]?${S}\\p{L}+|jede[ns]?${S}\\p{L}+|alle${S}anderen|a personal trainer|therapy)${E}`,
      ),
      rx(
        `${B}(?:simply|einfach|literally|buchst(?:ä|ae)blich)${S}(?:the${S}|der${S}|die${S}|das${S})?(?:best|beste[nrs]?)${E}`,
      ),
      rx(
        `${B}(?:you'?ll ever|you will ever|du je|du jemals|sie je)${S}(?:[\\p{L}]+${S}){0,2}(?:taste|try|use|buy|need|own|wear|sleep on|probieren|benutzen|kaufen|brauchen|tragen|schmecken)`,
      ),
    ],
    substantiable: true,
  },
  {
    id: 'urgency.signals-wide',
    category: 'false_urgency',
    severity: 'blocker',
    message: 'pressures with a deadline on the offer',
    patterns: [
      rx(
        `${B}(?:won'?t be (?:around|here|available|back)|won'?t last(?: long)?|nicht mehr lange|bald (?:weg|vorbei|vergriffen)|gone (?:tomorrow|forever|soon)|morgen (?:weg|vorbei)|too late|zu sp(?:ä|ae)t|never again at this price|nie wieder so g(?:ü|ue)nstig)${E}`,
      ),
      rx(
        `${B}(?:last|final|letzte[n]?|nur die letzten)${S}${NUM}${S0}(?:hours?|hrs?|days?|minutes?|mins?|stunden?|tage?n?|minuten?)${E}`,
      ),
      rx(
        `${B}(?:ends|ending|endet|l(?:ä|ae)uft aus|l(?:ä|ae)uft ab|expires?|vorbei)${S}(?:tomorrow|morgen|bald|soon|this (?:weekend|week|friday|sunday)|am wochenende|diese woche)${E}`,
      ),
      rx(
        `${B}(?:bis|until|till|through)${S}(?:mitternacht|midnight|heute|today|tonight|morgen|tomorrow)${E}`,
      ),
    ],
    requires: rx(
      `${B}(?:price|prices|preis|preise|sale|deal|deals|offer|angebot|aktion|rabatt|discount|off|save|spare|sparen|gratis|free|versand|shipping|code|bonus|chance|%)${E}|%|${B}(?:won'?t|nicht mehr|too late|zu sp(?:ä|ae)t|never again|nie wieder)`,
    ),
  },
  {
    id: 'before-after.two-states',
    category: 'before_after',
    severity: 'blocker',
    message: 'shows a body, face or skin in two states (first and second image, start and after, a morph)',
    scope: 'text',
    patterns: [
      rx(
        `${B}(?:left|links|aufnahme${S}1|photo${S}1|foto${S}1|bild${S}1|image${S}1|slide${S}1|panel${S}1|frame${S}1|shot${S}1|first${S}(?:photo|image|shot|frame|panel))${E}[\\s\\S]{0,200}${B}(?:right|rechts|aufnahme${S}2|photo${S}2|foto${S}2|bild${S}2|image${S}2|slide${S}2|panel${S}2|frame${S}2|shot${S}2|second${S}(?:photo|image|shot|frame|panel))${E}`,
      ),
      rx(
        `${B}(?:morph\\p{L}*|transition\\p{L}*|(?:ü|ue)bergang|(?:ü|ue)berblendung|verwandl\\p{L}*|transforms?|transforming|wipes?)${S}(?:[\\p{L}-]+${S}){0,3}(?:from|von|into|in|zu)${E}`,
      ),
      rx(
        `${B}from${S}(?:[\\p{L}-]+${S}){0,2}(?:skin|face|body|belly|hair|teeth|smile|waist)${S}to${S}(?:[\\p{L}-]+${S}){0,2}(?:skin|face|body|belly|hair|teeth|smile|waist)${E}`,
      ),
      rx(
        `${B}(?:zu beginn|am anfang|at the start|at the beginning|on day (?:one|1)|at week (?:zero|0)|vorher)${S}(?:[\\p{L}-]+${S}){0,3}(?:und|and|vs\\.?|&)${S}(?:nach|after|on|at|dann)${S}`,
      ),
    ],
    requires: rx(BODY_STEM),
  },
  {
    id: 'weight-loss.german-separable',
    category: 'weight_loss',
    severity: 'blocker',
    message: 'promises weight loss ("nimm ab", "nimmst schneller ab")',
    patterns: [rx(`${B}(?:nimm|nimmst|nimmt|nehmen|nehmt|nahm|nahmst|nahmen)${E}[^.!?]{0,60}?${B}ab${E}`)],
    requires: rx(
      `${B}(?:kilo|kilos|kg|pfund|pfunde|schneller|m(?:ü|ue)helos|leicht|w(?:ä|ae)hrend|schl(?:ä|ae)fst|schlaf|ohne|tropfen|kapseln|shake|tee|gewicht|pro woche|in${S}\\d+)${E}`,
    ),
  },
  {
    id: 'urgency.until',
    category: 'false_urgency',
    severity: 'blocker',
    message: 'limits the offer to a near deadline or a few hours or days',
    // "Valid through 31 March 2026": a validity date with its month and year is the offer's terms, not pressure.
    // "nur bis 31.01.2027": a numeric date with its year is a calendar deadline too.
    unlessAfter:
      /^(?:\.?\s*(?:jan|feb|m(?:ä|ae)r|mar|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])\p{L}*\.?,?\s+\d{4}\b|[./]\d{1,2}[./](?:20)?\d{2}\b|[./](?:20)\d{2}\b)/iu,
    patterns: [
      rx(
        `${B}(?:only|just|nur|nur noch|noch|valid|g(?:ü|ue)ltig|offer ends|angebot endet)${S}(?:until|till|through|bis|zum)${S}(?:(?:this|next|diesen|n(?:ä|ae)chsten|kommenden)${S})?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|morgen|tomorrow|tonight|heute|midnight|mitternacht|the weekend|wochenende|\\d{1,2}(?:[.:/]\\d{1,2})?)`,
      ),
      rx(
        `${B}(?:valid|g(?:ü|ue)ltig|available|verf(?:ü|ue)gbar|l(?:ä|ae)uft|gilt|runs|on)${S}(?:(?:for|f(?:ü|ue)r|only|just|nur|noch|another|weitere)${S})*${NUM}${S0}(?:more${S}|weitere${S})?(?:hours?|hrs?|minutes?|mins?|days?|stunden?|minuten?|tage?n?)${E}`,
      ),
      rx(
        `${B}(?:nur noch|noch|only|just)${S}${NUM}${S0}(?:tage|tagen|stunden|minuten|days|hours|hrs)${E}(?!${S}(?:a|per|each|every|am|pro|t(?:ä|ae)glich|daily|of your|to set|zum|f(?:ü|ue)r die|lieferzeit|delivery|shipping|versand))`,
      ),
    ],
  },
  {
    id: 'superlatives.scope',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'claims a superlative on a world or market scale without substantiation',
    patterns: [
      rx(
        `${B}(?:most${S}\\p{L}+|\\p{L}+est)${S}(?:[\\p{L}-]+${S}){0,3}(?:on the planet|on earth|in the world|in existence|ever made|ever created|ever tested|ever built|of all time|money can buy|you can buy|available anywhere|on the market|in (?:america|the (?:us|usa|u\\.s\\.|uk|country|nation|state|city|region)|town|germany|europe|austria|switzerland|canada|australia|britain)|nationwide|anywhere)${E}`,
      ),
      rx(
        `${B}\\p{L}+ste[nrs]?${S}(?:[\\p{L}-]+${S}){0,3}(?:der welt|aller zeiten|auf dem markt|weltweit|deutschlands|europas|(?:ö|oe)sterreichs|der schweiz|im handel|je getestet|jemals|in deutschland|in (?:ö|oe)sterreich|in der schweiz|in europa|bundesweit|im ganzen land|der stadt|der region)${E}`,
      ),
      // A price superlative ("the lowest rates", "die günstigsten Zinsen") is a comparison with every competitor.
      rx(
        `${B}(?:the|die)${S}(?:lowest|cheapest|g(?:ü|ue)nstigsten|niedrigsten|billigsten)${S}(?:[\\p{L}-]+${S}){0,2}(?:rates?|prices?|apr|interest(?:${S}rates?)?|fees?|premiums?|zinsen|zins(?:s(?:ä|ae)tze)?|preise|konditionen|geb(?:ü|ue)hren|beitr(?:ä|ae)ge|tarife)${E}`,
      ),
    ],
    substantiable: true,
  },
  {
    id: 'before-after.comparison-images',
    category: 'before_after',
    severity: 'blocker',
    message: 'compares images of a body, face or skin (a before/after)',
    patterns: [
      rx(
        `${B}(?:collage|next to|neben|beside|alongside|paired with|juxtapos\\p{L}*|vergleichs\\p{L}*|comparison${S}(?:photo|image|shot|pic))${E}`,
      ),
      rx(
        `${B}(?:nach|after|at|bei)${S}${NUM}${S}(?:und|and|vs\\.?|&)${S}(?:nach|after|at|bei)?${S0}${NUM}${S0}${TIME}${E}`,
      ),
    ],
    requires: rx(BODY_STEM),
  },
  {
    id: 'income.units',
    category: 'income_claims',
    severity: 'blocker',
    message: 'promises an income figure',
    patterns: [
      rx(
        `${B}\\d+(?:[.,]\\d+)?\\s?k${S0}(?:/|per|a|an|each|every|pro|im)${S0}(?:mo|month|wk|week|day|monat|woche|tag)${E}`,
      ),
      rx(`${B}(?:passive?s?|residual)${S}(?:revenue|profits?|earnings|einnahmen|umsatz|gewinne?|cash)${E}`),
    ],
    when: (input) => input.vertical !== 'recruiting',
  },
  {
    id: 'weight-loss.help-to-lose',
    category: 'weight_loss',
    severity: 'blocker',
    message: 'sells the product as a weight-loss aid',
    // A sustainable pace the canon substantiates, framed as varying, is the healthy-rate claim Meta allows.
    when: (input) => !healthyPaceSubstantiated(input),
    patterns: [
      rx(
        `${B}(?:hilft|helfen|unterst(?:ü|ue)tzt|unterst(?:ü|ue)tzen)${S}(?:[\\p{L}]+${S}){0,2}(?:beim${S})?abnehm\\p{L}*`,
      ),
      rx(`${B}abnehm(?!bar)\\p{L}*`),
      rx(
        `${B}(?:helps?|supports?|aids?|promotes?|boosts?|speeds? up|accelerates?)${S}(?:(?:you|your)${S})?(?:to${S})?(?:lose${S}weight|weight${S}loss|fat${S}loss|burn(?:ing)?${S}fat|slim(?:ming)?|metaboli[sz]m)${E}`,
      ),
      rx(`${B}(?:weight[\\s-]loss|lose${S}weight|losing${S}weight|gewichtsverlust|gewichtsabnahme)${E}`),
      rx(`${B}${NUM}${S0}${MASS}${E}[\\s\\S]{0,80}${B}${NUM}${S0}${MASS}${E}`),
    ],
    scope: 'text',
  },
  {
    id: 'before-after.scenes',
    category: 'before_after',
    severity: 'blocker',
    message: 'shows the same body or skin in two states (scenes, halves of a frame, two weigh-ins)',
    scope: 'text',
    patterns: [
      rx(`${B}same${S}(?:${BODY_ONLY}|woman|man|person|face|model)${E}`),
      rx(
        `${B}(?:top|upper|obere[n]?)${S}(?:half|h(?:ä|ae)lfte)${E}[\\s\\S]{0,200}${B}(?:bottom|lower|untere[n]?)${S}(?:half|h(?:ä|ae)lfte)${E}`,
      ),
      rx(`${B}(?:waage|scale)${E}[\\s\\S]{0,60}${NUM}${S0}${MASS}${E}[\\s\\S]{0,80}${NUM}${S0}${MASS}${E}`),
    ],
    requires: rx(`${BODY_STEM}|${B}(?:waage|scale)${E}`),
  },
  {
    id: 'personal-attributes.address',
    category: 'personal_attributes',
    severity: 'blocker',
    message: 'addresses readers by a health condition or plays on their insecurity about how they look',
    patterns: [
      rx(
        `${B}(?:hey|hi|hello|dear|calling all|attention|to all|to everyone|hallo|liebe[rn]?|an alle|achtung|f(?:ü|ue)r alle)${S}(?:(?:fellow|my|you|meine|ihr)${S})?(?:[\\p{L}-]+${S})?(?:diabetics|diabetiker(?:innen)?|asthmatics|asthmatiker(?:innen)?|allergiker(?:innen)?|migraine sufferers|acne sufferers|insomniacs|smokers|raucher(?:innen)?|seniors|senioren|singles|moms|mamas|dads|papas|introverts|eczema warriors|spoonies|veterans|rentner(?:innen)?|schwangere)${E}`,
      ),
      rx(
        `${B}(?:embarrassed|ashamed|self[\\s-]conscious|insecure|unhappy|hate|hating|sick of|tired of|hiding|unzufrieden|unsicher|sch(?:ä|ae)m\\p{L}*|peinlich|genervt von|versteckst)${S}(?:about${S}|by${S}|of${S}|with${S}|wegen${S}|mit${S}|(?:ü|ue)ber${S}|f(?:ü|ue)r${S})?(?:your|deine[nmr]?|ihre[nmr]?|dein)${S}(?:[\\p{L}-]+${S})?(?:${BODY_ONLY}|smile|looks|appearance|belly|arms|legs|nose|chin|aussehen|l(?:ä|ae)cheln|nase|kinn)${E}`,
      ),
    ],
  },
  {
    id: 'superlatives.emphatic',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'claims the best ever or results every time without substantiation',
    scope: 'text',
    patterns: [
      rx(`${B}best[\\s.!,]+(?:[\\p{L}-]+[\\s.!,]+){0,2}ever${E}`),
      rx(`${B}(?:works[\\s.!,]+)?every[\\s.!,]+single[\\s.!,]+time${E}`),
      rx(`${B}(?:proven|clinically proven|shown|bewiesen)${S}(?:to|zu)${S}\\p{L}+`),
      rx(`${B}als${S}(?:das${S}|der${S}|die${S})?beste[nrs]?${E}`),
      rx(`${B}(?:awarded|named|voted|rated|crowned)${S}(?:as${S})?(?:the${S})?best${E}`),
    ],
    substantiable: true,
  },
  {
    id: 'urgency.pressure',
    category: 'false_urgency',
    severity: 'blocker',
    message: 'pressures with a countdown, filling spots, running-out stock or a buy-before deadline',
    patterns: [
      rx(
        `${B}(?:counting down|counts down|count[\\s-]?down|tickt (?:herunter|runter|ab)|z(?:ä|ae)hlt (?:herunter|runter))${E}`,
      ),
      rx(
        `${B}(?:fill(?:s|ing)?${S}up${S}(?:fast|quickly)|filling up|going quickly|gehen schnell weg|sind schnell weg|schnell zuschlagen|schnell zugreifen|schnell bestellen|schnell sichern|\\d+\\s?%${S}(?:claimed|sold|gone|vergriffen|verkauft))${E}`,
      ),
      rx(
        `${B}(?:book|order|buy|shop|register|enrol+|sign up|apply|grab|kauf\\p{L}*|bestell\\p{L}*|buch\\p{L}*|sicher\\p{L}*)${S}(?:(?:yours|it|now|jetzt|dir)${S})?(?:before|by|until|bis|vor)${S}(?:(?:this|next|diesen|n(?:ä|ae)chsten|kommenden)${S})?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|tonight|midnight|tomorrow|morgen|heute|mitternacht|it'?s gone|they'?re gone|es weg ist)${E}`,
      ),
      rx(
        `${B}(?:vorrat|lager|stock|supplies|supply|inventory|bestand)${S}(?:ist${S}|is${S}|are${S}|sind${S})?(?:fast${S}|bald${S}|almost${S}|nearly${S}|running${S})?(?:aufgebraucht|ersch(?:ö|oe)pft|leer|weg|knapp|low|out|gone|running out|ausverkauft)${E}`,
      ),
      rx(
        `${B}(?:price|prices|preis|preise)${S}(?:doubles?|triples?|verdoppelt sich|steigt|rises|increases|goes up)${E}`,
      ),
    ],
  },
  {
    id: 'before-after.scene-change',
    category: 'before_after',
    severity: 'blocker',
    message: 'shows a body or skin in one scene and changed in a later one (a before/after)',
    scope: 'text',
    patterns: [
      rx(
        `${B}(?:scene|szene|shot|frame|clip)${S}\\d+${E}[\\s\\S]{0,200}${B}(?:scene|szene|shot|frame|clip)${S}\\d+${E}`,
      ),
    ],
    requires: rx(
      `(?:${BODY_STEM})[\\s\\S]*${B}(?:later|after|now|flat(?:ter)?|toned|clear(?:er)?|smooth(?:er)?|slimmer|thinner|glowing|transformed|sp(?:ä|ae)ter|jetzt|straff(?:er)?|glatt(?:er)?|schlank(?:er)?|flach(?:er)?|rein(?:er)?|strahlend(?:er)?)${E}`,
    ),
  },
  {
    id: 'superlatives.bare',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'claims to be the fastest, strongest or safest without substantiation',
    patterns: [
      rx(
        `${B}(?:fastest|quickest|longest|strongest|safest|purest)${S0}(?:acting|working|lasting|absorbing|results)?${E}`,
      ),
    ],
    // "Our fastest shipping option" compares a brand's own range, not the market.
    unlessBefore: /(?:our|my|your|unser\p{L}*|mein\p{L}*|dein\p{L}*)\s+$/iu,
    substantiable: true,
  },
  {
    id: 'superlatives.local-best',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'claims to be the best locally without substantiation',
    patterns: [
      rx(
        `${B}(?:the${S})?best${S}(?:[\\p{L}-]+${S}){0,3}(?:near you|near me|in town|in your area|in der n(?:ä|ae)he|in deiner n(?:ä|ae)he|in (?:ihrer|deiner) stadt)${E}`,
      ),
    ],
    substantiable: true,
  },
  {
    id: 'income.payback',
    category: 'income_claims',
    severity: 'blocker',
    message: 'promises the investment pays back or earns quickly',
    patterns: [
      rx(
        `${B}(?:made back|earned back|recoup\\p{L}*|paid for itself|pays for itself|zur(?:ü|ue)ckverdient|wieder (?:drin|raus)|amortisiert)${E}`,
      ),
    ],
    when: (input) => input.vertical !== 'recruiting' && input.vertical !== 'b2b_saas',
  },
  {
    id: 'before-after.photos',
    category: 'before_after',
    severity: 'blocker',
    message: 'shows old and new photos of a body or skin',
    scope: 'text',
    patterns: [
      rx(`${B}(?:both|two|beide|zwei)${S}(?:photos|pictures|images|shots|pics|fotos|bilder|aufnahmen)${E}`),
      rx(
        `${B}(?:(?:her|his|my|their|ihr(?:em|en)?|sein(?:em|en)?|mein(?:em|en)?)${S})?(?:old|earlier|former|alte[snm]?|fr(?:ü|ue)here[snm]?)${S}(?:photo|picture|image|self|selfie|foto|bild)${E}`,
      ),
      rx(
        `${B}in${S}(?:19|20)\\d\\d${E}[\\s\\S]{0,80}${B}(?:now|today|heute|jetzt|in${S}(?:19|20)\\d\\d)${E}`,
      ),
      rx(`${B}${NUM}${S0}${MASS}${S}(?:heavier|schwerer|lighter|leichter)${E}`),
    ],
    requires: rx(`${BODY_STEM}|${B}(?:kg|lbs|pounds|kilos?|heavier|schwerer)${E}`),
  },
  {
    id: 'health.condition-mention',
    category: 'health_claims',
    severity: 'warning',
    // Education about a condition is not a claim about the product.
    unless:
      /^\s*(?:what|why|how|when|which|did you know|do you know|know someone|was|warum|wie|wann|welche|wusstest du|kennst du)\b|\b(?:learn (?:the signs|more about)|share this|erkl(?:ä|ae)ren|informier\p{L}*)\b/iu,
    message: 'names a disease next to the product: check that the copy makes no treatment claim',
    patterns: [rx(`${B}${DISEASE}${E}`)],
    unlessAfter:
      /^[\s-]*(?:prone|neigende?[nrs]?|awareness|research|month|foundation|society|association|day|week)\b/iu,
    unlessBefore:
      /(?:causes|cause of|what is|was ist|symptoms of|signs of|people (?:with|living with)|menschen mit|for people with|understanding|learn about|about|über|mit)\s+$/iu,
    when: (input) =>
      ['skincare', 'supplements', 'weight_loss', 'fitness', 'other', 'ecommerce'].includes(input.vertical),
  },
  {
    id: 'superlatives.evaluative',
    category: 'unsubstantiated_superlatives',
    severity: 'warning',
    message: 'uses a superlative that needs substantiation',
    patterns: [
      rx(
        `${B}(?:the|der|die|das|den|dem)${S}(?:best|finest|greatest|softest|smoothest|healthiest|cleanest|most${S}(?:effective|powerful|advanced|comfortable|luxurious|trusted|loved|popular|innovative|natural|potent)|beste[nrs]?|feinste[nrs]?|weichste[nrs]?|gesündeste[nrs]?|reinste[nrs]?|wirksamste[nrs]?|st(?:ä|ae)rkste[nrs]?|beliebteste[nrs]?|innovativste[nrs]?|nat(?:ü|ue)rlichste[nrs]?|bequemste[nrs]?)${E}`,
      ),
    ],
    unlessAfter:
      /^\s*(?:part|teil|thing|news|time|zeit|way to (?:use|apply|store|enjoy)|of (?:both|all)|friends?|freund(?:e|in)?|wishes|w(?:ü|ue)nsche|seller|selling|verkaufte|results? (?:come|comes|when|if)|for (?:you|your)|f(?:ü|ue)r (?:dich|sie|deine|ihre))\b/iu,
    substantiable: true,
  },
  {
    id: 'weight-loss.mention',
    category: 'weight_loss',
    severity: 'warning',
    message: 'talks about body weight or slimness: check for unrealistic or body-shaming claims',
    // A sustainable, substantiated pace is the kind of weight talk the policy allows.
    patterns: [
      rx(`${B}${NUM}${S0}(?:kg|kgs|kilos?|kilogramm|lbs?|pounds|pfund)${E}`),
      rx(
        `${B}(?:slimm(?:er|ing)|skinny|schlank\\p{L}*|abspeck\\p{L}*|fettweg|d(?:ü|ue)nner|thinner|leaner body|figurprobleme)${E}`,
      ),
    ],
    when: (input) =>
      ['weight_loss', 'supplements', 'fitness'].includes(input.vertical) && !healthyPaceSubstantiated(input),
  },
  {
    id: 'income.coaching-amount',
    category: 'income_claims',
    severity: 'warning',
    message:
      'states a money amount per period in a coaching or finance ad: check it is not an earnings promise',
    patterns: [rx(`${MONEY}${S0}(?:${PERIOD})`)],
    unlessBefore:
      /(?:from|only|just|for|costs?|price[sd]?|plans?|fee[s]?|pay|paid|ab|nur|f(?:ü|ue)r|kostet|kosten|preis|geb(?:ü|ue)hr(?:en)?|zahl\p{L}*|save|spare|sparen|spar|then|danach|dann|billed|charged)\s+(?:(?:up to|bis zu|only|just|nur)\s+)?$/iu,
    when: (input) => ['coaching', 'finance', 'other'].includes(input.vertical) && !input.context.subscription,
  },
  {
    id: 'urgency.dated-deadline',
    category: 'false_urgency',
    severity: 'warning',
    unless: DATED,
    message: "sets a deadline on the offer: it must be the offer's real end date",
    patterns: [
      rx(
        `${B}(?:only|just|nur|nur noch|noch)${S}(?:until|till|bis)${S}(?:(?:on|am|this|next|diesen|n(?:ä|ae)chsten)${S})?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)${E}`,
      ),
      rx(
        `${B}(?:limited|begrenzt\\p{L}*|limitiert\\p{L}*)${S}(?:time|offer|spots|places|seats|stock|supply|availability|zeit|angebot|pl(?:ä|ae)tze|st(?:ü|ue)ckzahl)${E}`,
      ),
    ],
    requires: rx(
      `${B}(?:sale|deal|offer|angebot|aktion|rabatt|discount|off|save|spare|sparen|gratis|free|code|%|bonus|price|preis|spots|places|seats|pl(?:ä|ae)tze|stock)${E}|%`,
    ),
  },
  {
    id: 'before-after.image-words',
    category: 'before_after',
    severity: 'warning',
    message:
      'an image or script about a body or skin that mentions results or a before/after: check it shows no comparison',
    patterns: [
      rx(
        `${B}(?:before|after|vorher|nachher|transformation|transformed|progress|results?|ergebnis(?:se)?|verwandlung|verwandelt)${E}`,
      ),
    ],
    requires: rx(BODY_STEM),
    when: (input) => input.field === 'image_prompt' || input.field === 'script',
  },
  {
    id: 'health.medical-lexicon',
    category: 'health_claims',
    severity: 'blocker',
    message: 'claims an effect on a medical condition, an organ or a medical treatment',
    patterns: [
      rx(
        `${B}(?:fibroids?|cysts?|pcos|endometriosis|plaque|arteries|gallstones?|kidney stones?|utis?|urinary tract infections?|inhalers?|glaucoma|cataracts?|neuropathy|sciatica|shingles|lupus|crohn'?s|colitis|gerd|ulcers?|hemorrhoids|piles|varicose|spider veins|tinnitus|vertigo|dementia|parkinson'?s|multiple sclerosis|copd|bronchitis|pneumonia|sinusitis|hepatitis|thyroid|adrenal fatigue|candida|gout|osteoarthritis|rheumatism|cholesterol|triglycerides|blood clots?|heart disease|strokes?|tumou?rs?|chemo(?:therapy)?|radiation)${E}`,
      ),
      rx(
        `${B}(?:myome?|zysten?|endometriose|arterien|gallensteine?|nierensteine?|blasenentz(?:ü|ue)ndung(?:en)?|inhalator|gr(?:ü|ue)ner star|grauer star|neuropathie|g(?:ü|ue)rtelrose|morbus crohn|colitis|sodbrennen|magengeschw(?:ü|ue)r|h(?:ä|ae)morrhoiden|krampfadern|besenreiser|tinnitus|schwindel|demenz|parkinson|multiple sklerose|bronchitis|lungenentz(?:ü|ue)ndung|nebenh(?:ö|oe)hlen\\p{L}*|hepatitis|schilddr(?:ü|ue)se\\p{L}*|rheuma|gicht|thrombose|schlaganfall|herzinfarkt|tumor(?:e|en)?|chemo(?:therapie)?|cellulite)${E}`,
      ),
      rx(
        `${B}(?:cleanses?|cleans|detox(?:es|ifies)?|repairs?|heals?|unclogs?|flushes|reinigt|entgiftet|repariert|heilt|st(?:ä|ae)rkt|entlastet|regeneriert)${S}(?:(?:your|the|deine?n?|ihre?n?|die|den|das)${S})?(?:arteries|liver|kidneys?|gut|brain|colon|lungs|blood vessels|heart|joints|cartilage|arterien|leber|nieren?|darm|gehirn|lunge|blutgef(?:ä|ae)(?:ß|ss)e|herz|gelenke|knorpel)${E}`,
      ),
      rx(
        `${B}(?:replaces?|ersetzt|ersetzen|statt|instead of|no more|nie wieder|kein(?:e|en)?${S}(?:mehr|weitere[nr]?))${S}(?:(?:your|the|a|den|die|das|deine?n?|ihre?n?)${S})?(?:doctor|dermatologist|gp|physician|dentist|inhaler|glasses|hearing aid|surgery|injections?|arzt|hautarzt|hausarzt|zahnarzt|gang zum (?:arzt|hautarzt|zahnarzt)|brille|h(?:ö|oe)rger(?:ä|ae)t|operation|spritze[n]?)${E}`,
      ),
      rx(
        `${B}(?:shrinks?|dissolves?|kills?|kicks?|l(?:ö|oe)st|schrumpft|zerst(?:ö|oe)rt)${S}(?:(?:your|the|deine?n?|ihre?n?|die|den|das)${S})?(?:[\\p{L}-]+${S}){0,1}(?:${CONDITION}|fibroids?|tumou?rs?|cysts?|stones?|plaque|gallensteine?|nierensteine?|zysten?|myome?|utis?)${E}`,
      ),
    ],
    unless: /^\s*(?:what|why|how|when|which|did you know|was|warum|wie|wann|welche|wusstest du)\b/iu,
  },
  {
    id: 'personal-attributes.life-situations',
    category: 'personal_attributes',
    severity: 'blocker',
    scope: 'text',
    message: "implies the reader's health, family or financial situation",
    patterns: [
      rx(
        `${B}(?:divorce|divorced|separation|widow(?:ed|er)?|grief|grieving|bereaved|miscarriage|infertility|conceive|trying to conceive|ttc|ivf|fertility|pregnan(?:t|cy)|postpartum|menopause|perimenopause|endometriosis|pcos|lonely|loneliness|eviction|foreclosure|bankruptcy|unemployment|laid off|sober|sobriety|recovery|relapse|paycheck[\\s-]to[\\s-]paycheck|scheidung|getrennt|verwitwet|trauer|fehlgeburt|kinderwunsch|unfruchtbar\\p{L}*|schwangerschaft|schwanger|wochenbett|wechseljahre|endometriose|einsam\\p{L}*|zwangsr(?:ä|ae)umung|r(?:ä|ae)umungsklage|insolvenz|arbeitslos\\p{L}*|gek(?:ü|ue)ndigt|trocken|r(?:ü|ue)ckfall)${E}`,
      ),
    ],
    requires: rx(
      `${B}(?:you|your|you'?re|yourself|du|dich|dir|dein\\p{L}*|we know|we understand|we get it|for anyone|if you|let us help|we can help|we help|here to help|wir helfen|lass uns helfen|lasst uns helfen|wir wissen|wir verstehen|f(?:ü|ue)r alle,? die|wenn du|wenn sie|kennst du|kennen sie|struggling|k(?:ä|ae)mpfst)${E}|\\?|${B}(?:Sie|Ihnen|Ihr\\p{L}*)${E}`,
    ),
    unless: /^\s*(?:what|why|how|when|which|did you know|was|warum|wie|wann|welche|wusstest du)\b/iu,
  },
  {
    id: 'before-after.change-over-time',
    category: 'before_after',
    severity: 'blocker',
    message: 'shows a body or skin changing over time (cut to, fading, week by week)',
    scope: 'text',
    patterns: [
      rx(
        `${B}(?:cut to|dissolve to|wipe to|schnitt(?:${S}auf)?|week by week|day by day|woche f(?:ü|ue)r woche|tag f(?:ü|ue)r tag|daily selfies|t(?:ä|ae)gliche selfies|fotoreihe|photo series|time[\\s-]?lapse|zeitraffer)${E}`,
      ),
      rx(
        `${B}(?:fading|disappearing|shrinking|clearing up|getting smaller|melting away|verblass\\p{L}*|verschwind\\p{L}*|schrumpf\\p{L}*|weniger werden\\p{L}*|immer weniger|weniger)${E}`,
      ),
    ],
    requires: rx(BODY_STEM),
    when: (input) =>
      input.field === 'image_prompt' || input.field === 'script' || input.field === 'primary_text',
  },
  {
    id: 'income.lifestyle',
    category: 'income_claims',
    severity: 'blocker',
    message: 'promises earnings or quitting a job as the outcome',
    patterns: [
      rx(`${B}(?:money|cash|geld)[\\s-]?(?:machine|maschine|printer|druckmaschine|magnet)${E}`),
      rx(`${B}gelddruckmaschine${E}`),
      rx(
        `${B}(?:earn|make|verdien\\p{L}*)${S}(?:[\\p{L}]+${S}){0,2}(?:more than|mehr als)${S}(?:your|dein(?:e|en)?|ihr(?:e|en)?)${S}(?:boss|salary|job|chef|gehalt)${E}`,
      ),
      rx(
        `${B}k(?:ü|ue)ndige?\\p{L}*${S}(?:[\\p{L}]+${S}){0,2}(?:in|nach|within)${S}${NUM}${S0}(?:monaten|wochen|tagen|months|weeks|days)${E}`,
      ),
      rx(`${B}(?:passiv|passive)${E}[^.!?]{0,40}${MONEY}|${MONEY}[^.!?]{0,20}${B}(?:passiv|passive)${E}`),
      rx(
        `${B}(?:work|arbeite\\p{L}*)${S}(?:only${S}|just${S}|nur${S})?${NUM}${S0}(?:hours?|stunden)${S}(?:a|per|pro|die|im)${S0}(?:week|woche|month|monat)${E}`,
      ),
    ],
    when: (input) => input.vertical !== 'recruiting',
  },
  {
    id: 'weight-loss.more',
    category: 'weight_loss',
    severity: 'blocker',
    message: 'promises losing weight or a flat belly',
    patterns: [
      rx(
        `${B}(?:melt|melts|melting|drop|drops|shed|sheds|lose|loses|burn|burns)${S}(?:off${S}|away${S})?(?:(?:that|the|your|those)${S})?(?:holiday|baby|pregnancy|winter|quarantine|extra|stubborn|post[\\s-]?partum)${S}(?:weight|pounds|kilos|fat)${E}`,
      ),
      rx(
        `${B}(?:bauch|belly|stomach|tummy)${S}(?:wird|gets|becomes|is)${S}(?:flach|flat|flacher|flatter)${E}`,
      ),
      rx(
        `${B}(?:flat${S}(?:belly|stomach|tummy)|flache[nr]?${S}bauch|h(?:ü|ue)ftgold|rettungsringe|speckrollen|winkearme)${E}`,
      ),
    ],
  },
  {
    id: 'urgency.more',
    category: 'false_urgency',
    severity: 'blocker',
    message: 'pressures with a vanishing price, live buying or a closing checkout',
    patterns: [
      rx(
        `${B}(?:price|deal|offer|discount|angebot|preis|rabatt)${S}(?:[\\p{L}]+${S}){0,2}(?:disappears?|vanish(?:es)?|verschwindet|f(?:ä|ae)llt weg|gone)${S}(?:in|at|um|nach|tonight|morgen)`,
      ),
      rx(
        `${B}${NUM}${S}(?:people|customers|shoppers|personen|kunden|leute)${S}(?:have${S})?(?:bought|ordered|purchased|gekauft|bestellt)${S}(?:this|these|it|das|dies)?${S0}(?:in the (?:last|past)|within the last|in der letzten|in den letzten)`,
      ),
      rx(`${B}(?:checkout|cart|kasse|doors|enrollment|registration)${S}(?:closes|schlie(?:ß|ss)t)${E}`),
      rx(
        `${B}(?:wenn weg,? dann weg|when it'?s gone,? it'?s gone|once (?:it'?s|they'?re) gone|restbestand|restbest(?:ä|ae)nde|final call|last call)${E}`,
      ),
    ],
    unlessAfter: CALENDAR_DATE_AFTER,
  },
  {
    id: 'superlatives.ranked',
    category: 'unsubstantiated_superlatives',
    severity: 'blocker',
    message: 'claims a first place without substantiation',
    patterns: [
      rx(
        `${B}(?:ranked|rated|voted|placed|came)${S}(?:first|1st|#\\s?1|number one)|platz${S}(?:1|eins)|auf platz${S}(?:1|eins)|erster platz${E}`,
      ),
    ],
    substantiable: true,
  },
  {
    id: 'before-after.body-signals',
    category: 'before_after',
    severity: 'blocker',
    message: 'pictures pinched fat or clothes that became too big (a weight-loss before/after)',
    patterns: [
      rx(`${B}pinch(?:es|ing)?${S}(?:[\\p{L}]+${S}){0,3}(?:fat|belly|skin|roll|waist|stomach)${E}`),
      rx(
        `${B}(?:loose|oversized|old|baggy|too big|too large)${S}(?:[\\p{L}]+${S})?(?:jeans|pants|trousers|dress|clothes|belt)${E}`,
      ),
      rx(`${B}zu${S}(?:gro(?:ß|ss)e|weite)[nr]?${S}(?:hose|jeans|kleid|kleidung|g(?:ü|ue)rtel)${E}`),
      rx(`${B}(?:kneift|kneifen|zwickt)${S}(?:[\\p{L}]+${S}){0,3}(?:bauch|fett|speck|haut)${E}`),
    ],
  },
  {
    id: 'health.defense',
    category: 'health_claims',
    severity: 'blocker',
    message: "claims to strengthen the body's defences against germs or disease",
    patterns: [
      rx(
        `${B}st(?:ä|ae)rk\\p{L}*${S}(?:(?:die|deine|ihre|das|dein|ihr|den)${S})?(?:abwehr\\p{L}*|immun\\p{L}*|widerstandskr(?:ä|ae)fte)${E}`,
      ),
      rx(
        `${B}(?:gegen|against|fights?|protects? against|sch(?:ü|ue)tzt vor)${S}(?:viren|bakterien|keime|viruses|bacteria|germs|pathogens|erreger)${E}`,
      ),
    ],
    when: (input) => ['supplements', 'weight_loss', 'fitness', 'skincare', 'other'].includes(input.vertical),
  },
  {
    id: 'before-after.split-pair',
    category: 'before_after',
    severity: 'blocker',
    message: 'describes a body or skin before and after',
    scope: 'text',
    patterns: [
      rx(`${B}vorher${E}[\\s\\S]{0,120}${B}nachher${E}`),
      rx(`${B}before\\s*:[\\s\\S]{0,160}${B}after\\s*:`),
    ],
    requires: rx(BODY_STEM),
  },
  {
    id: 'health.body-functions',
    category: 'health_claims',
    severity: 'blocker',
    message: 'claims to restore or improve a body function (a medical claim)',
    patterns: [
      rx(
        `${B}(?:restores?|repairs?|improves?|boosts?|sharpens?|regrows?|stellt${S}(?:[\\p{L}]+${S}){0,2}wieder${S}her|verbessert|st(?:ä|ae)rkt|sch(?:ä|ae)rft|steigert)${S}(?:(?:your|the|dein(?:e|en)?|ihr(?:e|en)?|die|das|den)${S})?(?:hearing|eyesight|vision|memory|fertility|libido|hair growth|erections?|potency|geh(?:ö|oe)r|sehkraft|sehverm(?:ö|oe)gen|ged(?:ä|ae)chtnis|fruchtbarkeit|haarwachstum|potenz|erektion)${E}`,
      ),
    ],
  },
  {
    id: 'urgency.before-time-runs-out',
    category: 'false_urgency',
    severity: 'blocker',
    message: 'pressures to act before time runs out',
    patterns: [
      rx(
        `${B}(?:before|bevor|ehe)${S}(?:the${S}|die${S}|das${S}|der${S})?(?:time|zeit|clock|uhr|offer|angebot|deal|aktion|it|es)${S}(?:runs out|expires|abl(?:ä|ae)uft|endet|vorbei ist|ausl(?:ä|ae)uft|too late)${E}`,
      ),
    ],
  },
  // ------------------------------------------------------------------------- generalised from the red-team set
  {
    id: 'before-after.day-markers',
    category: 'before_after',
    severity: 'blocker',
    message:
      'a video or image shows the body or skin on two days of use (a before/after told by day markers)',
    scope: 'text',
    // Two day, week or month markers with different numbers in one visual ("Text 'Tag 1' ... Text 'Tag 30'").
    patterns: [
      rx(
        `${B}(day|tag|week|woche|month|monat)${S0}(\\d+)${E}[\\s\\S]{1,200}?${B}\\1${S0}(?!\\2${E})\\d+${E}`,
      ),
    ],
    requires: rx(
      `${BODY_STEM}|${B}(?:${CONDITION}|wangen?|cheeks?|r(?:ö|oe)tung|ger(?:ö|oe)tet\\p{L}*|pickel\\p{L}*|akne)${E}`,
    ),
    when: (input) => input.field === 'script' || input.field === 'image_prompt',
  },
  {
    id: 'income.wealth-imagery',
    category: 'income_claims',
    severity: 'blocker',
    message: 'shows cash, luxury or an earnings statement as what the offer brings (an implied income claim)',
    scope: 'text',
    patterns: [
      // Cash displayed as a result: stacks, wads or fans of bills, money thrown or raining.
      rx(
        `${B}(?:(?:stacks?|wads?|piles?|bundles?|fans?|rolls?|handfuls?)${S}of${S}(?:cash|money|bills|banknotes|hundreds|dollars|euros?)|(?:throw(?:s|ing)?|toss(?:es|ing)?|shower(?:s|ing)?|rain(?:s|ing)?|fanning|flashing|counting)${S}(?:[\\p{L}-]+${S})?(?:cash|money|bills|banknotes|hundreds)|money${S}rain|cash${S}(?:rain|everywhere)|geldscheine?n?|geldb(?:ü|ue)ndel|geldstapel|geldregen|b(?:ü|ue)ndel${S}(?:von${S})?(?:geld|scheinen|banknoten)|banknoten|bargeld${S}(?:f(?:ä|ae)chert|wirft|z(?:ä|ae)hlt|stapel\\p{L}*))${E}`,
      ),
      // An earnings statement with a figure: a bank statement, a payout, a revenue dashboard.
      rx(
        `${B}(?:bank${S}statement|account${S}balance|payout|stripe${S}(?:dashboard|payout)|earnings${S}(?:screenshot|dashboard|report)|revenue${S}dashboard|sales${S}dashboard|kontoauszug|kontostand|auszahlung|umsatz(?:${S}screenshot|anzeige|dashboard)?|eingang|gutschrift)${E}[^.!?]{0,60}${MONEY}|${MONEY}[^.!?]{0,30}${B}(?:eingang|gutschrift|auszahlung|payout|deposited|on the statement)${E}`,
      ),
    ],
    when: (input) => input.field === 'image_prompt' || input.field === 'script' || input.field === 'hook',
  },
  {
    id: 'income.luxury-lifestyle',
    category: 'income_claims',
    severity: 'blocker',
    message: 'sells a course, opportunity or investment with luxury as the outcome (an implied income claim)',
    scope: 'text',
    patterns: [
      rx(
        `${B}(?:lamborghini|ferrari|rolls[\\s-]royce|bentley|bugatti|mclaren|supercars?|sports${S}cars?|sportwagen|luxury${S}(?:cars?|villa|mansion|yacht|watch|lifestyle)|luxus(?:auto|villa|uhr|leben|yacht)\\p{L}*|yachts?|private${S}jets?|privatjet|rolex|mansion|villa)${E}`,
      ),
    ],
    when: (input) =>
      ['coaching', 'finance', 'recruiting'].includes(input.vertical) &&
      (input.field === 'image_prompt' || input.field === 'script'),
  },
  {
    id: 'income.job-earnings-promise',
    category: 'income_claims',
    severity: 'blocker',
    message: 'a job ad that promises earnings (from day one, without experience) instead of stating the pay',
    patterns: [
      rx(
        `${B}(?:earn|make|verdien(?:e|en|st|t)|verdient)${S}(?:(?:up to|over|more than|at least|bis zu|(?:ü|ue)ber|mehr als|mindestens)${S})?${MONEY}`,
      ),
      rx(
        `${B}(?:verdien(?:e|en|st|t)|verdient|earn|make)${S}(?:als|as${S}an?|as)${S}(?:[\\p{L}-]+${S}){1,2}(?:(?:up to|bis zu|(?:ü|ue)ber|mehr als)${S})?${MONEY}`,
      ),
      rx(`${MONEY}${S0}(?:${PERIOD})?${S}(?:verdienen|verdient|earned|to earn)${E}`),
    ],
    // A promise, not a pay statement: from day one, no experience, career changers, ambassadors, from home.
    requires: rx(
      `${B}(?:from day one|from the first day|from day 1|right away|immediately|no experience|without experience|career changers?|beginners?|brand ambassadors?|ambassadors?|from home|guaranteed|easily|ab tag (?:eins|1)|vom ersten tag an|ab dem ersten tag|sofort|quereinsteiger(?:in|innen)?|ohne erfahrung|ohne vorkenntnisse|von zu ?hause|garantiert|locker|einfach)${E}`,
    ),
    unless: rx(
      `${B}(?:brutto|gross|base (?:salary|pay)|nach tarif|tarif\\p{L}*|salary range|pay range|gehaltsspanne|per hour|an hour|/hour|/hr|pro stunde|stundenlohn)${E}`,
    ),
    when: (input) => input.vertical === 'recruiting' || input.context.specialAdCategory === 'employment',
  },
  {
    id: 'urgency.next-hour',
    category: 'false_urgency',
    severity: 'blocker',
    message: 'asks the reader to act on the offer within the next hour or minutes',
    patterns: [
      rx(
        `${B}(?:(?:in|within|for)${S}the${S}next${S}(?:hour|few${S}hours|few${S}minutes|minutes?|half${S}hour)|in${S}der${S}n(?:ä|ae)chsten${S}(?:stunde|halben${S}stunde)|innerhalb${S}(?:der${S}n(?:ä|ae)chsten|einer)${S}(?:stunde|halben${S}stunde)|in${S}den${S}n(?:ä|ae)chsten${S}minuten)${E}`,
      ),
    ],
    // An offer or an action on it ("lock yours in the next hour"); a service time ("we call back within the hour") is not.
    requires: rx(
      `${B}(?:book|order|buy|lock|sign up|enrol(?:l)?|register|save|claim|grab|apply|deal|offer|discount|price|rates?|sale|bestell\\p{L}*|buch\\p{L}*|sicher\\p{L}*|spar\\p{L}*|hol\\p{L}*|angebot|rabatt|preis|zins\\p{L}*|anmelden|melde)${E}|%`,
    ),
  },
  {
    id: 'urgency.perpetual',
    category: 'false_urgency',
    severity: 'blocker',
    message: 'an offer that expires for each visitor or a timer that restarts (perpetual urgency)',
    patterns: [
      rx(
        `${B}(?:expires?|ends?|disappears?|vanishes?|is gone|goes away|verf(?:ä|ae)llt|endet|verschwindet|l(?:ä|ae)uft ab|ist weg),?${S}(?:(?:forever|for good|f(?:ü|ue)r immer),?${S})?(?:when|once|as soon as|if|the moment|sobald|wenn)${S}(?:you|du|Sie)${S}(?:[\\p{L}]+${S}){0,2}(?:leave|close|refresh|reload|exit|navigate away|scroll away|verl(?:ä|ae)sst|verlassen|schlie(?:ß|ss)t|schlie(?:ß|ss)en|neu l(?:ä|ae)dst)${E}`,
      ),
      rx(
        `${B}(?:only|just|nur)${S}(?:for${S}|f(?:ü|ue)r${S})?(?:the${S}|die${S})?(?:next|first|n(?:ä|ae)chsten|ersten)${S}\\d+${S}(?:visitors|viewers|callers|people (?:who|to) (?:click|see|watch)|besucher(?:innen)?|zuschauer(?:innen)?|anrufer(?:innen)?)${E}`,
      ),
      rx(
        `${B}(?:only|just|nur)${S}(?:available${S}|verf(?:ü|ue)gbar${S}|g(?:ü|ue)ltig${S})?(?:while|as long as|solange)${S}(?:this|dieses?|das|diese)${S}(?:video|page|seite|livestream|stream|webinar)${S}(?:is${S})?(?:playing|open|running|live|l(?:ä|ae)uft|offen|ge(?:ö|oe)ffnet)${E}`,
      ),
      rx(
        `${B}(?:(?:you'?ll|you will|you)${S})?(?:never|nie(?:mals)?)${S}(?:(?:again|wieder)${S})?(?:see|get|find|sehen|bekommen|finden|siehst|bekommst)${S}(?:(?:du|you)${S})?(?:this|these|that|dieses?n?|diesen|so einen|such a)${S}(?:price|offer|deal|discount|preis|angebot|rabatt)${S}(?:again|wieder)${E}|${B}(?:siehst du|sehen Sie|bekommst du|you'?ll see|you will see|you see)${S}(?:(?:this|it|dieses?|das)${S}(?:(?:offer|angebot|price|preis)${S})?)?(?:only|nur)${S}(?:once|einmal)${E}|${B}(?:dieses?${S}(?:angebot|preis)|this${S}(?:offer|price))${S}(?:siehst du|sehen Sie|you'?ll see|will you see)${S}(?:only${S}|nur${S})?(?:once|einmal|nie wieder|never again)${E}`,
      ),
      rx(
        `${B}(?:timer|countdown|clock|uhr|offer|deal|angebot)${S}(?:resets?|restarts?|starts? over|startet neu|beginnt neu|wird zur(?:ü|ue)ckgesetzt)${E}`,
      ),
      rx(
        `${B}(?:this|the|dieses?|der|die)${S}(?:page|offer|price|video|seite|angebot|preis)${S}(?:will${S}|wird${S})?(?:(?:be${S})?(?:taken down|removed|gone)|disappear|vanish|verschwinden|verschwindet|gel(?:ö|oe)scht)${S}(?:soon|any (?:minute|moment)|shortly|bald|jeden moment|in k(?:ü|ue)rze)${E}`,
      ),
    ],
  },
  {
    id: 'income.milestone',
    category: 'income_claims',
    severity: 'blocker',
    message: 'holds up a wealth milestone (a first million, six figures by an age) as what the offer brings',
    patterns: [
      rx(
        `${B}(?:my|meine?n?|your|deine?n?|his|her|seine?n?|ihre?n?)${S}(?:first|erste[nr]?)${S}(?:million|mio\\.?|100k|100\\.000|six[\\s-]figures?|sechsstellig\\p{L}*|seven[\\s-]figures?|siebenstellig\\p{L}*)${E}`,
      ),
      rx(
        `${B}(?:million(?:aire|(?:ä|ae)r(?:in)?)|financially free|finanziell frei)${S}(?:by|before|at|mit|vor|bis)${S}(?:age${S}|dem${S}|)?\\d{2}${E}`,
      ),
      rx(
        `${B}(?:mit|by|at|before|vor|bis)${S}(?:age${S})?\\d{2}${S0},?${S}(?:(?:a|ein(?:e)?)${S})?(?:million(?:aire|(?:ä|ae)r(?:in)?)|financially free|finanziell frei|retired|in rente)${E}`,
      ),
    ],
    substantiable: true,
  },
];
