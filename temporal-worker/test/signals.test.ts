import {
  adConnectors,
  assetPerformanceSnapshots,
  type Database,
  ensureOrg,
  importSecretsKey,
  linkPlatformAd,
  putSecret,
  type SecretsKey,
  upsertAdConnector,
} from '@mos/db';
import type { MetaConnectorSettings } from '@mos/db/contracts';
import { createDb } from '@mos/db/node';
import { type SignalsFixture, signalsFixture, testPostgresUrl } from '@mos/db/testing';
import { MockActivityEnvironment } from '@temporalio/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDeps } from '../src/activities/deps';
import { createActivities } from '../src/activities/index';
import { pullWindow } from '../src/activities/signals/index';
import { actionTotal, fetchAdInsights, readUsage } from '../src/activities/signals/meta-insights';
import type { LlmClient } from '../src/llm/types';
import {
  GRAPH_API_SHAPES,
  type GraphApiStandIn,
  type StandInDay,
  startGraphApiStandIn,
} from './support/graph-api-stand-in';

/** The Meta insights pull against a stand-in speaking the Graph API's wire format, on the test PostgreSQL. */
const SECRETS_KEY_B64 = Buffer.alloc(32, 11).toString('base64');

let database: Database;
let graph: GraphApiStandIn;
let key: SecretsKey;
const logLines: string[] = [];
const sleeps: number[] = [];

beforeAll(async () => {
  database = await createDb(testPostgresUrl());
  key = await importSecretsKey(SECRETS_KEY_B64);
  graph = await startGraphApiStandIn();
}, 60_000);
afterAll(async () => {
  await graph?.close();
  await database?.close();
});

const noLlm = new Proxy({} as LlmClient, {
  get() {
    throw new Error('the signals activities must not call the LLM');
  },
});

