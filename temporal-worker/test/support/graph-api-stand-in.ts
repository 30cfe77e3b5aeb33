/**
 * A local stand-in for the Graph API's insights edge, speaking its wire format (shapes in
 * test/fixtures/graph-api/insights-shapes.json): `GET /<version>/act_<id>/insights` with level=ad, time_increment=1,
 * time_range, fields, action_attribution_windows, limit and `after`; rows with numbers as strings and actions per
 * attribution window; cursor paging with a `next` link; the four usage headers on every answer; Graph error objects
 * for a bad token (190), a missing permission (200), a bad parameter or unknown account (100), throttling (4, 17, 613,
 * 80000) and transient failures (2). Numbers of a day can be changed between pulls (Meta's late revisions).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const SHAPES = JSON.parse(
  readFileSync(new URL('../fixtures/graph-api/insights-shapes.json', import.meta.url), 'utf8'),
) as {
  usageHeaders: Record<string, string>;
  errors: Record<string, { status: number; body: { error: Record<string, unknown> } }>;
};

export const STAND_IN_WINDOWS = ['1d_click', '7d_click', '28d_click', '1d_view', '7d_view'] as const;
export type StandInWindow = (typeof STAND_IN_WINDOWS)[number];

/** One ad's day: counts and, per action type, the conversions (or value) under each attribution window. */
export interface StandInDay {
  impressions: number;
  clicks: number;
  spend: number;
  actions?: Record<string, Partial<Record<StandInWindow, number>>>;
  actionValues?: Record<string, Partial<Record<StandInWindow, number>>>;
}

export interface StandInRequest {
  path: string;
  /** The query without `access_token`. */
  query: Record<string, string>;
  /** How the token came: the Authorization header, the query, or not at all. */
  tokenVia: 'header' | 'query' | 'none';
  status: number;
}

/** Usage percents and wait hints the next answers carry (the last one repeats). */
export interface StandInUsage {
  percent: number;
  /** `estimated_time_to_regain_access` (minutes) of the business use case header. */
  regainMinutes?: number;
  /** `reset_time_duration` (seconds) of the ad account header. */
  resetSeconds?: number;
}

export interface GraphApiStandIn {
  baseUrl: string;
  requests: StandInRequest[];
  /** An ad account readable with `token`. */
  addAccount(adAccountId: string, token: string): void;
  /** Sets (or revises) an ad's numbers for a day. */
  setDay(adAccountId: string, adId: string, day: string, stats: StandInDay): void;
  /** The next `count` insights calls answer the Graph error of `code` (see the shapes file). */
  failNext(code: number, count?: number): void;
  /** Usage reported on the next answers, one entry per answer; the last entry stays. */
  setUsage(usage: StandInUsage[]): void;
  close(): Promise<void>;
}

const trace = () => `A${randomBytes(9).toString('base64url')}`;
const cursor = (offset: number) => Buffer.from(String(offset)).toString('base64url');
const offsetOf = (after: string | undefined) => {
  if (!after) return 0;
  const n = Number(Buffer.from(after, 'base64url').toString('utf8'));
  return Number.isInteger(n) && n >= 0 ? n : -1;
};
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Numbers as Graph writes them: integers plain, money with up to two decimals, all as strings. */
const str = (n: number) => String(Math.round(n * 100) / 100);

function actionList(
  byType: StandInDay['actions'],
  windows: readonly StandInWindow[],
): Record<string, string>[] | undefined {
  if (!byType) return undefined;
  const out: Record<string, string>[] = [];
  for (const [type, perWindow] of Object.entries(byType)) {
    const item: Record<string, string> = { action_type: type };
    const widest = (suffix: string) =>
      Math.max(0, ...windows.filter((w) => w.endsWith(suffix)).map((w) => perWindow[w] ?? 0));
    item.value = str(widest('_click') + widest('_view'));
    for (const w of windows) if (perWindow[w] !== undefined) item[w] = str(perWindow[w] ?? 0);
    out.push(item);
  }
  return out;
}

