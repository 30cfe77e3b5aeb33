import type { ClientCanon, QaIssue } from '@mos/db/artifacts';
import type { AssetVerdict } from './shared/types';

/*
 * Compliance QA is deterministic: pure functions over the copy, the canon's constraints and the client's
 * offers. Brand QA is an LLM judge against the canon's tone of voice. Both produce QaIssues of the QAReport
 * schema; an asset passes when neither found a blocker (and the brand judge passed it).
 */

/** The copy fields of an asset that QA reads, in the order they are reported. */
export const COPY_FIELDS = ['headline', 'hook', 'primaryText', 'script', 'imagePrompt'] as const;
export type CopyField = (typeof COPY_FIELDS)[number];
export type AssetCopy = { [K in CopyField]: string | null };

export interface PricePointRule {
  label: string;
  amountCents: number;
  currency: string;
}

/** One approved offer as compliance sees it: the offers table row, or the canon's offer. */
export interface OfferRule {
  name: string;
  guaranteeText: string | null;
  pricePoints: PricePointRule[];
  /** Free text a discount claim may be backed by (business model, description, price labels). */
  terms: string[];
}

export interface ComplianceRules {
  bannedPhrases: string[];
  bannedTopics: string[];
  offers: OfferRule[];
}

const WORD_CHAR = '[\\p{L}\\p{N}_]';

/** Curly quotes and dashes written by models and people alike, folded so "it’s" matches "it's". */
function fold(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2010-\u2014]/g, '-');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A case-insensitive, word-bounded pattern for a phrase: words may be separated by spaces or hyphens
 * ("risk free" also finds "risk-free"), and the phrase must not sit inside a longer word ("cure" does not
 * match "secure"). `plural` also accepts a trailing s/es on the last word (for topics).
 */
