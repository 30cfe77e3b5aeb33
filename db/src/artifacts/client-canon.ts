/**
 * ClientCanon (`client_canon`): what is true about a client's business — brand, offers, audiences, voice,
 * constraints, content patterns — plus the research it was built from (reference §3).
 */
import * as z from 'zod';
import { checkUnique, currencyCode, httpUrl, list, longText, shortText, slug, uuid } from './common';
import { AwarenessLevel, IBelieveStatement, NecessaryBelief } from './research-step';
import { defineRule, ruleIssue } from './rules';

/** The canon's rules beyond JSON Schema, stated in build/client_canon and checked by code (fed back). */
export const canonRules = {
  vocVerbatim: defineRule({
    id: 'client_canon.voc-verbatim',
    statement:
      'Every voice-of-customer quote is copied word for word from a customer quote in the evidence table and names that record in evidenceRef.',
    prompts: ['build/client_canon'],
  }),
  icpPerAvatar: defineRule({
    id: 'client_canon.icp-per-avatar',
    statement: 'Write exactly one ICP per avatar of the avatar brief (research step 06).',
    prompts: ['build/client_canon'],
  }),
  claimSubstantiation: defineRule({
    id: 'client_canon.claim-substantiation',
    statement:
      'A claim marked substantiated states its substantiation and names at least one proof item or evidence record.',
    prompts: ['build/client_canon'],
  }),
  uniqueOffersAndIcps: defineRule({
    id: 'client_canon.unique-offer-and-icp-ids',
    statement: 'Offer ids are unique, and ICP ids are unique.',
    prompts: ['build/client_canon'],
  }),
  references: defineRule({
    id: 'client_canon.references',
    statement:
      'Claim and proof ids are unique, every proofId names a proof item of the canon, and every evidenceRef names a record of the evidence table.',
    prompts: ['build/client_canon'],
  }),
} as const;

export const ToneOfVoice = z.strictObject({
  do: list(shortText(300), 30),
  dont: list(shortText(300), 30),
  examples: z.strictObject({
    good: list(longText(1000), 20),
    bad: list(longText(1000), 20),
  }),
});
export type ToneOfVoice = z.infer<typeof ToneOfVoice>;

export const VisualStyleRefs = z.strictObject({
  logoUrl: httpUrl().nullable(),
  /** Colours as hex codes or names, e.g. `#2F4A3A` or `moss green`. */
  palette: list(shortText(50), 20).nullable(),
  docUrls: list(httpUrl(), 20),
});
export type VisualStyleRefs = z.infer<typeof VisualStyleRefs>;

export const Brand = z.strictObject({
  story: longText(5000),
  manifesto: longText(5000).nullable(),
  values: list(shortText(), 20),
  mission: longText(1000).nullable(),
  toneOfVoice: ToneOfVoice,
  visualStyleRefs: VisualStyleRefs,
});
export type Brand = z.infer<typeof Brand>;

export const CanonOffer = z.strictObject({
  id: slug(),
  name: shortText(),
  description: longText(2000).nullable(),
  businessModel: shortText(300).nullable(),
  guarantee: longText(1000).nullable(),
  differentiation: list(shortText(300), 20),
});
export type CanonOffer = z.infer<typeof CanonOffer>;

export const Icp = z.strictObject({
  id: slug(),
  name: shortText(),
  pains: list(shortText(300), 30),
  gains: list(shortText(300), 30),
  jobsToBeDone: list(shortText(300), 30),
  segments: list(shortText(), 20),
});
export type Icp = z.infer<typeof Icp>;

/** A customer's own words, with where they were found (a canon written by hand without research may omit both). */
export const VoiceQuote = z.strictObject({
  quote: longText(1000).describe('Copied word for word from the evidence record named in evidenceRef.'),
  /** The evidence record's URL, set by code from the record (null when the record has none). */
  sourceUrl: httpUrl().nullable(),
  evidenceRef: slug(60)
    .nullable()
    .describe(
      'The evidence record the quote is copied from, as "<step>:<evidence id>" from the evidence table, e.g. "04:q3".',
    ),
});
export type VoiceQuote = z.infer<typeof VoiceQuote>;

