import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { companySwipeAssets } from '@mos/db';
import { testPostgresUrl } from '@mos/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newTenant, type TestApp } from './support/harness';

/**
 * The swipe library on real PostgreSQL. PGlite's clock has millisecond resolution; Postgres stamps rows with
 * microseconds, which is where a millisecond cursor skips rows and a sloppy "unchanged" check moves updated_at.
 */
type Json = Record<string, unknown>;
const EXPORT = JSON.parse(
  // db's fixture, found through the package rather than a relative path into it.
  readFileSync(
    new URL(
      '../fixtures/ad-library-export.json',
      pathToFileURL(createRequire(import.meta.url).resolve('@mos/db')),
    ),
    'utf8',
  ),
) as { ads: Json[] };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ databaseUrl: testPostgresUrl() });
});
afterAll(async () => {
  await t.close();
});

async function importedTenant() {
  const tenant = await newTenant(t);
  const orgId = (await t.client(tenant.admin).me.get.query()).org.id;
  const report = await t
    .client(tenant.operator)
    .swipes.company.import.mutate({ export: structuredClone(EXPORT) });
  expect(report.inserted).toBe(12);
  return { tenant, orgId, api: t.client(tenant.member) };
}

const stamps = (orgId: string) =>
  t.database.db
    .select({
      ext: companySwipeAssets.externalAdId,
      at: sql<string>`${companySwipeAssets.updatedAt}::text`,
      created: sql<string>`${companySwipeAssets.createdAt}::text`,
    })
    .from(companySwipeAssets)
    .where(eq(companySwipeAssets.orgId, orgId))
    .orderBy(companySwipeAssets.externalAdId);

describe('swipes on PostgreSQL', () => {
  it('pages through rows of one import (same microsecond created_at) without gaps or repeats', async () => {
    const { orgId, api } = await importedTenant();
    const created = new Set((await stamps(orgId)).map((r) => r.created));
    expect(created.size).toBe(1);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.swipes.company.list.query>> =
        await api.swipes.company.list.query({
          limit: 5,
          cursor,
        });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it('re-import leaves updated_at to the microsecond; a change moves only the changed row', async () => {
    const { tenant, orgId } = await importedTenant();
    const api = t.client(tenant.operator);
    const before = await stamps(orgId);
    expect(await api.swipes.company.import.mutate({ export: structuredClone(EXPORT) })).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 12,
    });
    expect(await stamps(orgId)).toEqual(before);

    const changed = structuredClone(EXPORT);
    (changed.ads[7] as Json).likes = 1434;
    expect(await api.swipes.company.import.mutate({ export: changed })).toMatchObject({
      updated: 1,
      unchanged: 11,
    });
    const after = await stamps(orgId);
    expect(after.filter((r, i) => r.at !== before[i]?.at).map((r) => r.ext)).toEqual([changed.ads[7]?.id]);
  });

  it('full-text search and filters use the same SQL on Postgres', async () => {
    const { api } = await importedTenant();
    expect(
      (await api.swipes.company.list.query({ q: 'Yirgacheffe' })).items.map((i) => i.externalAdId),
    ).toEqual(['2299013847221120']);
    const videos = await api.swipes.company.list.query({ format: 'video', platform: 'audience_network' });
    expect(videos.items.map((i) => i.externalAdId).sort()).toEqual(['1184520937761099', '4402877310098870']);
    const brands = await api.swipes.brands.list.query({});
    expect(brands.items.map((b) => b.adCount)).toEqual([3, 3, 3, 3]);
  });
});
