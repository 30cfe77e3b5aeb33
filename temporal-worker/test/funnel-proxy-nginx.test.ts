/**
 * The real funnel proxy (real PostgreSQL) behind cloudhand's generated nginx funnel sites in a real nginx: a
 * shared page comes from nginx's cache on the second visit, a page with A/B variants never does and each visitor
 * keeps their variant (the id nginx gives a new visitor is the one the proxy picks with), leads go through to the
 * database with the custom domain, and a funnel without a domain is served on its own port by public id.
 */
import { request } from 'node:http';
import { renderFunnelSite } from '@mos/cloudhand/nginx';
import { parsePlan } from '@mos/cloudhand/plan';
import { freePort, type RunningNginx, startNginx } from '@mos/cloudhand/testing';
import { type Database, funnelLeads } from '@mos/db';
import { chooseVariant } from '@mos/db/funnel-runtime';
import { createDb } from '@mos/db/node';
import { testPostgresUrl } from '@mos/db/testing';
import { addFixtureDomain, type PublishedFunnelFixture, seedPublishedFunnel } from '@mos/db/testing/funnels';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFunnelProxy, startFunnelProxy } from '../src/funnel-proxy/server';

let database: Database;
let proxy: RunningFunnelProxy;
let nginx: RunningNginx;
let f: PublishedFunnelFixture;
let host: string;
let httpPort: number;
let barePort: number;

const page = (title: string) => `<!doctype html><html><body>${title}</body></html>`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
function visit(
  port: number,
  path: string,
  init: { host?: string; method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `http://127.0.0.1:${port}${path}`,
      {
        method: init.method ?? 'GET',
        agent: false,
        headers: { ...init.headers, ...(init.host ? { host: init.host } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
const vidOf = (a: Answer) =>
  /^mos_vid=([^;]+)/.exec([a.headers['set-cookie'] ?? []].flat()[0] ?? '')?.[1] ?? null;

beforeAll(async () => {
  database = await createDb(testPostgresUrl());
  proxy = await startFunnelProxy({ db: database.db, port: 0 });
  host = `n-${crypto.randomUUID().slice(0, 8)}.funnels.test`;
  f = await seedPublishedFunnel(database.db, {
    pages: [
      { slug: 'start', html: page('Start'), forms: { 'form-1': 'done' } },
      { slug: 'offer', html: page('Offer A'), variants: [{ name: 'B', html: page('Offer B'), weight: 100 }] },
      { slug: 'done', html: page('Done') },
    ],
  });
  await addFixtureDomain(database.db, f, host, 'verified');
  httpPort = await freePort();
  barePort = await freePort();
  nginx = await startNginx({ sites: [] });
  const plan = parsePlan({
    new_spec: {
      provider: 'hetzner',
      region: 'nbg1',
      instances: [
        {
          name: 'web',
          size: 'cx23',
          workloads: [
            {
              name: 'funnel-domain',
              source_type: 'funnel_publication',
              source_ref: {
                public_id: f.publicId,
                upstream_base_url: proxy.url,
                upstream_api_base_url: proxy.url,
              },
              service_config: { server_names: [host] },
            },
            {
              name: 'funnel-ip',
              source_type: 'funnel_publication',
              source_ref: {
                public_id: f.publicId,
                upstream_base_url: proxy.url,
                upstream_api_base_url: proxy.url,
              },
              service_config: { ports: [barePort] },
            },
          ],
        },
      ],
    },
  });
  const opts = { cacheDir: nginx.cacheDir, listenAddress: '127.0.0.1', httpPort };
  const sites = (plan.new_spec.instances[0]?.workloads ?? []).map((w) => renderFunnelSite(w, opts));
  const r = await nginx.reload(sites);
  if (!r.ok) throw new Error(r.output);
});
afterAll(async () => {
  await nginx?.stop();
  await proxy?.close();
  await database?.close();
});

describe('funnel proxy behind the generated nginx site', () => {
  it('serves a shared page from the cache on the second visit, with a visitor id for each new visitor', async () => {
    const a = await visit(httpPort, '/start?utm_source=meta&fbclid=one', { host });
    const b = await visit(httpPort, '/start?utm_source=meta&fbclid=two', { host });
    expect(a.status).toBe(200);
    expect(a.body).toBe(page('Start'));
    expect(a.headers['x-cache-status']).toBe('MISS');
    expect(b.headers['x-cache-status']).toBe('HIT');
    expect(b.body).toBe(page('Start'));
    expect(vidOf(a)).toMatch(/^[0-9a-f]{32}$/);
    expect(vidOf(b)).toMatch(/^[0-9a-f]{32}$/);
    expect(vidOf(a)).not.toBe(vidOf(b));
    // The proxy set no cookie of its own: exactly nginx's one.
    expect([a.headers['set-cookie']].flat()).toHaveLength(1);
    expect(a.headers['cache-control']).toBe('private, no-cache');
  });

  it('never caches the A/B page, and every visitor keeps the variant the proxy picks for their id', async () => {
    const expected = (vid: string) =>
      chooseVariant(
        [
          { variantId: null, weight: 100, body: page('Offer A') },
          { variantId: 'b', weight: 100, body: page('Offer B') },
        ],
        vid,
        f.pages[1]?.pageId ?? '',
      ).body;
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const first = await visit(httpPort, '/offer', { host });
      expect(first.headers['x-cache-status']).toBe('MISS');
      const vid = vidOf(first);
      if (!vid) throw new Error('no visitor id');
      expect(first.body).toBe(expected(vid));
      const again = await visit(httpPort, '/offer', { host, headers: { cookie: `mos_vid=${vid}` } });
      expect(again.headers['x-cache-status']).toBe('MISS');
      expect(again.body).toBe(first.body);
      expect(again.headers['set-cookie']).toBeUndefined();
      seen.add(first.body);
    }
    // Both renderings went out (12 visitors at 50/50: all alike has odds 1 in 2048); none was shared.
    expect(seen.size).toBe(2);
  });

  it('passes leads to the proxy with the custom domain, never from the cache', async () => {
    const send = () =>
      visit(httpPort, '/api/leads', {
        host,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', referer: `http://${host}/start` },
        body: new URLSearchParams({
          publicationId: f.publicationId,
          pageId: f.pages[0]?.pageId ?? '',
          blockId: 'form-1',
          email: `lead-${crypto.randomUUID().slice(0, 6)}@example.test`,
        }).toString(),
      });
    const one = await send();
    const two = await send();
    for (const r of [one, two]) {
      expect(r.status).toBe(303);
      expect(r.headers.location).toBe('/done');
      expect(r.headers['x-cache-status']).toBeUndefined();
    }
    const leads = await database.db.select().from(funnelLeads).where(eq(funnelLeads.funnelId, f.funnelId));
    expect(leads).toHaveLength(2);
    expect(leads.every((l) => l.host === host)).toBe(true);
  });

  it('serves a funnel without a domain on its own port by public id, redirects mapped to its root', async () => {
    const root = await visit(barePort, '/?utm_source=ip', { host: '203.0.113.7' });
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/start?utm_source=ip');
    const a = await visit(barePort, '/start', { host: '203.0.113.7' });
    const b = await visit(barePort, '/start', { host: '203.0.113.7' });
    expect(a.body).toBe(page('Start'));
    expect(b.headers['x-cache-status']).toBe('HIT');
  });
});
