import { and, asc, desc, eq, getTableColumns, getTableName, ilike, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db-type';
import {
  clientSwipeAssets,
  companySwipeAssets,
  companySwipeBrands,
  companySwipeMedia,
} from '../schema/swipes';
import { InvalidCursorError, type Page } from './pagination';

export {
  AdLibraryExport,
  ExportAd,
  ExportBrand,
  ExportMedia,
  normalizePlatforms,
  type RowRejection,
} from '../swipes/export-format';
export {
  type ImportCounts,
  ImportFormatError,
  type ImportReport,
  importAdLibraryExport,
} from '../swipes/import';

export type SwipeBrandRow = typeof companySwipeBrands.$inferSelect;
export type ClientSwipeRow = typeof clientSwipeAssets.$inferSelect;
export type ClientSwipeInsert = Omit<
  typeof clientSwipeAssets.$inferInsert,
  'id' | 'orgId' | 'createdAt' | 'updatedAt'
>;
export type ClientSwipePatch = Partial<Omit<ClientSwipeInsert, 'clientId'>>;

/**
 * One media item as lists and details return it (aggregated in SQL, so no timestamps: JSON has no Date). Once the
 * media import has copied it into MOS's media store (`mediaId` set, ready), `mediaUrl` and `thumbnailUrl` are the
 * API's own paths (`/media/<id>`, `/media/<id>/thumb`, relative to the API's origin); until then they are the
 * ad platform's URLs. `url` stays the ad platform's URL (provenance).
 */
export interface SwipeMedia {
  id: string;
  externalMediaId: string | null;
  path: string | null;
  url: string | null;
  mediaId: string | null;
  mediaUrl: string | null;
  thumbnailPath: string | null;
  thumbnailUrl: string | null;
  disk: string | null;
  type: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  videoLength: number | null;
  downloadUrl: string | null;
}

// ---- cursors ----------------------------------------------------------------------------------------------
// Keyset cursors here carry the timestamp at Postgres' microsecond precision: rows of one import share a
// created_at to the microsecond, and a millisecond cursor (JS Date) would skip or repeat them between pages.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MICRO_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const encodeKey = (parts: [string, string]) =>
  Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');

function decodeKey(raw: string, first: (s: string) => boolean): [string, string] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parts) || parts.length !== 2) throw new InvalidCursorError();
  const [a, id] = parts as unknown[];
  if (typeof a !== 'string' || !first(a) || typeof id !== 'string' || !UUID.test(id))
    throw new InvalidCursorError();
  return [a, id];
}

const microAt = (col: PgColumn) =>
  sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Continues a (created_at desc, id desc) listing after the cursor's row. */
function afterTimeCursor(
  cursor: string | null | undefined,
  atCol: PgColumn,
  idCol: PgColumn,
): SQL | undefined {
  if (!cursor) return undefined;
  const [at, id] = decodeKey(cursor, (s) => MICRO_TS.test(s));
  return sql`(${atCol}, ${idCol}) < (${at}::timestamptz, ${id}::uuid)`;
}

/** Fetched limit + 1 rows; drops the extra one and the cursor helper column. */
function toTimePage<T extends { cursorAt: string; id: string }>(
  rows: T[],
  limit: number,
): Page<Omit<T, 'cursorAt'>> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  const nextCursor = rows.length > limit && last ? encodeKey([last.cursorAt, last.id]) : null;
  return { items: kept.map(({ cursorAt: _, ...rest }) => rest), nextCursor };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * An outer column referenced from a correlated subquery, always table-qualified: drizzle prints columns of
 * a single-table select bare, and a bare "id" inside the subquery would bind to the inner table instead.
 */
const outer = (col: PgColumn) => sql`${sql.identifier(getTableName(col.table))}.${sql.identifier(col.name)}`;

// ---- brands -----------------------------------------------------------------------------------------------

