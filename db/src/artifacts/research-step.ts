/**
 * ResearchStep (`research_step`): the output of one pre-canon market research step (reference §4.2), stored as
 * an artifact instead of a Google Drive document. Besides the prose, a step carries its evidence (one record per
 * claim or quote, with where its URL came from and whether it is stale) and the structured part the step is for
 * (quote bank, competitor traction check, landing-page map, avatars, offer brief, beliefs, "I believe" statements).
 * The canon refers to these through `ClientCanon.research` and to single records through evidence refs.
 */
import * as z from 'zod';
import { FunnelStage, httpUrl, list, longText, sha256Hex, shortText, slug } from './common';
import { defineRule, ruleIssue } from './rules';

/** Research steps in the order they run. Step 02 (ads context) is input, not a stored step. */
export const RESEARCH_STEP_KEYS = ['01', '03', '04', '06', '07', '08', '09'] as const;
export const ResearchStepKey = z.enum(RESEARCH_STEP_KEYS);
export type ResearchStepKey = z.infer<typeof ResearchStepKey>;

/** Display title of every research step. */
export const RESEARCH_STEP_TITLES: { readonly [K in ResearchStepKey]: string } = {
  '01': 'Competitor research',
  '03': 'Deep research prompt',
  '04': 'Deep research execution',
  '06': 'Avatar brief',
  '07': 'Offer brief',
  '08': 'Necessary beliefs',
  '09': '"I believe" statements',
};

/** Limits from the original research pipeline. */
export const RESEARCH_SUMMARY_MAX = 1500;
export const RESEARCH_CONTENT_MAX = 60_000;
export const RESEARCH_HANDOFF_MAX = 1800;
export const RESEARCH_EVIDENCE_MAX = 60;

/** A source older than this many months, at the time the step ran, is flagged `stale` by code. */
export const STALE_AFTER_MONTHS = 24;

// ---------------------------------------------------------------------------------------------------------------
// Evidence

/** A calendar date as precise as the source states it: `2025`, `2025-03` or `2025-03-14` (ISO 8601). */
export const isoDate = () =>
  z
    .string()
    .regex(
      /^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$/,
      'Must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD',
    );

/** Where an evidence URL came from: the provider's web search, the model's own text, or a person. */
export const EVIDENCE_PROVENANCES = ['provider_citation', 'model_stated', 'human_entered'] as const;
export const EvidenceProvenance = z.enum(EVIDENCE_PROVENANCES);
export type EvidenceProvenance = z.infer<typeof EvidenceProvenance>;

/** Who is speaking (quotes) or who makes the claim: the quote bank takes customers only. */
export const EVIDENCE_SOURCE_TYPES = [
  'customer',
  'expert',
  'competitor',
  'brand',
  'press',
  'regulator',
  'platform',
  'study',
  'other',
] as const;
export const EvidenceSourceType = z.enum(EVIDENCE_SOURCE_TYPES);
export type EvidenceSourceType = z.infer<typeof EvidenceSourceType>;

/** One claim or verbatim quote the research rests on. `provenance` and `stale` are set by code, never the model. */
export const EvidenceRecord = z.strictObject({
  id: slug(40).describe('Unique within this step, e.g. "q1" for quotes and "c1" for claims.'),
  kind: z.enum(['claim', 'quote']),
  text: longText(2000).describe(
    'A claim in your words, or a quote copied word for word from the source (no paraphrase, no fixes).',
  ),
  url: httpUrl()
    .nullable()
    .describe('The page the claim or quote is on; null when you cannot name a page you actually read.'),
  publishedAt: isoDate()
    .nullable()
    .describe('When the source was published (YYYY, YYYY-MM or YYYY-MM-DD); null when unknown.'),
  sourceType: EvidenceSourceType.describe(
    'Who said it: a customer (review, forum post), an expert, a competitor (their site or ads), the client brand, press, a regulator, an ad platform, a study, or other.',
  ),
  sourceName: shortText(200)
    .nullable()
    .describe('e.g. "Reddit r/SkincareAddiction", "Trustpilot review", "CeraVe product page".'),
  /** `provider_citation`: the URL is one the provider's web search returned for this answer. */
  provenance: EvidenceProvenance,
  /** Set by code: published more than STALE_AFTER_MONTHS before `researchedAt`. */
  stale: z.boolean(),
});
export type EvidenceRecord = z.infer<typeof EvidenceRecord>;

