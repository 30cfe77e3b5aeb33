import { CONDITION } from './rules';
import { alt, B, E, rx, S, S0, type Span } from './text';

/*
 * Personal attributes (Meta's most common rejection): copy that asserts or implies the reader has a sensitive
 * attribute. The rule needs two things in one sentence: an attribute (a condition, a financial hardship, a
 * religion, an orientation, a disability, an age) and an address to the reader close to it ("you", "your", "du",
 * "Sie"), or a question put to the reader ("Struggling with acne?"). Passing references ("for acne-prone skin",
 * "women over 40") are allowed, as the policy allows them.
 */

/** Attributes that are unambiguous words: health, finances, religion, orientation, disability, record. */
const ATTRIBUTE = alt(
  CONDITION,
  'sensitive(?:,?\\s+[\\p{L}-]+)?\\s+skin',
  'problem skin',
  'oily,? acne[\\s-]?prone',
  'receding hairline',
  // German "bald" means "soon": the English word stands before a noun of the head, a conjunction or punctuation.
  'balding',
  'bald(?=[\\s-]+(?:spots?|patch\\p{L}*|heads?|men|guys|and|or)(?![\\p{L}\\p{N}])|\\s*[,.!?;:]|\\s*$)',
  'overweight',
  'obese',
  'extra (?:pounds|weight|kilos)',
  'belly fat',
  'muffin top',
  'pregnant',
  'infertil(?:e|ity)',
  'bladder leaks',
  'hearing loss',
  'anxious',
  'lonely',
  'addicted',
  'alcoholic',
  'sober',
  'stds?',
  'hiv',
  'herpes',
  'debts?',
  'in debt',
  'bad credit',
  'poor credit',
  'low credit(?: score)?',
  'broke',
  'bankrupt(?:cy)?',
  'unemployed',
  'jobless',
  'laid off',
  'low[\\s-]income',
  'paycheck to paycheck',
  'behind on (?:rent|bills|payments|your mortgage)',
  "can'?t (?:pay|afford)",
  'struggling financially',
  'christians?',
  'catholics?',
  'muslims?',
  'jewish',
  'jews?',
  'hindus?',
  'buddhists?',
  'atheists?',
  'mormons?',
  'gay',
  'lesbians?',
  'bisexual',
  'queer',
  'lgbtq?\\+?i?a?\\+?',
  'transgender',
  'trans',
  'non-?binary',
  'disabled',
  'disability',
  'handicapped',
  'wheelchair',
  'deaf',
  'autistic',
  'dyslexic',
  'single (?:mom|mum|mother|dad|father|parent)s?',
  'alleinerziehend(?:e[nr]?)?',
  'divorced',
  'divorcing',
  'widowed',
  'criminal record',
  'felony',
  'felon',
  'convicted',
  'dui',
  // German
  '(?:ü|ue)bergewicht(?:ig)?',
  'zu dick',
  'bauchfett',
  'schwanger',
  'unfruchtbar',
  'kinderwunsch',
  'einsam',
  's(?:ü|ue)chtig',
  'alkoholiker(?:in)?',
  'schulden',
  'verschuldet',
  'pleite',
  'privatinsolvenz',
  'insolvenz',
  'schufa(?:-?eintrag| eintrag)?',
  'negative[nrms]? schufa',
  'schlechte[nrm]? bonit(?:ä|ae)t',
  'bad credit history',
  'arbeitslos',
  'b(?:ü|ue)rgergeld',
  'hartz ?(?:iv|4)',
  'knapp bei kasse',
  'christ(?:in|en)?',
  'christlich(?:e[nrs]?)?',
  'katholisch(?:e[nrs]?)?',
  'evangelisch(?:e[nrs]?)?',
  'muslimisch(?:e[nrs]?)?',
  'muslima',
  'j(?:ü|ue)disch(?:e[nrs]?)?',
  'jude',
  'j(?:ü|ue)din',
  'schwul(?:e[nrs]?)?',
  'lesbisch(?:e[nrs]?)?',
  'bisexuell(?:e[nrs]?)?',
  'behindert(?:e[nrs]?)?',
  'behinderung',
  'rollstuhl(?:fahrer(?:in)?)?',
  'geh(?:ö|oe)rlos',
  'blind',
  'autist(?:in)?',
  'legasthenie',
  'geschieden',
  'verwitwet',
  'vorbestraft',
  'burn(?:ed|t)[\\s-]out',
  'ausgebrannt',
  'ersch(?:ö|oe)pft',
  'overwhelmed',
  '(?:ü|ue)berfordert',
  'niedergeschlagen',
  'exhausted',
  'gluten[\\s-]intolerant',
  'lactose[\\s-]intolerant',
  'celiac',
  'coeliac',
  'z(?:ö|oe)liakie',
  'laktoseintolerant',
  'intolerant',
  'intoleranz\\p{L}*',
  'allergic',
  'allergisch',
  'drinking',
  'alkoholkonsum',
  'trinkverhalten',
  'gr[ae]y hair',
  'long covid',
  'hair thinning',
  'thinning',
  'bad (?:knees|back|hips|joints)',
  '(?:low|bad|poor|damaged) credit(?: score)?',
  'credit score (?:is )?(?:holding|hurting|too low|dragging)',
  'rentner(?:in)?',
  'senior(?:in|en)?',
  'seniors',
  'retirees?',
  'pensioners?',
  'kleine[rn]? rente',
  'diabetiker(?:in)?',
  'allergiker(?:in)?',
  'asthmatiker(?:in)?',
  'too old',
  'zu alt',
  '\\p{L}*(?:akne|pickel|narben|neurodermitis|schuppenflechte|rosazea|haarausfall|migr(?:ä|ae)ne|diabet|schmerz|allergi|depress|angstst|schlafst(?:ö|oe)r|(?:ü|ue)bergewicht|schulden)\\p{L}*',
  'hair (?:is )?falling out',
  'losing (?:your |my )?hair',
  'going bald',
  "can'?t sleep",
  'trouble sleeping',
  'sleepless nights',
  'wrinkles',
  'fine lines',
  'dark circles',
  'cellulite',
  'stretch marks',
  'double chin',
  'gr[ae]y hairs?',
  'turned down',
  'denied (?:credit|a loan)',
  'rejected for (?:a )?(?:loan|credit|mortgage)',
  'potenz(?:probleme(?:n)?)?',
  'erektion(?:sprobleme(?:n)?)?',
  'schlecht schlafen',
  'nicht (?:ein|durch)?schlafen',
  'nicht abschalten',
  'gestresst',
  'stressed(?: out)?',
  'falten',
  'augenringe',
  'doppelkinn',
  'graue haare',
  'dehnungsstreifen',
  '(?:zu viele|ein paar|(?:ü|ue)bersch(?:ü|ue)ssige) (?:pfunde|kilos?)',
  'pfunde auf den h(?:ü|ue)ften',
  'abgelehnt',
  'vorstrafen?',
);

