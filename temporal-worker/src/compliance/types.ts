import {
  AdPlatform,
  AdVertical,
  type PolicyCategory,
  PolicyCategory as PolicyCategorySchema,
  SpecialAdCategory,
} from '@mos/db/artifacts';
import { z } from 'zod';

export type { AdPlatform, AdVertical, PolicyCategory, SpecialAdCategory } from '@mos/db/artifacts';

/** Where a line of copy sits in an ad (the corpus's `field`). */
export const AD_FIELDS = [
  'headline',
  'primary_text',
  'description',
  'hook',
  'script',
  'image_prompt',
  'landing_page',
] as const;
export const AdField = z.enum(AD_FIELDS);
export type AdField = z.infer<typeof AdField>;

export const CONTENT_LANGUAGES = ['en', 'de'] as const;
export const ContentLanguage = z.enum(CONTENT_LANGUAGES);
export type ContentLanguage = z.infer<typeof ContentLanguage>;

/** What the campaign and the client's canon say about the offer the copy sells. */
export const ComplianceContext = z.strictObject({
  /** The offer renews automatically (a subscription, membership or trial that converts). */
  subscription: z.boolean(),
  /** The special ad category declared on the campaign, if any. */
  specialAdCategory: SpecialAdCategory.nullable(),
  /** Claims the client's canon holds substantiation for (they excuse proof and superlative claims they cover). */
  substantiatedClaims: z.array(z.string()),
});
export type ComplianceContext = z.infer<typeof ComplianceContext>;

export const ComplianceInput = z.strictObject({
  text: z.string(),
  field: AdField,
  language: ContentLanguage,
  vertical: AdVertical,
  platform: AdPlatform,
  context: ComplianceContext,
});
export type ComplianceInput = z.infer<typeof ComplianceInput>;

export interface ComplianceFinding {
  category: PolicyCategory;
  /** The policy-pack clause broken (see `policyClause`). */
  clauseId: string;
  platform: AdPlatform;
  severity: 'warning' | 'blocker';
  /** The offending words as written, when the rule matched words. */
  phrase: string | null;
  message: string;
}

/** One labelled line of a compliance corpus (`eval/compliance/*.jsonl`). */
export const CorpusLine = z
  .strictObject({
    id: z.string().min(1),
    ...ComplianceInput.shape,
    label: z.enum(['violating', 'compliant']),
    categories: z.array(PolicyCategorySchema),
    note: z.string(),
  })
  .superRefine((line, ctx) => {
    if (line.label === 'violating' && line.categories.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['categories'],
        message: 'a violating line names its categories',
      });
    if (line.label === 'compliant' && line.categories.length > 0)
      ctx.addIssue({ code: 'custom', path: ['categories'], message: 'a compliant line names no category' });
  });
export type CorpusLine = z.infer<typeof CorpusLine>;
