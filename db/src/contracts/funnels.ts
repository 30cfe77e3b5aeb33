import * as z from 'zod';

// The page script's wire shapes live with the script in the block library (a leaf both sides import).
export {
  CONSENT_STATES,
  type ConsentState,
  FUNNEL_EVENT_TYPES,
  type FunnelEventType,
  PublicEvent,
  PublicEventBatch,
  PublicLeadSubmission,
} from '@mos/funnel-blocks/wire';

/**
 * Funnels: the closed lists MOS stores for funnels, pages, publications, domains, media, events and leads, and the
 * public wire shapes (event batches, lead submissions; defined with the page script in `@mos/funnel-blocks/wire`).
 * Client-safe (zod only). The Puck document, its blocks and design tokens live in `@mos/funnel-blocks/schema`.
 */
export const FUNNEL_STATUSES = ['draft', 'published', 'disabled', 'archived'] as const;
export type FunnelStatus = (typeof FUNNEL_STATUSES)[number];
export const PAGE_VERSION_STATUSES = ['draft', 'approved'] as const;
export type PageVersionStatus = (typeof PAGE_VERSION_STATUSES)[number];
export const PAGE_VERSION_SOURCES = ['human', 'ai', 'duplicate'] as const;
export type PageVersionSource = (typeof PAGE_VERSION_SOURCES)[number];
export const PUBLICATION_LINK_KINDS = ['cta', 'form', 'auto'] as const;
export type PublicationLinkKind = (typeof PUBLICATION_LINK_KINDS)[number];
export const DOMAIN_STATUSES = ['pending', 'verified', 'active', 'disabled'] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];

/** One media store for funnel images and the swipe library's media. */
export const MEDIA_KINDS = ['image', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
export const MEDIA_SOURCES = ['upload', 'ai', 'swipe', 'seed'] as const;
export type MediaSource = (typeof MEDIA_SOURCES)[number];
export const MEDIA_STATUSES = ['pending', 'ready', 'failed'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];
/** Where the bytes are: an R2 binding on Workers, the database, or a local folder on Node. */
export const MEDIA_STORAGES = ['r2', 'db', 'local'] as const;
export type MediaStorage = (typeof MEDIA_STORAGES)[number];
/** Image types an upload may have, and the largest upload accepted. */
export const FUNNEL_IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const FUNNEL_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

export const LEAD_DELIVERY_STATUSES = ['none', 'pending', 'delivered', 'failed'] as const;
export type LeadDeliveryStatus = (typeof LEAD_DELIVERY_STATUSES)[number];
/** Public request bodies above this size are refused (413) before they are parsed. */
export const PUBLIC_BODY_MAX_BYTES = 64 * 1024;

/**
 * Per-funnel settings: search indexing, consent, pixels and server-side conversion forwarding, lead webhook.
 * Tokens and signing keys are never here: they are org secrets referenced by name.
 */
export const FunnelSettings = z.object({
  /** The `X-Robots-Tag` header every page of the funnel is served with. */
  robots: z.enum(['noindex, nofollow', 'index, follow']).default('noindex, nofollow'),
  /** EU markets: `line` puts a consent line under forms, `banner` asks before any tracking is forwarded. */
  consent: z.enum(['none', 'line', 'banner']).default('none'),
  metaPixelId: z
    .string()
    .regex(/^\d{5,20}$/, 'digits only')
    .nullable()
    .default(null),
  /** Meta Conversions API: the pixel's access token is the org secret of this name. */
  metaCapiTokenSecret: z.string().min(1).max(100).nullable().default(null),
  ga4MeasurementId: z
    .string()
    .regex(/^G-[A-Z0-9]{4,16}$/, 'like G-ABC123')
    .nullable()
    .default(null),
  /** GA4 Measurement Protocol: the API secret is the org secret of this name. */
  ga4ApiSecretSecret: z.string().min(1).max(100).nullable().default(null),
  /** A client-side pixel is opt-in per funnel; it counts in the page weight. */
  clientSidePixel: z.boolean().default(false),
  leadWebhookUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  /** HMAC-SHA256 signing key of the lead webhook: the org secret of this name. */
  leadWebhookSecret: z.string().min(1).max(100).nullable().default(null),
});
export type FunnelSettings = z.infer<typeof FunnelSettings>;
