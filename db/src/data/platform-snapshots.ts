import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../db-type';
import { assetPerformanceSnapshots } from '../schema/assets';
import { lockForTransaction } from './worker-steps';

/**
 * Performance snapshots from a CSV upload or an ad platform pull. One row per (asset, source, window, attribution
 * window): writing a window again replaces its numbers in place with `revision` + 1 when they changed (late
 * revisions from the platform, a corrected export) and leaves it alone when they did not, so readers never sum two
 * versions of one day.
 */

/** The numbers a platform snapshot keeps (`metrics` jsonb); the cycle and the evidence reader sum these keys. */
export interface PlatformSnapshotMetrics {
  impressions: number;
  clicks: number;
  conversions: number;
  spend: number;
  revenue: number;
}

export const PLATFORM_SNAPSHOT_METRIC_KEYS = [
  'impressions',
  'clicks',
  'conversions',
  'spend',
  'revenue',
] as const satisfies readonly (keyof PlatformSnapshotMetrics)[];

export type PlatformSnapshotSource = 'csv' | 'meta';

export interface PlatformSnapshotInput {
  assetId: string;
  experimentId: string | null;
  /** Inclusive start and exclusive end (a day is [D 00:00Z, D+1 00:00Z)). */
  timeFrom: Date;
  timeTo: Date;
  metrics: PlatformSnapshotMetrics;
  segments?: Record<string, unknown>;
  /** e.g. `7d_click,1d_view`; null when the export did not say. */
  attributionWindow: string | null;
  /** The CSV import's id, or the platform's ad id(s). */
  sourceRef: string | null;
}

export interface SnapshotWriteCounts {
  inserted: number;
  revised: number;
  unchanged: number;
}

const CHUNK = 500;

const windowKey = (assetId: string, from: Date, to: Date, attribution: string | null) =>
  `${assetId}|${from.toISOString()}|${to.toISOString()}|${attribution ?? '\u0000'}`;

function sameMetrics(stored: unknown, next: PlatformSnapshotMetrics): boolean {
  if (typeof stored !== 'object' || stored === null) return false;
  const s = stored as Record<string, unknown>;
  // Money is compared in cents: a float written and read back as jsonb must not count as a revision.
  return PLATFORM_SNAPSHOT_METRIC_KEYS.every(
    (k) => typeof s[k] === 'number' && Math.round((s[k] as number) * 100) === Math.round(next[k] * 100),
  );
}

/**
 * Writes `rows` of `source` for the org inside the caller's transaction. Writers of one org's platform snapshots
 * are serialized (advisory lock) so two pulls of the same window cannot both insert it. Rows with the same window
 * key twice in `rows` are the caller's error (the last one wins).
 */
export async function upsertPlatformSnapshots(
  tx: Tx,
  orgId: string,
  source: PlatformSnapshotSource,
  rows: readonly PlatformSnapshotInput[],
  pulledAt: Date,
): Promise<SnapshotWriteCounts> {
  const counts: SnapshotWriteCounts = { inserted: 0, revised: 0, unchanged: 0 };
  if (rows.length === 0) return counts;
  await lockForTransaction(tx, `platform-snapshots:${orgId}`);

  const byKey = new Map<string, PlatformSnapshotInput>();
  for (const r of rows) byKey.set(windowKey(r.assetId, r.timeFrom, r.timeTo, r.attributionWindow), r);
  const assetIds = [...new Set(rows.map((r) => r.assetId))];
  const fromMin = new Date(Math.min(...rows.map((r) => r.timeFrom.getTime())));
  const fromMax = new Date(Math.max(...rows.map((r) => r.timeFrom.getTime())));

  const existing = new Map<string, { id: string; metrics: unknown }>();
  for (let i = 0; i < assetIds.length; i += CHUNK) {
    const stored = await tx
      .select({
        id: assetPerformanceSnapshots.id,
        assetId: assetPerformanceSnapshots.assetId,
        timeFrom: assetPerformanceSnapshots.timeFrom,
        timeTo: assetPerformanceSnapshots.timeTo,
        attributionWindow: assetPerformanceSnapshots.attributionWindow,
        metrics: assetPerformanceSnapshots.metrics,
      })
      .from(assetPerformanceSnapshots)
      .where(
        and(
          eq(assetPerformanceSnapshots.orgId, orgId),
          eq(assetPerformanceSnapshots.source, source),
          inArray(assetPerformanceSnapshots.assetId, assetIds.slice(i, i + CHUNK)),
          gte(assetPerformanceSnapshots.timeFrom, fromMin),
          lte(assetPerformanceSnapshots.timeFrom, fromMax),
        ),
      );
    for (const s of stored) {
      existing.set(windowKey(s.assetId, s.timeFrom, s.timeTo, s.attributionWindow), {
        id: s.id,
        metrics: s.metrics,
      });
    }
  }

  const inserts: (typeof assetPerformanceSnapshots.$inferInsert)[] = [];
  const revisions: { id: string; row: PlatformSnapshotInput }[] = [];
  for (const [key, row] of byKey) {
    const found = existing.get(key);
    if (!found) {
      inserts.push({
        orgId,
        assetId: row.assetId,
        experimentId: row.experimentId,
        timeFrom: row.timeFrom,
        timeTo: row.timeTo,
        metrics: row.metrics,
        segments: row.segments ?? {},
        source,
        sourceRef: row.sourceRef,
        attributionWindow: row.attributionWindow,
        pulledAt,
      });
    } else if (sameMetrics(found.metrics, row.metrics)) {
      counts.unchanged++;
    } else {
      revisions.push({ id: found.id, row });
    }
  }

  for (let i = 0; i < inserts.length; i += CHUNK) {
    await tx.insert(assetPerformanceSnapshots).values(inserts.slice(i, i + CHUNK));
  }
  counts.inserted = inserts.length;

  for (let i = 0; i < revisions.length; i += CHUNK) {
    const values = sql.join(
      revisions
        .slice(i, i + CHUNK)
        .map(
          ({ id, row }) =>
            sql`(${id}::uuid, ${JSON.stringify(row.metrics)}::jsonb, ${JSON.stringify(row.segments ?? {})}::jsonb, ${row.sourceRef}::text, ${row.experimentId}::uuid)`,
        ),
      sql`, `,
    );
    await tx.execute(sql`
      update asset_performance_snapshots s
         set metrics = v.metrics, segments = v.segments, source_ref = v.source_ref,
             experiment_id = coalesce(v.experiment_id, s.experiment_id),
             revision = s.revision + 1, pulled_at = ${pulledAt.toISOString()}::timestamptz
        from (values ${values}) as v(id, metrics, segments, source_ref, experiment_id)
       where s.id = v.id and s.org_id = ${orgId}`);
  }
  counts.revised = revisions.length;
  return counts;
}

/** Snapshot rows of the org's assets by asset and window start (tests and checks of what an import wrote). */
export async function listPlatformSnapshots(
  tx: Queryable,
  orgId: string,
  f: { assetIds: string[]; source?: PlatformSnapshotSource },
) {
  if (f.assetIds.length === 0) return [];
  return tx
    .select()
    .from(assetPerformanceSnapshots)
    .where(
      and(
        eq(assetPerformanceSnapshots.orgId, orgId),
        inArray(assetPerformanceSnapshots.assetId, f.assetIds),
        f.source ? eq(assetPerformanceSnapshots.source, f.source) : undefined,
      ),
    )
    .orderBy(assetPerformanceSnapshots.assetId, assetPerformanceSnapshots.timeFrom);
}
