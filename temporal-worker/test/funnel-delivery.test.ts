import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  funnelEvents,
  funnelLeads,
  getWorkflowRun,
  importSecretsKey,
  leadDeliveries,
  putSecret,
  type SecretsKey,
  setLeadDeliveryStatus,
  workflowRuns,
} from '@mos/db';
import type { EventForwardingInput } from '@mos/db/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities/index';
import { ensureFunnelSweepSchedule, FUNNEL_SWEEP_SCHEDULE_ID } from '../src/schedules';
import { type ConversionsStandIn, startConversionsStandIn } from '../src/testing/conversions-stand-in';
import type { FunnelSweepResult } from '../src/workflows/funnel-sweep';
import { type FunnelTenant, funnelTenant, startRun, twoPageFunnel } from './support/funnels';
import { recordHistory } from './support/histories';
import { type Stack, startStack } from './support/stack';

// A fixed key: secrets written by earlier runs on the shared test database still decrypt.
const SECRETS_KEY_B64 = Buffer.alloc(32, 7).toString('base64');
const SHORT_RETRY = { initialIntervalMs: 200, maximumIntervalMs: 400, totalMs: 30_000 };

let stack: Stack;
let key: SecretsKey;
let conversions: ConversionsStandIn;
const logLines: string[] = [];

beforeAll(async () => {
  key = await importSecretsKey(SECRETS_KEY_B64);
  conversions = await startConversionsStandIn();
  stack = await startStack({
    api: false,
    deps: {
      secretsKey: key,
      forwarding: { metaGraphBaseUrl: conversions.baseUrl, ga4BaseUrl: conversions.baseUrl },
      log: (line) => logLines.push(line),
    },
  });
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await conversions?.close();
}, 60_000);

