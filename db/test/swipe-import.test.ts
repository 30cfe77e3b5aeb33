import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOrg } from '../src/data/orgs';
import type { Database, Db } from '../src/db-type';
import { createDb, migrate } from '../src/node';
import { companySwipeAssets, companySwipeBrands, companySwipeMedia } from '../src/schema/swipes';
import { ImportFormatError, importAdLibraryExport } from '../src/swipes/import';

type Json = Record<string, unknown>;
interface ExportFile {
  ads: Json[];
}

const fixture = (name: string): ExportFile =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as ExportFile;
const clone = <T>(v: T): T => structuredClone(v);

let database: Database;
let db: Db;
let statements = 0;

beforeAll(async () => {
  database = await createDb('pglite:memory', {
    onQuery: () => {
      statements += 1;
    },
  });
  await migrate(database);
  db = database.db;
});
afterAll(async () => {
  await database.close();
});

async function newOrg(): Promise<string> {
  const org = await ensureOrg(db, { externalId: `org_${crypto.randomUUID()}`, name: 'Import Test Agency' });
  return org.id;
}

/** Every row of the org with its physical row version (xmin): a rewrite of any row changes it. */
async function snapshot(orgId: string) {
  const assets = await db
    .select({
      id: companySwipeAssets.id,
      ext: companySwipeAssets.externalAdId,
      updatedAt: companySwipeAssets.updatedAt,
      xmin: sql<string>`xmin::text`,
    })
    .from(companySwipeAssets)
    .where(eq(companySwipeAssets.orgId, orgId))
    .orderBy(companySwipeAssets.externalAdId);
  const media = await db
    .select({
      ext: companySwipeMedia.externalMediaId,
      updatedAt: companySwipeMedia.updatedAt,
      xmin: sql<string>`xmin::text`,
    })
    .from(companySwipeMedia)
    .where(eq(companySwipeMedia.orgId, orgId))
    .orderBy(companySwipeMedia.externalMediaId);
  const brands = await db
    .select({ ext: companySwipeBrands.externalBrandId, xmin: sql<string>`xmin::text` })
    .from(companySwipeBrands)
    .where(eq(companySwipeBrands.orgId, orgId))
    .orderBy(companySwipeBrands.externalBrandId);
  return { assets, media, brands };
}

const mediaCount = (file: ExportFile) =>
  file.ads.reduce((n, ad) => n + ((ad.media as unknown[] | undefined)?.length ?? 0), 0);