function activities(now: Date, extra: Partial<ActivityDeps> = {}) {
  return createActivities({
    db: database.db,
    llm: noLlm,
    clock: () => now,
    secretsKey: key,
    forwarding: { metaGraphBaseUrl: graph.baseUrl },
    log: (line) => logLines.push(line),
    metaInsights: {
      pageSize: 3,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
    ...extra,
  });
}

/** Runs an activity in a MockActivityEnvironment (activity context, heartbeats). */
function inActivity<A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> {
  return new MockActivityEnvironment().run<A, R, (...args: A) => Promise<R>>(fn, ...args);
}

interface Setup {
  orgId: string;
  fx: SignalsFixture;
  account: string;
  token: string;
  ads: { control: string; treatment: string; unlinked: string };
}

const adId = () => `1202${String(Math.floor(Math.random() * 1e14)).padStart(14, '0')}`;

/** An org with the fixture client, a connector for a fresh ad account, its token secret and linked ads. */
async function setup(settings: Partial<MetaConnectorSettings> = {}): Promise<Setup> {
  const tag = crypto.randomUUID().replaceAll('-', '').slice(0, 12);
  const org = await ensureOrg(database.db, { externalId: `org_sig_${tag}`, name: `Signals ${tag}` });
  const fx = await signalsFixture(database.db, org.id);
  const account = `act_${Math.floor(Math.random() * 1e12)}`;
  const token = `EAAG${crypto.randomUUID().replaceAll('-', '')}`;
  graph.addAccount(account, token);
  await putSecret(database.db, key, org.id, 'META_ADS_TOKEN', token);
  const ads = { control: adId(), treatment: adId(), unlinked: adId() };
  await linkPlatformAd(database.db, org.id, {
    assetId: fx.assets.control ?? '',
    platform: 'meta',
    externalAdId: ads.control,
  });
  await linkPlatformAd(database.db, org.id, {
    assetId: fx.assets.treatment ?? '',
    platform: 'meta',
    externalAdId: ads.treatment,
  });
  await upsertAdConnector(database.db, org.id, {
    clientId: fx.clientId,
    platform: 'meta',
    enabled: true,
    settings: {
      adAccountId: account,
      tokenSecret: 'META_ADS_TOKEN',
      attributionWindows: ['7d_click', '1d_view'],
      trailingDays: 3,
      apiVersion: 'v21.0',
      ...settings,
    } satisfies MetaConnectorSettings,
  });
  return { orgId: org.id, fx, account, token, ads };
}

const day = (
  impressions: number,
  clicks: number,
  purchases: [number, number],
  spend: number,
): StandInDay => ({
  impressions,
  clicks,
  spend,
  actions: {
    link_click: { '7d_click': clicks },
    // The pixel's purchases are part of `purchase`: counting both would double them.
    'offsite_conversion.fb_pixel_purchase': { '7d_click': purchases[0], '1d_view': purchases[1] },
    purchase: { '7d_click': purchases[0], '1d_view': purchases[1] },
  },
  actionValues: {
    purchase: { '7d_click': purchases[0] * 40, '1d_view': purchases[1] * 40 },
  },
});

async function snapshotsOf(orgId: string, assetId: string) {
  return database.db
    .select()
    .from(assetPerformanceSnapshots)
    .where(and(eq(assetPerformanceSnapshots.orgId, orgId), eq(assetPerformanceSnapshots.assetId, assetId)))
    .orderBy(assetPerformanceSnapshots.timeFrom);
}

async function connectorOf(orgId: string) {
  const [row] = await database.db.select().from(adConnectors).where(eq(adConnectors.orgId, orgId));
  if (!row) throw new Error('no connector');
  return row;
}

describe('the Graph API stand-in', () => {
  it('answers in the recorded shapes: string numbers, actions per window, cursors and next, usage headers', async () => {
    const s = await setup();
    for (const d of ['2026-11-30', '2026-12-01']) {
      graph.setDay(s.account, s.ads.control, d, day(18421, 342, [7, 2], 211.87));
      graph.setDay(s.account, s.ads.treatment, d, day(17000, 300, [5, 1], 200));
    }
    const url = new URL(`${graph.baseUrl}/v21.0/${s.account}/insights`);
    const recorded = new URL(String(GRAPH_API_SHAPES.insightsPage.paging.next));
    for (const [k, v] of recorded.searchParams) if (k !== 'after') url.searchParams.set(k, v);
    url.searchParams.set('time_range', JSON.stringify({ since: '2026-11-30', until: '2026-12-06' }));
    url.searchParams.set('limit', '3');
    const res = await fetch(url, { headers: { authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(200);
    for (const [name, value] of Object.entries(GRAPH_API_SHAPES.usageHeaders)) {
      expect(Object.keys(JSON.parse(res.headers.get(name) ?? 'null')).length, name).toBe(
        Object.keys(JSON.parse(value)).length,
      );
    }
    const body = (await res.json()) as { data: Record<string, unknown>[]; paging: Record<string, unknown> };
    const recordedRow = GRAPH_API_SHAPES.insightsPage.data[0] ?? {};
    expect(body.data).toHaveLength(3);
    expect(Object.keys(body.data[0] ?? {}).sort()).toEqual(Object.keys(recordedRow).sort());
    for (const field of ['impressions', 'clicks', 'spend'])
      expect(typeof body.data[0]?.[field]).toBe('string');
    const controlRow = body.data.find((r) => r.ad_id === s.ads.control);
    const purchase = ((controlRow?.actions ?? []) as Record<string, string>[]).find(
      (a) => a.action_type === 'purchase',
    );
    expect(purchase).toEqual({ action_type: 'purchase', value: '9', '7d_click': '7', '1d_view': '2' });
    expect(Object.keys(body.paging).sort()).toEqual(Object.keys(GRAPH_API_SHAPES.insightsPage.paging).sort());
    expect(new URL(String(body.paging.next)).searchParams.get('after')).toBe(
      (body.paging.cursors as { after: string }).after,
    );
  });

  it('answers a bad token with the recorded OAuthException 190 and a bad parameter with code 100', async () => {
    const s = await setup();
    const url = `${graph.baseUrl}/v21.0/${s.account}/insights?level=campaign&time_increment=1`;
    const badToken = await fetch(url, { headers: { authorization: 'Bearer nope' } });
    expect(badToken.status).toBe(400);
    expect(((await badToken.json()) as { error: { code: number } }).error.code).toBe(190);
    const badLevel = await fetch(url, { headers: { authorization: `Bearer ${s.token}` } });
    expect(((await badLevel.json()) as { error: { code: number } }).error.code).toBe(100);
  });
});

describe('meta insights client', () => {
  it('reads the highest usage percent and the wait Meta asks for from the usage headers', () => {
    const recorded = readUsage(new Headers(GRAPH_API_SHAPES.usageHeaders));
    expect(recorded).toEqual({ percent: 28, regainMs: 0 });
    const busy = readUsage(
      new Headers({
        'x-business-use-case-usage': JSON.stringify({
          '1': [{ type: 'ads_insights', call_count: 96, estimated_time_to_regain_access: 3 }],
        }),
        'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 40, reset_time_duration: 30 }),
      }),
    );
    expect(busy).toEqual({ percent: 96, regainMs: 180_000 });
  });

  it('counts the widest click window plus the widest view window of the first action type present', () => {
    const actions = [
      { action_type: 'lead', value: '4', '1d_click': '2', '7d_click': '3', '1d_view': '1' },
      { action_type: 'purchase', value: '9', '1d_click': '5', '7d_click': '7', '1d_view': '2' },
    ];
    expect(actionTotal(actions, ['purchase', 'lead'], ['1d_click', '7d_click', '1d_view'])).toEqual({
      type: 'purchase',
      total: 9,
    });
    expect(actionTotal(actions, ['purchase'], ['1d_click'])).toEqual({ type: 'purchase', total: 5 });
    expect(actionTotal(actions, ['omni_purchase'], ['7d_click'])).toEqual({ type: null, total: 0 });
    // No window keys on the item (windows not asked): Graph's `value`.
    expect(actionTotal([{ action_type: 'lead', value: '6' }], ['lead'], ['7d_click'])).toEqual({
      type: 'lead',
      total: 6,
    });
  });

  it('waits when a usage header nears the limit and backs off on throttling errors, then goes on', async () => {
    const s = await setup();
    for (let i = 1; i <= 7; i++)
      graph.setDay(s.account, s.ads.control, `2026-11-0${i}`, day(100, 10, [1, 0], 5));
    // First answer: 80 % with 2 minutes to regain → the next call waits 120 s; then two throttling errors.
    graph.setUsage([{ percent: 80, regainMinutes: 2 }, { percent: 10 }]);
    sleeps.length = 0;
    const before = graph.requests.length;
    const firstPage = fetchAdInsights(
      {
        baseUrl: graph.baseUrl,
        apiVersion: 'v21.0',
        adAccountId: s.account,
        since: '2026-11-01',
        until: '2026-11-07',
        attributionWindows: ['7d_click'],
      },
      s.token,
      {
        pageSize: 3,
        sleep: async (ms) => {
          sleeps.push(ms);
          // While it waits after page 1, the platform starts throttling.
          if (sleeps.length === 1) {
            graph.failNext(80000);
            graph.failNext(17);
          }
        },
      },
    );
    const result = await firstPage;
    expect(result.rows).toHaveLength(7);
    expect(result.pages).toBe(3);
    expect(sleeps).toEqual([120_000, 60_000, 120_000]);
    expect(result.waits).toBe(3);
    const calls = graph.requests.slice(before);
    expect(calls.map((c) => c.status)).toEqual([200, 400, 400, 200, 200]);
    // The token went in the header every time, never in a URL (not even when following `next`).
    expect(calls.every((c) => c.tokenVia === 'header')).toBe(true);
    expect(calls.map((c) => c.query.after ?? null)).toEqual([null, 'Mw', 'Mw', 'Mw', 'Ng']);
  });
});

describe('meta insights client failures', () => {
  const query = (account: string, baseUrl = graph.baseUrl) => ({
    baseUrl,
    apiVersion: 'v21.0',
    adAccountId: account,
    since: '2026-12-01',
    until: '2026-12-01',
    attributionWindows: ['7d_click'],
  });
  const record = () => {
    const waited: number[] = [];
    return { waited, sleep: async (ms: number) => void waited.push(ms) };
  };

  it('retries transient errors (code 2, HTTP 500) after seconds and goes on', async () => {
    const s = await setup();
    graph.setDay(s.account, s.ads.control, '2026-12-01', day(10, 1, [0, 0], 1));
    graph.failNext(2, 2);
    const { waited, sleep } = record();
    const result = await fetchAdInsights(query(s.account), s.token, { sleep });
    expect(result.rows).toHaveLength(1);
    expect(waited).toEqual([2_000, 4_000]);
  });

  it('names a missing permission (code 200) and an unreachable API by their kinds', async () => {
    const s = await setup();
    graph.failNext(200);
    await expect(fetchAdInsights(query(s.account), s.token, record())).rejects.toMatchObject({
      reason: 'permission',
      code: 200,
      status: 403,
    });
    const closed = await startGraphApiStandIn();
    const gone = closed.baseUrl;
    await closed.close();
    const { waited, sleep } = record();
    await expect(fetchAdInsights(query(s.account, gone), s.token, { sleep })).rejects.toMatchObject({
      reason: 'network',
      waits: 4,
    });
    expect(waited).toEqual([2_000, 4_000, 8_000, 16_000]);
  });
});

describe('pullAdConnector', () => {
  it('pulls per ad and day over every page into snapshots of the linked assets, keeping source and window', async () => {
    const s = await setup();
    for (const d of ['2026-12-03', '2026-12-04', '2026-12-05']) {
      graph.setDay(s.account, s.ads.control, d, day(1000, 50, [4, 1], 25.5));
      graph.setDay(s.account, s.ads.treatment, d, day(1100, 70, [6, 2], 27.25));
      graph.setDay(s.account, s.ads.unlinked, d, day(900, 20, [1, 0], 10));
    }
    const now = new Date('2026-12-05T10:00:00Z');
    const before = graph.requests.length;
    logLines.length = 0;
    const summary = await inActivity(activities(now).pullAdConnector, {
      orgId: s.orgId,
      clientId: s.fx.clientId,
    });
    expect(summary).toEqual({
      from: '2026-11-08',
      to: '2026-12-05',
      pages: 3,
      rows: 9,
      inserted: 6,
      revised: 0,
      unmatchedAds: 1,
      waits: 0,
      error: null,
      errorReason: null,
    });
    const calls = graph.requests.slice(before);
    expect(calls[0]?.query).toMatchObject({
      level: 'ad',
      time_increment: '1',
      time_range: JSON.stringify({ since: '2026-11-08', until: '2026-12-05' }),
      action_attribution_windows: JSON.stringify(['7d_click', '1d_view']),
    });
    expect(calls.every((c) => c.tokenVia === 'header')).toBe(true);

    const control = await snapshotsOf(s.orgId, s.fx.assets.control ?? '');
    expect(control).toHaveLength(3);
    expect(control[0]).toMatchObject({
      source: 'meta',
      sourceRef: s.ads.control,
      attributionWindow: '7d_click,1d_view',
      experimentId: s.fx.experimentId,
      revision: 0,
      timeFrom: new Date('2026-12-03T00:00:00Z'),
      timeTo: new Date('2026-12-04T00:00:00Z'),
      pulledAt: now,
      // purchase: 4 (7-day click) + 1 (1-day view); the pixel's own purchase row is not added again.
      metrics: { impressions: 1000, clicks: 50, conversions: 5, spend: 25.5, revenue: 200 },
    });
    const connector = await connectorOf(s.orgId);
    expect(connector.lastPulledAt).toEqual(now);
    expect(connector.lastResult).toEqual(summary);
    expect(logLines.join('\n')).toContain('6 new');
    expect(logLines.join('\n')).not.toContain(s.token);
  });

  it('re-pulls the trailing days: a late revision replaces its day in place as revision + 1', async () => {
    const s = await setup();
    for (const d of ['2026-12-01', '2026-12-02', '2026-12-03']) {
      graph.setDay(s.account, s.ads.control, d, day(1000, 50, [4, 1], 25));
      graph.setDay(s.account, s.ads.treatment, d, day(1000, 60, [5, 1], 25));
    }
    const first = await inActivity(activities(new Date('2026-12-03T20:00:00Z')).pullAdConnector, {
      orgId: s.orgId,
      clientId: s.fx.clientId,
    });
    expect(first).toMatchObject({ inserted: 6, revised: 0 });
    const [, dec2Before] = await snapshotsOf(s.orgId, s.fx.assets.control ?? '');

    // Meta revises Dec 2 (late conversions) and Dec 4 arrives; Dec 1 is outside the 3 trailing days.
    graph.setDay(s.account, s.ads.control, '2026-12-02', day(1000, 50, [6, 2], 25.4));
    graph.setDay(s.account, s.ads.control, '2026-12-04', day(800, 40, [3, 0], 20));
    graph.setDay(s.account, s.ads.control, '2026-12-01', day(1, 1, [1, 1], 1));
    const before = graph.requests.length;
    const second = await inActivity(activities(new Date('2026-12-04T20:00:00Z')).pullAdConnector, {
      orgId: s.orgId,
      clientId: s.fx.clientId,
    });
    expect(second).toMatchObject({ from: '2026-12-02', to: '2026-12-04', inserted: 1, revised: 1 });
    expect(JSON.parse(graph.requests[before]?.query.time_range ?? '{}')).toEqual({
      since: '2026-12-02',
      until: '2026-12-04',
    });
    const control = await snapshotsOf(s.orgId, s.fx.assets.control ?? '');
    expect(control.map((r) => [r.timeFrom.toISOString().slice(0, 10), r.revision])).toEqual([
      ['2026-12-01', 0],
      ['2026-12-02', 1],
      ['2026-12-03', 0],
      ['2026-12-04', 0],
    ]);
    const dec2 = control[1];
    expect(dec2?.id).toBe(dec2Before?.id);
    expect(dec2?.metrics).toEqual({
      impressions: 1000,
      clicks: 50,
      conversions: 8,
      spend: 25.4,
      revenue: 320,
    });
    expect(dec2?.pulledAt).toEqual(new Date('2026-12-04T20:00:00Z'));
    expect(control[0]?.metrics).toMatchObject({ impressions: 1000 });
  });

  it('adds up ads of one asset into one snapshot per day', async () => {
    const s = await setup();
    const second = adId();
    await linkPlatformAd(database.db, s.orgId, {
      assetId: s.fx.assets.control ?? '',
      platform: 'meta',
      externalAdId: second,
    });
    graph.setDay(s.account, s.ads.control, '2026-12-05', day(1000, 50, [4, 1], 25.5));
    graph.setDay(s.account, second, '2026-12-05', day(500, 20, [1, 1], 10.25));
    const summary = await inActivity(activities(new Date('2026-12-05T12:00:00Z')).pullAdConnector, {
      orgId: s.orgId,
      clientId: s.fx.clientId,
    });
    expect(summary).toMatchObject({ rows: 2, inserted: 1, unmatchedAds: 0 });
    const [row] = await snapshotsOf(s.orgId, s.fx.assets.control ?? '');
    expect(row?.metrics).toEqual({
      impressions: 1500,
      clicks: 70,
      conversions: 7,
      spend: 35.75,
      revenue: 280,
    });
    expect(row?.sourceRef).toBe([s.ads.control, second].sort().join(','));
  });

  it('ends as rate_limited when throttling outlasts its attempts, keeping the last pull date and writing nothing', async () => {
    const s = await setup();
    graph.setDay(s.account, s.ads.control, '2026-12-05', day(1000, 50, [4, 1], 25));
    graph.failNext(613, 4);
    sleeps.length = 0;
    const summary = await inActivity(activities(new Date('2026-12-05T12:00:00Z')).pullAdConnector, {
      orgId: s.orgId,
      clientId: s.fx.clientId,
    });
    expect(summary.errorReason).toBe('rate_limited');
    expect(summary.error).toContain('code 613');
    expect(summary.waits).toBe(3);
    // 60 s, 120 s, 240 s; the fourth back-off (480 s) is beyond the 5 minutes a pull waits at most.
    expect(sleeps).toEqual([60_000, 120_000, 240_000]);
    expect(await snapshotsOf(s.orgId, s.fx.assets.control ?? '')).toEqual([]);
    const connector = await connectorOf(s.orgId);
    expect(connector.lastPulledAt).toBeNull();
    expect(connector.lastResult).toMatchObject({ errorReason: 'rate_limited' });
  });

  it('stops at once on a bad token (no retry) and never puts the token in the summary or the log', async () => {
    const s = await setup();
    const wrong = `EAAG-wrong-${crypto.randomUUID()}`;
    await putSecret(database.db, key, s.orgId, 'META_ADS_TOKEN', wrong);
    const before = graph.requests.length;
    logLines.length = 0;
    const summary = await inActivity(activities(new Date('2026-12-05T12:00:00Z')).pullAdConnector, {
      orgId: s.orgId,
      clientId: s.fx.clientId,
    });
    expect(summary.errorReason).toBe('token_invalid');
    expect(summary.error).toContain('code 190');
    expect(graph.requests.length - before).toBe(1);
    const everything = JSON.stringify({ summary, log: logLines, connector: await connectorOf(s.orgId) });
    expect(everything).not.toContain(wrong);
  });

  it('asks nothing of Meta without the secret, without a connector, or when the connector is disabled', async () => {
    const s = await setup({ tokenSecret: 'META_OTHER_TOKEN' });
    const before = graph.requests.length;
    const acts = activities(new Date('2026-12-05T12:00:00Z'));
    const missing = await inActivity(acts.pullAdConnector, { orgId: s.orgId, clientId: s.fx.clientId });
    expect(missing).toMatchObject({ errorReason: 'secret_missing' });
    expect(missing.error).toContain('META_OTHER_TOKEN');
    const keyless = await activities(new Date(), { secretsKey: null }).pullAdConnector({
      orgId: s.orgId,
      clientId: s.fx.clientId,
    });
    expect(keyless.errorReason).toBe('secret_missing');
    const other = await setup();
    const none = await acts.pullAdConnector({ orgId: other.orgId, clientId: s.fx.clientId });
    expect(none.errorReason).toBe('no_connector');
    await database.db.update(adConnectors).set({ enabled: false }).where(eq(adConnectors.orgId, s.orgId));
    expect((await acts.pullAdConnector({ orgId: s.orgId, clientId: s.fx.clientId })).errorReason).toBe(
      'disabled',
    );
    expect(graph.requests.length).toBe(before);
  });
});

describe('pullWindow', () => {
  const now = new Date('2026-12-06T08:00:00Z');
  it('takes 28 days on a first pull, the trailing days after a recent one, back to an older last pull, at most 90', () => {
    expect(pullWindow(now, null, 7)).toEqual({ from: '2026-11-09', to: '2026-12-06' });
    expect(pullWindow(now, new Date('2026-12-06T07:00:00Z'), 7)).toEqual({
      from: '2026-11-30',
      to: '2026-12-06',
    });
    expect(pullWindow(now, new Date('2026-11-20T07:00:00Z'), 7)).toEqual({
      from: '2026-11-20',
      to: '2026-12-06',
    });
    expect(pullWindow(now, new Date('2026-01-01T00:00:00Z'), 7)).toEqual({
      from: '2026-09-08',
      to: '2026-12-06',
    });
    expect(pullWindow(now, null, 7, { from: '2026-12-01', to: '2026-12-02' })).toEqual({
      from: '2026-12-01',
      to: '2026-12-02',
    });
  });
});