interface Receiver {
  url: string;
  hits: { signatureValid: boolean; deliveryId: string | undefined; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** A CRM webhook: checks the signature of every request, answers `statuses` in turn (then the last one). */
async function receiver(secret: string, statuses: number[]): Promise<Receiver> {
  const hits: Receiver['hits'] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const header = String(req.headers['x-mos-signature'] ?? '');
    const t = /t=(\d+)/.exec(header)?.[1] ?? '';
    const v1 = /v1=([0-9a-f]{64})/.exec(header)?.[1] ?? '';
    const expected = createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex');
    const signatureValid =
      v1.length === expected.length && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
    hits.push({
      signatureValid,
      deliveryId: req.headers['x-mos-delivery'] as string | undefined,
      body: JSON.parse(raw) as Record<string, unknown>,
    });
    const status = statuses[Math.min(hits.length - 1, statuses.length - 1)] ?? 200;
    res
      .writeHead(status, { 'content-type': 'text/plain' })
      .end(status === 200 ? 'ok' : `nope ${'x'.repeat(800)}`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/mos`,
    hits,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

async function pendingLead(t: FunnelTenant, funnelId: string, pageId: string, email: string) {
  const [lead] = await stack.db
    .insert(funnelLeads)
    .values({
      orgId: t.orgId,
      clientId: t.clientId,
      funnelId,
      publicationId: crypto.randomUUID(),
      pageId,
      blockId: 'form-1',
      submissionId: crypto.randomUUID(),
      visitorId: 'visitor-lead-0001',
      fields: { email, name: 'Ada' },
      email,
      consent: 'granted',
      utm: { source: 'meta' },
      clickIds: { fbclid: 'fbclid-1' },
      deliveryStatus: 'pending',
    })
    .returning();
  if (!lead) throw new Error('lead insert returned nothing');
  return lead;
}

/** A tenant whose two-page funnel posts leads to a signed webhook answering `statuses`, and one pending lead. */
async function leadToDeliver(statuses: number[], email: string) {
  const t = await funnelTenant(stack.db);
  const secret = `whsec_${crypto.randomUUID()}`;
  await putSecret(stack.db, key, t.orgId, 'LEAD_HOOK', secret);
  const hook = await receiver(secret, statuses);
  try {
    const f = await twoPageFunnel(stack.db, t, {
      settings: { leadWebhookUrl: hook.url, leadWebhookSecret: 'LEAD_HOOK' },
    });
    const lead = await pendingLead(t, f.funnelId, f.entryPageId, email);
    return { t, hook, f, lead };
  } catch (err) {
    await hook.close();
    throw err;
  }
}

describe('LeadDelivery', () => {
  it('is started by the sweep, retries a failing webhook and logs every attempt until it is delivered', async () => {
    const { t, hook, f, lead } = await leadToDeliver([500, 502, 200], 'ada@example.com');
    try {
      const sweep = await stack.client.workflow.start('FunnelSweep', {
        taskQueue: stack.taskQueue,
        workflowId: `funnel-sweep-test-${crypto.randomUUID()}`,
        args: [{ leadRetry: SHORT_RETRY }],
      });
      const swept = (await sweep.result()) as FunnelSweepResult;
      expect(swept.leadsStarted).toBeGreaterThanOrEqual(1);

      const handle = stack.client.workflow.getHandle(`lead-delivery-${lead.id}`);
      const result = (await handle.result()) as { delivered: boolean; attempts: number; httpStatus: number };
      expect(result).toEqual({ delivered: true, attempts: 3, httpStatus: 200 });

      const rows = await stack.db
        .select()
        .from(leadDeliveries)
        .where(and(eq(leadDeliveries.orgId, t.orgId), eq(leadDeliveries.leadId, lead.id)))
        .orderBy(leadDeliveries.attempt);
      expect(rows.map((r) => [r.attempt, r.ok, r.httpStatus])).toEqual([
        [1, false, 500],
        [2, false, 502],
        [3, true, 200],
      ]);
      expect(rows.every((r) => r.url === hook.url && (r.durationMs ?? -1) >= 0)).toBe(true);
      expect(rows[0]?.responseExcerpt?.length).toBe(500);
      expect(rows[2]?.responseExcerpt).toBe('ok');

      expect(hook.hits).toHaveLength(3);
      expect(hook.hits.every((h) => h.signatureValid)).toBe(true);
      expect(hook.hits.every((h) => h.deliveryId === lead.id)).toBe(true);
      expect(hook.hits[0]?.body).toMatchObject({
        type: 'lead.created',
        id: lead.id,
        funnelId: f.funnelId,
        email: 'ada@example.com',
        fields: { email: 'ada@example.com', name: 'Ada' },
        utm: { source: 'meta' },
        clickIds: { fbclid: 'fbclid-1' },
      });
      const [after] = await stack.db.select().from(funnelLeads).where(eq(funnelLeads.id, lead.id));
      expect(after?.deliveryStatus).toBe('delivered');

      // The run row the workflow made for itself (the sweep has no API start), org-scoped and completed.
      const [run] = await stack.db
        .select()
        .from(workflowRuns)
        .where(
          and(
            eq(workflowRuns.orgId, t.orgId),
            eq(workflowRuns.temporalWorkflowId, `lead-delivery-${lead.id}`),
          ),
        );
      expect(run).toMatchObject({ kind: 'lead_delivery', status: 'completed', clientId: t.clientId });
      await recordHistory(handle, 'lead-delivery');
      await recordHistory(sweep, 'funnel-sweep');
    } finally {
      await hook.close();
    }
  }, 90_000);

  it('a second sweep while a delivery still retries starts no second run for the lead (the workflow id dedupes)', async () => {
    const { t, hook, lead } = await leadToDeliver([503], 'cy@example.com');
    try {
      const slow = { initialIntervalMs: 60_000, maximumIntervalMs: 60_000, totalMs: 120_000 };
      const sweep = () =>
        stack.client.workflow.execute('FunnelSweep', {
          taskQueue: stack.taskQueue,
          workflowId: `funnel-sweep-test-${crypto.randomUUID()}`,
          args: [{ leadRetry: slow }],
        }) as Promise<FunnelSweepResult>;
      await sweep();
      const handle = stack.client.workflow.getHandle(`lead-delivery-${lead.id}`);
      const first = await handle.describe();
      await stack.waitFor(() => hook.hits.length >= 1, { what: 'the first attempt' });
      const second = await sweep();
      expect(second.leadsRunning).toBeGreaterThanOrEqual(1);
      const again = await handle.describe();
      expect(again.runId).toBe(first.runId);
      expect(again.status.name).toBe('RUNNING');
      await handle.terminate('test over');
      // Not left pending on the shared test database for later sweeps.
      await setLeadDeliveryStatus(stack.db, t.orgId, lead.id, 'failed');
    } finally {
      await hook.close();
    }
  }, 60_000);

  it('the sweep schedule is created once and updated in place (every minute by default)', async () => {
    const taskQueue = `sweep-${crypto.randomUUID().slice(0, 8)}`;
    const created = await ensureFunnelSweepSchedule(stack.client, { taskQueue, paused: true });
    const again = await ensureFunnelSweepSchedule(stack.client, {
      taskQueue,
      paused: true,
      interval: '2 minutes',
    });
    expect([created.created, again.created]).toEqual([true, false]);
    const described = await stack.client.schedule.getHandle(FUNNEL_SWEEP_SCHEDULE_ID).describe();
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'FunnelSweep', taskQueue });
    expect(described.spec.intervals?.[0]?.every).toBe(120_000);
    await stack.client.schedule.getHandle(FUNNEL_SWEEP_SCHEDULE_ID).delete();
  }, 30_000);

  it('stops at a final 4xx: one attempt logged, the lead failed, the run failed', async () => {
    const { t, hook, lead } = await leadToDeliver([410], 'bo@example.com');
    try {
      const handle = await stack.client.workflow.start('LeadDelivery', {
        taskQueue: stack.taskQueue,
        workflowId: `lead-delivery-${lead.id}`,
        args: [
          {
            orgId: t.orgId,
            clientId: t.clientId,
            campaignId: null,
            startedBy: null,
            leadId: lead.id,
            retry: SHORT_RETRY,
          },
        ],
      });
      await expect(handle.result()).rejects.toThrow();
      const rows = await stack.db.select().from(leadDeliveries).where(eq(leadDeliveries.leadId, lead.id));
      expect(rows.map((r) => [r.attempt, r.ok, r.httpStatus])).toEqual([[1, false, 410]]);
      const [after] = await stack.db.select().from(funnelLeads).where(eq(funnelLeads.id, lead.id));
      expect(after?.deliveryStatus).toBe('failed');
      const [run] = await stack.db
        .select()
        .from(workflowRuns)
        .where(eq(workflowRuns.temporalWorkflowId, `lead-delivery-${lead.id}`));
      const row = await getWorkflowRun(stack.db, t.orgId, run?.id ?? '');
      expect(row?.status).toBe('failed');
      expect(row?.error).toContain('HTTP 410');
    } finally {
      await hook.close();
    }
  }, 60_000);
});

// ----------------------------------------------------------------------------------------- forwarding

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const FORWARDING = {
  consent: 'banner',
  metaPixelId: '1234567890',
  metaCapiTokenSecret: 'META_CAPI_TOKEN',
  ga4MeasurementId: 'G-TEST1234',
  ga4ApiSecretSecret: 'GA4_API_SECRET',
};
/** Meta only, no consent banner: every event may be forwarded. */
const META_ONLY = { ...FORWARDING, consent: 'none', ga4MeasurementId: null, ga4ApiSecretSecret: null };

interface EventSeed {
  type: 'page_view' | 'cta_click' | 'form_submit' | 'funnel_enter';
  visitorId: string;
  consent: 'granted' | 'denied' | 'not_asked';
  clickIds?: Record<string, string>;
  at?: string;
}

async function seedEvents(t: FunnelTenant, funnelId: string, pageId: string, seeds: EventSeed[]) {
  const publicationId = crypto.randomUUID();
  const rows = seeds.map((s, i) => {
    const occurredAt = new Date(s.at ?? Date.UTC(2026, 11, 1, 10, 0, i));
    return {
      orgId: t.orgId,
      clientId: t.clientId,
      funnelId,
      publicationId,
      pageId,
      eventId: crypto.randomUUID(),
      batchId: crypto.randomUUID(),
      type: s.type,
      visitorId: s.visitorId,
      sessionId: `session-${s.visitorId}`,
      occurredAt,
      // Forwarding reads in received order; one insert shares now(), so the seeds' order is made explicit.
      receivedAt: occurredAt,
      host: 'go.lumen.test',
      path: '/guide',
      referrer: 'https://facebook.com/',
      utm: { source: 'meta', campaign: 'barrier' },
      clickIds: s.clickIds ?? {},
      consent: s.consent,
      userAgent: 'Mozilla/5.0 (test)',
      props: { label: `e${i}` },
    };
  });
  const inserted = [];
  for (let i = 0; i < rows.length; i += 500) {
    inserted.push(
      ...(await stack.db
        .insert(funnelEvents)
        .values(rows.slice(i, i + 500))
        .returning()),
    );
  }
  return inserted;
}

/** Fresh Meta CAPI token and GA4 API secret, stored for the org and known to the conversions stand-in. */
async function forwardingSecrets(orgId: string) {
  const token = `EAAB${crypto.randomUUID().replaceAll('-', '')}`;
  const ga4Secret = `ga4-${crypto.randomUUID()}`;
  await putSecret(stack.db, key, orgId, 'META_CAPI_TOKEN', token);
  await putSecret(stack.db, key, orgId, 'GA4_API_SECRET', ga4Secret);
  conversions.setMetaToken(FORWARDING.metaPixelId, token);
  return { token, ga4Secret };
}

/** The activities as the worker builds them, called directly (a second pass, error rows, batching). */
function forwardingActivities() {
  return createActivities({
    db: stack.db,
    llm: stack.llmClient,
    clock: () => new Date(),
    secretsKey: key,
    forwarding: { metaGraphBaseUrl: conversions.baseUrl, ga4BaseUrl: conversions.baseUrl },
    log: (line) => logLines.push(line),
  });
}

describe('EventForwarding', () => {
  it('forwards consented events to Meta CAPI and GA4 with event ids and hashed user data, once', async () => {
    const t = await funnelTenant(stack.db);
    const { token, ga4Secret } = await forwardingSecrets(t.orgId);
    const f = await twoPageFunnel(stack.db, t, { settings: FORWARDING });
    await pendingLead(t, f.funnelId, f.entryPageId, '  Ada@Example.com ');
    const events = await seedEvents(t, f.funnelId, f.entryPageId, [
      {
        type: 'page_view',
        visitorId: 'visitor-lead-0001',
        consent: 'granted',
        clickIds: { fbclid: 'abc123' },
      },
      {
        type: 'form_submit',
        visitorId: 'visitor-lead-0001',
        consent: 'granted',
        clickIds: { fbp: 'fb.1.1.2' },
      },
      { type: 'page_view', visitorId: 'visitor-denied-01', consent: 'denied' },
      { type: 'page_view', visitorId: 'visitor-quiet-001', consent: 'not_asked' },
      { type: 'funnel_enter', visitorId: 'visitor-lead-0001', consent: 'granted' },
    ]);
    const [view, lead, denied, notAsked, enter] = events;
    if (!view || !lead || !denied || !notAsked || !enter) throw new Error('events not seeded');
    const before = conversions.requests.length;

    const { runId, handle } = await startRun<EventForwardingInput>(
      stack,
      t,
      'event_forwarding',
      `event-forwarding-test-${crypto.randomUUID()}`,
      { orgId: t.orgId, clientId: t.clientId, campaignId: null, startedBy: t.userId, funnelId: f.funnelId },
    );
    const result = await handle.result();
    await stack.waitForRunStatus(t.orgId, runId, 'completed');
    expect(result).toEqual({ events: 5, sent: { meta: 2, ga4: 2 }, skipped: 6, failed: 0 });
    await recordHistory(handle, 'event-forwarding');

    const mine = conversions.requests.slice(before);
    const meta = mine.filter((r) => r.api === 'meta');
    const ga4 = mine.filter((r) => r.api === 'ga4');
    expect(meta).toHaveLength(1);
    expect(meta[0]?.path).toBe(`/v21.0/${FORWARDING.metaPixelId}/events`);
    expect(meta[0]?.query).toEqual({ access_token: token });
    expect(meta[0]?.status).toBe(200);
    expect(meta[0]?.body).toEqual({
      data: [
        {
          event_name: 'PageView',
          event_time: Math.floor(view.occurredAt.getTime() / 1000),
          event_id: view.eventId,
          action_source: 'website',
          event_source_url: 'https://go.lumen.test/guide',
          user_data: {
            external_id: [sha('visitor-lead-0001')],
            client_user_agent: 'Mozilla/5.0 (test)',
            fbc: `fb.1.${view.occurredAt.getTime()}.abc123`,
            em: [sha('ada@example.com')],
          },
          custom_data: { label: 'e0', funnel_id: f.funnelId, page_id: f.entryPageId },
        },
        {
          event_name: 'Lead',
          event_time: Math.floor(lead.occurredAt.getTime() / 1000),
          event_id: lead.eventId,
          action_source: 'website',
          event_source_url: 'https://go.lumen.test/guide',
          user_data: {
            external_id: [sha('visitor-lead-0001')],
            client_user_agent: 'Mozilla/5.0 (test)',
            fbp: 'fb.1.1.2',
            em: [sha('ada@example.com')],
          },
          custom_data: { label: 'e1', funnel_id: f.funnelId, page_id: f.entryPageId },
        },
      ],
    });
    expect(ga4).toHaveLength(1);
    expect(ga4[0]?.query).toEqual({ measurement_id: FORWARDING.ga4MeasurementId, api_secret: ga4Secret });
    expect(ga4[0]?.status).toBe(204);
    expect(ga4[0]?.body).toEqual({
      client_id: 'visitor-lead-0001',
      events: [
        {
          name: 'page_view',
          timestamp_micros: view.occurredAt.getTime() * 1000,
          params: {
            event_id: view.eventId,
            session_id: 'session-visitor-lead-0001',
            engagement_time_msec: 1,
            funnel_id: f.funnelId,
            page_id: f.entryPageId,
            page_location: 'https://go.lumen.test/guide',
            page_referrer: 'https://facebook.com/',
            campaign_source: 'meta',
            campaign_name: 'barrier',
          },
        },
        expect.objectContaining({
          name: 'generate_lead',
          params: expect.objectContaining({ event_id: lead.eventId }),
        }),
      ],
    });

    const stored = new Map(
      (
        await stack.db
          .select({ id: funnelEvents.id, forwarding: funnelEvents.forwarding })
          .from(funnelEvents)
          .where(
            inArray(
              funnelEvents.id,
              events.map((e) => e.id),
            ),
          )
      ).map((r) => [r.id, r.forwarding as Record<string, { status: string; reason?: string }>]),
    );
    expect(stored.get(view.id)).toMatchObject({ meta: { status: 'sent' }, ga4: { status: 'sent' } });
    expect(stored.get(denied.id)).toMatchObject({
      meta: { status: 'skipped', reason: 'consent_denied' },
      ga4: { status: 'skipped', reason: 'consent_denied' },
    });
    expect(stored.get(notAsked.id)).toMatchObject({
      meta: { status: 'skipped', reason: 'consent_not_given' },
    });
    expect(stored.get(enter.id)).toMatchObject({ meta: { status: 'skipped', reason: 'event_type' } });

    // Forwarded once: a second pass finds nothing of this funnel's to send.
    const acts = forwardingActivities();
    const again = await acts.forwardFunnelEvents({ orgId: t.orgId, funnelId: f.funnelId });
    expect(again.events).toBe(0);
    expect(conversions.requests.length).toBe(before + 2);
    expect(logLines.join('\n')).not.toContain(token);
    expect(logLines.join('\n')).not.toContain(ga4Secret);
  }, 60_000);

  it("records Meta's error object (code, fbtrace_id) on each event without the token, in logs or rows", async () => {
    const t = await funnelTenant(stack.db);
    const token = `EAAB-wrong-${crypto.randomUUID()}`;
    await putSecret(stack.db, key, t.orgId, 'META_CAPI_TOKEN', token);
    const f = await twoPageFunnel(stack.db, t, {
      settings: META_ONLY,
    });
    const [ev] = await seedEvents(t, f.funnelId, f.entryPageId, [
      { type: 'page_view', visitorId: 'visitor-wrong-01', consent: 'not_asked' },
    ]);
    const acts = forwardingActivities();
    const r = await acts.forwardFunnelEvents({ orgId: t.orgId, funnelId: f.funnelId });
    expect(r).toMatchObject({ events: 1, failed: 1, sent: { meta: 0, ga4: 0 } });
    const [row] = await stack.db
      .select()
      .from(funnelEvents)
      .where(eq(funnelEvents.id, ev?.id ?? ''));
    const forwarding = row?.forwarding as {
      meta: { status: string; error: string };
      ga4: { reason: string };
    };
    const meta = forwarding.meta;
    expect(meta.status).toBe('failed');
    expect(meta.error).toMatch(/^HTTP 400: Invalid OAuth access token.*: code 190: fbtrace_id A[\w-]+$/);
    expect(JSON.stringify(row?.forwarding)).not.toContain(token);
    expect(forwarding.ga4.reason).toBe('not_configured');
    const lines = logLines.join('\n');
    expect(lines).toContain('code 190');
    expect(lines).not.toContain(token);
  }, 30_000);

  it('batches: at most 1000 events per Meta call and 25 per GA4 call (one visitor each)', async () => {
    const t = await funnelTenant(stack.db);
    await forwardingSecrets(t.orgId);
    const metaOnly = await twoPageFunnel(stack.db, t, {
      settings: META_ONLY,
    });
    const ga4Only = await twoPageFunnel(stack.db, t, {
      settings: { ...FORWARDING, consent: 'none', metaPixelId: null, metaCapiTokenSecret: null },
    });
    await seedEvents(
      t,
      metaOnly.funnelId,
      metaOnly.entryPageId,
      Array.from({ length: 1030 }, (_, i) => ({
        type: 'page_view' as const,
        visitorId: `visitor-${String(i % 40).padStart(6, '0')}`,
        consent: 'not_asked' as const,
      })),
    );
    await seedEvents(
      t,
      ga4Only.funnelId,
      ga4Only.entryPageId,
      Array.from({ length: 30 }, () => ({
        type: 'cta_click' as const,
        visitorId: 'visitor-busy-01',
        consent: 'not_asked' as const,
      })),
    );
    const acts = forwardingActivities();
    const before = conversions.requests.length;
    const r = await acts.forwardFunnelEvents({ orgId: t.orgId, funnelId: null, limit: 2000 });
    expect(r).toMatchObject({ events: 1060, sent: { meta: 1030, ga4: 30 }, failed: 0 });
    const mine = conversions.requests.slice(before);
    const metaSizes = mine
      .filter((q) => q.api === 'meta')
      .map((q) => (q.body as { data: unknown[] }).data.length);
    const ga4Sizes = mine
      .filter((q) => q.api === 'ga4')
      .map((q) => (q.body as { events: unknown[] }).events.length);
    expect(metaSizes).toEqual([1000, 30]);
    expect(ga4Sizes).toEqual([25, 5]);
    // Every Meta event id is distinct: the platform deduplicates on it.
    const ids = mine
      .filter((q) => q.api === 'meta')
      .flatMap((q) => (q.body as { data: { event_id: string }[] }).data.map((d) => d.event_id));
    expect(new Set(ids).size).toBe(1030);
  }, 60_000);
});