describe('importAdLibraryExport', () => {
  it('imports the fixture: brands, ads and media mapped from the export', async () => {
    const orgId = await newOrg();
    const file = fixture('ad-library-export.json');
    const report = await importAdLibraryExport(db, orgId, file);
    expect(report).toMatchObject({ total: 12, inserted: 12, updated: 0, unchanged: 0, rejected: [] });
    expect(report.brands).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    expect(report.media).toEqual({ inserted: mediaCount(file), updated: 0, unchanged: 0, removed: 0 });

    const snap = await snapshot(orgId);
    expect(snap.assets).toHaveLength(12);
    expect(snap.brands).toHaveLength(4);
    expect(snap.media).toHaveLength(mediaCount(file));

    const [ad] = await db
      .select()
      .from(companySwipeAssets)
      .where(
        and(eq(companySwipeAssets.orgId, orgId), eq(companySwipeAssets.externalAdId, '1184520937761099')),
      );
    expect(ad).toMatchObject({
      externalPlatformAdId: '120210448812340612',
      platforms: 'facebook,instagram,audience_network',
      displayFormat: 'video',
      startDate: '2025-10-15',
      endDate: null,
      daysActive: 89,
      active: true,
      winningScore: 88,
      euTotalReach: 3120000,
      ageAudienceMin: 22,
      genderAudience: 'female',
      winningScoreData: { longevity: 0.8, variations: 11, engagement: 0.9 },
    });
    // The raw export row is kept as it came, including fields the columns do not carry.
    expect(ad?.adLibraryObject).toEqual(file.ads[1]);
    const [brand] = await db
      .select()
      .from(companySwipeBrands)
      .where(and(eq(companySwipeBrands.orgId, orgId), eq(companySwipeBrands.id, ad?.brandId ?? '')));
    expect(brand).toMatchObject({
      externalBrandId: 'br_glowtheory',
      name: 'Glow Theory',
      categories: ['Beauty', 'Skincare'],
    });
    const video = await db
      .select()
      .from(companySwipeMedia)
      .where(eq(companySwipeMedia.swipeAssetId, ad?.id ?? ''));
    expect(video).toEqual([
      expect.objectContaining({
        externalMediaId: 'md_88120402',
        type: 'video',
        videoLength: 34,
        sizeBytes: 18733120,
      }),
    ]);
  });

  it('re-importing the same file changes nothing: all unchanged, same rows, same row versions and updated_at', async () => {
    const orgId = await newOrg();
    const file = fixture('ad-library-export.json');
    await importAdLibraryExport(db, orgId, file);
    const before = await snapshot(orgId);
    const again = await importAdLibraryExport(db, orgId, clone(file));
    expect(again).toMatchObject({ total: 12, inserted: 0, updated: 0, unchanged: 12, rejected: [] });
    expect(again.brands).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    expect(again.media).toEqual({ inserted: 0, updated: 0, unchanged: mediaCount(file), removed: 0 });
    expect(await snapshot(orgId)).toEqual(before);
  });

  it('a changed ad is reported updated and only its updated_at moves', async () => {
    const orgId = await newOrg();
    const file = fixture('ad-library-export.json');
    await importAdLibraryExport(db, orgId, file);
    const before = await snapshot(orgId);

    const changed = clone(file);
    const target = changed.ads[3] as Json;
    target.body = `${String(target.body)} Now with free shipping.`;
    target.likes = 3391;
    const report = await importAdLibraryExport(db, orgId, changed);
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 11, rejected: [] });

    const after = await snapshot(orgId);
    const moved = after.assets.filter(
      (row, i) => row.updatedAt.getTime() !== before.assets[i]?.updatedAt.getTime(),
    );
    expect(moved.map((r) => r.ext)).toEqual([target.id]);
    const rewritten = after.assets.filter((row, i) => row.xmin !== before.assets[i]?.xmin);
    expect(rewritten.map((r) => r.ext)).toEqual([target.id]);
    expect(after.media).toEqual(before.media);
    const [row] = await db
      .select({ body: companySwipeAssets.body, likes: companySwipeAssets.likes })
      .from(companySwipeAssets)
      .where(eq(companySwipeAssets.id, moved[0]?.id ?? ''));
    expect(row).toEqual({ body: target.body, likes: 3391 });
  });

  it('a media-only change updates the ad: new and changed media upsert, dropped media are removed', async () => {
    const orgId = await newOrg();
    const file = fixture('ad-library-export.json');
    await importAdLibraryExport(db, orgId, file);
    const before = await snapshot(orgId);

    const changed = clone(file);
    const carousel = changed.ads[2] as Json & { media: Json[] };
    carousel.media = [{ ...carousel.media[0], size: 190221 }, carousel.media[1] as Json];
    carousel.media.push({ id: 'md_88099009', url: 'https://cdn.adlib.example/new.jpg', type: 'image' });
    const report = await importAdLibraryExport(db, orgId, changed);
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 11 });
    expect(report.media).toMatchObject({ inserted: 1, updated: 1, removed: 1 });

    const after = await snapshot(orgId);
    const moved = after.assets.filter(
      (row, i) => row.updatedAt.getTime() !== before.assets[i]?.updatedAt.getTime(),
    );
    expect(moved.map((r) => r.ext)).toEqual([carousel.id]);
    const ids = after.media.map((m) => m.ext);
    expect(ids).toContain('md_88099009');
    expect(ids).not.toContain('md_88099003');
  });

  it('imports the good rows of a malformed file and reports each bad row with the field at fault', async () => {
    const orgId = await newOrg();
    const report = await importAdLibraryExport(db, orgId, fixture('ad-library-export-malformed.json'));
    expect(report).toMatchObject({ total: 6, inserted: 3, updated: 0, unchanged: 0 });
    expect(report.rejected.map((r) => [r.index, r.externalId])).toEqual([
      [1, null],
      [2, '5501203399871077'],
      [4, '5501203399871188'],
    ]);
    const [missingId, badDate, badScore] = report.rejected;
    expect(missingId?.reasons).toEqual(['id: is required']);
    expect(badDate?.reasons).toEqual([expect.stringMatching(/^start_date: .*YYYY-MM-DD/)]);
    expect(badScore?.reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^winning_score: /), expect.stringMatching(/^active: /)]),
    );
    const snap = await snapshot(orgId);
    expect(snap.assets.map((a) => a.ext)).toEqual([
      '5501203399871001',
      '5501203399871120',
      '5501203399871230',
    ]);
    const [shorts] = await db
      .select({ platforms: companySwipeAssets.platforms })
      .from(companySwipeAssets)
      .where(
        and(eq(companySwipeAssets.orgId, orgId), eq(companySwipeAssets.externalAdId, '5501203399871230')),
      );
    expect(shorts?.platforms).toBe('facebook,messenger');
  });

  it('rejects rows that would be unsafe or ambiguous: duplicate ids, non-http links, end before start, repeated media', async () => {
    const orgId = await newOrg();
    const base = fixture('ad-library-export.json').ads[0] as Json;
    const report = await importAdLibraryExport(db, orgId, {
      ads: [
        base,
        { ...base, title: 'duplicate' },
        { ...base, id: 'x-1', landing_page: 'javascript:alert(1)' },
        { ...base, id: 'x-2', start_date: '2025-05-01', end_date: '2025-04-01' },
        'not an object',
        { ...base, id: 'x-3', media: [{ id: 'm-1' }, { id: 'm-1', type: 'image' }] },
      ],
    });
    expect(report.inserted).toBe(1);
    expect(report.rejected).toEqual([
      { index: 1, externalId: base.id, reasons: ['id: duplicates the ad at index 0'] },
      { index: 2, externalId: 'x-1', reasons: [expect.stringMatching(/^landing_page: /)] },
      { index: 3, externalId: 'x-2', reasons: ['end_date: must not be before start_date'] },
      { index: 4, externalId: null, reasons: ['(row): must be an object'] },
      { index: 5, externalId: 'x-3', reasons: ['media.1.id: is a duplicate media id'] },
    ]);
  });

  it('refuses a file that is not an export at all, naming the problem', async () => {
    const orgId = await newOrg();
    await expect(importAdLibraryExport(db, orgId, { rows: [] })).rejects.toBeInstanceOf(ImportFormatError);
    await expect(importAdLibraryExport(db, orgId, '{not json')).rejects.toThrow(/not valid JSON/);
    await expect(importAdLibraryExport(db, orgId, { ads: 'x' })).rejects.toThrow(/^ads: /);
  });

  it('keeps orgs apart: the same file in another org makes its own rows and leaves the first org untouched', async () => {
    const orgA = await newOrg();
    const orgB = await newOrg();
    const file = fixture('ad-library-export.json');
    await importAdLibraryExport(db, orgA, file);
    const beforeA = await snapshot(orgA);
    const changed = clone(file);
    (changed.ads[0] as Json).title = 'Org B version';
    const reportB = await importAdLibraryExport(db, orgB, changed);
    expect(reportB).toMatchObject({ inserted: 12, updated: 0, unchanged: 0 });
    expect(reportB.brands.inserted).toBe(4);
    expect(await snapshot(orgA)).toEqual(beforeA);
    const snapB = await snapshot(orgB);
    expect(snapB.assets).toHaveLength(12);
    const idsA = new Set(beforeA.assets.map((r) => r.id));
    expect(snapB.assets.filter((r) => idsA.has(r.id))).toEqual([]);
  });

  it('batches: a large file costs a handful of statements, not one per row', async () => {
    const orgId = await newOrg();
    const base = fixture('ad-library-export.json').ads;
    const ads: Json[] = Array.from({ length: 450 }, (_, i) => ({
      ...clone(base[i % base.length] as Json),
      id: `bulk-${i}`,
    }));
    const start = statements;
    const report = await importAdLibraryExport(db, orgId, { ads });
    expect(report.inserted).toBe(450);
    // 3 batches × (upsert + id read) for ads, 1 × 2 for brands, ≤ 3 media batches, 3 delete batches, begin/commit.
    expect(statements - start).toBeLessThan(25);
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(companySwipeMedia)
      .where(eq(companySwipeMedia.orgId, orgId));
    expect(count?.n).toBe(ads.reduce((n, ad) => n + ((ad.media as unknown[] | undefined)?.length ?? 0), 0));
  });
});