export function phrasePattern(phrase: string, opts: { plural?: boolean } = {}): RegExp | null {
  const words = fold(phrase)
    .trim()
    .split(/[\s-]+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  const body = words.map(escapeRegExp).join('[\\s-]+');
  return new RegExp(`(?<!${WORD_CHAR})${body}${opts.plural ? '(?:e?s)?' : ''}(?!${WORD_CHAR})`, 'giu');
}

/** Every occurrence of each phrase in the text, as written in the text. */
export function findPhrases(text: string, phrases: readonly string[], opts: { plural?: boolean } = {}) {
  const folded = fold(text);
  const hits: { phrase: string; match: string }[] = [];
  for (const phrase of phrases) {
    const re = phrasePattern(phrase, opts);
    if (!re) continue;
    for (const m of folded.matchAll(re))
      hits.push({ phrase, match: text.slice(m.index, m.index + m[0].length) });
  }
  return hits;
}

/** Generic trailing words of a topic that say what kind of mention it is, not what it is about. */
const TOPIC_QUALIFIERS = new Set([
  'treatment',
  'treatments',
  'claim',
  'claims',
  'content',
  'messaging',
  'mentions',
  'references',
]);

/**
 * The terms a banned topic is detected by: its alternatives ("Eczema, rosacea or psoriasis treatment" →
 * eczema, rosacea, psoriasis), each matched as a phrase. A topic no term of which appears literally (e.g.
 * "Competitor disparagement by name") is left to brand QA and human review.
 */
export function topicTerms(topic: string): string[] {
  return fold(topic)
    .split(/\s*(?:[,;/]|\bor\b|\band\b|&)\s*/i)
    .map((t) => t.trim().split(/\s+/))
    .map((words) =>
      words.length > 1 && TOPIC_QUALIFIERS.has((words.at(-1) ?? '').toLowerCase())
        ? words.slice(0, -1)
        : words,
    )
    .map((words) => words.join(' '))
    .filter((t) => t.length > 0);
}

// ---------------------------------------------------------------------------------------------- claims

const DOLLAR_CURRENCIES = ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN'];
const SYMBOL_CURRENCIES: Record<string, string[]> = {
  $: DOLLAR_CURRENCIES,
  US$: ['USD'],
  '£': ['GBP'],
  '€': ['EUR'],
  '¥': ['JPY', 'CNY'],
  '₹': ['INR'],
};
const WORD_CURRENCIES: Record<string, string[]> = {
  dollar: DOLLAR_CURRENCIES,
  dollars: DOLLAR_CURRENCIES,
  euro: ['EUR'],
  euros: ['EUR'],
};
const CODES = [
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'NZD',
  'CHF',
  'SEK',
  'NOK',
  'DKK',
  'JPY',
  'INR',
  'SGD',
  'HKD',
  'MXN',
  'PLN',
  'CZK',
];
const AMOUNT = '(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?';

const PRICE_PATTERNS: {
  re: RegExp;
  currencies: (m: RegExpMatchArray) => string[];
  amount: (m: RegExpMatchArray) => [string, string | undefined];
}[] = [
  {
    // $38, US$38, £34.00, € 49
    re: new RegExp(`(US\\$|[$£€¥₹])\\s?${AMOUNT}`, 'giu'),
    currencies: (m) => SYMBOL_CURRENCIES[m[1] ?? ''] ?? [],
    amount: (m) => [m[2] ?? '0', m[3]],
  },
  {
    // USD 38, EUR 49.50
    re: new RegExp(`(?<!${WORD_CHAR})(${CODES.join('|')})\\s?${AMOUNT}`, 'gu'),
    currencies: (m) => [m[1] ?? ''],
    amount: (m) => [m[2] ?? '0', m[3]],
  },
  {
    // 38 USD, 49 euros, 10 dollars
    re: new RegExp(
      `(?<![\\p{L}\\p{N}_.,$£€¥₹])${AMOUNT}\\s?(${CODES.join('|')}|dollars?|euros?)(?!${WORD_CHAR})`,
      'giu',
    ),
    currencies: (m) => {
      const unit = m[3] ?? '';
      return WORD_CURRENCIES[unit.toLowerCase()] ?? [unit.toUpperCase()];
    },
    amount: (m) => [m[1] ?? '0', m[2]],
  },
];

export interface PriceMention {
  text: string;
  amountCents: number;
  currencies: string[];
}

/** Prices stated in the copy, with the currencies each could mean ("$" is any dollar). */
export function findPriceMentions(text: string): PriceMention[] {
  const found: PriceMention[] = [];
  const taken: [number, number][] = [];
  for (const p of PRICE_PATTERNS) {
    for (const m of text.matchAll(p.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      const [whole, cents] = p.amount(m);
      const amountCents =
        Number(whole.replaceAll(',', '')) * 100 + (cents ? Number(cents.padEnd(2, '0')) : 0);
      found.push({ text: m[0], amountCents, currencies: p.currencies(m) });
    }
  }
  return found;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  hundred: 100,
};
const DURATION_RE = new RegExp(
  `(?<!${WORD_CHAR})(\\d+|${Object.keys(NUMBER_WORDS).join('|')})[\\s-]?(day|week|month|year)s?(?!${WORD_CHAR})`,
  'giu',
);

/** Durations stated in a text, normalised to "60 day", "1 year". */
export function findDurations(text: string): string[] {
  return [...fold(text).matchAll(DURATION_RE)].map((m) => {
    const n = m[1] ?? '';
    const value = /^\d+$/.test(n) ? Number(n) : (NUMBER_WORDS[n.toLowerCase()] ?? Number.NaN);
    return `${value} ${(m[2] ?? '').toLowerCase()}`;
  });
}

const GUARANTEE_RE =
  /(?<![\p{L}\p{N}_])(guarantee[ds]?|money[\s-]?back|refunds?|refunded|risk[\s-]free)(?![\p{L}\p{N}_])/iu;
const REFUND_RE = /(money[\s-]?back|refund)/iu;
const LIFETIME_RE = /(?<![\p{L}\p{N}_])(lifetime|forever)(?![\p{L}\p{N}_])/iu;
/** "free" as a price claim: not "fragrance-free", "free-from", "free of/from", "feel free" or "risk free". */
const FREE_RE = /(?<![\p{L}\p{N}_-])(?<!feel\s)(?<!risk[\s-])free(?![\p{L}\p{N}_-])(?!\s+(?:of|from)\b)/giu;
const DISCOUNT_RE = /(?<![\p{L}\p{N}_.])(\d{1,3})\s?%\s?(?:off|discount)|save\s(\d{1,3})\s?%/giu;

function sentences(text: string): string[] {
  return fold(text)
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const formatPrice = (p: PricePointRule) => `${(p.amountCents / 100).toFixed(2)} ${p.currency} (${p.label})`;

const blocker = (message: string, phrase: string | null): QaIssue => ({
  kind: 'compliance',
  severity: 'blocker',
  message: message.slice(0, 1000),
  phrase: phrase ? phrase.slice(0, 500) : null,
  policy: null,
});

/** Claims in one field checked against the offers: prices, "free", discounts, guarantees. */
export function claimIssues(field: string, text: string, offers: readonly OfferRule[]): QaIssue[] {
  const issues: QaIssue[] = [];
  const points = offers.flatMap((o) => o.pricePoints);

  for (const mention of findPriceMentions(text)) {
    const ok = points.some(
      (p) => p.amountCents === mention.amountCents && mention.currencies.includes(p.currency),
    );
    if (!ok) {
      const known = points.length
        ? `known prices: ${points.map(formatPrice).join(', ')}`
        : 'the client has no price points';
      issues.push(
        blocker(
          `${field}: price "${mention.text}" matches no price point of an approved offer (${known})`,
          mention.text,
        ),
      );
    }
  }

  if (!points.some((p) => p.amountCents === 0)) {
    for (const m of fold(text).matchAll(FREE_RE)) {
      const phrase = text.slice(m.index, m.index + m[0].length);
      issues.push(
        blocker(`${field}: "free" is claimed but no approved offer has a price point of 0`, phrase),
      );
    }
  }

  const offerTerms = offers.flatMap((o) => [...o.terms, o.guaranteeText ?? '']).join(' \n ');
  for (const m of fold(text).matchAll(DISCOUNT_RE)) {
    const pct = m[1] ?? m[2] ?? '';
    if (!new RegExp(`(?<!\\d)${pct}\\s?%`).test(offerTerms)) {
      issues.push(blocker(`${field}: discount "${m[0]}" is not part of any approved offer's terms`, m[0]));
    }
  }

  const guarantees = offers
    .map((o) => o.guaranteeText)
    .filter((g): g is string => !!g && g.trim().length > 0);
  for (const sentence of sentences(text)) {
    const claim = GUARANTEE_RE.exec(sentence);
    if (!claim) continue;
    if (guarantees.length === 0) {
      issues.push(
        blocker(`${field}: claims a guarantee ("${claim[0]}") but no approved offer has one`, sentence),
      );
      continue;
    }
    const offered = new Set(guarantees.flatMap(findDurations));
    const stated = findDurations(sentence);
    const wrong = stated.filter((d) => !offered.has(d));
    if (wrong.length > 0) {
      issues.push(
        blocker(
          `${field}: guarantee "${wrong.join(', ')}" does not match the offers' guarantee (${guarantees.join(' | ')})`,
          sentence,
        ),
      );
      continue;
    }
    if (LIFETIME_RE.test(sentence) && !guarantees.some((g) => LIFETIME_RE.test(g))) {
      issues.push(
        blocker(
          `${field}: a lifetime guarantee is not what the offers guarantee (${guarantees.join(' | ')})`,
          sentence,
        ),
      );
      continue;
    }
    if (REFUND_RE.test(sentence) && !guarantees.some((g) => REFUND_RE.test(g))) {
      issues.push(
        blocker(
          `${field}: a refund is promised but no offer's guarantee includes one (${guarantees.join(' | ')})`,
          sentence,
        ),
      );
    }
  }
  return issues;
}

/** Every compliance issue of one asset: banned phrases, banned topics and claims, field by field. */
export function complianceIssues(copy: AssetCopy, rules: ComplianceRules): QaIssue[] {
  const issues: QaIssue[] = [];
  for (const field of COPY_FIELDS) {
    const text = copy[field];
    if (!text) continue;
    for (const hit of findPhrases(text, rules.bannedPhrases)) {
      issues.push(blocker(`${field}: banned phrase "${hit.phrase}"`, hit.match));
    }
    for (const topic of rules.bannedTopics) {
      for (const hit of findPhrases(text, topicTerms(topic), { plural: true })) {
        issues.push(blocker(`${field}: touches the banned topic "${topic}" ("${hit.phrase}")`, hit.match));
      }
    }
    issues.push(...claimIssues(field, text, rules.offers));
  }
  return issues;
}

/** The rules from the canon's constraints, the client's offers (with price points) and the canon's offers. */
export function complianceRules(
  canon: Pick<ClientCanon, 'constraints' | 'offers'> | null,
  offers: {
    name: string;
    description: string | null;
    businessModel: string;
    guaranteeText: string | null;
    pricePoints: PricePointRule[];
  }[],
): ComplianceRules {
  return {
    bannedPhrases: canon?.constraints.bannedPhrases ?? [],
    bannedTopics: canon?.constraints.bannedTopics ?? [],
    offers: [
      ...offers.map((o) => ({
        name: o.name,
        guaranteeText: o.guaranteeText,
        pricePoints: o.pricePoints,
        terms: [o.businessModel, o.description ?? '', ...o.pricePoints.map((p) => p.label)],
      })),
      ...(canon?.offers ?? []).map((o) => ({
        name: o.name,
        guaranteeText: o.guarantee,
        pricePoints: [],
        terms: [o.businessModel ?? '', o.description ?? ''],
      })),
    ],
  };
}

/** Merges brand and compliance findings into an asset's QA outcome. */
export function combineQa(brand: AssetVerdict | undefined, compliance: QaIssue[]): AssetVerdict {
  const issues = [...(brand?.issues ?? []), ...compliance];
  const passed = (brand?.passed ?? false) && !issues.some((i) => i.severity === 'blocker');
  return { passed, notes: brand?.notes ?? null, issues };
}
