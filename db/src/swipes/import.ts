import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Queryable } from '../db-type';
import { companySwipeAssets, companySwipeBrands, companySwipeMedia } from '../schema/swipes';
import {
  AdLibraryExport,
  type ExportAd,
  normalizePlatforms,
  parseExportRow,
  type RowRejection,
} from './export-format';

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Per ad: inserted, updated (its row or its media changed) or unchanged; bad rows listed with reasons. */
export interface ImportReport extends ImportCounts {
  total: number;
  rejected: RowRejection[];
  brands: ImportCounts;
  media: ImportCounts & { removed: number };
}

/** The file as a whole is unusable (not JSON, or no `ads` list); single bad rows never raise this. */
export class ImportFormatError extends Error {
  readonly path: (string | number)[];
  constructor(path: (string | number)[], message: string) {
    super(`${path.length > 0 ? path.join('.') : '(file)'}: ${message}`);
    this.name = 'ImportFormatError';
    this.path = path;
  }
}

/** Rows per statement: ~50 columns × 200 rows stays well under Postgres' 65k bind parameters. */
const AD_BATCH = 200;
const MEDIA_BATCH = 500;

type AssetInsert = typeof companySwipeAssets.$inferInsert;
type MediaInsert = typeof companySwipeMedia.$inferInsert;
type BrandInsert = typeof companySwipeBrands.$inferInsert;

/** The columns an import owns; anything else on the row (ids, created_at, search) is never rewritten. */
const ASSET_COLUMNS = [
  'externalPlatformAdId',
  'brandId',
  'title',
  'body',
  'platforms',
  'ctaType',
  'ctaText',
  'displayFormat',
  'landingPage',
  'linkDescription',
  'adSourceLink',
  'startDate',
  'endDate',
  'daysActive',
  'activeInLibrary',
  'active',
  'usedCount',
  'savedCount',
  'likes',
  'winningScore',
  'winningScoreData',
  'performanceScore',
  'performanceScoreData',
  'ageAudienceMin',
  'ageAudienceMax',
  'genderAudience',
  'euTotalReach',
  'adSpendRangeScore',
  'adSpendRangeScoreData',
  'addedHumanTime',
  'addedByUserHumanTime',
  'savedByThisUser',
  'isAaaEligible',
  'isSaved',
  'isUsed',
  'isLiked',
  'shareUrl',
  'embedUrl',
  'adScript',
  'adReachByLocation',
  'adSpend',
  'adLibraryObject',
] as const satisfies readonly (keyof typeof companySwipeAssets.$inferSelect)[];

const BRAND_COLUMNS = ['name', 'slug', 'adLibraryLink', 'brandPageLink', 'logoUrl', 'categories'] as const;

const MEDIA_COLUMNS = [
  'path',
  'url',
  'thumbnailPath',
  'thumbnailUrl',
  'disk',
  'type',
  'mimeType',
  'sizeBytes',
  'videoLength',
  'downloadUrl',
] as const;

/**
 * `SET col = excluded.col, …` plus a guard that skips the update when nothing differs, so a re-import writes
 * nothing (no new row versions, no moved updated_at) and RETURNING yields only rows that really changed.
 */
