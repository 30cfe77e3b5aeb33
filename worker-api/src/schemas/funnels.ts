import { FUNNEL_STATUSES, FunnelDeployRequest, FunnelSettings } from '@mos/db/contracts';
import * as z from 'zod';
import { Cursor, Id, Limit, Name, nullableText } from './common';

/**
 * Inputs of `funnels.*`. Page documents and design tokens are validated by the block library's schemas in the
 * services (`@mos/funnel-blocks/schema`), which name the path of every problem; here they are opaque JSON.
 */
export { FUNNEL_STATUSES, FunnelSettings };

/** An id inside an experiment spec set (experiment or arm): the artifact's slug ids. */
const SpecId = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be an id from the experiment spec');

/** A page slug as a person types it; the service slugifies it (lower-case, a-z 0-9 and -). */
const SlugInput = z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters');

/** A Puck document (validated against the block library in the service); bounded in size by the body limit. */
const DocumentInput = z.record(z.string(), z.unknown());

export const FunnelList = z.strictObject({
  clientId: Id.optional(),
  /** A campaign id, or null for funnels without a campaign. */
  campaignId: Id.nullish(),
  experimentId: SpecId.optional(),
  status: z.enum(FUNNEL_STATUSES).optional(),
  cursor: Cursor,
  limit: Limit,
});
export type FunnelList = z.infer<typeof FunnelList>;

export const FunnelById = z.strictObject({ id: Id });
export type FunnelById = z.infer<typeof FunnelById>;

export const FunnelCreate = z.strictObject({
  clientId: Id,
  campaignId: Id.nullish(),
  /** An experiment id of the campaign's latest approved experiment spec set (needs `campaignId`). */
  experimentId: SpecId.nullish(),
  offerId: Id.nullish(),
  name: Name,
  description: nullableText(2000),
});
export type FunnelCreate = z.infer<typeof FunnelCreate>;

export const FunnelUpdate = z.strictObject({
  id: Id,
  name: Name.optional(),
  description: nullableText(2000),
  campaignId: Id.nullish(),
  experimentId: SpecId.nullish(),
  offerId: Id.nullish(),
  entryPageId: Id.nullish(),
  /** The whole settings object (missing keys take their defaults). */
  settings: FunnelSettings.optional(),
});
export type FunnelUpdate = z.infer<typeof FunnelUpdate>;

export const FunnelDuplicate = z.strictObject({
  id: Id,
  name: Name.optional(),
  /** Another campaign of the same client for the copy (default: the original's). */
  campaignId: Id.nullish(),
});
export type FunnelDuplicate = z.infer<typeof FunnelDuplicate>;

export const PageCreate = z.strictObject({
  funnelId: Id,
  name: Name,
  slug: SlugInput.optional(),
  /** A template of the block library (`funnels.templates`); none: an empty page. */
  templateId: z.string().trim().min(1).max(100).nullish(),
  nextPageId: Id.nullish(),
});
export type PageCreate = z.infer<typeof PageCreate>;

/** A page, or one of its variants (`variantId`). */
export const PageRef = z.strictObject({ pageId: Id, variantId: Id.nullish() });
export type PageRef = z.infer<typeof PageRef>;

export const PageSave = z.strictObject({
  pageId: Id,
  variantId: Id.nullish(),
  document: DocumentInput,
});
export type PageSave = z.infer<typeof PageSave>;

export const PageUpdate = z.strictObject({
  pageId: Id,
  name: Name.optional(),
  slug: SlugInput.optional(),
  ordering: z.number().int().min(0).max(10_000).optional(),
  /** The page a visitor goes to next (forms and "next" buttons); null clears it. */
  nextPageId: Id.nullish(),
});
export type PageUpdate = z.infer<typeof PageUpdate>;

export const PageById = z.strictObject({ pageId: Id });
export type PageById = z.infer<typeof PageById>;

export const VariantCreate = z.strictObject({
  pageId: Id,
  name: Name,
  experimentId: SpecId,
  experimentVariantId: SpecId,
  weight: z.number().int().min(0).max(100).default(50),
});
export type VariantCreate = z.infer<typeof VariantCreate>;

export const VariantUpdate = z.strictObject({
  variantId: Id,
  name: Name.optional(),
  weight: z.number().int().min(0, 'must be 0 to 100').max(100, 'must be 0 to 100').optional(),
});
export type VariantUpdate = z.infer<typeof VariantUpdate>;

export const VariantById = z.strictObject({ variantId: Id });
export type VariantById = z.infer<typeof VariantById>;

/** `deploy` (admins only): Publish + Deploy, the funnel's workload patched into a deploy project's plan and applied. */
export const FunnelPublish = z.strictObject({ funnelId: Id, deploy: FunnelDeployRequest.nullish() });
export type FunnelPublish = z.infer<typeof FunnelPublish>;

export const FunnelRef = z.strictObject({ funnelId: Id });
export type FunnelRef = z.infer<typeof FunnelRef>;

export const FunnelRollback = z.strictObject({ funnelId: Id, publicationId: Id });
export type FunnelRollback = z.infer<typeof FunnelRollback>;

export const GeneratePage = z.strictObject({
  pageId: Id,
  variantId: Id.nullish(),
  offerId: Id.nullish(),
  /** The experiment and arm the page is drafted for: both or neither. */
  experimentId: SpecId.nullish(),
  experimentVariantId: SpecId.nullish(),
  instructions: nullableText(4000),
});
export type GeneratePage = z.infer<typeof GeneratePage>;

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO date-time' });

/** A window of at most 366 days; `to` is exclusive. */
export const ResultsWindow = z
  .strictObject({ funnelId: Id, from: Instant, to: Instant })
  .superRefine((w, ctx) => {
    const from = Date.parse(w.from);
    const to = Date.parse(w.to);
    if (to <= from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (to - from > 366 * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the window is at most 366 days' });
  });
export type ResultsWindow = z.infer<typeof ResultsWindow>;

/** A funnel's leads in an optional window: the CSV export takes all of them, the list a page at a time. */
export const LeadsCsv = z.strictObject({
  funnelId: Id,
  from: Instant.optional(),
  to: Instant.optional(),
});
export type LeadsCsv = z.infer<typeof LeadsCsv>;

export const LeadList = LeadsCsv.extend({ cursor: Cursor, limit: Limit });
export type LeadList = z.infer<typeof LeadList>;

export const LeadById = z.strictObject({ leadId: Id });
export type LeadById = z.infer<typeof LeadById>;
