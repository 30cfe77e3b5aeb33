/**
 * Published funnels served by the Worker entry in workerd, over the Neon driver path to the real test
 * PostgreSQL: the Cache API holds a page after its first request (the database is not asked again, even with
 * the rows gone), a new publish shows within the active-publication bound, 301/404/410, 304 on If-None-Match,
 * sticky variants, the 64 KB body limit, and the ingest through the FUNNEL_EVENTS queue, stored exactly once
 * even when a message is delivered again.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { funnelEvents, funnelLeads, funnelPublicationPages } from '@mos/db';
import { ACTIVE_PUBLICATION_TTL_MS, type FunnelQueueMessage } from '@mos/db/funnel-runtime';
import { createNeonDb, neonConfig } from '@mos/db/neon';
import {
  type PublishedFunnelFixture,
  publishFixture,
  renameFixtureSlug,
  seedPublishedFunnel,
  setFixtureStatus,
} from '@mos/db/testing/funnels';
import { mulberry32 } from '@mos/stats';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/worker';
import { standInStats, suite } from './support';

const bindings = suite.workerBindings;
let db: ReturnType<typeof createNeonDb>['db'];

beforeAll(() => {
  // The same driver settings the Worker applies from its bindings (global to the driver).
  if (bindings.NEON_FETCH_ENDPOINT) neonConfig.fetchEndpoint = bindings.NEON_FETCH_ENDPOINT;
  if (bindings.NEON_WS_PROXY) {
    neonConfig.wsProxy = bindings.NEON_WS_PROXY;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    neonConfig.pipelineTLS = false;
  }
  db = createNeonDb(bindings.DATABASE_URL ?? '').db;
});

const ORIGIN = 'https://edge.mos.test';
const visit = (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  exports.default.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers, redirect: 'manual' }));
const page = (title: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body>${title}</body></html>`;

const twoPages = (tag: string) =>
  seedPublishedFunnel(db, {
    pages: [
      { slug: 'offer', html: page(`${tag} offer`), forms: { 'form-1': 'thanks' } },
      { slug: 'thanks', html: page(`${tag} thanks`) },
    ],
  });

describe('published pages at the edge (workerd)', () => {
  it('serves a page from the cache after its first request, without asking the database again', async () => {
    const f = await twoPages('Cached');
    const first = await visit(`/f/${f.publicId}/offer`);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe(page('Cached offer'));
    // The rendering is in the Workers Cache API, keyed by publication, page and variant.
    const key = `html:${f.publicationId}:${f.pages[0]?.pageId}:page`;
    const entry = await caches.default.match(`https://funnel-cache.mos.internal/${encodeURIComponent(key)}`);
    expect(await entry?.text()).toBe(page('Cached offer'));

    const before = await standInStats();
    const warm = await visit(`/f/${f.publicId}/offer`);
    expect(await warm.text()).toBe(page('Cached offer'));
    expect((await standInStats()).httpQueries).toBe(before.httpQueries);

    // With the stored rows gone the page is still served: it cannot have come from the database.
    await db.delete(funnelPublicationPages).where(eq(funnelPublicationPages.publicationId, f.publicationId));
    const afterDelete = await visit(`/f/${f.publicId}/offer`);
    expect(afterDelete.status).toBe(200);
    expect(await afterDelete.text()).toBe(page('Cached offer'));
  });

  it('shows a new publish within the active-publication bound', async () => {
    const f = await twoPages('Old');
    expect(await (await visit(`/f/${f.publicId}/offer`)).text()).toBe(page('Old offer'));
    await publishFixture(db, f, [
      { slug: 'offer', html: page('New offer') },
      { slug: 'thanks', html: page('New thanks') },
    ]);
    const at = Date.now();
    let seen: number | null = null;
    while (Date.now() - at < ACTIVE_PUBLICATION_TTL_MS + 3000) {
      if ((await (await visit(`/f/${f.publicId}/offer`)).text()) === page('New offer')) {
        seen = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).not.toBeNull();
    expect((seen ?? Infinity) - at).toBeLessThanOrEqual(ACTIVE_PUBLICATION_TTL_MS + 500);
  });

  it('answers 302 to the entry page, 301 for an old slug, 404 and 410 pages', async () => {
    const f = await twoPages('Codes');
    const root = await visit(`/f/${f.publicId}?utm_source=meta`);
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe(`/f/${f.publicId}/offer?utm_source=meta`);

    await renameFixtureSlug(db, f, f.pages[1]?.pageId ?? '', 'thank-you', 'thanks');
    const moved = await visit(`/f/${f.publicId}/thank-you`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`/f/${f.publicId}/thanks`);

    const missing = await visit(`/f/${f.publicId}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await visit(`/f/${crypto.randomUUID()}/offer`)).status).toBe(404);

    const g = await twoPages('Disabled');
    await setFixtureStatus(db, g, 'disabled');
    const gone = await visit(`/f/${g.publicId}/offer`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('no longer available');
  });

  it('answers 304 to If-None-Match with the page’s ETag', async () => {
    const f = await twoPages('Etag');
    const first = await visit(`/f/${f.publicId}/offer`);
    const visitor = /mos_vid=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1];
    expect(first.headers.get('set-cookie')).toMatch(/; Secure$/);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await visit(`/f/${f.publicId}/offer`, {
      cookie: `mos_vid=${visitor}`,
      'if-none-match': etag,
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('gives a visitor one variant, sticky, and splits 1,000 visitors near the weights', async () => {
    const f = await seedPublishedFunnel(db, {
      pages: [
        {
          slug: 'ab',
          html: page('A'),
          weight: 70,
          variants: [{ name: 'B', html: page('B'), weight: 30, experimentId: 'exp-ab' }],
        },
      ],
    });
    const visitor = crypto.randomUUID();
    const bodies = new Set<string>();
    for (let i = 0; i < 20; i++) {
      bodies.add(await (await visit(`/f/${f.publicId}/ab`, { cookie: `mos_vid=${visitor}` })).text());
    }
    expect(bodies.size).toBe(1);
    let b = 0;
    // New visitors with fixed ids (seeded), so the split is the same every run.
    const rng = mulberry32(20261207);
    for (let i = 0; i < 1000; i++) {
      const id = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
      if ((await (await visit(`/f/${f.publicId}/ab`, { cookie: `mos_vid=${id}` })).text()) === page('B')) b++;
    }
    expect(b).toBeGreaterThan(250);
    expect(b).toBeLessThan(350);
  });
});

function batchFor(f: PublishedFunnelFixture, events = 3) {
  return {
    batchId: crypto.randomUUID(),
    publicationId: f.publicationId,
    visitorId: `visitor-${crypto.randomUUID()}`,
    sessionId: `session-${crypto.randomUUID()}`,
    events: Array.from({ length: events }, () => ({
      eventId: crypto.randomUUID(),
      type: 'page_view' as const,
      pageId: f.pages[0]?.pageId ?? '',
      occurredAt: new Date().toISOString(),
    })),
  };
}

const storedEvents = (funnelId: string) =>
  db.select().from(funnelEvents).where(eq(funnelEvents.funnelId, funnelId));

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('public ingest through the FUNNEL_EVENTS queue (workerd)', () => {
  it('refuses bodies over 64 KB, declared or streamed', async () => {
    const f = await twoPages('Big');
    const big = JSON.stringify({ ...batchFor(f), padding: 'x'.repeat(70 * 1024) });
    const declared = await visit(
      `/f/${f.publicId}/api/events`,
      { 'content-type': 'application/json' },
      {
        method: 'POST',
        body: big,
      },
    );
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(big);
        for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
        controller.close();
      },
    });
    const streamed = await visit(
      `/f/${f.publicId}/api/leads`,
      { 'content-type': 'application/json' },
      {
        method: 'POST',
        body: stream,
      },
    );
    expect(streamed.status).toBe(413);
  });

  it('enqueues validated events and the consumer stores each one once', async () => {
    const f = await twoPages('Queue');
    const batch = batchFor(f, 3);
    const send = () =>
      visit(
        `/f/${f.publicId}/api/events`,
        { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.9' },
        {
          method: 'POST',
          body: JSON.stringify(batch),
        },
      );
    const accepted = await send();
    expect(accepted.status).toBe(202);
    // On Workers the request only enqueues (the FUNNEL_EVENTS binding from wrangler.toml); the consumer stores.
    expect(await accepted.json()).toEqual({ ok: true, accepted: 3, via: 'queue' });
    // The page script retries the same batch (e.g. after a timeout): a second message with the same events.
    expect((await send()).status).toBe(202);
    const rows = await waitFor(
      () => storedEvents(f.funnelId),
      (r) => r.length >= 3,
    );
    expect(rows.map((r) => r.eventId).sort()).toEqual(batch.events.map((e) => e.eventId).sort());
    // Both messages were consumed by now or soon; nothing beyond the three events may appear.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await storedEvents(f.funnelId)).toHaveLength(3);
    expect(rows[0]?.ipHash).toMatch(/^[0-9a-f]{64}$/);

    const lead = {
      submissionId: crypto.randomUUID(),
      publicationId: f.publicationId,
      pageId: f.pages[0]?.pageId,
      blockId: 'form-1',
      visitorId: `visitor-${crypto.randomUUID()}`,
      fields: { email: 'queue@example.com' },
    };
    const answer = await visit(
      `/f/${f.publicId}/api/leads`,
      { 'content-type': 'application/json' },
      {
        method: 'POST',
        body: JSON.stringify(lead),
      },
    );
    expect(await answer.json()).toEqual({ ok: true, redirectTo: `/f/${f.publicId}/thanks` });
    const leads = await waitFor(
      () => db.select().from(funnelLeads).where(eq(funnelLeads.funnelId, f.funnelId)),
      (r) => r.length >= 1,
    );
    expect(leads.map((l) => l.email)).toEqual(['queue@example.com']);
  });

  it('stores a redelivered message once and acks it each time', async () => {
    const f = await twoPages('Redelivery');
    const eventId = crypto.randomUUID();
    const now = new Date().toISOString();
    const body: FunnelQueueMessage = {
      kind: 'events',
      rows: [
        {
          orgId: f.orgId,
          clientId: f.clientId,
          funnelId: f.funnelId,
          publicationId: f.publicationId,
          pageId: f.pages[0]?.pageId ?? '',
          variantId: null,
          eventId,
          batchId: crypto.randomUUID(),
          type: 'cta_click',
          visitorId: 'visitor-redelivered',
          sessionId: 'session-redelivered',
          occurredAt: now,
          receivedAt: now,
          host: 'edge.mos.test',
          path: '/f/x/offer',
          referrer: null,
          utm: {},
          clickIds: {},
          consent: 'not_asked',
          ipHash: null,
          userAgent: null,
          props: {},
        },
      ],
    };
    for (let delivery = 1; delivery <= 2; delivery++) {
      const batch = createMessageBatch<FunnelQueueMessage>('mos-funnel-events', [
        { id: `msg-${eventId}`, timestamp: new Date(), attempts: delivery, body },
        {
          id: `bad-${delivery}`,
          timestamp: new Date(),
          attempts: delivery,
          body: { nonsense: true } as never,
        },
      ]);
      const ctx = createExecutionContext();
      await worker.queue(batch, env as unknown as Record<string, string>);
      const result = await getQueueResult(batch, ctx);
      expect(result.explicitAcks.sort()).toEqual([`bad-${delivery}`, `msg-${eventId}`].sort());
      expect(result.retryMessages).toEqual([]);
    }
    const rows = await storedEvents(f.funnelId);
    expect(rows.map((r) => r.eventId)).toEqual([eventId]);
  });
});
