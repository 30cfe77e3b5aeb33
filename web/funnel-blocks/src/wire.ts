import * as z from 'zod';

/**
 * What the published page's script sends (and a plain form POST carries): event batches and lead submissions. The
 * script is written against these; the edge and the funnel proxy validate with them (re-exported by
 * `@mos/db/contracts`).
 */
export const FUNNEL_EVENT_TYPES = ['page_view', 'cta_click', 'form_submit', 'funnel_enter'] as const;
export type FunnelEventType = (typeof FUNNEL_EVENT_TYPES)[number];
/** What a visitor said to the page's consent line or banner; `not_asked` where the page asks nothing. */
export const CONSENT_STATES = ['granted', 'denied', 'not_asked'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

const Utm = z
  .object({
    source: z.string().max(200).optional(),
    medium: z.string().max(200).optional(),
    campaign: z.string().max(200).optional(),
    term: z.string().max(200).optional(),
    content: z.string().max(200).optional(),
  })
  .strict();
const ClickIds = z
  .object({
    fbclid: z.string().max(500).optional(),
    gclid: z.string().max(500).optional(),
    fbp: z.string().max(200).optional(),
    fbc: z.string().max(500).optional(),
  })
  .strict();

/** One event the page script sends. `eventId` is the deduplication id (ours and the ad platforms'). */
export const PublicEvent = z
  .object({
    eventId: z.uuid(),
    type: z.enum(FUNNEL_EVENT_TYPES),
    pageId: z.uuid(),
    variantId: z.uuid().nullable().default(null),
    occurredAt: z.iso.datetime({ offset: true }),
    path: z.string().max(2000).default(''),
    referrer: z.string().max(2000).default(''),
    utm: Utm.default({}),
    clickIds: ClickIds.default({}),
    consent: z.enum(CONSENT_STATES).default('not_asked'),
    props: z.record(z.string().max(100), z.union([z.string().max(500), z.number(), z.boolean()])).default({}),
  })
  .strict();
export type PublicEvent = z.infer<typeof PublicEvent>;

/** A batch the page script posts; a batch retried with the same `batchId` is stored once. */
export const PublicEventBatch = z
  .object({
    batchId: z.uuid(),
    publicationId: z.uuid(),
    visitorId: z.string().min(8).max(64),
    sessionId: z.string().min(8).max(64),
    events: z.array(PublicEvent).min(1).max(50),
  })
  .strict();
export type PublicEventBatch = z.infer<typeof PublicEventBatch>;

/** A lead form's submission (JSON from the script, or the form's own fields on a plain POST). */
export const PublicLeadSubmission = z
  .object({
    submissionId: z.uuid(),
    publicationId: z.uuid(),
    pageId: z.uuid(),
    variantId: z.uuid().nullable().default(null),
    blockId: z.string().min(1).max(200),
    visitorId: z.string().min(8).max(64),
    fields: z.record(z.string().min(1).max(100), z.string().max(5000)),
    consent: z.enum(CONSENT_STATES).default('not_asked'),
    utm: Utm.default({}),
    clickIds: ClickIds.default({}),
  })
  .strict();
export type PublicLeadSubmission = z.infer<typeof PublicLeadSubmission>;