export const VoiceOfCustomer = z.strictObject({
  quotes: list(VoiceQuote, 50).describe(
    'Every voice-of-customer quote is copied word for word from a customer quote in the evidence table and names that record in evidenceRef.',
  ),
  objections: list(shortText(300), 50),
  triggers: list(shortText(300), 50),
  languagePatterns: list(shortText(300), 50),
});
export type VoiceOfCustomer = z.infer<typeof VoiceOfCustomer>;

export const CanonConstraints = z.strictObject({
  legal: list(longText(1000), 30),
  compliance: list(longText(1000), 30),
  bannedTopics: list(shortText(), 50),
  /** Checked deterministically (case-insensitive) against generated copy by compliance QA. */
  bannedPhrases: list(shortText(), 100),
});
export type CanonConstraints = z.infer<typeof CanonConstraints>;

export const ContentPatterns = z.strictObject({
  goodAssetIds: list(slug(), 50),
  badAssetIds: list(slug(), 50),
  angles: list(shortText(300), 30),
  hooks: list(shortText(300), 30),
  formats: list(shortText(100), 30),
});
export type ContentPatterns = z.infer<typeof ContentPatterns>;

export const Competitor = z.strictObject({
  name: shortText(),
  domain: shortText(253).nullable(),
  positioning: longText(1000).nullable(),
});
export type Competitor = z.infer<typeof Competitor>;

/** A market the client sells in: country, language and the currency prices are shown in. */
export const Market = z.strictObject({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Must be an ISO 3166-1 alpha-2 country code such as "US" or "GB"')
    // The one code models reach for that ISO 3166-1 only reserves.
    .refine((c) => c !== 'UK', 'The United Kingdom is "GB" in ISO 3166-1')
    .describe('ISO 3166-1 alpha-2, e.g. "US", "GB", "DE" (the United Kingdom is "GB").'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'Must be a BCP 47 language tag such as "en-US" or "de"')
    .describe('BCP 47 language tag the ads run in, e.g. "en-US", "de-DE".'),
  currency: currencyCode().describe('ISO 4217 code prices are shown in, e.g. "USD", "EUR".'),
});
export type Market = z.infer<typeof Market>;

export const CLAIM_STATUSES = ['substantiated', 'needs_substantiation', 'not_allowed'] as const;

/** A claim the ads may make (or must not), with what substantiates it. */
export const Claim = z.strictObject({
  id: slug(),
  claim: longText(500),
  status: z
    .enum(CLAIM_STATUSES)
    .describe(
      'substantiated: usable in ads; needs_substantiation: not until proof exists; not_allowed: never.',
    ),
  substantiation: longText(1000)
    .nullable()
    .describe('What backs the claim (test, study, certification, data); null when nothing does yet.'),
  proofIds: list(slug(), 10),
  evidenceRefs: list(slug(60), 10).describe('Evidence table records behind the claim, e.g. "04:c2".'),
});
export type Claim = z.infer<typeof Claim>;

export const PROOF_KINDS = [
  'review',
  'testimonial',
  'study',
  'test',
  'certification',
  'press',
  'expert',
  'statistic',
  'guarantee',
  'demonstration',
  'other',
] as const;

/** Proof the client has today (reviews, tests, certifications, press) that ads and claims may use. */
export const ProofItem = z.strictObject({
  id: slug(),
  kind: z.enum(PROOF_KINDS),
  description: longText(1000),
  sourceUrl: httpUrl().nullable(),
  evidenceRefs: list(slug(60), 10),
});
export type ProofItem = z.infer<typeof ProofItem>;

/** The outputs of research steps 08 and 09, carried into the canon by code (empty when written without research). */
export const CanonBeliefs = z.strictObject({
  necessary: list(NecessaryBelief, 15),
  iBelieve: list(IBelieveStatement, 8),
});
export type CanonBeliefs = z.infer<typeof CanonBeliefs>;

