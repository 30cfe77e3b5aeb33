/**
 * The funnel proxy over real HTTP and the real test PostgreSQL: Host routing to verified domains, the same
 * pages and variant rule as the edge with base path `/`, a new publish visible within the stated bound, the
 * events and leads ingest, and the process entry starting it when FUNNEL_PROXY_PORT is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, funnelEvents, funnelLeads, mediaObjects } from '@mos/db';
import { createDb, localFolderMediaStore } from '@mos/db/node';
import { testPostgresUrl } from '@mos/db/testing';
import {
  addFixtureDomain,
  type PublishedFunnelFixture,
  publishFixture,
  seedPublishedFunnel,
} from '@mos/db/testing/funnels';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkerEnv } from '../src/env';
import { funnelProxyMedia, type RunningFunnelProxy, startFunnelProxy } from '../src/funnel-proxy/server';

const TTL_MS = 500;
let database: Database;
let proxy: RunningFunnelProxy;

beforeAll(async () => {
  database = await createDb(testPostgresUrl());
  proxy = await startFunnelProxy({ db: database.db, port: 0, activeTtlMs: TTL_MS });
});
afterAll(async () => {
  await proxy?.close();
  await database?.close();
});

const page = (title: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body>${title}</body></html>`;
const suffix = () => crypto.randomUUID().slice(0, 8);

/**
 * A request to the proxy as nginx would send it: the visitor's Host on a socket to the proxy's port (fetch
 * cannot set Host, so node:http).
 */
