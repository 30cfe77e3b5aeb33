import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ensureOrg } from '../src/data/orgs';
import {
  listPlatformSnapshots,
  type PlatformSnapshotInput,
  upsertPlatformSnapshots,
} from '../src/data/platform-snapshots';
import { assetPerformanceSnapshots } from '../src/schema/assets';
import { signalsFixture } from '../src/testing/signals-fixtures';
import { useTestDatabase } from './support/database';

/** Platform snapshot writes on PostgreSQL: one row per window and source, revised in place, writers serialized. */
const database = useTestDatabase();

async function tenant() {
  const tag = crypto.randomUUID().slice(0, 12);
  const org = await ensureOrg(database.db, { externalId: `org_snap_${tag}`, name: `Snapshots ${tag}` });
  return { orgId: org.id, fx: await signalsFixture(database.db, org.id) };
}

const snap = (
  assetId: string,
  day: string,
  spend: number,
  attributionWindow: string | null,
): PlatformSnapshotInput => ({
  assetId,
  experimentId: null,
  timeFrom: new Date(`${day}T00:00:00Z`),
  timeTo: new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000),
  metrics: { impressions: 100, clicks: 10, conversions: 1, spend, revenue: 0 },
  attributionWindow,
  sourceRef: 'ref',
});

describe('upsertPlatformSnapshots', () => {
  it('keys a window by source and attribution window (null included) and ignores float noise in money', async () => {
    const { orgId, fx } = await tenant();
    const asset = fx.assets.control ?? '';
    const at = new Date('2026-12-06T10:00:00Z');
    const first = await database.db.transaction((tx) =>
      upsertPlatformSnapshots(
        tx,
        orgId,
        'csv',
        [snap(asset, '2026-12-01', 0.3, null), snap(asset, '2026-12-01', 0.3, '7d_click')],
        at,
      ),
    );
    expect(first).toEqual({ inserted: 2, revised: 0, unchanged: 0 });
    const again = await database.db.transaction((tx) =>
      upsertPlatformSnapshots(
        tx,
        orgId,
        'csv',
        [snap(asset, '2026-12-01', 0.1 + 0.2, null), snap(asset, '2026-12-01', 0.3, '7d_click')],
        at,
      ),
    );
    expect(again).toEqual({ inserted: 0, revised: 0, unchanged: 2 });
    // The same window from another source is another row.
    const meta = await database.db.transaction((tx) =>
      upsertPlatformSnapshots(tx, orgId, 'meta', [snap(asset, '2026-12-01', 0.3, '7d_click')], at),
    );
    expect(meta.inserted).toBe(1);
    const rows = await listPlatformSnapshots(database.db, orgId, { assetIds: [asset] });
    expect(rows.map((r) => [r.source, r.attributionWindow, r.revision]).sort()).toEqual([
      ['csv', null, 0],
      ['csv', '7d_click', 0],
      ['meta', '7d_click', 0],
    ]);
  });

  it('serializes two writers of the same new window: one inserts it, the other revises it', async () => {
    const { orgId, fx } = await tenant();
    const asset = fx.assets.treatment ?? '';
    const at = new Date('2026-12-06T10:00:00Z');
    const results = await Promise.all(
      [1, 2].map((spend) =>
        database.db.transaction((tx) =>
          upsertPlatformSnapshots(tx, orgId, 'meta', [snap(asset, '2026-12-02', spend, '7d_click')], at),
        ),
      ),
    );
    expect(results.map((r) => r.inserted + r.revised).sort()).toEqual([1, 1]);
    expect(results.map((r) => r.inserted).sort()).toEqual([0, 1]);
    const rows = await database.db
      .select()
      .from(assetPerformanceSnapshots)
      .where(and(eq(assetPerformanceSnapshots.orgId, orgId), eq(assetPerformanceSnapshots.assetId, asset)));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.revision).toBe(1);
  });
});