/** A web source the provider's search returned for the step (its `url_citation` annotations), never the model's. */
export const ResearchSource = z.strictObject({
  title: shortText(300).nullable(),
  url: httpUrl(),
});
export type ResearchSource = z.infer<typeof ResearchSource>;

/** How an evidence record is named from other documents (the canon): `<stepKey>:<evidence id>`, e.g. `04:q3`. */
export const evidenceRef = (stepKey: ResearchStepKey, evidenceId: string) => `${stepKey}:${evidenceId}`;

/**
 * Whether a source published at `publishedAt` was stale on `asOf` (YYYY-MM-DD): older than STALE_AFTER_MONTHS.
 * A partial date counts from the end of its year or month, so only sources surely that old are flagged.
 */
export function isStale(publishedAt: string | null, asOf: string): boolean {
  if (publishedAt === null) return false;
  const [y, m, d] = asOf.split('-');
  const cutoff = `${String(Number(y) - STALE_AFTER_MONTHS / 12).padStart(4, '0')}-${m ?? '01'}-${d ?? '01'}`;
  const end =
    publishedAt.length === 4
      ? `${publishedAt}-12-31`
      : publishedAt.length === 7
        ? `${publishedAt}-31`
        : publishedAt;
  return end < cutoff;
}

/**
 * The form a quote is compared in: Unicode-normalized, typographic quotes and dashes made plain, whitespace
 * collapsed, case folded, surrounding quote marks and ellipses dropped — so "word for word" ignores typography only.
 */
export function normalizeQuote(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .replace(/^(\.\.\.\s*)+|(\s*\.\.\.)+$/g, '')
    .trim()
    .toLowerCase();
}

/** Whether `quote` appears word for word in `text` (see normalizeQuote). */
export function quoteFoundIn(quote: string, text: string): boolean {
  const q = normalizeQuote(quote);
  return q.length > 0 && normalizeQuote(text).includes(q);
}

// ---------------------------------------------------------------------------------------------------------------
// Step-specific parts

export const QUOTE_TAGS = [
  'pain',
  'desire',
  'objection',
  'failed_solution',
  'trigger',
  'outcome',
  'identity',
  'language',
] as const;
export const QuoteTag = z.enum(QUOTE_TAGS);

/** Step 04: a verbatim customer quote, tagged, pointing at the evidence record it was copied from. */
export const QuoteBankEntry = z.strictObject({
  evidenceId: slug(40).describe(
    'The id of the quote evidence record (kind "quote", source type "customer").',
  ),
  quote: longText(1000).describe('Copied word for word from that evidence record.'),
  tags: list(QuoteTag, 4, 1),
});
export type QuoteBankEntry = z.infer<typeof QuoteBankEntry>;
export const QUOTE_BANK_MIN = 5;
export const QUOTE_BANK_MAX = 15;

export const TRACTION_LEVELS = ['strong', 'moderate', 'weak', 'unknown'] as const;

/** Step 01: whether a competitor's acquisition visibly works (long-running ads, reviews, traffic, retail). */
export const CompetitorTraction = z.strictObject({
  competitor: shortText(),
  domain: shortText(253).nullable(),
  traction: z.enum(TRACTION_LEVELS),
  signals: list(shortText(300), 10, 1).describe(
    'Observable signals, e.g. "ads running since 2023 in the Meta Ad Library", "14k reviews on Amazon".',
  ),
  evidenceIds: list(slug(40), 10).describe("Ids of this step's evidence records behind the signals."),
});
export type CompetitorTraction = z.infer<typeof CompetitorTraction>;

export const LANDING_PAGE_TYPES = [
  'product_page',
  'homepage',
  'collection',
  'advertorial',
  'listicle',
  'quiz',
  'vsl',
  'lead_form',
  'other',
] as const;