/** The research the canon was built from (replaces the original's undeclared `precanon_research` / `research_highlights`). */
export const CanonResearch = z.strictObject({
  /** Key findings the canon relies on, one per line. */
  highlights: list(longText(1000), 30),
  competitors: list(Competitor, 30),
  /** Ids of the `research_step` artifacts used (set by the workflow; empty when written by hand). */
  sourceArtifactIds: list(uuid(), 20),
  /**
   * Set by code: the research was not web-searched ("from model knowledge, not searched"). Null: not recorded (a
   * canon stored before issue 8, whose research had no evidence table for quotes to cite).
   */
  fromModelKnowledge: z.boolean().nullable(),
});
export type CanonResearch = z.infer<typeof CanonResearch>;

export const ClientCanon = z
  .strictObject({
    clientId: uuid(),
    /** At least one in what a model writes (model-output.ts); empty only on canons stored before markets existed. */
    markets: list(Market, 20),
    brand: Brand,
    offers: list(CanonOffer, 30),
    icps: list(Icp, 20).describe('Write exactly one ICP per avatar of the avatar brief (research step 06).'),
    /**
     * Where most of the cold audience stands (the offer brief's assessment when research ran). Null: not stated
     * (canons stored before it existed); a model always states it (model-output.ts).
     */
    awarenessLevel: AwarenessLevel.nullable(),
    voiceOfCustomer: VoiceOfCustomer,
    claims: list(Claim, 50).describe(
      'A claim marked substantiated states its substantiation and names at least one proof item or evidence record.',
    ),
    proof: list(ProofItem, 50).describe(
      'Claim and proof ids are unique, every proofId names a proof item of the canon, and every evidenceRef names a record of the evidence table.',
    ),
    beliefs: CanonBeliefs,
    constraints: CanonConstraints,
    contentPatterns: ContentPatterns,
    /** Null when the canon was written without research (e.g. imported). */
    research: CanonResearch.nullable(),
  })
  .superRefine((canon, ctx) => {
    checkUnique(canon.offers, (o) => o.id, ctx, ['offers'], 'offer id', canonRules.uniqueOffersAndIcps);
    checkUnique(canon.icps, (i) => i.id, ctx, ['icps'], 'ICP id', canonRules.uniqueOffersAndIcps);
    const ids = (items: readonly { id: string }[], path: string, what: string) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.id))
          ruleIssue(ctx, canonRules.references, [path, i, 'id'], `Duplicate ${what} id "${item.id}"`);
        seen.add(item.id);
      });
      return seen;
    };
    ids(canon.claims, 'claims', 'claim');
    const proofIds = ids(canon.proof, 'proof', 'proof');
    canon.claims.forEach((c, i) => {
      c.proofIds.forEach((p, j) => {
        if (!proofIds.has(p)) {
          ruleIssue(ctx, canonRules.references, ['claims', i, 'proofIds', j], `No proof item has id "${p}"`);
        }
      });
      if (
        c.status === 'substantiated' &&
        (c.substantiation === null || c.proofIds.length + c.evidenceRefs.length === 0)
      ) {
        ruleIssue(
          ctx,
          canonRules.claimSubstantiation,
          ['claims', i],
          'A substantiated claim needs its substantiation and at least one proof item or evidence record',
        );
      }
    });
    // With research, every quote names its evidence; a canon written by hand without research is exempt, and so
    // is one whose research predates evidence tables (fromModelKnowledge not recorded: stored before issue 8).
    if (canon.research !== null && canon.research.fromModelKnowledge !== null) {
      canon.voiceOfCustomer.quotes.forEach((q, i) => {
        if (q.evidenceRef === null) {
          ruleIssue(
            ctx,
            canonRules.vocVerbatim,
            ['voiceOfCustomer', 'quotes', i, 'evidenceRef'],
            'Name the evidence record the quote is copied from',
          );
        }
      });
    }
  });
export type ClientCanon = z.infer<typeof ClientCanon>;
