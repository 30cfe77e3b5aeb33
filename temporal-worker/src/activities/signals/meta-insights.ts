/**
 * A plain-fetch client of the Meta Marketing API's insights edge (`GET /<version>/act_<id>/insights`), chosen over
 * `facebook-nodejs-business-sdk`: the SDK keeps its token in a process-wide default API instance (we pull for many
 * orgs with different tokens in one worker), ships Flow types rather than TypeScript, logs whole requests in debug
 * mode, and leaves paging back-off and the usage headers to the caller anyway, which is most of this file.
 *
 * What it does: one request per page (level=ad, time_increment=1, the connector's attribution windows), following
 * `paging.next` (same origin only); reads the usage headers Meta sends with every answer (`x-app-usage`,
 * `x-ad-account-usage`, `x-business-use-case-usage`, `x-fb-ads-insights-throttle`) and waits before the next call
 * when any is near its limit; retries throttling errors (codes 4, 17, 32, 613, 80000–80014) and transient ones with
 * back-off. The token travels in the Authorization header, so no URL, log line or error carries it.
 */
import type { ConnectorPullErrorReason } from '@mos/db/contracts';

export interface ActionStat {
  action_type: string;
  value?: string;
  [window: string]: string | undefined;
}

/** One row of the insights answer (level=ad, one day), numbers as Graph sends them: strings. */
export interface InsightsRow {
  ad_id: string;
  date_start: string;
  date_stop: string;
  impressions?: string;
  clicks?: string;
  spend?: string;
  actions?: ActionStat[];
  action_values?: ActionStat[];
}

export interface InsightsQuery {
  /** e.g. https://graph.facebook.com (tests: the stand-in). */
  baseUrl: string;
  apiVersion: string;
  adAccountId: string;
  /** Inclusive `YYYY-MM-DD` days in the ad account's time zone. */
  since: string;
  until: string;
  attributionWindows: readonly string[];
}

export interface InsightsClientOptions {
  /** Waits (tests pass one that records and returns at once). */
  sleep?: (ms: number) => Promise<void>;
  /** Usage percent at which the client waits before its next call. */
  usageThreshold?: number;
  /** Attempts per page for throttling and transient errors. */
  maxAttempts?: number;
  /** The longest single wait it accepts; a longer one ends the pull as `rate_limited` (the next poll resumes). */
  maxWaitMs?: number;
  /** All waits of one pull together, bounded the same way (keeps the activity well inside its timeout). */
  maxTotalWaitMs?: number;
  timeoutMs?: number;
  /** Rows per page (`limit`; Graph's default is 25). */
  pageSize?: number;
}

export interface InsightsResult {
  rows: InsightsRow[];
  pages: number;
  /** Times it waited on usage headers or throttling errors, and for how long in all. */
  waits: number;
  waitedMs: number;
  /** Rows without an ad id or day (dropped). */
  malformed: number;
}

/** A failure of the Graph API in words, with its kind; never carries the token. */
export class MetaApiError extends Error {
  readonly reason: ConnectorPullErrorReason;
  readonly status: number | null;
  readonly code: number | null;
  readonly fbtraceId: string | null;
  /** Waits the pull made before it gave up. */
  waits = 0;
  constructor(
    reason: ConnectorPullErrorReason,
    message: string,
    extra: { status?: number | null; code?: number | null; fbtraceId?: string | null } = {},
  ) {
    super(message);
    this.name = 'MetaApiError';
    this.reason = reason;
    this.status = extra.status ?? null;
    this.code = extra.code ?? null;
    this.fbtraceId = extra.fbtraceId ?? null;
  }
}