/** Step 01: where a competitor's paid traffic lands and how the page sells. */
export const LandingPage = z.strictObject({
  competitor: shortText(),
  url: httpUrl().nullable(),
  pageType: z.enum(LANDING_PAGE_TYPES),
  headline: shortText(300).nullable(),
  offer: shortText(300).nullable().describe('Price, bundle, discount or guarantee the page leads with.'),
  sections: list(shortText(200), 20).describe('The page sections in order, e.g. "hero", "ingredient proof".'),
  proofElements: list(shortText(200), 20),
  cta: shortText(100).nullable(),
});
export type LandingPage = z.infer<typeof LandingPage>;

/** Step 06: one avatar of the avatar brief; the canon writes one ICP per avatar. */
export const Avatar = z.strictObject({
  id: slug(),
  name: shortText(),
  description: longText(1500),
});
export type Avatar = z.infer<typeof Avatar>;

/** Awareness levels (Schwartz): how much the prospect knows about the problem, the solutions and the product. */
export const AWARENESS_LEVELS = [
  'unaware',
  'problem_aware',
  'solution_aware',
  'product_aware',
  'most_aware',
] as const;
export const AwarenessLevel = z.enum(AWARENESS_LEVELS);
export type AwarenessLevel = z.infer<typeof AwarenessLevel>;

/** Step 07: the offer brief's skeleton (big idea, mechanism, discovery story, funnel). */
export const OfferBrief = z.strictObject({
  bigIdea: longText(1000),
  mechanism: longText(1000).describe('The unique mechanism that makes the promise believable.'),
  discoveryStory: longText(2000).describe(
    'How the founder or brand discovered the mechanism, told as a story.',
  ),
  leadOffer: shortText(300).describe('The offer cold traffic sees first; only offers the intake lists.'),
  productNameIdeas: list(shortText(100), 5),
  awarenessLevel: AwarenessLevel,
  sophisticationStage: z.int().min(1).max(5).describe('Market sophistication stage, 1-5.'),
  funnel: list(
    z.strictObject({
      stage: FunnelStage,
      step: shortText(200).describe(
        'e.g. "UGC video ad", "advertorial", "product page", "post-purchase email".',
      ),
      purpose: shortText(300),
    }),
    10,
    1,
  ),
});
export type OfferBrief = z.infer<typeof OfferBrief>;

/** Step 08: a belief the prospect must hold before buying, with the objection and its counter. */
export const NecessaryBelief = z.strictObject({
  id: slug(),
  belief: longText(500),
  objection: longText(500).nullable(),
  counter: longText(1000).nullable(),
  proofAngles: list(shortText(300), 10),
});
export type NecessaryBelief = z.infer<typeof NecessaryBelief>;

/** Step 09: one "I believe that…" statement in the prospect's voice. */
export const IBelieveStatement = shortText(400).regex(/^I believe \S/, 'Must start with "I believe"');

/** Which step carries each step-specific part (null on every other step). */
export const RESEARCH_STEP_PARTS = {
  handoff: ['03'],
  competitorTraction: ['01'],
  landingPageMap: ['01'],
  quoteBank: ['04'],
  avatars: ['06'],
  offerBrief: ['07'],
  necessaryBeliefs: ['08'],
  iBelieveStatements: ['09'],
} as const satisfies Record<string, readonly ResearchStepKey[]>;
export type ResearchStepPart = keyof typeof RESEARCH_STEP_PARTS;

/** Whether `step` carries `part`. */
export const stepHasPart = (step: ResearchStepKey, part: ResearchStepPart) =>
  (RESEARCH_STEP_PARTS[part] as readonly ResearchStepKey[]).includes(step);

/** The prompt template id of a research step (temporal-worker/prompts/research/). */
export function researchPromptId(step: ResearchStepKey): string {
  return RESEARCH_PROMPT_IDS[step];
}
export const RESEARCH_PROMPT_IDS: { readonly [K in ResearchStepKey]: string } = {
  '01': 'research/01_competitor_research',
  '03': 'research/03_deep_research_prompt',
  '04': 'research/04_deep_research_execution',
  '06': 'research/06_avatar_brief',
  '07': 'research/07_offer_brief',
  '08': 'research/08_necessary_beliefs',
  '09': 'research/09_i_believe_statements',
};

