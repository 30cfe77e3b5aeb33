import { assetPerformanceSnapshots, assets, linkPlatformAd, listAudit, snapshotImports } from '@mos/db';
import { signalsFixture as fixture, type SignalsFixture, testPostgresUrl } from '@mos/db/testing';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CSV_ROWS } from '../src/schemas/snapshots';
import { createTestApp, failure, fieldPaths, newTenant, type TestApp } from './support/harness';

/**
 * Performance snapshots by CSV upload: the browser sends papaparse's rows, the API checks every row, imports all or
 * nothing (or the valid rows with `skipInvalidRows`) and keeps source, import id and windows. On PGlite and on
 * PostgreSQL (the import's transaction, advisory lock and batched revision update).
 */
const ADS_MANAGER_HEADERS = [
  'Reporting starts',
  'Reporting ends',
  'Ad name',
  'Ad ID',
  'Impressions',
  'Link clicks',
  'Results',
  'Amount spent (USD)',
  'Purchases conversion value',
  'Attribution setting',
];

type Cells = Record<string, string>;
const row = (line: number, cells: Cells) => ({ line, cells });

describe.each([
  ['PGlite', undefined],
  ['PostgreSQL', testPostgresUrl()],
])('snapshots on %s', (_name, databaseUrl) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ databaseUrl });
  });
  afterAll(async () => {
    await t.close();
  });

  interface Setup {
    orgId: string;
    fx: SignalsFixture;
    operator: ReturnType<TestApp['client']>;
    member: ReturnType<TestApp['client']>;
    ads: { control: string; treatment: string };
  }

  /** A tenant with the fixture client (two arms, one asset each) and a Meta ad linked to each asset. */
  async function setup(): Promise<Setup> {
    const tenant = await newTenant(t);
    const operator = t.client(tenant.operator);
    const orgId = (await operator.me.get.query()).org.id;
    const fx = await fixture(t.database.db, orgId);
    const n = () => String(Math.floor(Math.random() * 1e15));
    const ads = { control: n(), treatment: n() };
    await linkPlatformAd(t.database.db, orgId, {
      assetId: fx.assets.control ?? '',
      platform: 'meta',
      externalAdId: ads.control,
    });
    await linkPlatformAd(t.database.db, orgId, {
      assetId: fx.assets.treatment ?? '',
      platform: 'meta',
      externalAdId: ads.treatment,
    });
    return { orgId, fx, operator, member: t.client(tenant.member), ads };
  }

  const exportRow = (
    ad: string,
    day: string,
    n: { impr: string; clicks: string; results: string; spend: string; value: string },
  ): Cells => ({
    'Reporting starts': day,
    'Reporting ends': day,
    'Ad name': 'Barrier story',
    'Ad ID': ad,
    Impressions: n.impr,
    'Link clicks': n.clicks,
    Results: n.results,
    'Amount spent (USD)': n.spend,
    'Purchases conversion value': n.value,
    'Attribution setting': '7-day click or 1-day view',
  });

  /** An Ads Manager export: two good days per ad, then rows with one problem each. */
  function exportFile(s: Setup) {
    const good = { impr: '12,400', clicks: '310', results: '9', spend: '$211.87', value: '512.40' };
    return {
      clientId: s.fx.clientId,
      headers: ADS_MANAGER_HEADERS,
      rows: [
        row(2, exportRow(s.ads.control, '2026-11-30', good)),
        row(3, exportRow(s.ads.control, '2026-12-01', { ...good, results: '' })),
        row(4, exportRow(s.ads.treatment, '2026-11-30', { ...good, clicks: '355' })),
        row(5, exportRow(s.ads.treatment, '2026-12-01', good)),
        row(6, exportRow(s.ads.treatment, '2026-12-02', { ...good, clicks: '12.5' })),
        row(7, exportRow('999999999', '2026-12-02', good)),
        row(8, exportRow(s.ads.control, '02/12/2026', good)),
        row(9, { ...exportRow(s.ads.control, '2026-12-03', good), 'Reporting ends': '2026-12-02' }),
        row(10, exportRow(s.ads.control, '2026-11-30', { ...good, spend: '1,5' })),
        row(11, exportRow(s.ads.control, '2026-11-30', good)),
      ],
    };
  }
  const EXPECTED_ERRORS = [
    { line: 6, field: 'clicks', message: 'must be a whole number' },
    { line: 7, field: 'adId', message: 'is not linked to an asset of this client', reason: 'ad_not_linked' },
    { line: 8, field: 'date', message: 'must be a day as YYYY-MM-DD' },
    { line: 8, field: 'dateTo', message: 'must be a day as YYYY-MM-DD' },
    { line: 9, field: 'dateTo', message: 'must not be before the start day' },
    { line: 10, field: 'spend', message: 'must be a number such as 1234.56' },
    { line: 10, field: 'date', message: 'the same asset and days as line 2' },
    { line: 11, field: 'date', message: 'the same asset and days as line 2' },
  ];

  async function snapshotsOf(orgId: string, assetIds: string[]) {
    return t.database.db
      .select()
      .from(assetPerformanceSnapshots)
      .where(
        and(eq(assetPerformanceSnapshots.orgId, orgId), inArray(assetPerformanceSnapshots.assetId, assetIds)),
      )
      .orderBy(assetPerformanceSnapshots.assetId, assetPerformanceSnapshots.timeFrom);
  }

  it('previews an Ads Manager export: suggested mapping, parsed rows with asset and arm, every error by line and field', async () => {
    const s = await setup();
    const preview = await s.member.snapshots.previewCsv.mutate(exportFile(s));
    expect(preview.mapping).toEqual({
      date: 'Reporting starts',
      dateTo: 'Reporting ends',
      adId: 'Ad ID',
      assetId: null,
      impressions: 'Impressions',
      clicks: 'Link clicks',
      conversions: 'Results',
      spend: 'Amount spent (USD)',
      revenue: 'Purchases conversion value',
      attributionWindow: '7d_click,1d_view',
    });
    expect(preview.totalRows).toBe(10);
    expect(preview.validRows).toBe(4);
    expect(preview.errors).toEqual(EXPECTED_ERRORS);
    expect(preview.rows[0]).toEqual({
      line: 2,
      values: {
        date: '2026-11-30',
        dateTo: '2026-11-30',
        adId: s.ads.control,
        impressions: 12400,
        clicks: 310,
        conversions: 9,
        spend: 211.87,
        revenue: 512.4,
      },
      assetId: s.fx.assets.control,
      armId: 'control',
      error: null,
    });
    // An empty count is 0, as ad exports leave it.
    expect(preview.rows[1]?.values.conversions).toBe(0);
    expect(preview.rows[4]?.values.clicks).toBe('12.5');
    expect(preview.rows[5]).toMatchObject({
      line: 7,
      assetId: null,
      armId: null,
      error: 'adId: is not linked to an asset of this client',
    });
  });

  it('refuses the whole file when a row is invalid, naming line and field, and writes nothing', async () => {
    const s = await setup();
    const preview = await s.operator.snapshots.previewCsv.mutate(exportFile(s));
    const refused = await failure(
      s.operator.snapshots.importCsv.mutate({
        ...exportFile(s),
        fileName: 'export.csv',
        mapping: preview.mapping,
      }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toContain('8 error(s)');
    expect(fieldPaths(refused)).toEqual(EXPECTED_ERRORS.map((e) => `line.${e.line}.${e.field}`));
    expect(await snapshotsOf(s.orgId, Object.values(s.fx.assets))).toEqual([]);
    expect((await s.operator.snapshots.imports.query({ clientId: s.fx.clientId })).items).toEqual([]);
  });

  it('imports the valid rows with skipInvalidRows, keeping source, import id, window and attribution window', async () => {
    const s = await setup();
    const { mapping } = await s.operator.snapshots.previewCsv.mutate(exportFile(s));
    const result = await s.operator.snapshots.importCsv.mutate({
      ...exportFile(s),
      fileName: 'export.csv',
      mapping,
      skipInvalidRows: true,
    });
    expect(result).toEqual({
      importId: expect.any(String),
      imported: 4,
      revised: 0,
      errors: EXPECTED_ERRORS,
    });
    const rows = await snapshotsOf(s.orgId, [s.fx.assets.control ?? '']);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      source: 'csv',
      sourceRef: result.importId,
      attributionWindow: '7d_click,1d_view',
      experimentId: s.fx.experimentId,
      timeFrom: new Date('2026-11-30T00:00:00Z'),
      timeTo: new Date('2026-12-01T00:00:00Z'),
      revision: 0,
      metrics: { impressions: 12400, clicks: 310, conversions: 9, spend: 211.87, revenue: 512.4 },
    });
    const listed = await s.member.snapshots.imports.query({ clientId: s.fx.clientId });
    expect(listed.items).toEqual([
      expect.objectContaining({
        id: result.importId,
        fileName: 'export.csv',
        rowsImported: 4,
        rowsRevised: 0,
        errors: EXPECTED_ERRORS,
      }),
    ]);
    const audit = await listAudit(t.database.db, s.orgId, { targetId: result.importId });
    expect(audit.map((a) => a.action)).toEqual(['snapshots.import']);
  });

  it('revises a window imported before in place (revision + 1) when a new file changes its numbers', async () => {
    const s = await setup();
    const file = (spend: string) => ({
      clientId: s.fx.clientId,
      fileName: 'weekly.csv',
      headers: ['Day', 'Ad ID', 'Impressions', 'Clicks', 'Spend'],
      rows: [
        row(2, { Day: '2026-12-01', 'Ad ID': s.ads.control, Impressions: '1000', Clicks: '40', Spend: '20' }),
        row(3, {
          Day: '2026-12-02',
          'Ad ID': s.ads.control,
          Impressions: '1100',
          Clicks: '41',
          Spend: spend,
        }),
      ],
    });
    const { mapping } = await s.operator.snapshots.previewCsv.mutate(file('21'));
    expect(mapping).toMatchObject({
      date: 'Day',
      dateTo: null,
      adId: 'Ad ID',
      conversions: null,
      attributionWindow: null,
    });
    const first = await s.operator.snapshots.importCsv.mutate({ ...file('21'), mapping });
    const [, before] = await snapshotsOf(s.orgId, [s.fx.assets.control ?? '']);
    const second = await s.operator.snapshots.importCsv.mutate({ ...file('23.5'), mapping });
    expect(second).toMatchObject({ imported: 2, revised: 1 });
    const rows = await snapshotsOf(s.orgId, [s.fx.assets.control ?? '']);
    expect(rows.map((r) => [r.revision, r.sourceRef])).toEqual([
      [0, first.importId],
      [1, second.importId],
    ]);
    expect(rows[1]?.id).toBe(before?.id);
    expect(rows[1]?.metrics).toMatchObject({ spend: 23.5 });
  });

  it('takes asset ids instead of ad ids and holds the rows to the experiment named', async () => {
    const s = await setup();
    const other = await fixture(t.database.db, s.orgId);
    const file = {
      clientId: s.fx.clientId,
      experimentId: s.fx.experimentId,
      headers: ['date', 'asset_id', 'impressions', 'clicks'],
      rows: [
        row(2, { date: '2026-12-01', asset_id: s.fx.assets.treatment ?? '', impressions: '10', clicks: '1' }),
        row(3, { date: '2026-12-01', asset_id: other.assets.control ?? '', impressions: '10', clicks: '1' }),
        row(4, { date: '2026-12-01', asset_id: 'not-a-uuid', impressions: '10', clicks: '1' }),
        row(5, { date: '2026-12-01', asset_id: '', impressions: '10', clicks: '1' }),
      ],
    };
    const preview = await s.operator.snapshots.previewCsv.mutate(file);
    expect(preview.mapping).toMatchObject({ date: 'date', assetId: 'asset_id', adId: null });
    // Line 3: an asset of another client (of the same org) is not this client's.
    expect(preview.errors).toEqual([
      { line: 3, field: 'assetId', message: 'is not an asset of this client' },
      { line: 4, field: 'assetId', message: 'is not an asset of this client' },
      { line: 5, field: 'assetId', message: 'is empty' },
    ]);
    expect(preview.rows[0]).toMatchObject({
      assetId: s.fx.assets.treatment,
      armId: 'treatment',
      error: null,
    });
    // An asset of the same client outside the experiment named.
    const [loose] = await t.database.db
      .insert(assets)
      .values({
        orgId: s.orgId,
        clientId: s.fx.clientId,
        sourceType: 'generated',
        channelId: 'meta_feed',
        format: 'image',
        content: { headline: 'not in a test' },
      })
      .returning({ id: assets.id });
    const outside = await s.operator.snapshots.previewCsv.mutate({
      ...file,
      rows: [row(2, { date: '2026-12-01', asset_id: loose?.id ?? '', impressions: '1', clicks: '0' })],
    });
    expect(outside.errors).toEqual([{ line: 2, field: 'assetId', message: 'is not in this experiment' }]);
    const withoutExperiment = await s.operator.snapshots.previewCsv.mutate({
      ...file,
      experimentId: null,
      rows: [row(2, { date: '2026-12-01', asset_id: loose?.id ?? '', impressions: '1', clicks: '0' })],
    });
    expect(withoutExperiment.validRows).toBe(1);
    const wrongExperiment = await failure(
      s.operator.snapshots.previewCsv.mutate({ ...file, experimentId: other.experimentId }),
    );
    expect(wrongExperiment.code).toBe('NOT_FOUND');
  });

  it('answers a mapping that names no column of the file as errors of line 1, and refuses to import with it', async () => {
    const s = await setup();
    const file = {
      clientId: s.fx.clientId,
      headers: ['Day', 'Ad ID', 'Impressions'],
      rows: [row(2, { Day: '2026-12-01', 'Ad ID': s.ads.control, Impressions: '5' })],
    };
    const mapping = {
      date: 'Day',
      dateTo: null,
      adId: 'Ad ID',
      assetId: null,
      impressions: 'Impressions',
      clicks: 'Clicks',
      conversions: null,
      spend: null,
      revenue: null,
      attributionWindow: null,
    };
    const preview = await s.operator.snapshots.previewCsv.mutate({ ...file, mapping });
    expect(preview).toMatchObject({
      errors: [{ line: 1, field: 'mapping.clicks', message: 'the file has no column "Clicks"' }],
      rows: [],
      validRows: 0,
    });
    const refused = await failure(
      s.operator.snapshots.importCsv.mutate({ ...file, mapping, fileName: 'x.csv', skipInvalidRows: true }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(fieldPaths(refused)).toEqual(['line.1.mapping.clicks']);
    const noIds = await s.operator.snapshots.previewCsv.mutate({ ...file, headers: ['Day', 'Impressions'] });
    expect(noIds.errors).toContainEqual({
      line: 1,
      field: 'mapping.adId',
      message: 'map a column of ad ids or of asset ids',
    });
  });

  it('lets members preview but not import; another org sees NOT_FOUND and cannot reach its ads', async () => {
    const s = await setup();
    const stranger = await setup();
    const file = exportFile(s);
    const { mapping } = await s.member.snapshots.previewCsv.mutate(file);
    const forbidden = await failure(
      s.member.snapshots.importCsv.mutate({ ...file, fileName: 'x.csv', mapping }),
    );
    expect(forbidden.code).toBe('FORBIDDEN');
    for (const call of [
      () => stranger.operator.snapshots.previewCsv.mutate(file),
      () =>
        stranger.operator.snapshots.importCsv.mutate({
          ...file,
          fileName: 'x.csv',
          mapping,
          skipInvalidRows: true,
        }),
      () => stranger.operator.snapshots.imports.query({ clientId: s.fx.clientId }),
    ]) {
      expect((await failure(call())).code).toBe('NOT_FOUND');
    }
    // The stranger's own client with our ad ids: none of them resolve.
    const theirs = await stranger.operator.snapshots.previewCsv.mutate({
      ...file,
      clientId: stranger.fx.clientId,
    });
    expect(theirs.validRows).toBe(0);
    expect(theirs.errors.filter((e) => e.field === 'adId')).toHaveLength(10);
  });

  it(`takes ${MAX_CSV_ROWS} rows in one request (beyond the 1 MB limit) and refuses one more`, async () => {
    const s = await setup();
    const start = Date.UTC(2000, 0, 1);
    const rows = Array.from({ length: MAX_CSV_ROWS }, (_, i) =>
      row(i + 2, {
        day: new Date(start + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10),
        ad: i % 2 === 0 ? s.ads.control : s.ads.treatment,
        impressions: String(1000 + i),
        clicks: String(i % 97),
      }),
    );
    const file = { clientId: s.fx.clientId, headers: ['day', 'ad', 'impressions', 'clicks'], rows };
    const mapping = {
      date: 'day',
      dateTo: null,
      adId: 'ad',
      assetId: null,
      impressions: 'impressions',
      clicks: 'clicks',
      conversions: null,
      spend: null,
      revenue: null,
      attributionWindow: null,
    };
    expect(JSON.stringify(file).length).toBeGreaterThan(1024 * 1024);
    const result = await s.operator.snapshots.importCsv.mutate({ ...file, fileName: 'big.csv', mapping });
    expect(result).toMatchObject({ imported: MAX_CSV_ROWS, revised: 0, errors: [] });
    const count = await t.database.db.$count(
      assetPerformanceSnapshots,
      eq(assetPerformanceSnapshots.sourceRef, result.importId),
    );
    expect(count).toBe(MAX_CSV_ROWS);
    const tooMany = await failure(
      s.operator.snapshots.previewCsv.mutate({
        ...file,
        rows: [...rows, row(MAX_CSV_ROWS + 2, rows[0]?.cells ?? {})],
      }),
    );
    expect(tooMany.code).toBe('BAD_REQUEST');
    expect(fieldPaths(tooMany)).toEqual(['rows']);
    const [imp] = await t.database.db
      .select()
      .from(snapshotImports)
      .where(eq(snapshotImports.id, result.importId));
    expect(imp?.rowsImported).toBe(MAX_CSV_ROWS);
  }, 120_000);
});