export interface SwipeBrandListFilter {
  search?: string | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

export type SwipeBrandListItem = SwipeBrandRow & { adCount: number };

/** Brands A→Z (keyset on name, id), each with how many of the org's swipes it has. */
export async function listSwipeBrands(
  q: Queryable,
  orgId: string,
  f: SwipeBrandListFilter,
): Promise<Page<SwipeBrandListItem>> {
  const b = companySwipeBrands;
  const where: (SQL | undefined)[] = [eq(b.orgId, orgId)];
  if (f.search) where.push(ilike(b.name, `%${escapeLike(f.search)}%`));
  if (f.cursor) {
    const [name, id] = decodeKey(f.cursor, () => true);
    where.push(sql`(${b.name}, ${b.id}) > (${name}, ${id}::uuid)`);
  }
  const rows = await q
    .select({
      ...getTableColumns(b),
      adCount: sql<number>`(select count(*)::int from ${companySwipeAssets} a where a.brand_id = ${outer(b.id)} and a.org_id = ${outer(b.orgId)})`,
    })
    .from(b)
    .where(and(...where))
    .orderBy(asc(b.name), asc(b.id))
    .limit(f.limit + 1);
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > f.limit && last ? encodeKey([last.name, last.id]) : null };
}

// ---- company swipes ---------------------------------------------------------------------------------------

const a = companySwipeAssets;
const br = companySwipeBrands;

/**
 * The media of the current swipe row as a JSON array, in a stable order (created_at, then external id): the
 * table has no position column, so a carousel's card order from the export is only kept in ad_library_object.
 */
const mediaOf = sql<SwipeMedia[]>`coalesce((
  select json_agg(json_build_object(
    'id', m.id, 'externalMediaId', m.external_media_id, 'path', m.path, 'url', m.url,
    'mediaId', mo.id,
    'mediaUrl', case when mo.id is not null then '/media/' || mo.id else m.url end,
    'thumbnailPath', m.thumbnail_path,
    'thumbnailUrl', case when mo.id is not null then '/media/' || mo.id || '/thumb' else m.thumbnail_url end,
    'disk', m.disk, 'type', m.type,
    'mimeType', m.mime_type, 'sizeBytes', m.size_bytes, 'videoLength', m.video_length,
    'downloadUrl', m.download_url
  ) order by m.created_at, m.external_media_id)
  from ${companySwipeMedia} m
  left join media_objects mo on mo.id = m.media_id and mo.org_id = m.org_id and mo.status = 'ready'
  where m.swipe_asset_id = ${outer(a.id)} and m.org_id = ${outer(a.orgId)}
), '[]'::json)`;

const { search: _search, adLibraryObject: _raw, ...listColumns } = getTableColumns(a);
const { search: _search2, ...detailColumns } = getTableColumns(a);

