import { personalAttributeHits } from './attributes';
import { disclosesRenewal, renewalUndisclosed, specialCategoryHits } from './offer-terms';
import { policyClause } from './packs';
import { REVIEW_RULES } from './review-signals';
import { PATTERN_RULES, type PatternRule } from './rules';

import { fold, sentences, words } from './text';
import type { AdField, ComplianceFinding, ComplianceInput, PolicyCategory } from './types';

const STOPWORDS = new Set([
  'with',
  'your',
  'that',
  'this',
  'from',
  'into',
  'than',
  'have',
  'will',
  'more',
  'most',
  'only',
  'just',
  'every',
  'after',
  'over',
  'mit',
  'dein',
  'deine',
  'ihre',
  'ihr',
  'eine',
  'einer',
  'nach',
  'noch',
  'sind',
  'wird',
  'mehr',
]);

const stem = (w: string) => (w.length > 5 ? w.slice(0, 5) : w);

/**
 * Sentences that only disclaim or inform (the FDA supplement disclaimer, "results vary", the healthy pace of weight
 * loss) make no claim: they are blanked (same length, so offsets stay valid) before the rules run. A claim in a
 * sentence of its own next to them is still checked.
 */
const DISCLAIMER =
  /^\s*(?:(?:[^.!?]|\d[.,]\d)*\b(?:(?:have|has) not been evaluated by the (?:food and drug administration|fda)|(?:is )?not intended to (?:diagnose|treat|cure|prevent)|nicht (?:dazu )?(?:bestimmt|geeignet),? (?:eine )?krankheit(?:en)?|ersetz(?:t|en) keine (?:(?:ä|ae)rztliche|ausgewogene|abwechslungsreiche)|(?:a|the) (?:healthy|safe|sustainable|realistic|recommended) (?:pace|rate) (?:of (?:weight loss|losing weight) )?is|(?:healthy|safe|sustainable) weight loss is (?:usually|typically|generally|about|around)|ein gesundes (?:abnehm)?tempo (?:liegt|ist|sind)|(?:individual )?results (?:may |can |will )?vary|(?:individuelle )?ergebnisse (?:k(?:ö|oe)nnen )?(?:variieren|abweichen))\b(?:[^.!?]|\d[.,]\d)*)[.!?]*\s*$/iu;

function withoutDisclaimers(text: string): string {
  let out = text;
  for (const s of sentences(text)) {
    if (DISCLAIMER.test(s.text))
      out = out.slice(0, s.start) + ' '.repeat(s.text.length) + out.slice(s.start + s.text.length);
  }
  return out;
}

/** Words that name who awarded a superlative, not what it says ("Voted best roaster" states "best roaster"). */
const AWARD_WORDS = new Set([
  'voted',
  'rated',
  'named',
  'crowned',
  'awarded',
  'ranked',
  'placed',
  'as',
  'the',
  'gewählt',
  'gekürt',
  'ausgezeichnet',
  'als',
  'zum',
  'zur',
]);

/**
 * A proof or superlative claim is excused when one of the canon's substantiated claims states it (the matched words
 * appear in the claim) and is about the same thing (the sentence's other content words meet the claim's).
 */