// ---------------------------------------------------------------------------------------------------------------
// Rules (stated in the research prompts, checked here and fed back to the model)

export const researchRules = {
  evidenceIds: defineRule({
    id: 'research_step.evidence-ids',
    statement:
      'Every evidence record has its own id, and every evidenceId you write names an evidence record of this step.',
    prompts: RESEARCH_STEP_KEYS.filter((k) => k !== '03').map(researchPromptId),
  }),
  quoteBankVerbatim: defineRule({
    id: 'research_step.quote-bank-verbatim',
    statement:
      'Every quote in the quote bank is copied word for word from a quote evidence record of a customer, never a competitor or the brand.',
    prompts: [researchPromptId('04')],
  }),
  stepParts: defineRule({
    id: 'research_step.step-parts',
    statement: 'Fill the structured part this step asks for; every other structured part is null.',
    prompts: RESEARCH_STEP_KEYS.map(researchPromptId),
  }),
  // The schema sent holds the model to these two (handoff is a string on step 03 and null elsewhere; `stale` is
  // not in it), and code repairs or sets them: no prompt states them, a person's edit is checked against them.
  handoff: defineRule({
    id: 'research_step.handoff',
    statement: "Step 03 hands off the deep-research prompt; every other step's handoff is null.",
    prompts: [],
  }),
  staleComputed: defineRule({
    id: 'research_step.stale-computed',
    statement: `A source published more than ${STALE_AFTER_MONTHS} months before the research ran is flagged stale.`,
    prompts: [],
  }),
} as const;

// ---------------------------------------------------------------------------------------------------------------
// The document

