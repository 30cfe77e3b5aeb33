import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import {
  funnelDomains,
  funnelEvents,
  funnelLeads,
  funnelPageVersions,
  funnelPublicationLinks,
  funnelPublicationPages,
  funnelPublications,
  funnelSlugRedirects,
  funnels,
} from '../schema/funnels';
import { mediaObjects } from '../schema/media';

/**
 * Data access of the public funnel runtime (edge and funnel proxy). Reads that serve visitors are keyed by the
 * public id or the host a visitor used, never by an org the caller names; each answer carries the funnel's org,
 * and everything read afterwards is scoped to that org.
 */

/** A funnel as the public runtime sees it: who owns it and which publication is live. */
export interface PublicFunnel {
  funnelId: string;
  orgId: string;
  clientId: string;
  publicId: string;
  status: 'draft' | 'published' | 'disabled' | 'archived';
  settings: unknown;
  activePublicationId: string | null;
  /** Bumped when the active publication's weights change in place; part of the page-index cache key. */
  routingVersion: number;
  entrySlug: string | null;
}

const publicFunnelColumns = {
  funnelId: funnels.id,
  orgId: funnels.orgId,
  clientId: funnels.clientId,
  publicId: funnels.publicId,
  status: funnels.status,
  settings: funnels.settings,
  activePublicationId: funnels.activePublicationId,
  routingVersion: funnels.routingVersion,
  entrySlug: funnelPublications.entrySlug,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** One query: the funnel with this public id and its active publication's entry slug. */
export async function findPublicFunnelByPublicId(
  db: Queryable,
  publicId: string,
): Promise<PublicFunnel | null> {
  if (!isUuid(publicId)) return null;
  const [row] = await db
    .select(publicFunnelColumns)
    .from(funnels)
    .leftJoin(funnelPublications, eq(funnelPublications.id, funnels.activePublicationId))
    .where(eq(funnels.publicId, publicId))
    .limit(1);
  return row ?? null;
}

/** One query: the funnel a verified (or active) custom domain points at. Host is matched lower-case. */
export async function findPublicFunnelByHost(db: Queryable, host: string): Promise<PublicFunnel | null> {
  const [row] = await db
    .select(publicFunnelColumns)
    .from(funnelDomains)
    .innerJoin(funnels, and(eq(funnels.id, funnelDomains.funnelId), eq(funnels.orgId, funnelDomains.orgId)))
    .leftJoin(funnelPublications, eq(funnelPublications.id, funnels.activePublicationId))
    .where(
      and(
        eq(funnelDomains.hostname, host.toLowerCase()),
        inArray(funnelDomains.status, ['verified', 'active']),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** One stored rendering of a page (`variantId` null: the page itself). */
export interface PublishedVariant {
  pageId: string;
  variantId: string | null;
  pageVersionId: string;
  slug: string;
  weight: number;
  experimentId: string | null;
  html: string;
  contentHash: string;
}

/** Every rendering of the page published under `slug` (the page and its variants), in a stable order. */
export async function loadPublishedPage(
  db: Queryable,
  orgId: string,
  publicationId: string,
  slug: string,
): Promise<PublishedVariant[]> {
  return db
    .select({
      pageId: funnelPublicationPages.pageId,
      variantId: funnelPublicationPages.variantId,
      pageVersionId: funnelPublicationPages.pageVersionId,
      slug: funnelPublicationPages.slug,
      weight: funnelPublicationPages.weight,
      experimentId: funnelPublicationPages.experimentId,
      html: funnelPublicationPages.html,
      contentHash: funnelPublicationPages.contentHash,
    })
    .from(funnelPublicationPages)
    .where(
      and(
        eq(funnelPublicationPages.orgId, orgId),
        eq(funnelPublicationPages.publicationId, publicationId),
        eq(funnelPublicationPages.slug, slug),
      ),
    )
    .orderBy(sql`${funnelPublicationPages.variantId} nulls first`);
}

/** The slug an old slug of the funnel now answers with, if a page's slug was changed. */
export async function findSlugRedirect(
  db: Queryable,
  orgId: string,
  funnelId: string,
  fromSlug: string,
): Promise<string | null> {
  const [row] = await db
    .select({ toSlug: funnelSlugRedirects.toSlug })
    .from(funnelSlugRedirects)
    .where(
      and(
        eq(funnelSlugRedirects.orgId, orgId),
        eq(funnelSlugRedirects.funnelId, funnelId),
        eq(funnelSlugRedirects.fromSlug, fromSlug),
      ),
    )
    .limit(1);
  return row?.toSlug ?? null;
}

/** What ingest checks an event or a lead against: the publication's pages and variants and its links. */
export interface PublicationManifest {
  publicationId: string;
  funnelId: string;
  pages: { pageId: string; variantId: string | null; slug: string; pageVersionId: string }[];
  links: { fromPageId: string; toPageId: string; kind: 'cta' | 'form' | 'auto'; meta: unknown }[];
}

/** The publication (of this org) with its pages and links, or null when there is none with that id. */
export async function loadPublicationManifest(
  db: Queryable,
  orgId: string,
  publicationId: string,
): Promise<PublicationManifest | null> {
  const [publication] = await db
    .select({ id: funnelPublications.id, funnelId: funnelPublications.funnelId })
    .from(funnelPublications)
    .where(and(eq(funnelPublications.orgId, orgId), eq(funnelPublications.id, publicationId)))
    .limit(1);
  if (!publication) return null;
  const pages = await db
    .select({
      pageId: funnelPublicationPages.pageId,
      variantId: funnelPublicationPages.variantId,
      slug: funnelPublicationPages.slug,
      pageVersionId: funnelPublicationPages.pageVersionId,
    })
    .from(funnelPublicationPages)
    .where(
      and(eq(funnelPublicationPages.orgId, orgId), eq(funnelPublicationPages.publicationId, publicationId)),
    )
    .orderBy(asc(funnelPublicationPages.slug));
  const links = await db
    .select({
      fromPageId: funnelPublicationLinks.fromPageId,
      toPageId: funnelPublicationLinks.toPageId,
      kind: funnelPublicationLinks.kind,
      meta: funnelPublicationLinks.meta,
    })
    .from(funnelPublicationLinks)
    .where(
      and(eq(funnelPublicationLinks.orgId, orgId), eq(funnelPublicationLinks.publicationId, publicationId)),
    )
    .orderBy(asc(funnelPublicationLinks.createdAt), asc(funnelPublicationLinks.id));
  return { publicationId, funnelId: publication.funnelId, pages, links };
}

/** The stored page document of a published version (to read a form block's URL success target). */
export async function loadPageVersionDocument(
  db: Queryable,
  orgId: string,
  pageVersionId: string,
): Promise<unknown> {
  const [row] = await db
    .select({ document: funnelPageVersions.document })
    .from(funnelPageVersions)
    .where(and(eq(funnelPageVersions.orgId, orgId), eq(funnelPageVersions.id, pageVersionId)))
    .limit(1);
  return row?.document ?? null;
}

/** A funnel event as it is stored; dates as ISO strings so the row can travel through a queue as JSON. */
export interface FunnelEventRow {
  orgId: string;
  clientId: string;
  funnelId: string;
  publicationId: string;
  pageId: string;
  variantId: string | null;
  eventId: string;
  batchId: string;
  type: 'page_view' | 'cta_click' | 'form_submit' | 'funnel_enter';
  visitorId: string;
  sessionId: string;
  occurredAt: string;
  receivedAt: string;
  host: string | null;
  path: string | null;
  referrer: string | null;
  utm: Record<string, string>;
  clickIds: Record<string, string>;
  consent: 'granted' | 'denied' | 'not_asked';
  ipHash: string | null;
  userAgent: string | null;
  props: Record<string, string | number | boolean>;
}

/** One multi-row insert; an event already stored (same publication and event id) is skipped. Returns rows stored. */
export async function insertFunnelEvents(db: Queryable, rows: readonly FunnelEventRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const stored = await db
    .insert(funnelEvents)
    .values(
      rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt), receivedAt: new Date(r.receivedAt) })),
    )
    .onConflictDoNothing({ target: [funnelEvents.publicationId, funnelEvents.eventId] })
    .returning({ id: funnelEvents.id });
  return stored.length;
}