function upsertIfChanged<T extends PgTable>(table: T, keys: readonly string[], touch: boolean) {
  const columns = table as unknown as Record<string, PgColumn>;
  const col = (k: string): PgColumn => {
    const c = columns[k];
    if (!c) throw new Error(`unknown column ${k}`);
    return c;
  };
  const excluded = (k: string) => sql.raw(`excluded."${col(k).name}"`);
  const set: Record<string, SQL> = Object.fromEntries(keys.map((k) => [k, excluded(k)]));
  if (touch) set.updatedAt = sql`now()`;
  const setWhere = sql`(${sql.join(
    keys.map((k) => col(k)),
    sql`, `,
  )}) is distinct from (${sql.join(
    keys.map((k) => excluded(k)),
    sql`, `,
  )})`;
  return { set, setWhere };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const orNull = <T>(v: T | null | undefined): T | null => v ?? null;
const json = (v: unknown): unknown => (v === undefined ? null : v);

function brandValues(orgId: string, b: ExportAd['brand']): BrandInsert {
  return {
    orgId,
    externalBrandId: b.id,
    name: b.name,
    slug: orNull(b.slug),
    adLibraryLink: orNull(b.ad_library_link),
    brandPageLink: orNull(b.brand_page_link),
    logoUrl: orNull(b.logo_url),
    categories: orNull(b.categories),
  };
}

function assetValues(orgId: string, brandId: string | null, ad: ExportAd, raw: unknown): AssetInsert {
  return {
    orgId,
    externalAdId: ad.id,
    externalPlatformAdId: orNull(ad.platform_ad_id),
    brandId,
    title: orNull(ad.title),
    body: orNull(ad.body),
    platforms: normalizePlatforms(ad.platforms),
    ctaType: orNull(ad.cta_type),
    ctaText: orNull(ad.cta_text),
    displayFormat: ad.display_format ? ad.display_format.trim().toLowerCase() : null,
    landingPage: orNull(ad.landing_page),
    linkDescription: orNull(ad.link_description),
    adSourceLink: orNull(ad.ad_source_link),
    startDate: orNull(ad.start_date),
    endDate: orNull(ad.end_date),
    daysActive: orNull(ad.days_active),
    activeInLibrary: orNull(ad.active_in_library),
    active: orNull(ad.active),
    usedCount: orNull(ad.used_count),
    savedCount: orNull(ad.saved_count),
    likes: orNull(ad.likes),
    winningScore: orNull(ad.winning_score),
    winningScoreData: json(ad.winning_score_data),
    performanceScore: orNull(ad.performance_score),
    performanceScoreData: json(ad.performance_score_data),
    ageAudienceMin: orNull(ad.age_audience_min),
    ageAudienceMax: orNull(ad.age_audience_max),
    genderAudience: orNull(ad.gender_audience),
    euTotalReach: orNull(ad.eu_total_reach),
    adSpendRangeScore: orNull(ad.ad_spend_range_score),
    adSpendRangeScoreData: json(ad.ad_spend_range_score_data),
    addedHumanTime: orNull(ad.added_human_time),
    addedByUserHumanTime: orNull(ad.added_by_user_human_time),
    savedByThisUser: orNull(ad.saved_by_this_user),
    isAaaEligible: orNull(ad.is_aaa_eligible),
    isSaved: orNull(ad.is_saved),
    isUsed: orNull(ad.is_used),
    isLiked: orNull(ad.is_liked),
    shareUrl: orNull(ad.share_url),
    embedUrl: orNull(ad.embed_url),
    adScript: json(ad.ad_script),
    adReachByLocation: json(ad.ad_reach_by_location),
    adSpend: json(ad.ad_spend),
    adLibraryObject: raw,
  };
}

function mediaValues(
  orgId: string,
  swipeAssetId: string,
  m: NonNullable<ExportAd['media']>[number],
): MediaInsert {
  return {
    orgId,
    swipeAssetId,
    externalMediaId: m.id,
    path: orNull(m.path),
    url: orNull(m.url),
    thumbnailPath: orNull(m.thumbnail_path),
    thumbnailUrl: orNull(m.thumbnail_url),
    disk: orNull(m.disk),
    type: orNull(m.type),
    mimeType: orNull(m.mime_type),
    sizeBytes: orNull(m.size),
    videoLength: orNull(m.video_length),
    downloadUrl: orNull(m.download_url),
  };
}

function readExport(rawJson: unknown): unknown[] {
  let value = rawJson;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new ImportFormatError([], 'is not valid JSON');
    }
  }
  const parsed = AdLibraryExport.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportFormatError(
      issue?.path.map(String) ?? [],
      issue?.message ?? 'is not an ad-library export',
    );
  }
  return parsed.data.ads;
}

interface GoodRow {
  index: number;
  ad: ExportAd;
  raw: Record<string, unknown>;
}

/**
 * Imports an ad-library export into an org's swipe library. Idempotent on external ids: brands upsert on
 * (org, external_brand_id), ads on (org, external_ad_id), media on (asset, external_media_id), and an ad's media
 * absent from the file is removed. Rows are validated one by one: a malformed row is reported and skipped, the
 * others import. Everything runs in one transaction with batched statements (no per-row queries).
 */