const SECOND_PERSON = rx(
  `${B}${alt('you', "you'?re", 'youre', "you'?ve", "you'?ll", "you'?d", 'your', 'yours', 'yourself', 'u', 'ur', 'du', 'dich', 'dir', 'dein(?:e[mnrs]?)?', 'deins')}${E}`,
);
/** German formal address is capitalised ("Sie", "Ihr"); lower-case "sie"/"ihr" mean she/they/her. */
const SECOND_PERSON_FORMAL = new RegExp(`${B}(?:Sie|Ihnen|Ihr(?:e[mnrs]?)?)${E}`, 'gu');

/** Asking about or asserting the reader's age, relationship status or ethnicity needs its own construction. */
const CONSTRUCTIONS = [
  rx(
    `${B}(?:are you|you'?re|you are|if you'?re|when you'?re|now that you'?re|bist du|du bist|sind Sie|Sie sind|wenn du|wenn Sie)${S}(?:(?:still|now|newly|over|under|above|in your|(?:ü|ue)ber|unter|noch|schon|frisch|mitte|ende|anfang)${S})*(?:single|divorced|widowed|\\d{2}\\+?|(?:black|latino|latina|latinx|hispanic|asian|african[\\s-]american|arab|indigenous|native american|schwarz|migrant(?:in)?)|getrennt|geschieden|verwitwet|alleinerziehend|single)${E}`,
  ),
  rx(
    `${B}in your${S}(?:late${S}|early${S}|mid[\\s-]?)?(?:[2-9]0'?s|twenties|thirties|forties|fifties|sixties|seventies)${E}`,
  ),
  rx(
    `${B}(?:you|du|Sie)${S}(?:just${S}|gerade${S})?(?:turned|turning|wurdest|wurden|werden|wirst)${S}\\d{2}${E}`,
  ),
  rx(
    `${B}(?:meet|date|find|connect with|chat with|triff|treffe|finde|lerne)${S}(?:other${S}|andere${S}|local${S}|lokale${S})?(?:[\\p{L}-]+${S})?(?:christian|jewish|muslim|catholic|gay|lesbian|black|latino|asian|senior|divorced|christliche|j(?:ü|ue)dische|muslimische|schwule|lesbische)${S}(?:singles|men|women|people|moms|dads|parents|seniors|m(?:ä|ae)nner|frauen|menschen|eltern)?`,
  ),
  rx(
    `${B}(?:people|others|folks|men|women|menschen|leute)${S}like${S}(?:you|dich|Sie)${S}(?:who|with|that|die|mit)${E}`,
  ),
  rx(`(?:^|[\\s,;:-])(?:over|(?:ü|ue)ber|ü)${S0}\\d{2}\\s*\\?`),
  rx(`${B}(?:single|geschieden|divorced)\\s*\\?`),
  rx(
    `(?:^|\\s)(?:(?:schon|already|still|noch|now|jetzt)${S})?(?:over|(?:ü|ue)ber|ü|ab|mit|past)${S0}\\d{2}${E}[^?.!]*\\?`,
  ),
  rx(
    `${B}(?:worried|concerned|anxious|sorgen)${S}(?:about${S}|um${S})?(?:your|deine[nmr]?|ihre[nmr]?)${S}(?:drinking|weight|health|memory|heart|debt|credit|gewicht|gesundheit|ged(?:ä|ae)chtnis|schulden|herz)${E}`,
  ),
  rx(
    `${B}(?:christian|muslim|jewish|catholic|hindu|buddhist|gay|lesbian|queer|black|latina?|asian|christliche|muslimische|j(?:ü|ue)dische|schwule|lesbische)${S}(?:women|men|singles|moms|mums|dads|parents|girls|guys|couples|families|seniors|frauen|m(?:ä|ae)nner|m(?:ü|ue)tter|v(?:ä|ae)ter|eltern|paare|familien)${E}`,
  ),
  rx(`^\\s*(?:mit|at|with|ab)${S}\\d{2}${E}[^.?!]*\\?`),
  rx(
    `${B}(?:even|auch|selbst|trotz)${S}(?:with|if you have|if you'?re|mit|wenn du|wenn sie|bei)${S}(?:[\\p{L}-]+${S}){0,2}${ATTRIBUTE}${E}`,
  ),
  rx(`${B}(?:still|newly|recently|again|noch|wieder|frisch)${S}(?:single|divorced|geschieden|getrennt)${E}`),
  rx(`${B}(?:single|divorced|geschieden|alone)${S}(?:at|mit)${S}\\d{2}${E}`),
  // A body or a life situation put to the reader as a burden: "tired of being fat?", "plus-size and self-conscious?"
  rx(
    `${B}(?:tired|sick|ashamed|embarrassed|fed up)${S}(?:of|about|with)${S}(?:being${S}|looking${S}|feeling${S})?(?:so${S}|too${S}|the${S})?(?:fat|overweight|obese|chubby|plus[\\s-]size|bald(?:ing)?|skinny|short|single|broke|lonely|ugly)${E}`,
  ),
  rx(
    `${B}(?:plus[\\s-]size|overweight|curvy|chubby|fat|bald(?:ing)?|skinny|short|older|single|divorced)${S}(?:and|&|but)${S}(?:(?:feeling|still|a bit|so)${S})?(?:self[\\s-]conscious|ashamed|embarrassed|insecure|unhappy|lonely|hiding)${E}`,
  ),
  rx(
    `${B}(?:es${S})?(?:satt|leid|m(?:ü|ue)de|keine lust)[,\\s]+(?:(?:mehr|es)${S})*(?:so${S}|zu${S})?(?:dick|(?:ü|ue)bergewichtig|pummelig|mollig|glatzk(?:ö|oe)pfig|pleite|single|einsam)${S}zu${S}sein${E}`,
  ),
  rx(
    `${B}(?:sch(?:ä|ae)mst du dich|sch(?:ä|ae)men Sie sich)${S}(?:f(?:ü|ue)r|wegen)${S}(?:deine[nmrs]?|Ihre[nmrs]?)${E}`,
  ),
  // The reader's credit standing as a number or a record: "your credit score of 550", "dein Schufa-Eintrag".
  rx(
    `${B}(?:your|ur|deine?[nmrs]?|Ihre?[nmrs]?)${S}(?:(?:low|bad|poor|current)${S})?(?:credit${S}score|fico(?:${S}score)?|schufa(?:[\\s-]?(?:score|eintrag|eintr(?:ä|ae)ge|auskunft))?|bonit(?:ä|ae)t)${S}(?:of|is|von|ist|liegt bei|unter|below|under)${S}(?:only${S}|just${S}|nur${S})?\\d{2,3}${E}`,
  ),
  rx(
    `${B}(?:with|mit)${S}(?:an?${S}|einem${S}|einer${S})?\\d{3}${S}(?:credit${S}score|fico|schufa[\\s-]?score)${E}[^.!]{0,40}${B}(?:you|your|du|dein\\p{L}*|Sie|Ihr\\p{L}*)${E}`,
  ),
];