export interface FunnelLeadInsert {
  orgId: string;
  clientId: string;
  funnelId: string;
  publicationId: string;
  pageId: string;
  variantId: string | null;
  blockId: string;
  submissionId: string;
  visitorId: string;
  fields: Record<string, string>;
  email: string | null;
  consent: 'granted' | 'denied' | 'not_asked';
  utm: Record<string, string>;
  clickIds: Record<string, string>;
  host: string | null;
  deliveryStatus: 'none' | 'pending';
  createdAt: string;
}

/** One multi-row insert; a submission already stored (same publication and submission id) is skipped. */
export async function insertFunnelLeads(db: Queryable, rows: readonly FunnelLeadInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const stored = await db
    .insert(funnelLeads)
    .values(rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })))
    .onConflictDoNothing({ target: [funnelLeads.publicationId, funnelLeads.submissionId] })
    .returning({ id: funnelLeads.id });
  return stored.length;
}

/** A media object of the org that is ready to serve: where its bytes are and what they are. */
export async function findFunnelMedia(
  db: Queryable,
  orgId: string,
  mediaId: string,
): Promise<{
  storage: 'r2' | 'db' | 'local';
  storageKey: string;
  mimeType: string | null;
  sha256: string | null;
} | null> {
  if (!isUuid(mediaId)) return null;
  const [row] = await db
    .select({
      storage: mediaObjects.storage,
      storageKey: mediaObjects.storageKey,
      mimeType: mediaObjects.mimeType,
      sha256: mediaObjects.sha256,
    })
    .from(mediaObjects)
    .where(and(eq(mediaObjects.orgId, orgId), eq(mediaObjects.id, mediaId), eq(mediaObjects.status, 'ready')))
    .limit(1);
  return row ?? null;
}