export async function importAdLibraryExport(db: Db, orgId: string, rawJson: unknown): Promise<ImportReport> {
  const rows = readExport(rawJson);
  const rejected: RowRejection[] = [];
  const good: GoodRow[] = [];
  const firstIndexOf = new Map<string, number>();
  for (const [index, raw] of rows.entries()) {
    const row = parseExportRow(raw, index);
    if (!row.ok) {
      rejected.push(row.rejection);
      continue;
    }
    // The same ad twice would make one upsert statement touch a row twice; the first occurrence wins.
    const first = firstIndexOf.get(row.ad.id);
    if (first !== undefined) {
      rejected.push({ index, externalId: row.ad.id, reasons: [`id: duplicates the ad at index ${first}`] });
      continue;
    }
    firstIndexOf.set(row.ad.id, index);
    good.push({ index, ad: row.ad, raw: row.raw });
  }

  const report: ImportReport = {
    total: rows.length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected,
    brands: { inserted: 0, updated: 0, unchanged: 0 },
    media: { inserted: 0, updated: 0, unchanged: 0, removed: 0 },
  };
  if (good.length === 0) return report;

  await db.transaction(async (tx) => {
    const brandIds = await upsertBrands(tx, orgId, good, report);
    const { assetIds, status } = await upsertAssets(tx, orgId, good, brandIds);
    const mediaChanged = await syncMedia(tx, orgId, good, assetIds, report);

    // An ad whose only change is its media still counts as updated, and its updated_at says so.
    const touched = [...mediaChanged].filter((id) => status.get(id) === 'unchanged');
    for (const ids of chunks(touched, AD_BATCH)) {
      await tx
        .update(companySwipeAssets)
        .set({ updatedAt: sql`now()` })
        .where(and(eq(companySwipeAssets.orgId, orgId), inArray(companySwipeAssets.id, ids)));
    }
    for (const id of touched) status.set(id, 'updated');

    for (const s of status.values()) report[s] += 1;
  });
  report.rejected.sort((a, b) => a.index - b.index);
  return report;
}

