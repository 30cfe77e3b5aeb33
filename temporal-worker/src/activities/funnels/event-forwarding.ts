import { createHash } from 'node:crypto';
import {
  type ForwardingOutcome,
  funnelSettingsByIds,
  leadEmailsByVisitor,
  listEventsToForward,
  listFunnelsToForward,
  readSecret,
  recordForwarding,
  type StoredFunnelEvent,
} from '@mos/db';
import { FunnelSettings } from '@mos/db/contracts';
import type { ActivityDeps, ForwardingEndpoints } from '../deps';
import { withHeartbeat } from '../shared/heartbeat';

/**
 * Server-side conversion forwarding: first-party funnel events to Meta's Conversions API and GA4's Measurement
 * Protocol, with the event id for deduplication, hashed user data, consent respected, and each event's outcome
 * per destination recorded on the event (`sent`, `skipped` with a reason, `failed` with the error). Tokens are
 * read from org secrets at call time and never written to a log line or an error.
 */
export const META_GRAPH_VERSION = 'v21.0';
export const META_BATCH_MAX = 1000;
export const GA4_BATCH_MAX = 25;
const DEFAULT_ENDPOINTS: ForwardingEndpoints = {
  metaGraphBaseUrl: 'https://graph.facebook.com',
  ga4BaseUrl: 'https://www.google-analytics.com',
};
const TIMEOUT_MS = 15_000;
const HTTP_ATTEMPTS = 3;