export const INSIGHTS_FIELDS = [
  'ad_id',
  'impressions',
  'clicks',
  'spend',
  'actions',
  'action_values',
] as const;
const THROTTLE_CODES = new Set([4, 17, 32, 613]);
const isThrottle = (code: number | null, subcode: number | null) =>
  (code !== null && (THROTTLE_CODES.has(code) || (code >= 80000 && code <= 80014))) || subcode === 2446079;

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function parseHeaderJson(value: string | null): unknown {
  if (!value) return null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

/** The highest usage percent Meta reports on an answer and how long it says to wait (ms, 0 when it does not say). */
export function readUsage(headers: Headers): { percent: number; regainMs: number } {
  let percent = 0;
  let regainMs = 0;
  const app = obj(parseHeaderJson(headers.get('x-app-usage')));
  percent = Math.max(percent, num(app.call_count), num(app.total_time), num(app.total_cputime));
  const account = obj(parseHeaderJson(headers.get('x-ad-account-usage')));
  percent = Math.max(percent, num(account.acc_id_util_pct));
  regainMs = Math.max(regainMs, num(account.reset_time_duration) * 1000);
  const insights = obj(parseHeaderJson(headers.get('x-fb-ads-insights-throttle')));
  percent = Math.max(percent, num(insights.app_id_util_pct), num(insights.acc_id_util_pct));
  // Business use case usage: { "<business id>": [{ type, call_count, total_time, total_cputime,
  // estimated_time_to_regain_access (minutes) }] }.
  for (const list of Object.values(obj(parseHeaderJson(headers.get('x-business-use-case-usage'))))) {
    for (const entry of Array.isArray(list) ? list : []) {
      const e = obj(entry);
      percent = Math.max(percent, num(e.call_count), num(e.total_time), num(e.total_cputime));
      regainMs = Math.max(regainMs, num(e.estimated_time_to_regain_access) * 60_000);
    }
  }
  return { percent, regainMs };
}

function reasonOf(status: number, code: number | null): ConnectorPullErrorReason {
  if (code === 190 || code === 102 || status === 401) return 'token_invalid';
  if (code === 10 || (code !== null && code >= 200 && code < 300) || status === 403) return 'permission';
  return 'platform_error';
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Every insights row of the account's ads for the days asked, page after page. */
export async function fetchAdInsights(
  query: InsightsQuery,
  token: string,
  opts: InsightsClientOptions = {},
): Promise<InsightsResult> {
  const sleep = opts.sleep ?? defaultSleep;
  const threshold = opts.usageThreshold ?? 75;
  const maxAttempts = opts.maxAttempts ?? 5;
  const maxWaitMs = opts.maxWaitMs ?? 5 * 60_000;
  const maxTotalWaitMs = opts.maxTotalWaitMs ?? 8 * 60_000;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const origin = new URL(query.baseUrl).origin;
  const first = new URL(`${origin}/${query.apiVersion}/${query.adAccountId}/insights`);
  first.searchParams.set('level', 'ad');
  first.searchParams.set('time_increment', '1');
  first.searchParams.set('time_range', JSON.stringify({ since: query.since, until: query.until }));
  first.searchParams.set('fields', INSIGHTS_FIELDS.join(','));
  first.searchParams.set('action_attribution_windows', JSON.stringify(query.attributionWindows));
  first.searchParams.set('limit', String(opts.pageSize ?? 500));

  const result: InsightsResult = { rows: [], pages: 0, waits: 0, waitedMs: 0, malformed: 0 };
  const wait = async (ms: number, why: string) => {
    if (ms > maxWaitMs || result.waitedMs + ms > maxTotalWaitMs) {
      throw new MetaApiError(
        'rate_limited',
        `Meta asks to wait ${Math.ceil(ms / 1000)} s (${why}); the pull stops and the next one resumes`,
      );
    }
    result.waits += 1;
    result.waitedMs += ms;
    await sleep(ms);
  };

  try {
    let url: URL | null = first;
    let pause = 0;
    while (url) {
      if (pause > 0) await wait(pause, 'usage near its limit');
      pause = 0;
      let body: Record<string, unknown> | null = null;
      for (let attempt = 1; body === null; attempt++) {
        let res: Response;
        try {
          res = await fetch(url, {
            headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
            signal: AbortSignal.timeout(timeoutMs),
          });
        } catch (err) {
          if (attempt >= maxAttempts) {
            throw new MetaApiError('network', `Meta could not be reached (${(err as Error).name})`);
          }
          await wait(2_000 * 2 ** (attempt - 1), 'network error');
          continue;
        }
        const usage = readUsage(res.headers);
        const parsed = obj(await res.json().catch(() => null));
        if (res.ok) {
          body = parsed;
          if (usage.percent >= threshold) {
            pause = usage.regainMs > 0 ? usage.regainMs : usage.percent >= 95 ? 300_000 : 60_000;
          }
          break;
        }
        const error = obj(parsed.error);
        const code = typeof error.code === 'number' ? error.code : null;
        const subcode = typeof error.error_subcode === 'number' ? error.error_subcode : null;
        const fbtraceId = typeof error.fbtrace_id === 'string' ? error.fbtrace_id : null;
        const text = `HTTP ${res.status}: ${typeof error.message === 'string' ? error.message : 'no error message'}${code !== null ? ` (code ${code}${subcode !== null ? `/${subcode}` : ''})` : ''}${fbtraceId ? ` fbtrace_id ${fbtraceId}` : ''}`;
        // Graph may echo what it was sent; nothing that leaves this function carries the token.
        const message = token ? text.split(token).join('[redacted]') : text;
        const throttled = isThrottle(code, subcode) || res.status === 429;
        const transient = error.is_transient === true || res.status >= 500;
        if (!throttled && !transient) {
          throw new MetaApiError(reasonOf(res.status, code), message, {
            status: res.status,
            code,
            fbtraceId,
          });
        }
        if (attempt >= maxAttempts) {
          throw new MetaApiError(throttled ? 'rate_limited' : 'platform_error', message, {
            status: res.status,
            code,
            fbtraceId,
          });
        }
        // Throttled: what the headers say, else exponential back-off from a minute; transient: seconds.
        const backoff = throttled ? 60_000 * 2 ** (attempt - 1) : 2_000 * 2 ** (attempt - 1);
        await wait(
          Math.max(usage.regainMs, backoff),
          throttled ? `throttled, code ${code ?? res.status}` : 'transient',
        );
      }
      result.pages += 1;
      for (const item of Array.isArray(body.data) ? body.data : []) {
        const row = obj(item);
        if (typeof row.ad_id !== 'string' || typeof row.date_start !== 'string') {
          result.malformed += 1;
          continue;
        }
        result.rows.push(row as unknown as InsightsRow);
      }
      url = nextPage(obj(body.paging), first, origin);
    }
  } catch (err) {
    if (err instanceof MetaApiError) err.waits = result.waits;
    throw err;
  }
  return result;
}

/** The next page: Graph's `next` link when it stays on the API's origin, else the `after` cursor on our URL. */
function nextPage(paging: Record<string, unknown>, first: URL, origin: string): URL | null {
  if (typeof paging.next !== 'string') return null;
  const next = new URL(paging.next);
  if (next.origin === origin) {
    // The header carries the token; a token echoed into the link is not sent again in the URL.
    next.searchParams.delete('access_token');
    return next;
  }
  const after = obj(paging.cursors).after;
  if (typeof after !== 'string') return null;
  const url = new URL(first);
  url.searchParams.set('after', after);
  return url;
}

/**
 * A day's conversions (or revenue) from `actions` (or `action_values`): the first of `types` present counts (the
 * types overlap). With attribution windows asked, each action carries one value per window: click windows nest
 * (7d_click includes 1d_click), as do view windows, and Meta credits a conversion to a click before a view, so the
 * count is the widest click window plus the widest view window. Without window keys, `value`.
 */
export function actionTotal(
  list: readonly ActionStat[] | undefined,
  types: readonly string[],
  windows: readonly string[],
): { type: string | null; total: number } {
  for (const type of types) {
    const item = list?.find((a) => a.action_type === type);
    if (!item) continue;
    const widest = (suffix: string) =>
      Math.max(0, ...windows.filter((w) => w.endsWith(suffix)).map((w) => toNumber(item[w])));
    const keyed = windows.some((w) => item[w] !== undefined);
    return { type, total: keyed ? widest('_click') + widest('_view') : toNumber(item.value) };
  }
  return { type: null, total: 0 };
}

export function toNumber(v: unknown): number {
  const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : 0;
}