export async function startGraphApiStandIn(): Promise<GraphApiStandIn> {
  const requests: StandInRequest[] = [];
  const tokens = new Map<string, string>();
  const days = new Map<string, Map<string, StandInDay>>(); // account → `${day}|${adId}` → numbers
  const failures: number[] = [];
  let usage: StandInUsage[] = [{ percent: 3 }];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const query = Object.fromEntries(url.searchParams);
    const queryToken = query.access_token;
    delete query.access_token;
    const auth = /^(?:Bearer|OAuth) (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const token = auth ?? queryToken;
    const current = usage.length > 1 ? (usage.shift() as StandInUsage) : (usage[0] ?? { percent: 0 });
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=UTF-8',
      'x-fb-trace-id': trace(),
      'x-app-usage': JSON.stringify({
        call_count: current.percent,
        total_time: Math.round(current.percent / 2),
        total_cputime: Math.round(current.percent / 3),
      }),
      'x-ad-account-usage': JSON.stringify({
        acc_id_util_pct: current.percent,
        reset_time_duration: current.resetSeconds ?? 0,
        ads_api_access_tier: 'standard_access',
      }),
      'x-business-use-case-usage': JSON.stringify({
        '1234567890': [
          {
            type: 'ads_insights',
            call_count: current.percent,
            total_cputime: Math.round(current.percent / 3),
            total_time: Math.round(current.percent / 2),
            estimated_time_to_regain_access: current.regainMinutes ?? 0,
            ads_api_access_tier: 'standard_access',
          },
        ],
      }),
      'x-fb-ads-insights-throttle': JSON.stringify({
        app_id_util_pct: current.percent,
        acc_id_util_pct: current.percent,
        ads_api_access_tier: 'standard_access',
      }),
    };
    const send = (status: number, payload: unknown) => {
      requests.push({
        path: url.pathname,
        query,
        tokenVia: auth ? 'header' : queryToken ? 'query' : 'none',
        status,
      });
      res.writeHead(status, headers).end(JSON.stringify(payload));
    };
    const graphError = (code: number, message?: string) => {
      const shape = SHAPES.errors[String(code)];
      if (!shape) throw new Error(`no recorded error shape for code ${code}`);
      const error = { ...shape.body.error, fbtrace_id: trace(), ...(message ? { message } : {}) };
      send(shape.status, { error });
    };

    const m = /^\/(v\d+\.\d+)\/(act_\d+)\/insights$/.exec(url.pathname);
    if (req.method !== 'GET' || !m) {
      send(400, {
        error: {
          message: `Unknown path components: ${url.pathname}`,
          type: 'OAuthException',
          code: 2500,
          fbtrace_id: trace(),
        },
      });
      return;
    }
    const account = m[2] ?? '';
    const injected = failures.shift();
    if (injected !== undefined) return graphError(injected);
    if (!token || !tokens.has(account)) {
      if (token && !tokens.has(account)) return graphError(100);
      return graphError(190);
    }
    if (tokens.get(account) !== token) return graphError(190);

    // Parameters as the insights edge checks them.
    const bad = (what: string) => graphError(100, `(#100) ${what}`);
    if (query.level !== 'ad')
      return bad('level must be one of the following values: ad, adset, campaign, account');
    if (query.time_increment !== '1') return bad('time_increment must be 1 here');
    let range: { since?: unknown; until?: unknown };
    try {
      range = JSON.parse(query.time_range ?? 'null') ?? {};
    } catch {
      return bad('Param time_range must be a JSON object');
    }
    if (
      typeof range.since !== 'string' ||
      typeof range.until !== 'string' ||
      !DAY.test(range.since) ||
      !DAY.test(range.until) ||
      range.since > range.until
    ) {
      return bad('Invalid time_range: since and until must be YYYY-MM-DD, since before until');
    }
    const fields = (query.fields ?? '').split(',').filter(Boolean);
    if (!fields.includes('ad_id')) return bad('fields must include ad_id at level=ad');
    let windows: StandInWindow[] = [];
    if (query.action_attribution_windows) {
      try {
        const parsed = JSON.parse(query.action_attribution_windows) as unknown;
        if (!Array.isArray(parsed) || parsed.some((w) => !STAND_IN_WINDOWS.includes(w as StandInWindow))) {
          throw new Error('bad');
        }
        windows = parsed as StandInWindow[];
      } catch {
        return bad(`action_attribution_windows must be a JSON array of ${STAND_IN_WINDOWS.join(', ')}`);
      }
    }
    const limit = Number(query.limit ?? 25);
    const offset = offsetOf(query.after);
    if (!Number.isInteger(limit) || limit < 1 || offset < 0) return bad('Invalid paging parameters');

    const since = range.since;
    const until = range.until;
    const rows = [...(days.get(account) ?? new Map<string, StandInDay>()).entries()]
      .map(([key, stats]) => {
        const [day = '', adId = ''] = key.split('|');
        return { day, adId, stats };
      })
      .filter((r) => r.day >= since && r.day <= until)
      .sort((a, b) => (a.day === b.day ? a.adId.localeCompare(b.adId) : a.day.localeCompare(b.day)));
    const page = rows.slice(offset, offset + limit).map(({ day, adId, stats }) => {
      const row: Record<string, unknown> = { ad_id: adId };
      if (fields.includes('impressions')) row.impressions = str(stats.impressions);
      if (fields.includes('clicks')) row.clicks = str(stats.clicks);
      if (fields.includes('spend')) row.spend = str(stats.spend);
      const actions = fields.includes('actions') ? actionList(stats.actions, windows) : undefined;
      if (actions) row.actions = actions;
      const values = fields.includes('action_values') ? actionList(stats.actionValues, windows) : undefined;
      if (values) row.action_values = values;
      row.date_start = day;
      row.date_stop = day;
      return row;
    });
    const paging: Record<string, unknown> = {
      cursors: { before: cursor(offset), after: cursor(offset + page.length) },
    };
    if (offset + limit < rows.length) {
      // Graph's `next` repeats the request (with the token when it came in the query) and the `after` cursor.
      const next = new URL(`http://${req.headers.host}${url.pathname}`);
      for (const [k, v] of Object.entries(query)) next.searchParams.set(k, v);
      if (queryToken) next.searchParams.set('access_token', queryToken);
      next.searchParams.set('after', cursor(offset + limit));
      paging.next = next.toString();
    }
    send(200, { data: page, paging });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    addAccount(adAccountId, token) {
      tokens.set(adAccountId, token);
    },
    setDay(adAccountId, adId, day, stats) {
      let account = days.get(adAccountId);
      if (!account) {
        account = new Map();
        days.set(adAccountId, account);
      }
      account.set(`${day}|${adId}`, stats);
    },
    failNext(code, count = 1) {
      for (let i = 0; i < count; i++) failures.push(code);
    },
    setUsage(next) {
      usage = [...next];
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The recorded shapes, for tests that compare the stand-in's answers with them. */
export const GRAPH_API_SHAPES = SHAPES as typeof SHAPES & {
  insightsPage: { data: Record<string, unknown>[]; paging: Record<string, unknown> };
};
