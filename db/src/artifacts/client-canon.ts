/**
 * ClientCanon (`client_canon`): what is true about a client's business — brand, offers, audiences, voice,
 * constraints, content patterns — plus the research it was built from (reference §3).
 */
import * as z from 'zod';
import { checkUnique, httpUrl, list, longText, shortText, slug, uuid } from './common';

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

export const VoiceOfCustomer = z.strictObject({
  quotes: list(longText(1000), 50),
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

/** The research the canon was built from (replaces the original's undeclared `precanon_research` / `research_highlights`). */
export const CanonResearch = z.strictObject({
  /** Key findings the canon relies on, one per line. */
  highlights: list(longText(1000), 30),
  competitors: list(Competitor, 30),
  /** Ids of the `research_step` artifacts used (set by the workflow; empty when written by hand). */
  sourceArtifactIds: list(uuid(), 20),
});
export type CanonResearch = z.infer<typeof CanonResearch>;

export const ClientCanon = z
  .strictObject({
    clientId: uuid(),
    brand: Brand,
    offers: list(CanonOffer, 30),
    icps: list(Icp, 20),
    voiceOfCustomer: VoiceOfCustomer,
    constraints: CanonConstraints,
    contentPatterns: ContentPatterns,
    /** Null when the canon was written without research (e.g. imported). */
    research: CanonResearch.nullable(),
  })
  .superRefine((canon, ctx) => {
    checkUnique(canon.offers, (o) => o.id, ctx, ['offers'], 'offer id');
    checkUnique(canon.icps, (i) => i.id, ctx, ['icps'], 'ICP id');
  });
export type ClientCanon = z.infer<typeof ClientCanon>;