/** Upserts each distinct brand once (its last occurrence in the file wins) and maps external id → row id. */
async function upsertBrands(
  tx: Queryable,
  orgId: string,
  good: GoodRow[],
  report: ImportReport,
): Promise<Map<string, string>> {
  const byExternal = new Map<string, BrandInsert>();
  for (const { ad } of good) byExternal.set(ad.brand.id, brandValues(orgId, ad.brand));
  const { set, setWhere } = upsertIfChanged(companySwipeBrands, BRAND_COLUMNS, false);
  const ids = new Map<string, string>();
  for (const batch of chunks([...byExternal.values()], AD_BATCH)) {
    const changed = await tx
      .insert(companySwipeBrands)
      .values(batch)
      .onConflictDoUpdate({
        target: [companySwipeBrands.orgId, companySwipeBrands.externalBrandId],
        set,
        setWhere,
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    const inserted = changed.filter((r) => r.inserted).length;
    report.brands.inserted += inserted;
    report.brands.updated += changed.length - inserted;
    report.brands.unchanged += batch.length - changed.length;
    const found = await tx
      .select({ id: companySwipeBrands.id, externalId: companySwipeBrands.externalBrandId })
      .from(companySwipeBrands)
      .where(
        and(
          eq(companySwipeBrands.orgId, orgId),
          inArray(
            companySwipeBrands.externalBrandId,
            batch.map((b) => b.externalBrandId ?? ''),
          ),
        ),
      );
    for (const r of found) if (r.externalId) ids.set(r.externalId, r.id);
  }
  return ids;
}

type AdStatus = 'inserted' | 'updated' | 'unchanged';

async function upsertAssets(
  tx: Queryable,
  orgId: string,
  good: GoodRow[],
  brandIds: Map<string, string>,
): Promise<{ assetIds: Map<string, string>; status: Map<string, AdStatus> }> {
  const { set, setWhere } = upsertIfChanged(companySwipeAssets, ASSET_COLUMNS, true);
  const assetIds = new Map<string, string>();
  const status = new Map<string, AdStatus>();
  for (const batch of chunks(good, AD_BATCH)) {
    const values = batch.map((r) => assetValues(orgId, brandIds.get(r.ad.brand.id) ?? null, r.ad, r.raw));
    const changed = await tx
      .insert(companySwipeAssets)
      .values(values)
      .onConflictDoUpdate({
        target: [companySwipeAssets.orgId, companySwipeAssets.externalAdId],
        set,
        setWhere,
      })
      .returning({ id: companySwipeAssets.id, inserted: sql<boolean>`(xmax = 0)` });
    const changedById = new Map(changed.map((r) => [r.id, r.inserted]));
    // Unchanged rows are not returned by the guarded upsert, so their ids come from one read per batch.
    const found = await tx
      .select({ id: companySwipeAssets.id, externalId: companySwipeAssets.externalAdId })
      .from(companySwipeAssets)
      .where(
        and(
          eq(companySwipeAssets.orgId, orgId),
          inArray(
            companySwipeAssets.externalAdId,
            batch.map((r) => r.ad.id),
          ),
        ),
      );
    for (const r of found) {
      if (!r.externalId) continue;
      assetIds.set(r.externalId, r.id);
      const inserted = changedById.get(r.id);
      status.set(r.id, inserted === undefined ? 'unchanged' : inserted ? 'inserted' : 'updated');
    }
  }
  return { assetIds, status };
}

/** Upserts every ad's media and removes media an ad no longer lists; returns the asset ids whose media changed. */
async function syncMedia(
  tx: Queryable,
  orgId: string,
  good: GoodRow[],
  assetIds: Map<string, string>,
  report: ImportReport,
): Promise<Set<string>> {
  const changedAssets = new Set<string>();
  const perAsset: { assetId: string; media: MediaInsert[] }[] = [];
  for (const { ad } of good) {
    const assetId = assetIds.get(ad.id);
    if (!assetId) throw new Error(`imported ad ${ad.id} has no row`);
    perAsset.push({ assetId, media: (ad.media ?? []).map((m) => mediaValues(orgId, assetId, m)) });
  }

  const { set, setWhere } = upsertIfChanged(companySwipeMedia, MEDIA_COLUMNS, true);
  for (const batch of chunks(
    perAsset.flatMap((a) => a.media),
    MEDIA_BATCH,
  )) {
    const changed = await tx
      .insert(companySwipeMedia)
      .values(batch)
      .onConflictDoUpdate({
        target: [companySwipeMedia.swipeAssetId, companySwipeMedia.externalMediaId],
        set,
        setWhere,
      })
      .returning({ assetId: companySwipeMedia.swipeAssetId, inserted: sql<boolean>`(xmax = 0)` });
    for (const r of changed) {
      changedAssets.add(r.assetId);
      if (r.inserted) report.media.inserted += 1;
      else report.media.updated += 1;
    }
    report.media.unchanged += batch.length - changed.length;
  }

  for (const batch of chunks(perAsset, AD_BATCH)) {
    const keep = batch.flatMap((a) =>
      a.media.map((m) => sql`(${a.assetId}::uuid, ${m.externalMediaId}::text)`),
    );
    const stillListed =
      keep.length > 0
        ? sql`and not exists (select 1 from (values ${sql.join(keep, sql`, `)}) as k(asset_id, media_id)
            where k.asset_id = ${companySwipeMedia.swipeAssetId} and k.media_id = ${companySwipeMedia.externalMediaId})`
        : sql``;
    const removed = await tx
      .delete(companySwipeMedia)
      .where(
        sql`${companySwipeMedia.orgId} = ${orgId} and ${inArray(
          companySwipeMedia.swipeAssetId,
          batch.map((a) => a.assetId),
        )} ${stillListed}`,
      )
      .returning({ assetId: companySwipeMedia.swipeAssetId });
    for (const r of removed) changedAssets.add(r.assetId);
    report.media.removed += removed.length;
  }
  return changedAssets;
}