export function isSubstantiated(phrase: string, sentence: string, claims: readonly string[]): boolean {
  const all = words(phrase);
  const phraseWords = all.filter((w) => !AWARD_WORDS.has(w));
  if (phraseWords.length === 0) return false;
  // "Voted best" says "best <what follows>": the claim has to state that, not only "best".
  const said = words(sentence);
  const at = said.findIndex((_, i) => all.every((w, j) => said[i + j] === w));
  const next = phraseWords.length < all.length && at >= 0 ? said[at + all.length] : undefined;
  const needle = [...phraseWords, ...(next ? [next] : [])].join(' ');
  const content = words(sentence).filter(
    (w) => w.length >= 4 && !STOPWORDS.has(w) && !phraseWords.includes(w) && !/^\d+$/.test(w),
  );
  // "#1 selling dry dog food (Nielsen, 2026)": a rank with the year of its source, both in the canon's claim.
  const rank = phraseWords.find((w) => /^#\d+$/.test(w));
  const years = said.filter((w) => /^(?:19|20)\d\d$/.test(w));
  for (const claim of claims) {
    const claimWords = words(claim);
    const datedRank =
      rank !== undefined && claimWords.includes(rank) && years.some((y) => claimWords.includes(y));
    if (!datedRank && !` ${claimWords.join(' ')} `.includes(` ${needle} `)) continue;
    const claimStems = new Set(claimWords.map(stem));
    if (content.length === 0 || content.some((w) => claimStems.has(stem(w)))) return true;
  }
  return false;
}

function finding(
  input: ComplianceInput,
  category: PolicyCategory,
  severity: ComplianceFinding['severity'],
  phrase: string | null,
  message: string,
): ComplianceFinding {
  return {
    category,
    clauseId: policyClause(input.platform, category, input.vertical).id,
    platform: input.platform,
    severity,
    phrase,
    message: phrase ? `${message} ("${phrase}")` : message,
  };
}

function ruleMatches(rule: PatternRule, input: ComplianceInput, sentence: string): string[] {
  if (rule.when && !rule.when(input)) return [];
  if (rule.requires && sentence.search(rule.requires) < 0) return [];
  if (rule.unless && sentence.search(rule.unless) >= 0) return [];
  const out: string[] = [];
  for (const pattern of rule.patterns) {
    for (const m of sentence.matchAll(pattern)) {
      const before = sentence.slice(0, m.index);
      const after = sentence.slice(m.index + m[0].length);
      if (rule.unlessBefore?.test(before)) continue;
      if (rule.unlessAfter?.test(after)) continue;
      const phrase = m[0].trim();
      if (rule.substantiable && isSubstantiated(phrase, sentence, input.context.substantiatedClaims))
        continue;
      out.push(phrase);
    }
  }
  return out;
}

/**
 * The deterministic ad-policy check of one piece of copy: the pattern rules sentence by sentence, personal
 * attributes, the renewal disclosure of an auto-renewing offer and special ad categories. Every finding cites the
 * policy-pack clause of the platform (the vertical's own clause when it has one).
 */
export function checkCompliance(input: ComplianceInput): ComplianceFinding[] {
  const text = withoutDisclaimers(fold(input.text));
  const findings: ComplianceFinding[] = [];
  const seen = new Set<string>();
  const add = (f: ComplianceFinding) => {
    const key = `${f.category}|${(f.phrase ?? '').toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(f);
  };

  for (const rule of PATTERN_RULES) {
    if (rule.scope !== 'text') continue;
    for (const phrase of ruleMatches(rule, input, text)) {
      add(finding(input, rule.category, rule.severity, phrase, rule.message));
    }
  }
  for (const sentence of sentences(text)) {
    for (const rule of PATTERN_RULES) {
      if (rule.scope === 'text') continue;
      for (const phrase of ruleMatches(rule, input, sentence.text)) {
        add(finding(input, rule.category, rule.severity, phrase, rule.message));
      }
    }
    for (const hit of personalAttributeHits(sentence)) {
      add(
        finding(
          input,
          'personal_attributes',
          'blocker',
          hit.phrase,
          "asserts or asks about the reader's personal attributes (health, finances, identity, age)",
        ),
      );
    }
  }

  const renewal = renewalUndisclosed(input, text);
  if (renewal !== null) {
    add(
      finding(
        input,
        'auto_renewal_disclosure',
        'blocker',
        renewal,
        'sells an auto-renewing offer without saying it renews, at what price and interval, and how to cancel',
      ),
    );
  }

  for (const hit of specialCategoryHits(input, text)) {
    const message =
      hit.kind === 'prohibited'
        ? 'political or social-issue advertising is not allowed on this platform'
        : hit.kind === 'undeclared'
          ? `copy about ${hit.topic?.replace('_', ' ')} needs the "${hit.topic}" special ad category, and the campaign declares ${input.context.specialAdCategory ?? 'none'}`
          : 'states a preference by age, sex, family status, origin or religion in a credit, job or housing ad';
    add(finding(input, 'special_ad_category', 'blocker', hit.phrase, message));
  }
  // The review signals come last and only where no blocker of their category already speaks: a reviewer reads
  // the precise finding first, and a warning repeating it adds nothing.
  const blocked = new Set(findings.filter((f) => f.severity === 'blocker').map((f) => f.category));
  const review = (phrase: string, rule: PatternRule) => {
    if (!blocked.has(rule.category)) add(finding(input, rule.category, rule.severity, phrase, rule.message));
  };
  for (const rule of REVIEW_RULES) {
    if (rule.scope === 'text') for (const phrase of ruleMatches(rule, input, text)) review(phrase, rule);
    else
      for (const sentence of sentences(text))
        for (const phrase of ruleMatches(rule, input, sentence.text)) review(phrase, rule);
  }
  return findings;
}

/** One field of an ad as the asset-level check reads it (`key` names it in the asset, e.g. `headlines.2`). */
export interface AssetFieldInput extends ComplianceInput {
  key: string;
  field: AdField;
}

/**
 * The check of a whole ad: every field line by line, except what policy judges on the ad as a whole. A renewal
 * disclosure is satisfied when any field of the ad states the terms (a headline need not repeat what the primary
 * text discloses); the line-level check stays strict for copy read alone.
 */
export function checkAsset(
  fields: readonly AssetFieldInput[],
): { key: string; field: AdField; finding: ComplianceFinding }[] {
  const disclosed = fields.some((f) => f.text.trim() !== '' && disclosesRenewal(f.text));
  return fields.flatMap(({ key, ...input }) =>
    input.text.trim() === ''
      ? []
      : checkCompliance(input)
          .filter((f) => !(disclosed && f.category === 'auto_renewal_disclosure'))
          .map((finding) => ({ key, field: input.field, finding })),
  );
}