const META_EVENT_NAMES: Partial<Record<StoredFunnelEvent['type'], string>> = {
  page_view: 'PageView',
  cta_click: 'CTAClick',
  form_submit: 'Lead',
};
const GA4_EVENT_NAMES: Partial<Record<StoredFunnelEvent['type'], string>> = {
  page_view: 'page_view',
  cta_click: 'cta_click',
  form_submit: 'generate_lead',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function sourceUrl(ev: StoredFunnelEvent): string | undefined {
  if (!ev.host) return undefined;
  const path = ev.path ?? '';
  return `https://${ev.host}${path.startsWith('/') ? path : `/${path}`}`;
}

/** One event as Meta's Conversions API takes it (`data[]` item). */
export function metaEvent(ev: StoredFunnelEvent, email: string | undefined) {
  const clickIds = record(ev.clickIds);
  const fbclid = str(clickIds.fbclid);
  const fbc = str(clickIds.fbc) ?? (fbclid ? `fb.1.${ev.occurredAt.getTime()}.${fbclid}` : undefined);
  const fbp = str(clickIds.fbp);
  const user: Record<string, unknown> = { external_id: [sha256(ev.visitorId)] };
  if (ev.userAgent) user.client_user_agent = ev.userAgent;
  if (fbc) user.fbc = fbc;
  if (fbp) user.fbp = fbp;
  if (email) user.em = [sha256(email.trim().toLowerCase())];
  const url = sourceUrl(ev);
  return {
    event_name: META_EVENT_NAMES[ev.type] ?? ev.type,
    event_time: Math.floor(ev.occurredAt.getTime() / 1000),
    event_id: ev.eventId,
    action_source: 'website',
    ...(url ? { event_source_url: url } : {}),
    user_data: user,
    custom_data: {
      ...record(ev.props),
      funnel_id: ev.funnelId,
      page_id: ev.pageId,
      ...(ev.variantId ? { variant_id: ev.variantId } : {}),
    },
  };
}

/** One event as GA4's Measurement Protocol takes it (`events[]` item). */
export function ga4Event(ev: StoredFunnelEvent) {
  const utm = record(ev.utm);
  const params: Record<string, unknown> = {
    event_id: ev.eventId,
    session_id: ev.sessionId,
    engagement_time_msec: 1,
    funnel_id: ev.funnelId,
    page_id: ev.pageId,
  };
  if (ev.variantId) params.variant_id = ev.variantId;
  const url = sourceUrl(ev);
  if (url) params.page_location = url;
  if (ev.referrer) params.page_referrer = ev.referrer;
  for (const key of ['source', 'medium', 'campaign', 'term', 'content'] as const) {
    const v = str(utm[key]);
    if (v) params[`campaign_${key === 'campaign' ? 'name' : key}`] = v;
  }
  return {
    name: GA4_EVENT_NAMES[ev.type] ?? ev.type,
    timestamp_micros: ev.occurredAt.getTime() * 1000,
    params,
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Removes every secret from a text that leaves this module (errors stored on events, log lines). */
const scrub = (text: string, secrets: string[]) =>
  secrets.reduce((t, s) => (s ? t.split(s).join('[redacted]') : t), text);

interface PostResult {
  ok: boolean;
  status: number | null;
  body: unknown;
  /** Why it failed, in words (no secret in it). */
  error: string | null;
}

/** POSTs JSON; 5xx, 429 and network errors are tried again a few times before they count as failed. */
async function postJson(url: string, body: unknown): Promise<PostResult> {
  let last: PostResult = { ok: false, status: null, body: null, error: 'not sent' };
  for (let attempt = 1; attempt <= HTTP_ATTEMPTS; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text.slice(0, 300);
      }
      last = { ok: res.ok, status: res.status, body: parsed, error: res.ok ? null : `HTTP ${res.status}` };
      if (res.ok || (res.status < 500 && res.status !== 429)) return last;
    } catch (err) {
      // The URL carries the token: only the error's kind is kept.
      last = { ok: false, status: null, body: null, error: `network error (${(err as Error).name})` };
    }
    if (attempt < HTTP_ATTEMPTS) await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
  }
  return last;
}

/** Meta's error object in words: message, code, fbtrace_id. */
function metaError(res: PostResult): string {
  const error = record(record(res.body).error);
  const parts = [res.error ?? 'failed'];
  if (str(error.message)) parts.push(String(error.message));
  if (error.code !== undefined) parts.push(`code ${String(error.code)}`);
  if (str(error.fbtrace_id)) parts.push(`fbtrace_id ${String(error.fbtrace_id)}`);
  return parts.join(': ');
}

export interface ForwardResult {
  events: number;
  sent: { meta: number; ga4: number };
  skipped: number;
  failed: number;
  /** True when the batch was full: more events may be waiting. */
  more: boolean;
}

export function eventForwardingActivities(deps: ActivityDeps) {
  const { db } = deps;
  const endpoints = { ...DEFAULT_ENDPOINTS, ...deps.forwarding };
  const log = deps.log ?? ((line: string) => console.log(line));

  return {
    /** Funnels with events waiting to be forwarded (any org), for the sweep. */
    async listFunnelsToForward(input: { limit: number }) {
      return listFunnelsToForward(db, input.limit);
    },

    /**
     * Forwards up to `limit` of the org's waiting events (of one funnel, or all), in batches of at most 1000 per
     * Meta call and 25 per GA4 call (one visitor per GA4 call: its `client_id`), and records each event's outcome.
     */
    async forwardFunnelEvents(input: {
      orgId: string;
      funnelId: string | null;
      limit?: number;
    }): Promise<ForwardResult> {
      const limit = input.limit ?? 2000;
      const events = await listEventsToForward(db, input.orgId, input.funnelId, limit);
      const result: ForwardResult = {
        events: events.length,
        sent: { meta: 0, ga4: 0 },
        skipped: 0,
        failed: 0,
        more: events.length === limit,
      };
      if (events.length === 0) return result;
      const now = () => deps.clock().toISOString();
      const outcomes = new Map<string, Record<string, ForwardingOutcome>>();
      const set = (ev: StoredFunnelEvent, dest: 'meta' | 'ga4', outcome: ForwardingOutcome) => {
        outcomes.set(ev.id, { ...outcomes.get(ev.id), [dest]: outcome });
        if (outcome.status === 'skipped') result.skipped += 1;
        if (outcome.status === 'failed') result.failed += 1;
        if (outcome.status === 'sent') result.sent[dest] += 1;
      };
      const settingsById = await funnelSettingsByIds(db, input.orgId, [
        ...new Set(events.map((e) => e.funnelId)),
      ]);
      const byFunnel = new Map<string, StoredFunnelEvent[]>();
      for (const ev of events) byFunnel.set(ev.funnelId, [...(byFunnel.get(ev.funnelId) ?? []), ev]);

      const secretOf = async (name: string | null): Promise<string | null> => {
        if (!name || !deps.secretsKey) return null;
        // A secret written under another key does not decrypt: it counts as missing, never as a crash.
        return readSecret(db, deps.secretsKey, input.orgId, name).catch(() => null);
      };

      await withHeartbeat(async () => {
        for (const [funnelId, list] of byFunnel) {
          const parsed = FunnelSettings.safeParse(settingsById.get(funnelId) ?? {});
          const settings = parsed.success ? parsed.data : FunnelSettings.parse({});
          // Where the page asks for consent, only events of visitors who granted it leave MOS.
          const allowed: StoredFunnelEvent[] = [];
          for (const ev of list) {
            if (settings.consent !== 'none' && ev.consent !== 'granted') {
              const reason = ev.consent === 'denied' ? 'consent_denied' : 'consent_not_given';
              set(ev, 'meta', { status: 'skipped', at: now(), reason });
              set(ev, 'ga4', { status: 'skipped', at: now(), reason });
            } else allowed.push(ev);
          }

          // ---- Meta Conversions API
          const metaToken = settings.metaPixelId ? await secretOf(settings.metaCapiTokenSecret) : null;
          const metaable = allowed.filter((ev) => META_EVENT_NAMES[ev.type]);
          for (const ev of allowed) {
            if (!META_EVENT_NAMES[ev.type])
              set(ev, 'meta', { status: 'skipped', at: now(), reason: 'event_type' });
          }
          if (!settings.metaPixelId || !settings.metaCapiTokenSecret) {
            for (const ev of metaable)
              set(ev, 'meta', { status: 'skipped', at: now(), reason: 'not_configured' });
          } else if (!metaToken) {
            const error = `the org has no readable secret named ${settings.metaCapiTokenSecret}`;
            for (const ev of metaable) set(ev, 'meta', { status: 'failed', at: now(), error });
          } else {
            const emails = await leadEmailsByVisitor(db, input.orgId, funnelId, [
              ...new Set(metaable.map((e) => e.visitorId)),
            ]);
            for (const batch of chunks(metaable, META_BATCH_MAX)) {
              const url = `${endpoints.metaGraphBaseUrl}/${META_GRAPH_VERSION}/${settings.metaPixelId}/events?access_token=${encodeURIComponent(metaToken)}`;
              const res = await postJson(url, {
                data: batch.map((ev) => metaEvent(ev, emails.get(ev.visitorId))),
              });
              const trace = str(record(res.body).fbtrace_id);
              if (res.ok) {
                for (const ev of batch) set(ev, 'meta', { status: 'sent', at: now() });
                log(
                  `[forwarding] meta pixel ${settings.metaPixelId}: ${batch.length} event(s) sent${trace ? ` (fbtrace_id ${trace})` : ''}`,
                );
              } else {
                const error = scrub(metaError(res), [metaToken]);
                for (const ev of batch) set(ev, 'meta', { status: 'failed', at: now(), error });
                log(
                  `[forwarding] meta pixel ${settings.metaPixelId}: ${batch.length} event(s) failed: ${error}`,
                );
              }
            }
          }

          // ---- GA4 Measurement Protocol
          const ga4Secret = settings.ga4MeasurementId ? await secretOf(settings.ga4ApiSecretSecret) : null;
          const ga4able = allowed.filter((ev) => GA4_EVENT_NAMES[ev.type]);
          for (const ev of allowed) {
            if (!GA4_EVENT_NAMES[ev.type])
              set(ev, 'ga4', { status: 'skipped', at: now(), reason: 'event_type' });
          }
          if (!settings.ga4MeasurementId || !settings.ga4ApiSecretSecret) {
            for (const ev of ga4able)
              set(ev, 'ga4', { status: 'skipped', at: now(), reason: 'not_configured' });
          } else if (!ga4Secret) {
            const error = `the org has no readable secret named ${settings.ga4ApiSecretSecret}`;
            for (const ev of ga4able) set(ev, 'ga4', { status: 'failed', at: now(), error });
          } else {
            const byVisitor = new Map<string, StoredFunnelEvent[]>();
            for (const ev of ga4able)
              byVisitor.set(ev.visitorId, [...(byVisitor.get(ev.visitorId) ?? []), ev]);
            for (const [visitorId, mine] of byVisitor) {
              for (const batch of chunks(mine, GA4_BATCH_MAX)) {
                const url = `${endpoints.ga4BaseUrl}/mp/collect?measurement_id=${encodeURIComponent(settings.ga4MeasurementId)}&api_secret=${encodeURIComponent(ga4Secret)}`;
                const res = await postJson(url, { client_id: visitorId, events: batch.map(ga4Event) });
                if (res.ok) {
                  for (const ev of batch) set(ev, 'ga4', { status: 'sent', at: now() });
                } else {
                  const error = scrub(res.error ?? 'failed', [ga4Secret]);
                  for (const ev of batch) set(ev, 'ga4', { status: 'failed', at: now(), error });
                  log(
                    `[forwarding] ga4 ${settings.ga4MeasurementId}: ${batch.length} event(s) failed: ${error}`,
                  );
                }
              }
            }
            log(`[forwarding] ga4 ${settings.ga4MeasurementId}: ${result.sent.ga4} event(s) sent`);
          }
        }
      });
      await recordForwarding(db, input.orgId, outcomes);
      return result;
    },
  };
}
