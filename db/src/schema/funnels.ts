import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { clients } from './clients';
import { createdAt, id, orgId, updatedAt } from './columns';
import {
  consentState,
  domainStatus,
  funnelEventType,
  funnelStatus,
  leadDeliveryStatus,
  pageVersionSource,
  pageVersionStatus,
  publicationLinkKind,
} from './enums';
import { mediaObjects } from './media';
import { productOffers } from './product-offers';
import { workflowRuns } from './workflow-runs';

export const funnels = pgTable(
  'funnels',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    /** The experiment id inside the campaign's approved experiment spec set (a text id, not a row). */
    experimentId: text('experiment_id'),
    offerId: uuid('offer_id').references(() => productOffers.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    description: text('description'),
    status: funnelStatus('status').notNull().default('draft'),
    /** The id in public URLs (`/f/:publicId/:slug`); never the row id. */
    publicId: uuid('public_id').notNull().default(sql`gen_random_uuid()`),
    entryPageId: uuid('entry_page_id').references((): AnyPgColumn => funnelPages.id, {
      onDelete: 'set null',
    }),
    activePublicationId: uuid('active_publication_id').references((): AnyPgColumn => funnelPublications.id, {
      onDelete: 'set null',
    }),
    /** `FunnelSettings` (robots, consent, pixels, forwarding, webhook); secrets by name only. */
    settings: jsonb('settings').notNull().default({}),
    /**
     * Bumped when the active publication's routing weights change in place (an applied experiment decision, the
     * bandit): the runtime keys its page indexes by it, so new weights reach visitors without a new publish.
     */
    routingVersion: integer('routing_version').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('uq_funnels_public_id').on(t.publicId),
    index('idx_funnels_org').on(t.orgId, t.createdAt.desc(), t.id.desc()),
    index('idx_funnels_client').on(t.orgId, t.clientId),
  ],
);