const ATTRIBUTE_RE = rx(`${B}${ATTRIBUTE}${E}`);
/** Questions that inform rather than address: "What causes acne?", "Wie entsteht Akne?" */
const INFORMATIVE_QUESTION =
  /^\s*["'(]?\s*(?:what|why|how|when|which|who|where|did you know|do you know|was|warum|wie|wann|welche[rsnm]?|wer|wo|wieso|weshalb|wusstest du|wussten sie)\b/iu;
const NOT_ADDRESSED =
  /\b(?:did you know|do you know|you know|know someone|someone|somebody|a loved one|loved ones?|your (?:mom|mum|dad|parents?|friends?|partner|kids?|child(?:ren)?|family|grandparents?|patients|clients|customers)(?:'s)?\s+(?:with|has|have|who|is)\b|wusstest du|wussten sie|kennst du jemand(?:en)?|kennen sie jemand(?:en)?|jemand(?:en)?|deine[nrm]? (?:mutter|vater|eltern|freund(?:in|e)?|partner(?:in)?|kinder?|familie))\b/iu;
/** Words between an address and the attribute that make it not about the reader ("your friends with acne"). */
const MAX_WORD_GAP = 12;

export interface AttributeHit {
  phrase: string;
  index: number;
}

function wordIndexAt(text: string, index: number): number {
  return (text.slice(0, index).match(/[\p{L}\p{N}']+/gu) ?? []).length;
}

/** The personal-attribute assertions in one sentence, if any. */
export function personalAttributeHits(sentence: Span): AttributeHit[] {
  const text = sentence.text;
  const hits: AttributeHit[] = [];
  for (const re of CONSTRUCTIONS) {
    for (const m of text.matchAll(re)) hits.push({ phrase: m[0].trim(), index: sentence.start + m.index });
  }
  if (hits.length > 0) return hits;

  const attributes = [...text.matchAll(ATTRIBUTE_RE)];
  if (attributes.length === 0) return [];
  if (NOT_ADDRESSED.test(text)) return [];
  const markers = [...text.matchAll(SECOND_PERSON), ...text.matchAll(SECOND_PERSON_FORMAL)].map((m) =>
    wordIndexAt(text, m.index),
  );
  const isQuestion = /\?\s*["')]?\s*$/.test(text) && !INFORMATIVE_QUESTION.test(text);
  for (const a of attributes) {
    const at = wordIndexAt(text, a.index);
    const near = markers.some((w) => Math.abs(w - at) <= MAX_WORD_GAP);
    if (near || isQuestion) hits.push({ phrase: a[0], index: sentence.start + a.index });
  }
  return hits;
}