export interface CompanySwipeListFilter {
  /** Web-search syntax over title, body and link description ("free shipping" -coupon). */
  q?: string | undefined;
  platform?: string | undefined;
  format?: string | undefined;
  brandId?: string | undefined;
  active?: boolean | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** Swipes newest first, each with its brand and media, in one statement. */
export async function listCompanySwipes(q: Queryable, orgId: string, f: CompanySwipeListFilter) {
  const where: (SQL | undefined)[] = [eq(a.orgId, orgId)];
  if (f.q) where.push(sql`${a.search} @@ websearch_to_tsquery('simple', ${f.q})`);
  if (f.platform) where.push(sql`${f.platform} = any(string_to_array(${a.platforms}, ','))`);
  if (f.format) where.push(eq(a.displayFormat, f.format));
  if (f.brandId) where.push(eq(a.brandId, f.brandId));
  if (f.active !== undefined) where.push(eq(a.active, f.active));
  where.push(afterTimeCursor(f.cursor, a.createdAt, a.id));
  const rows = await q
    .select({
      ...listColumns,
      brand: { id: br.id, name: br.name, slug: br.slug, logoUrl: br.logoUrl },
      media: mediaOf,
      cursorAt: microAt(a.createdAt),
    })
    .from(a)
    .leftJoin(br, and(eq(br.id, a.brandId), eq(br.orgId, a.orgId)))
    .where(and(...where))
    .orderBy(desc(a.createdAt), desc(a.id))
    .limit(f.limit + 1);
  return toTimePage(rows, f.limit);
}
export type CompanySwipeListItem = Awaited<ReturnType<typeof listCompanySwipes>>['items'][number];

/** One swipe with every column (including the raw export object), its brand and media, in one statement. */
export async function getCompanySwipe(q: Queryable, orgId: string, id: string) {
  const [row] = await q
    .select({ ...detailColumns, brand: getTableColumns(br), media: mediaOf })
    .from(a)
    .leftJoin(br, and(eq(br.id, a.brandId), eq(br.orgId, a.orgId)))
    .where(and(eq(a.orgId, orgId), eq(a.id, id)))
    .limit(1);
  return row;
}
export type CompanySwipeDetail = NonNullable<Awaited<ReturnType<typeof getCompanySwipe>>>;

export async function companySwipeExists(q: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await q
    .select({ id: a.id })
    .from(a)
    .where(and(eq(a.orgId, orgId), eq(a.id, id)))
    .limit(1);
  return rows.length > 0;
}

// ---- client swipes ----------------------------------------------------------------------------------------

const cs = clientSwipeAssets;

export interface ClientSwipeListFilter {
  clientId: string;
  tag?: string | undefined;
  good?: boolean | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

export interface LinkedCompanySwipe {
  id: string;
  title: string | null;
  displayFormat: string | null;
  brandId: string | null;
  brandName: string | null;
}

/** A client's swipes newest first, each with the company swipe it links to (title, brand), in one statement. */
export async function listClientSwipes(
  q: Queryable,
  orgId: string,
  f: ClientSwipeListFilter,
): Promise<Page<ClientSwipeRow & { companySwipe: LinkedCompanySwipe | null }>> {
  const where: (SQL | undefined)[] = [eq(cs.orgId, orgId), eq(cs.clientId, f.clientId)];
  if (f.tag) where.push(sql`${f.tag} = any(${cs.tags})`);
  if (f.good !== undefined) where.push(eq(cs.isGoodExample, f.good));
  where.push(afterTimeCursor(f.cursor, cs.createdAt, cs.id));
  const rows = await q
    .select({
      ...getTableColumns(cs),
      linkedId: a.id,
      linkedTitle: a.title,
      linkedFormat: a.displayFormat,
      linkedBrandId: br.id,
      linkedBrandName: br.name,
      cursorAt: microAt(cs.createdAt),
    })
    .from(cs)
    .leftJoin(a, and(eq(a.id, cs.companySwipeId), eq(a.orgId, cs.orgId)))
    .leftJoin(br, and(eq(br.id, a.brandId), eq(br.orgId, a.orgId)))
    .where(and(...where))
    .orderBy(desc(cs.createdAt), desc(cs.id))
    .limit(f.limit + 1);
  const page = toTimePage(rows, f.limit);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(
      ({ linkedId, linkedTitle, linkedFormat, linkedBrandId, linkedBrandName, ...row }) => ({
        ...row,
        companySwipe: linkedId
          ? {
              id: linkedId,
              title: linkedTitle,
              displayFormat: linkedFormat,
              brandId: linkedBrandId,
              brandName: linkedBrandName,
            }
          : null,
      }),
    ),
  };
}

export async function getClientSwipe(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<ClientSwipeRow | undefined> {
  const [row] = await q
    .select()
    .from(cs)
    .where(and(eq(cs.orgId, orgId), eq(cs.id, id)))
    .limit(1);
  return row;
}

export async function createClientSwipe(
  q: Queryable,
  orgId: string,
  input: ClientSwipeInsert,
): Promise<ClientSwipeRow> {
  const [row] = await q
    .insert(cs)
    .values({ ...input, orgId })
    .returning();
  if (!row) throw new Error('client swipe insert returned no row');
  return row;
}

export async function updateClientSwipe(
  q: Queryable,
  orgId: string,
  id: string,
  patch: ClientSwipePatch,
): Promise<ClientSwipeRow | undefined> {
  const [row] = await q
    .update(cs)
    .set(patch)
    .where(and(eq(cs.orgId, orgId), eq(cs.id, id)))
    .returning();
  return row;
}

export async function deleteClientSwipe(q: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await q
    .delete(cs)
    .where(and(eq(cs.orgId, orgId), eq(cs.id, id)))
    .returning({ id: cs.id });
  return rows.length > 0;
}