export const funnelPages = pgTable(
  'funnel_pages',
  {
    id: id(),
    orgId: orgId(),
    funnelId: uuid('funnel_id')
      .notNull()
      .references(() => funnels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    nextPageId: uuid('next_page_id').references((): AnyPgColumn => funnelPages.id, {
      onDelete: 'set null',
    }),
    templateId: text('template_id'),
    ordering: integer('ordering').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('uq_funnel_pages_slug').on(t.funnelId, t.slug),
    index('idx_funnel_pages_funnel').on(t.orgId, t.funnelId, t.ordering),
  ],
);

/** A/B variants of a page, each tied to an arm of an experiment spec; weights are relative. */
export const funnelPageVariants = pgTable(
  'funnel_page_variants',
  {
    id: id(),
    orgId: orgId(),
    funnelId: uuid('funnel_id')
      .notNull()
      .references(() => funnels.id, { onDelete: 'cascade' }),
    pageId: uuid('page_id')
      .notNull()
      .references(() => funnelPages.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The experiment spec's experiment id and arm (variant) id this variant tests. */
    experimentId: text('experiment_id'),
    experimentVariantId: text('experiment_variant_id'),
    weight: integer('weight').notNull().default(50),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('idx_funnel_page_variants_page').on(t.orgId, t.pageId)],
);

/**
 * Append-only: a save is a new draft row, an approval a new approved row copying the draft. `variant_id` null is
 * the page itself; otherwise the version belongs to that variant. The document is validated by the block library.
 */
export const funnelPageVersions = pgTable(
  'funnel_page_versions',
  {
    id: id(),
    orgId: orgId(),
    funnelId: uuid('funnel_id')
      .notNull()
      .references(() => funnels.id, { onDelete: 'cascade' }),
    pageId: uuid('page_id')
      .notNull()
      .references(() => funnelPages.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id').references(() => funnelPageVariants.id, { onDelete: 'cascade' }),
    status: pageVersionStatus('status').notNull(),
    source: pageVersionSource('source').notNull(),
    document: jsonb('document').notNull(),
    /** For `source=ai`: model, prompt id/version, the run that drafted it. */
    aiMetadata: jsonb('ai_metadata'),
    workflowRunId: uuid('workflow_run_id').references(() => workflowRuns.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_funnel_page_versions_page').on(t.orgId, t.pageId, t.createdAt.desc(), t.id.desc()),
    uniqueIndex('uq_funnel_page_versions_run')
      .on(t.workflowRunId, t.pageId)
      .where(sql`${t.workflowRunId} is not null`),
  ],
);

/** Immutable: every page and variant rendered once to HTML at publish time. */
export const funnelPublications = pgTable(
  'funnel_publications',
  {
    id: id(),
    orgId: orgId(),
    funnelId: uuid('funnel_id')
      .notNull()
      .references(() => funnels.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… per funnel. */
    number: integer('number').notNull(),
    entryPageId: uuid('entry_page_id').notNull(),
    entrySlug: text('entry_slug').notNull(),
    workflowRunId: uuid('workflow_run_id').references(() => workflowRuns.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('uq_funnel_publications_number').on(t.funnelId, t.number),
    uniqueIndex('uq_funnel_publications_run').on(t.workflowRunId).where(sql`${t.workflowRunId} is not null`),
    index('idx_funnel_publications_funnel').on(t.orgId, t.funnelId, t.number.desc()),
  ],
);

/** One row per page and variant of a publication, with its rendered HTML (`variant_id` null: the page itself). */
export const funnelPublicationPages = pgTable(
  'funnel_publication_pages',
  {
    id: id(),
    orgId: orgId(),
    publicationId: uuid('publication_id')
      .notNull()
      .references(() => funnelPublications.id, { onDelete: 'cascade' }),
    pageId: uuid('page_id').notNull(),
    variantId: uuid('variant_id'),
    pageVersionId: uuid('page_version_id')
      .notNull()
      .references(() => funnelPageVersions.id, { onDelete: 'restrict' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** Relative weight of this variant at publish time (the base page included). */
    weight: integer('weight').notNull().default(100),
    experimentId: text('experiment_id'),
    experimentVariantId: text('experiment_variant_id'),
    html: text('html').notNull(),
    /** sha256 of the HTML, hex: the ETag. */
    contentHash: text('content_hash').notNull(),
    htmlBytes: integer('html_bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('uq_funnel_publication_pages_variant')
      .on(t.publicationId, t.pageId, t.variantId)
      .nullsNotDistinct(),
    index('idx_funnel_publication_pages_slug').on(t.publicationId, t.slug),
  ],
);

export const funnelPublicationLinks = pgTable(
  'funnel_publication_links',
  {
    id: id(),
    orgId: orgId(),
    publicationId: uuid('publication_id')
      .notNull()
      .references(() => funnelPublications.id, { onDelete: 'cascade' }),
    fromPageId: uuid('from_page_id').notNull(),
    toPageId: uuid('to_page_id').notNull(),
    kind: publicationLinkKind('kind').notNull(),
    label: text('label'),
    meta: jsonb('meta').notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('idx_funnel_publication_links_pub').on(t.publicationId)],
);

/** Written whenever a page's slug changes; the old slug answers 301 to the new one. */
export const funnelSlugRedirects = pgTable(
  'funnel_slug_redirects',
  {
    id: id(),
    orgId: orgId(),
    funnelId: uuid('funnel_id')
      .notNull()
      .references(() => funnels.id, { onDelete: 'cascade' }),
    pageId: uuid('page_id')
      .notNull()
      .references(() => funnelPages.id, { onDelete: 'cascade' }),
    fromSlug: text('from_slug').notNull(),
    toSlug: text('to_slug').notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('uq_funnel_slug_redirects_from').on(t.funnelId, t.fromSlug)],
);

export const funnelDomains = pgTable(
  'funnel_domains',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    funnelId: uuid('funnel_id').references(() => funnels.id, { onDelete: 'set null' }),
    /** Lower-case, no trailing dot; unique across all orgs (one host serves one funnel). */
    hostname: text('hostname').notNull(),
    status: domainStatus('status').notNull().default('pending'),
    verificationToken: text('verification_token').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true, precision: 3 }),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true, precision: 3 }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('uq_funnel_domains_hostname').on(t.hostname),
    index('idx_funnel_domains_org').on(t.orgId, t.clientId),
  ],
);

/** Images a funnel uses (uploads and AI images), each a media object. */
export const funnelAssets = pgTable(
  'funnel_assets',
  {
    id: id(),
    orgId: orgId(),
    funnelId: uuid('funnel_id')
      .notNull()
      .references(() => funnels.id, { onDelete: 'cascade' }),
    mediaId: uuid('media_id')
      .notNull()
      .references(() => mediaObjects.id, { onDelete: 'restrict' }),
    alt: text('alt'),
    createdAt: createdAt(),
  },
  (t) => [unique('uq_funnel_assets_media').on(t.funnelId, t.mediaId)],
);

export const funnelEvents = pgTable(
  'funnel_events',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id').notNull(),
    funnelId: uuid('funnel_id')
      .notNull()
      .references(() => funnels.id, { onDelete: 'cascade' }),
    publicationId: uuid('publication_id').notNull(),
    pageId: uuid('page_id').notNull(),
    variantId: uuid('variant_id'),
    /** The page script's event id: deduplicates retries here and conversions at the ad platforms. */
    eventId: uuid('event_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    type: funnelEventType('type').notNull(),
    visitorId: text('visitor_id').notNull(),
    sessionId: text('session_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    host: text('host'),
    path: text('path'),
    referrer: text('referrer'),
    utm: jsonb('utm').notNull().default({}),
    clickIds: jsonb('click_ids').notNull().default({}),
    consent: consentState('consent').notNull().default('not_asked'),
    /** Hashed client IP and user agent for server-side forwarding (never the raw IP). */
    ipHash: text('ip_hash'),
    userAgent: text('user_agent'),
    props: jsonb('props').notNull().default({}),
    /** Per destination (`meta`, `ga4`): { status, at, error }; null until forwarding ran. */
    forwarding: jsonb('forwarding'),
  },
  (t) => [
    unique('uq_funnel_events_event').on(t.publicationId, t.eventId),
    index('idx_funnel_events_funnel').on(t.orgId, t.funnelId, t.occurredAt),
    index('idx_funnel_events_variant').on(t.funnelId, t.pageId, t.variantId, t.type),
    index('idx_funnel_events_forward').on(t.orgId, t.receivedAt).where(sql`${t.forwarding} is null`),
    // A visitor's submits, for the exposure triggers (the hand-written end of db/migrations/0007_old_sister_grimm.sql): submits are few.
    index('idx_funnel_events_submit_visitor')
      .on(t.funnelId, t.visitorId)
      .where(sql`${t.type} = 'form_submit'`),
  ],
);

export const funnelLeads = pgTable(
  'funnel_leads',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id').notNull(),
    funnelId: uuid('funnel_id')
      .notNull()
      .references(() => funnels.id, { onDelete: 'cascade' }),
    publicationId: uuid('publication_id').notNull(),
    pageId: uuid('page_id').notNull(),
    variantId: uuid('variant_id'),
    blockId: text('block_id').notNull(),
    /** The form's submission id: a retried submission is stored once. */
    submissionId: uuid('submission_id').notNull(),
    visitorId: text('visitor_id').notNull(),
    fields: jsonb('fields').notNull(),
    email: text('email'),
    consent: consentState('consent').notNull().default('not_asked'),
    utm: jsonb('utm').notNull().default({}),
    clickIds: jsonb('click_ids').notNull().default({}),
    host: text('host'),
    deliveryStatus: leadDeliveryStatus('delivery_status').notNull().default('none'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('uq_funnel_leads_submission').on(t.publicationId, t.submissionId),
    index('idx_funnel_leads_funnel').on(t.orgId, t.funnelId, t.createdAt.desc(), t.id.desc()),
    index('idx_funnel_leads_pending').on(t.orgId, t.createdAt).where(sql`${t.deliveryStatus} = 'pending'`),
    index('idx_funnel_leads_visitor').on(t.funnelId, t.visitorId),
  ],
);

/**
 * One row per visitor and page of a funnel: the first variant they saw there and their outcomes in the funnel
 * from that moment on. Maintained at ingest by statement-level triggers on `funnel_events` and `funnel_leads`
 * (the hand-written end of db/migrations/0007_old_sister_grimm.sql, appended to the migration by hand), so an experiment is read per
 * exposure instead of grouping every event by visitor.
 */
export const funnelExposures = pgTable(
  'funnel_exposures',
  {
    orgId: orgId(),
    funnelId: uuid('funnel_id')
      .notNull()
      .references(() => funnels.id, { onDelete: 'cascade' }),
    pageId: uuid('page_id').notNull(),
    visitorId: text('visitor_id').notNull(),
    /** The variant of the visitor's first page view of the page; null = the page itself. */
    variantId: uuid('variant_id'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true, precision: 3 }).notNull(),
    /** `form_submit` events in the funnel at or after `first_seen_at`. */
    submits: integer('submits').notNull().default(0),
    /** Σ of their readable numeric `props.value` (a number or numeric string ≥ 0; absent = 0). */
    revenue: doublePrecision('revenue').notNull().default(0),
    /** Submits whose `props.value` is present but unreadable (counted 0 in `revenue`). */
    unreadable: integer('unreadable').notNull().default(0),
    /** Leads in the funnel created at or after `first_seen_at`. */
    leads: integer('leads').notNull().default(0),
  },
  (t) => [
    // Visitor before page: the triggers find a visitor's exposures in a funnel by this prefix.
    primaryKey({ name: 'pk_funnel_exposures', columns: [t.funnelId, t.visitorId, t.pageId] }),
    index('idx_funnel_exposures_page').on(t.funnelId, t.pageId, t.firstSeenAt),
  ],
);

/** One row per webhook attempt for a lead: the delivery log the web app shows. */
export const leadDeliveries = pgTable(
  'lead_deliveries',
  {
    id: id(),
    orgId: orgId(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => funnelLeads.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    url: text('url').notNull(),
    ok: boolean('ok').notNull(),
    httpStatus: integer('http_status'),
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    createdAt: createdAt(),
  },
  (t) => [index('idx_lead_deliveries_lead').on(t.orgId, t.leadId, t.attempt)],
);