function visit(
  host: string,
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${proxy.url}${path}`,
      { method: init.method ?? 'GET', headers: { ...init.headers, host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
          }
          const status = res.statusCode ?? 0;
          const body = [204, 304].includes(status) ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status, headers }));
        });
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

async function funnelOn(host: string, status: 'verified' | 'active' | 'pending', title: string) {
  const f = await seedPublishedFunnel(database.db, {
    pages: [
      { slug: 'start', html: page(`${title} start`), forms: { 'form-1': 'done' } },
      { slug: 'done', html: page(`${title} done`) },
    ],
  });
  await addFixtureDomain(database.db, f, host, status);
  return f;
}

describe('funnel proxy', () => {
  it('answers /healthz', async () => {
    const res = await fetch(`${proxy.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('routes by Host: two domains, two funnels; pending and unknown hosts get the 404 page', async () => {
    const hostA = `a-${suffix()}.funnels.test`;
    const hostB = `b-${suffix()}.funnels.test`;
    const hostPending = `p-${suffix()}.funnels.test`;
    await funnelOn(hostA, 'verified', 'Alpha');
    await funnelOn(hostB, 'active', 'Beta');
    await funnelOn(hostPending, 'pending', 'Pending');

    const rootA = await visit(hostA, '/?utm_source=meta');
    expect(rootA.status).toBe(302);
    expect(rootA.headers.get('location')).toBe('/start?utm_source=meta');
    expect(await (await visit(hostA, '/start')).text()).toBe(page('Alpha start'));
    // Host matching ignores case and the port.
    for (const variant of [`${hostB}:443`, hostB.toUpperCase()]) {
      const res = await visit(variant, '/done');
      expect(res.status, variant).toBe(200);
      expect(await res.text()).toBe(page('Beta done'));
    }

    for (const host of [hostPending, `nobody-${suffix()}.test`]) {
      const res = await visit(host, '/start');
      expect(res.status, host).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
  });

  it('sets a Secure visitor cookie when nginx says the visitor came over https', async () => {
    const host = `s-${suffix()}.funnels.test`;
    await funnelOn(host, 'verified', 'Secure');
    const res = await visit(host, '/start', { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('set-cookie')).toMatch(
      /^mos_vid=[^;]+; Path=\/; Max-Age=31536000; SameSite=Lax; Secure$/,
    );
  });

  it('shows a new publish within the active-publication bound', async () => {
    const host = `n-${suffix()}.funnels.test`;
    const f = await funnelOn(host, 'verified', 'Old');
    expect(await (await visit(host, '/start')).text()).toBe(page('Old start'));
    await publishFixture(database.db, f, [
      { slug: 'start', html: page('New start') },
      { slug: 'done', html: page('New done') },
    ]);
    const at = Date.now();
    let seen: number | null = null;
    while (Date.now() - at < TTL_MS + 2000) {
      if ((await (await visit(host, '/start')).text()) === page('New start')) {
        seen = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen).not.toBeNull();
    expect((seen ?? Infinity) - at).toBeLessThanOrEqual(TTL_MS + 300);
  });

  it('takes events and leads on the custom domain, once each, with the client address hashed', async () => {
    const host = `i-${suffix()}.funnels.test`;
    const f: PublishedFunnelFixture = await funnelOn(host, 'active', 'Ingest');
    const pageId = f.pages[0]?.pageId ?? '';
    const batch = {
      batchId: crypto.randomUUID(),
      publicationId: f.publicationId,
      visitorId: `visitor-${suffix()}`,
      sessionId: `session-${suffix()}`,
      events: [
        { eventId: crypto.randomUUID(), type: 'page_view', pageId, occurredAt: new Date().toISOString() },
      ],
    };
    const send = () =>
      visit(host, '/api/events', {
        method: 'POST',
        body: JSON.stringify(batch),
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.44' },
      });
    expect((await send()).status).toBe(202);
    expect((await send()).status).toBe(202);
    const events = await database.db.select().from(funnelEvents).where(eq(funnelEvents.funnelId, f.funnelId));
    expect(events).toHaveLength(1);
    expect(events[0]?.host).toBe(host);
    expect(events[0]?.ipHash).toMatch(/^[0-9a-f]{64}$/);

    const form = new URLSearchParams({
      publicationId: f.publicationId,
      pageId,
      blockId: 'form-1',
      email: 'a@b.co',
    });
    const res = await visit(host, '/api/leads', {
      method: 'POST',
      body: form.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        referer: `https://${host}/start?utm_source=x`,
      },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/done');
    const leads = await database.db.select().from(funnelLeads).where(eq(funnelLeads.funnelId, f.funnelId));
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ email: 'a@b.co', utm: { source: 'x' }, host });

    const big = await visit(host, '/api/events', {
      method: 'POST',
      body: 'x'.repeat(65 * 1024 + 1),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
  });

  it('serves the funnel org’s media from MEDIA_DIR and from the database under /media/<id>', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mos-proxy-media-'));
    const withMedia = await startFunnelProxy({ db: database.db, port: 0, media: funnelProxyMedia(dir) });
    try {
      const host = `m-${suffix()}.funnels.test`;
      const f = await funnelOn(host, 'verified', 'Media');
      const bytes = { local: new Uint8Array([1, 2, 3, 4]), db: new Uint8Array([5, 6, 7]) };
      const ids: Record<string, string> = {};
      for (const storage of ['local', 'db'] as const) {
        const key = `${f.orgId}/${crypto.randomUUID()}`;
        if (storage === 'local')
          await localFolderMediaStore(dir).put(database.db, f.orgId, key, bytes.local, 'image/png');
        const [row] = await database.db
          .insert(mediaObjects)
          .values({
            orgId: f.orgId,
            kind: 'image',
            source: 'upload',
            status: 'ready',
            storage,
            storageKey: key,
            mimeType: 'image/png',
            bytes: storage === 'db' ? bytes.db : null,
          })
          .returning({ id: mediaObjects.id });
        ids[storage] = row?.id ?? '';
      }
      for (const storage of ['local', 'db'] as const) {
        const res = await new Promise<{ status: number; body: Buffer; accel: unknown }>((resolve, reject) => {
          request(`${withMedia.url}/media/${ids[storage]}`, { headers: { host } }, (r) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () =>
              resolve({
                status: r.statusCode ?? 0,
                body: Buffer.concat(chunks),
                accel: r.headers['x-accel-expires'],
              }),
            );
          })
            .on('error', reject)
            .end();
        });
        expect(res.status, storage).toBe(200);
        expect(new Uint8Array(res.body)).toEqual(bytes[storage]);
        // Immutable: nginx in front may keep it (cloudhand's funnel sites cache only what is marked).
        expect(res.accel, storage).toBe('31536000');
      }
    } finally {
      await withMedia.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('marks pages for nginx: shared pages briefly cacheable, A/B pages never, neither for browsers', async () => {
    const host = `c-${suffix()}.funnels.test`;
    const f = await seedPublishedFunnel(database.db, {
      pages: [
        { slug: 'start', html: page('Cache start') },
        { slug: 'ab', html: page('Cache A'), variants: [{ name: 'B', html: page('Cache B'), weight: 50 }] },
        {
          slug: 'off',
          html: page('Cache off'),
          weight: 0,
          variants: [{ name: 'B', html: page('Off B'), weight: 0 }],
        },
      ],
    });
    await addFixtureDomain(database.db, f, host, 'verified');
    const visitor = { cookie: 'mos_vid=visitor-0001' };
    const shared = await visit(host, '/start', { headers: visitor });
    expect(shared.status).toBe(200);
    expect(shared.headers.get('x-accel-expires')).toBe('5');
    expect(shared.headers.get('cache-control')).toBe('private, no-cache');
    expect(shared.headers.get('set-cookie')).toBeNull();
    const ab = await visit(host, '/ab', { headers: visitor });
    expect(ab.headers.get('x-accel-expires')).toBe('0');
    // Every weight 0: the page itself for everyone, so shared again.
    expect((await visit(host, '/off', { headers: visitor })).headers.get('x-accel-expires')).toBe('5');
    // Redirects and errors carry no mark, so nginx stores none of them.
    expect((await visit(host, '/')).headers.get('x-accel-expires')).toBeNull();
    expect((await visit(host, '/nope')).headers.get('x-accel-expires')).toBeNull();
  });

  it('serves a funnel by public id under /f/<publicId>/ whatever the Host (nginx on an IP and port)', async () => {
    const f = await funnelOn(`q-${suffix()}.funnels.test`, 'verified', 'ById');
    const entry = await visit('203.0.113.9:24001', `/f/${f.publicId}/?utm_source=ip`);
    expect(entry.status).toBe(302);
    expect(entry.headers.get('location')).toBe(`/f/${f.publicId}/start?utm_source=ip`);
    const start = await visit('203.0.113.9:24001', `/f/${f.publicId}/start`);
    expect(start.status).toBe(200);
    expect(await start.text()).toBe(page('ById start'));
    expect((await visit('203.0.113.9:24001', '/f/unknown-id/start')).status).toBe(404);
    const lead = await visit('203.0.113.9:24001', `/f/${f.publicId}/api/leads`, {
      method: 'POST',
      body: new URLSearchParams({
        publicationId: f.publicationId,
        pageId: f.pages[0]?.pageId ?? '',
        blockId: 'form-1',
        email: 'c@d.co',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(lead.status).toBe(303);
    expect(lead.headers.get('location')).toBe(`/f/${f.publicId}/done`);
  });

  it('is configured by FUNNEL_PROXY_PORT in the worker environment', () => {
    const base = { DATABASE_URL: 'pglite:memory', OPENAI_API_KEY: 'sk-test' };
    expect(parseWorkerEnv(base).FUNNEL_PROXY_PORT).toBeUndefined();
    // An empty value, as copied from .env.example, means no proxy (not port 0, a random port).
    expect(parseWorkerEnv({ ...base, FUNNEL_PROXY_PORT: '' }).FUNNEL_PROXY_PORT).toBeUndefined();
    expect(parseWorkerEnv({ ...base, FUNNEL_PROXY_PORT: '8790' })).toMatchObject({
      FUNNEL_PROXY_PORT: 8790,
      FUNNEL_PROXY_HOST: '127.0.0.1',
    });
    expect(() => parseWorkerEnv({ ...base, FUNNEL_PROXY_PORT: 'eighty' })).toThrow(/FUNNEL_PROXY_PORT/);
  });
});
