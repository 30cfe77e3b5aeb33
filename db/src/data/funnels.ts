import { and, asc, desc, eq, getTableColumns, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../db-type';
import {
  funnelAssets,
  funnelPages,
  funnelPageVariants,
  funnelPageVersions,
  funnelPublicationPages,
  funnelSlugRedirects,
  funnels,
} from '../schema/funnels';
import { mediaObjects } from '../schema/media';
import { afterCursor, type Page, toPage } from './pagination';

/**
 * Funnels and what authors edit in them: pages, page variants and their append-only versions, slug redirects and
 * the images a funnel uses. Every function takes the org id and filters on it, so another org's id reads exactly
 * like a missing one. Publications, domains, leads and results have their own modules (funnel-*.ts).
 */
export type FunnelRow = typeof funnels.$inferSelect;
export type FunnelPageRow = typeof funnelPages.$inferSelect;
export type FunnelVariantRow = typeof funnelPageVariants.$inferSelect;
export type PageVersionRow = typeof funnelPageVersions.$inferSelect;
/** A version without its (possibly large) document. */
export type PageVersionSummary = Omit<PageVersionRow, 'document'>;

export type FunnelInsert = Pick<
  typeof funnels.$inferInsert,
  'clientId' | 'campaignId' | 'experimentId' | 'offerId' | 'name' | 'description' | 'createdBy' | 'settings'
>;
export type FunnelPatch = Partial<
  Pick<
    typeof funnels.$inferInsert,
    | 'name'
    | 'description'
    | 'campaignId'
    | 'experimentId'
    | 'offerId'
    | 'entryPageId'
    | 'settings'
    | 'status'
    | 'activePublicationId'
  >
>;

export interface FunnelListFilter {
  clientId?: string | undefined;
  campaignId?: string | null | undefined;
  experimentId?: string | undefined;
  status?: FunnelRow['status'] | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** The number of pages of the outer funnel row (explicit aliases: see offers.ts on drizzle's unqualified refs). */
const pageCount = sql<number>`(select count(*)::int from funnel_pages fp
  where fp.funnel_id = "funnels"."id" and fp.org_id = "funnels"."org_id")`;

export type FunnelListItem = FunnelRow & { pageCount: number };

export async function listFunnels(
  q: Queryable,
  orgId: string,
  f: FunnelListFilter,
): Promise<Page<FunnelListItem>> {
  const where: (SQL | undefined)[] = [eq(funnels.orgId, orgId)];
  if (f.clientId) where.push(eq(funnels.clientId, f.clientId));
  if (f.campaignId === null) where.push(isNull(funnels.campaignId));
  else if (f.campaignId) where.push(eq(funnels.campaignId, f.campaignId));
  if (f.experimentId) where.push(eq(funnels.experimentId, f.experimentId));
  if (f.status) where.push(eq(funnels.status, f.status));
  where.push(afterCursor(f.cursor, funnels.createdAt, funnels.id));
  const rows = await q
    .select({ funnel: funnels, pageCount })
    .from(funnels)
    .where(and(...where))
    .orderBy(desc(funnels.createdAt), desc(funnels.id))
    .limit(f.limit + 1);
  return toPage(
    rows.map((r) => ({ ...r.funnel, pageCount: r.pageCount })),
    f.limit,
    (r) => ({ at: r.createdAt, id: r.id }),
  );
}

export async function getFunnel(q: Queryable, orgId: string, id: string): Promise<FunnelRow | undefined> {
  const [row] = await q
    .select()
    .from(funnels)
    .where(and(eq(funnels.orgId, orgId), eq(funnels.id, id)))
    .limit(1);
  return row;
}

/** The funnel row locked for the rest of the transaction (page edits, publish and rollback serialize on it). */
export async function lockFunnel(tx: Tx, orgId: string, id: string): Promise<FunnelRow | undefined> {
  const [row] = await tx
    .select()
    .from(funnels)
    .where(and(eq(funnels.orgId, orgId), eq(funnels.id, id)))
    .for('update');
  return row;
}

export async function insertFunnel(q: Queryable, orgId: string, values: FunnelInsert): Promise<FunnelRow> {
  const [row] = await q
    .insert(funnels)
    .values({ ...values, orgId })
    .returning();
  if (!row) throw new Error('funnel insert returned no row');
  return row;
}

export async function updateFunnel(
  q: Queryable,
  orgId: string,
  id: string,
  patch: FunnelPatch,
): Promise<FunnelRow | undefined> {
  const [row] = await q
    .update(funnels)
    .set(patch)
    .where(and(eq(funnels.orgId, orgId), eq(funnels.id, id)))
    .returning();
  return row;
}

/** Enabling: `published` when the funnel has an active publication, else `draft` (one statement). */
export async function enableFunnel(q: Queryable, orgId: string, id: string): Promise<FunnelRow | undefined> {
  const [row] = await q
    .update(funnels)
    .set({
      status: sql`case when ${funnels.activePublicationId} is null then 'draft' else 'published' end::funnel_status`,
    })
    .where(and(eq(funnels.orgId, orgId), eq(funnels.id, id)))
    .returning();
  return row;
}

// ---- pages ------------------------------------------------------------------------------------------------

export interface PageWithVersions extends FunnelPageRow {
  latestDraftVersionId: string | null;
  latestApprovedVersionId: string | null;
}

/** The latest version id of the outer page (the page itself, not a variant) with a status. */
const latestVersionId = (status: 'draft' | 'approved') => sql<string | null>`(select v.id
  from funnel_page_versions v
  where v.page_id = "funnel_pages"."id" and v.org_id = "funnel_pages"."org_id" and v.variant_id is null
    and v.status = ${status}
  order by v.created_at desc, v.id desc limit 1)`;

/** A funnel's pages in their order, each with its latest draft and approved version ids. */
export async function listFunnelPages(
  q: Queryable,
  orgId: string,
  funnelId: string,
): Promise<PageWithVersions[]> {
  const rows = await q
    .select({
      page: funnelPages,
      latestDraftVersionId: latestVersionId('draft'),
      latestApprovedVersionId: latestVersionId('approved'),
    })
    .from(funnelPages)
    .where(and(eq(funnelPages.orgId, orgId), eq(funnelPages.funnelId, funnelId)))
    .orderBy(asc(funnelPages.ordering), asc(funnelPages.createdAt), asc(funnelPages.id));
  return rows.map((r) => ({
    ...r.page,
    latestDraftVersionId: r.latestDraftVersionId,
    latestApprovedVersionId: r.latestApprovedVersionId,
  }));
}

export async function getFunnelPage(
  q: Queryable,
  orgId: string,
  pageId: string,
): Promise<FunnelPageRow | undefined> {
  const [row] = await q
    .select()
    .from(funnelPages)
    .where(and(eq(funnelPages.orgId, orgId), eq(funnelPages.id, pageId)))
    .limit(1);
  return row;
}

/** A page's wiring within its funnel: what next-page checks walk. */
export async function funnelPageLinks(
  q: Queryable,
  orgId: string,
  funnelId: string,
): Promise<Array<{ id: string; nextPageId: string | null; slug: string }>> {
  return q
    .select({ id: funnelPages.id, nextPageId: funnelPages.nextPageId, slug: funnelPages.slug })
    .from(funnelPages)
    .where(and(eq(funnelPages.orgId, orgId), eq(funnelPages.funnelId, funnelId)));
}

/** Slugs in use in a funnel: by its pages and by its redirects (an old slug keeps answering 301). */
export async function usedSlugs(q: Queryable, orgId: string, funnelId: string): Promise<Set<string>> {
  const [pages, redirects] = await Promise.all([
    q
      .select({ slug: funnelPages.slug })
      .from(funnelPages)
      .where(and(eq(funnelPages.orgId, orgId), eq(funnelPages.funnelId, funnelId))),
    q
      .select({ slug: funnelSlugRedirects.fromSlug })
      .from(funnelSlugRedirects)
      .where(and(eq(funnelSlugRedirects.orgId, orgId), eq(funnelSlugRedirects.funnelId, funnelId))),
  ]);
  return new Set([...pages, ...redirects].map((r) => r.slug));
}

export type FunnelPageInsert = Pick<
  typeof funnelPages.$inferInsert,
  'funnelId' | 'name' | 'slug' | 'nextPageId' | 'templateId' | 'ordering'
>;

export async function insertFunnelPage(
  q: Queryable,
  orgId: string,
  values: FunnelPageInsert,
): Promise<FunnelPageRow> {
  const [row] = await q
    .insert(funnelPages)
    .values({ ...values, orgId })
    .returning();
  if (!row) throw new Error('page insert returned no row');
  return row;
}

/** The next ordering number at the end of a funnel's pages. */
export async function nextPageOrdering(q: Queryable, orgId: string, funnelId: string): Promise<number> {
  const [row] = await q
    .select({ next: sql<number>`coalesce(max(${funnelPages.ordering}) + 1, 0)::int` })
    .from(funnelPages)
    .where(and(eq(funnelPages.orgId, orgId), eq(funnelPages.funnelId, funnelId)));
  return row?.next ?? 0;
}

export type FunnelPagePatch = Partial<
  Pick<typeof funnelPages.$inferInsert, 'name' | 'slug' | 'ordering' | 'nextPageId'>
>;

export async function updateFunnelPage(
  q: Queryable,
  orgId: string,
  pageId: string,
  patch: FunnelPagePatch,
): Promise<FunnelPageRow | undefined> {
  const [row] = await q
    .update(funnelPages)
    .set(patch)
    .where(and(eq(funnelPages.orgId, orgId), eq(funnelPages.id, pageId)))
    .returning();
  return row;
}

export async function deleteFunnelPage(q: Queryable, orgId: string, pageId: string): Promise<boolean> {
  const rows = await q
    .delete(funnelPages)
    .where(and(eq(funnelPages.orgId, orgId), eq(funnelPages.id, pageId)))
    .returning({ id: funnelPages.id });
  return rows.length > 0;
}

/** Whether any publication rendered this page (its versions are then kept: publications never change). */
export async function pageIsPublished(q: Queryable, orgId: string, pageId: string): Promise<boolean> {
  const rows = await q
    .select({ id: funnelPublicationPages.id })
    .from(funnelPublicationPages)
    .where(and(eq(funnelPublicationPages.orgId, orgId), eq(funnelPublicationPages.pageId, pageId)))
    .limit(1);
  return rows.length > 0;
}

/** Records that `fromSlug` now answers with a 301 to `toSlug`; an older redirect from the same slug is replaced. */
export async function insertSlugRedirect(
  q: Queryable,
  orgId: string,
  r: { funnelId: string; pageId: string; fromSlug: string; toSlug: string },
): Promise<void> {
  await q
    .insert(funnelSlugRedirects)
    .values({ ...r, orgId })
    .onConflictDoUpdate({
      target: [funnelSlugRedirects.funnelId, funnelSlugRedirects.fromSlug],
      set: { pageId: r.pageId, toSlug: r.toSlug },
    });
  // Older redirects to the old slug follow the page to its new slug (no chains of 301s); one back to the new
  // slug itself would now shadow a live page, so it goes.
  await q
    .update(funnelSlugRedirects)
    .set({ toSlug: r.toSlug })
    .where(
      and(
        eq(funnelSlugRedirects.orgId, orgId),
        eq(funnelSlugRedirects.funnelId, r.funnelId),
        eq(funnelSlugRedirects.toSlug, r.fromSlug),
      ),
    );
  await q
    .delete(funnelSlugRedirects)
    .where(
      and(
        eq(funnelSlugRedirects.orgId, orgId),
        eq(funnelSlugRedirects.funnelId, r.funnelId),
        eq(funnelSlugRedirects.fromSlug, r.toSlug),
      ),
    );
}

export async function listSlugRedirects(q: Queryable, orgId: string, funnelId: string) {
  return q
    .select()
    .from(funnelSlugRedirects)
    .where(and(eq(funnelSlugRedirects.orgId, orgId), eq(funnelSlugRedirects.funnelId, funnelId)))
    .orderBy(asc(funnelSlugRedirects.createdAt));
}

// ---- variants ---------------------------------------------------------------------------------------------

export async function listFunnelVariants(
  q: Queryable,
  orgId: string,
  funnelId: string,
): Promise<FunnelVariantRow[]> {
  return q
    .select()
    .from(funnelPageVariants)
    .where(and(eq(funnelPageVariants.orgId, orgId), eq(funnelPageVariants.funnelId, funnelId)))
    .orderBy(asc(funnelPageVariants.createdAt), asc(funnelPageVariants.id));
}

export async function getFunnelVariant(
  q: Queryable,
  orgId: string,
  variantId: string,
): Promise<FunnelVariantRow | undefined> {
  const [row] = await q
    .select()
    .from(funnelPageVariants)
    .where(and(eq(funnelPageVariants.orgId, orgId), eq(funnelPageVariants.id, variantId)))
    .limit(1);
  return row;
}

export type FunnelVariantInsert = Pick<
  typeof funnelPageVariants.$inferInsert,
  'funnelId' | 'pageId' | 'name' | 'experimentId' | 'experimentVariantId' | 'weight'
>;

export async function insertFunnelVariant(
  q: Queryable,
  orgId: string,
  values: FunnelVariantInsert,
): Promise<FunnelVariantRow> {
  const [row] = await q
    .insert(funnelPageVariants)
    .values({ ...values, orgId })
    .returning();
  if (!row) throw new Error('variant insert returned no row');
  return row;
}

export async function updateFunnelVariant(
  q: Queryable,
  orgId: string,
  variantId: string,
  patch: Partial<Pick<typeof funnelPageVariants.$inferInsert, 'name' | 'weight'>>,
): Promise<FunnelVariantRow | undefined> {
  const [row] = await q
    .update(funnelPageVariants)
    .set(patch)
    .where(and(eq(funnelPageVariants.orgId, orgId), eq(funnelPageVariants.id, variantId)))
    .returning();
  return row;
}

export async function deleteFunnelVariant(q: Queryable, orgId: string, variantId: string): Promise<boolean> {
  const rows = await q
    .delete(funnelPageVariants)
    .where(and(eq(funnelPageVariants.orgId, orgId), eq(funnelPageVariants.id, variantId)))
    .returning({ id: funnelPageVariants.id });
  return rows.length > 0;
}

/** Whether any publication rendered this variant. */
export async function variantIsPublished(q: Queryable, orgId: string, variantId: string): Promise<boolean> {
  const rows = await q
    .select({ id: funnelPublicationPages.id })
    .from(funnelPublicationPages)
    .where(and(eq(funnelPublicationPages.orgId, orgId), eq(funnelPublicationPages.variantId, variantId)))
    .limit(1);
  return rows.length > 0;
}

// ---- versions ---------------------------------------------------------------------------------------------

const versionOf = (variantId: string | null) =>
  variantId === null ? isNull(funnelPageVersions.variantId) : eq(funnelPageVersions.variantId, variantId);

const { document: _document, ...summaryColumns } = getTableColumns(funnelPageVersions);

/** The latest version of a page (variantId null) or of one of its variants, optionally of one status. */
export async function latestPageVersion(
  q: Queryable,
  orgId: string,
  pageId: string,
  variantId: string | null,
  status?: 'draft' | 'approved',
): Promise<PageVersionRow | undefined> {
  const [row] = await q
    .select()
    .from(funnelPageVersions)
    .where(
      and(
        eq(funnelPageVersions.orgId, orgId),
        eq(funnelPageVersions.pageId, pageId),
        versionOf(variantId),
        status ? eq(funnelPageVersions.status, status) : undefined,
      ),
    )
    .orderBy(desc(funnelPageVersions.createdAt), desc(funnelPageVersions.id))
    .limit(1);
  return row;
}

/** A page's (or variant's) version history, newest first, without documents. */
export async function listPageVersions(
  q: Queryable,
  orgId: string,
  pageId: string,
  variantId: string | null,
  limit = 50,
): Promise<PageVersionSummary[]> {
  return q
    .select(summaryColumns)
    .from(funnelPageVersions)
    .where(
      and(eq(funnelPageVersions.orgId, orgId), eq(funnelPageVersions.pageId, pageId), versionOf(variantId)),
    )
    .orderBy(desc(funnelPageVersions.createdAt), desc(funnelPageVersions.id))
    .limit(limit);
}

export type PageVersionInsert = Pick<
  typeof funnelPageVersions.$inferInsert,
  'funnelId' | 'pageId' | 'variantId' | 'status' | 'source' | 'document' | 'aiMetadata' | 'createdBy'
>;

/**
 * Appends a version. Versions are ordered by their time, so a new one is stamped at least 1 ms after the latest
 * of its page or variant: a save and an approval within one millisecond still read back in the order they were
 * made. The caller holds the page's lock (lockFunnelPage) so two writers do not interleave.
 */
export async function appendPageVersion(
  q: Queryable,
  orgId: string,
  values: PageVersionInsert,
): Promise<PageVersionRow> {
  const variantId = values.variantId ?? null;
  const [row] = await q
    .insert(funnelPageVersions)
    .values({
      ...values,
      orgId,
      createdAt: sql`greatest(now(), coalesce((select max(v.created_at) + interval '1 millisecond'
        from funnel_page_versions v where v.org_id = ${orgId} and v.page_id = ${values.pageId}
          and v.variant_id is not distinct from ${variantId}::uuid), now()))`,
    })
    .returning();
  if (!row) throw new Error('page version insert returned no row');
  return row;
}

/** The page row locked for the rest of the transaction (its versions are appended one writer at a time). */
export async function lockFunnelPage(
  tx: Tx,
  orgId: string,
  pageId: string,
): Promise<FunnelPageRow | undefined> {
  const [row] = await tx
    .select()
    .from(funnelPages)
    .where(and(eq(funnelPages.orgId, orgId), eq(funnelPages.id, pageId)))
    .for('update');
  return row;
}

export interface LatestVersions {
  pageId: string;
  variantId: string | null;
  /** The newest version of any status. */
  latest: PageVersionRow;
  /** The newest approved version, or null. */
  approved: PageVersionRow | null;
  /** The newest draft version, or null. */
  draft: PageVersionRow | null;
}

const isNewer = (a: PageVersionRow, b: PageVersionRow) =>
  a.createdAt.getTime() > b.createdAt.getTime() ||
  (a.createdAt.getTime() === b.createdAt.getTime() && a.id > b.id);

/**
 * The newest version, the newest approved and the newest draft of every page and variant of a funnel: what
 * `canPublish`, the publish rules and duplication read. Two statements, whatever the number of pages.
 */
export async function latestFunnelVersions(
  q: Queryable,
  orgId: string,
  funnelId: string,
): Promise<LatestVersions[]> {
  const v = funnelPageVersions;
  const inFunnel = and(eq(v.orgId, orgId), eq(v.funnelId, funnelId));
  const order = [v.pageId, v.variantId, desc(v.createdAt), desc(v.id)];
  const newest = (status: 'draft' | 'approved') =>
    q
      .selectDistinctOn([v.pageId, v.variantId])
      .from(v)
      .where(and(inFunnel, eq(v.status, status)))
      .orderBy(...order);
  const [approved, drafts] = await Promise.all([newest('approved'), newest('draft')]);
  const key = (r: PageVersionRow) => `${r.pageId}:${r.variantId ?? ''}`;
  const out = new Map<string, LatestVersions>();
  for (const r of drafts)
    out.set(key(r), { pageId: r.pageId, variantId: r.variantId, latest: r, approved: null, draft: r });
  for (const r of approved) {
    const found = out.get(key(r));
    if (!found)
      out.set(key(r), { pageId: r.pageId, variantId: r.variantId, latest: r, approved: r, draft: null });
    else {
      found.approved = r;
      if (isNewer(r, found.latest)) found.latest = r;
    }
  }
  return [...out.values()];
}

// ---- images -----------------------------------------------------------------------------------------------

/** The images a funnel uses (uploads and AI images), newest first, without their bytes. */
export async function listFunnelImages(q: Queryable, orgId: string, funnelId: string) {
  return q
    .select({
      mediaId: mediaObjects.id,
      alt: funnelAssets.alt,
      mimeType: mediaObjects.mimeType,
      width: mediaObjects.width,
      height: mediaObjects.height,
      sizeBytes: mediaObjects.sizeBytes,
      fileName: mediaObjects.fileName,
      sha256: mediaObjects.sha256,
      status: mediaObjects.status,
      source: mediaObjects.source,
      createdAt: funnelAssets.createdAt,
    })
    .from(funnelAssets)
    .innerJoin(mediaObjects, and(eq(mediaObjects.id, funnelAssets.mediaId), eq(mediaObjects.orgId, orgId)))
    .where(and(eq(funnelAssets.orgId, orgId), eq(funnelAssets.funnelId, funnelId)))
    .orderBy(desc(funnelAssets.createdAt), desc(funnelAssets.id));
}

/** Links a media object to a funnel (once; a second upload of the same image changes nothing). */
export async function addFunnelAsset(
  q: Queryable,
  orgId: string,
  a: { funnelId: string; mediaId: string; alt?: string | null },
): Promise<void> {
  await q
    .insert(funnelAssets)
    .values({ orgId, funnelId: a.funnelId, mediaId: a.mediaId, alt: a.alt ?? null })
    .onConflictDoNothing();
}

/** Copies one funnel's image links to another (duplication). */
export async function copyFunnelAssets(
  q: Queryable,
  orgId: string,
  fromFunnelId: string,
  toFunnelId: string,
) {
  const rows = await q
    .select({ mediaId: funnelAssets.mediaId, alt: funnelAssets.alt })
    .from(funnelAssets)
    .where(and(eq(funnelAssets.orgId, orgId), eq(funnelAssets.funnelId, fromFunnelId)));
  if (rows.length === 0) return;
  await q
    .insert(funnelAssets)
    .values(rows.map((r) => ({ orgId, funnelId: toFunnelId, mediaId: r.mediaId, alt: r.alt })))
    .onConflictDoNothing();
}

/** Pages of the org among `ids` (to check that ids a caller names are the org's). */
export async function pagesByIds(q: Queryable, orgId: string, ids: string[]): Promise<FunnelPageRow[]> {
  if (ids.length === 0) return [];
  return q
    .select()
    .from(funnelPages)
    .where(and(eq(funnelPages.orgId, orgId), inArray(funnelPages.id, ids)));
}