export const ResearchStep = z
  .strictObject({
    stepKey: ResearchStepKey,
    title: shortText(),
    /** The `<SUMMARY>` block: a short digest for lists and overviews (later steps read the whole document). */
    summary: longText(RESEARCH_SUMMARY_MAX),
    /** The `<CONTENT>` block: the full research document (markdown). */
    content: longText(RESEARCH_CONTENT_MAX),
    /** Step 03 only: the `<STEP4_PROMPT>` it writes for the deep-research execution; null for every other step. */
    handoff: longText(RESEARCH_HANDOFF_MAX).nullable(),
    /** One record per claim or quote the step rests on. */
    evidence: list(EvidenceRecord, RESEARCH_EVIDENCE_MAX).describe(
      'Every evidence record has its own id, and every evidenceId you write names an evidence record of this step.',
    ),
    /** Step 01: traction of each competitor. */
    competitorTraction: list(CompetitorTraction, 20, 1).nullable(),
    /** Step 01: where competitors send paid traffic. */
    landingPageMap: list(LandingPage, 20, 1).nullable(),
    /** Step 04: 5-15 tagged verbatim customer quotes, each found word for word in this step's evidence. */
    quoteBank: list(QuoteBankEntry, QUOTE_BANK_MAX, QUOTE_BANK_MIN)
      .describe(
        'Every quote in the quote bank is copied word for word from a quote evidence record of a customer, never a competitor or the brand.',
      )
      .nullable(),
    /** Step 06: the avatars (the canon writes one ICP per avatar). */
    avatars: list(Avatar, 5, 1).nullable(),
    /** Step 07. */
    offerBrief: OfferBrief.nullable(),
    /** Step 08. */
    necessaryBeliefs: list(NecessaryBelief, 15, 3).nullable(),
    /** Step 09: 5-8 statements. */
    iBelieveStatements: list(IBelieveStatement, 8, 5).nullable(),
    /** SHA-256 of the fully rendered prompt (prompt files are versioned; this pins the exact text). */
    promptSha256: sha256Hex(),
    model: shortText(100),
    /** The provider ran web searches for this step. */
    webSearchUsed: z.boolean(),
    /**
     * Neither this step nor the earlier steps it builds on were searched (web search off, or not run): shown as
     * "from model knowledge, not searched".
     */
    fromModelKnowledge: z.boolean().nullable().describe('Null: not recorded (a step stored before issue 8).'),
    /**
     * The day the step ran (YYYY-MM-DD): evidence `stale` flags are computed against it. Null only on steps stored
     * before issue 8, which carry no structured part (code always sets the day on what it writes).
     */
    researchedAt: z
      .string()
      .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'Must be a date YYYY-MM-DD')
      .nullable(),
    /** Pages the provider's web search returned and the answer cited; empty when no web search ran. */
    sources: list(ResearchSource, 100),
  })
  .superRefine((step, ctx) => {
    if (step.stepKey === '03' && step.handoff === null) {
      ruleIssue(ctx, researchRules.handoff, ['handoff'], 'Step 03 must hand off the deep-research prompt');
    }
    if (step.stepKey !== '03' && step.handoff !== null) {
      ruleIssue(ctx, researchRules.handoff, ['handoff'], 'Only step 03 has a handoff; use null');
    }
    for (const part of Object.keys(RESEARCH_STEP_PARTS) as ResearchStepPart[]) {
      if (part === 'handoff') continue;
      const has = stepHasPart(step.stepKey, part);
      // A step stored before issue 8 (no research date) was written before the structured parts existed.
      if (has && step[part] === null && step.researchedAt !== null) {
        ruleIssue(ctx, researchRules.stepParts, [part], `Step ${step.stepKey} must fill ${part}`);
      } else if (!has && step[part] !== null) {
        ruleIssue(
          ctx,
          researchRules.stepParts,
          [part],
          `Only step ${RESEARCH_STEP_PARTS[part].join(', ')} has ${part}; use null`,
        );
      }
    }
    const byId = new Map<string, EvidenceRecord>();
    step.evidence.forEach((e, i) => {
      if (byId.has(e.id)) {
        ruleIssue(ctx, researchRules.evidenceIds, ['evidence', i, 'id'], `Duplicate evidence id "${e.id}"`);
      }
      byId.set(e.id, e);
      const stale = step.researchedAt === null ? false : isStale(e.publishedAt, step.researchedAt);
      if (e.stale !== stale) {
        ruleIssue(
          ctx,
          researchRules.staleComputed,
          ['evidence', i, 'stale'],
          `stale must be ${!e.stale}: published ${e.publishedAt ?? 'unknown'}, researched ${step.researchedAt ?? 'on a day not recorded'}`,
        );
      }
    });
    const known = (ids: readonly string[], path: readonly PropertyKey[]) => {
      ids.forEach((id, j) => {
        if (!byId.has(id)) {
          ruleIssue(
            ctx,
            researchRules.evidenceIds,
            [...path, j],
            `No evidence record of this step has id "${id}"`,
          );
        }
      });
    };
    step.competitorTraction?.forEach((c, i) => {
      known(c.evidenceIds, ['competitorTraction', i, 'evidenceIds']);
    });
    step.quoteBank?.forEach((q, i) => {
      const path = ['quoteBank', i] as const;
      const source = byId.get(q.evidenceId);
      if (!source) {
        ruleIssue(
          ctx,
          researchRules.evidenceIds,
          [...path, 'evidenceId'],
          `No evidence record of this step has id "${q.evidenceId}"`,
        );
        return;
      }
      if (source.kind !== 'quote' || source.sourceType !== 'customer') {
        ruleIssue(
          ctx,
          researchRules.quoteBankVerbatim,
          [...path, 'evidenceId'],
          `Evidence "${source.id}" is a ${source.sourceType} ${source.kind}, not a customer quote`,
        );
      }
      if (!quoteFoundIn(q.quote, source.text)) {
        ruleIssue(
          ctx,
          researchRules.quoteBankVerbatim,
          [...path, 'quote'],
          `Not found word for word in evidence "${source.id}"; copy the quote exactly as the evidence records it`,
        );
      }
    });
  });
export type ResearchStep = z.infer<typeof ResearchStep>;
