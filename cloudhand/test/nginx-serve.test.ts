/**
 * The generated sites in a real running nginx (own prefix, loopback, free ports) in front of a stand-in speaking
 * the funnel proxy's headers: cache hits for shared pages, never for POSTs, variant pages or answers that set a
 * cookie; one visitor id per visitor given out by nginx and handed to the upstream; Host passed through; TLS with
 * the challenge and redirect; websockets to a git app; a refused config leaves the old one serving.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderFunnelSite, renderGitAppSite, renderSites } from '../src/nginx/index';
import {
  type FunnelUpstreamStandIn,
  freePort,
  type RunningNginx,
  startFunnelUpstreamStandIn,
  startNginx,
} from '../src/testing/nginx';
import {
  call,
  funnelApp,
  gitApp,
  instanceOf,
  mosWorker,
  selfSignedCert,
  visitorCookie,
} from './support/nginx-fixtures';

const HOST = 'shop.example.test';
let upstream: FunnelUpstreamStandIn;
let nginx: RunningNginx;
let http: number;
let bare: number;
let relayPort: number;
let relay: Server;
const lb = (port: number, path: string) => `http://127.0.0.1:${port}${path}`;
const count = (path: string, method = 'GET') =>
  upstream.requests.filter((r) => r.path === path && r.method === method).length;

beforeAll(async () => {
  upstream = await startFunnelUpstreamStandIn({ sharedSeconds: 60 });
  relay = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ relay: true, host: req.headers.host, path: req.url }));
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  relayPort = (relay.address() as AddressInfo).port;
  http = await freePort();
  bare = await freePort();
  const inst = instanceOf([
    funnelApp('funnel-a', upstream.url, { server_names: [HOST] }),
    funnelApp('funnel-b', upstream.url, { ports: [bare], publicId: 'pub_XY' }),
    mosWorker('relay.example.test', ['lp.example.test'], { relayPort, funnelPort: upstream.port }),
  ]);
  // Sites render with the prefix's cache folder, so the prefix comes first and the sites are loaded by reload.
  nginx = await startNginx({ sites: [] });
  const r = await nginx.reload(
    renderSites(inst, {
      mode: 'per-app',
      cacheDir: nginx.cacheDir,
      listenAddress: '127.0.0.1',
      httpPort: http,
    }),
  );
  expect(r.output).toContain('test is successful');
});
afterAll(async () => {
  await nginx?.stop();
  await upstream?.close();
  relay?.close();
});

describe('funnel site with server names', () => {
  it('serves the second GET of a shared page from the cache, with the custom domain as Host upstream', async () => {
    const before = count('/start');
    const first = await call(lb(http, '/start?utm_source=a&fbclid=click1'), { host: HOST });
    // Another ad click: its own click id, the same page from the cache.
    const second = await call(lb(http, '/start?utm_source=a&fbclid=click2'), { host: HOST });
    expect(first.status).toBe(200);
    expect(first.headers['x-cache-status']).toBe('MISS');
    expect(second.headers['x-cache-status']).toBe('HIT');
    expect(second.body).toBe(first.body);
    expect(count('/start') - before).toBe(1);
    const seen = upstream.requests.filter((r) => r.path === '/start').at(-1);
    expect(seen?.headers.host).toBe(HOST);
    expect(seen?.headers['x-forwarded-proto']).toBe('http');
    expect(seen?.headers['x-forwarded-for']).toBe('127.0.0.1');
    // Browsers still revalidate: the proxy's private, no-cache reaches them; X-Accel-Expires does not.
    expect(second.headers['cache-control']).toBe('private, no-cache');
    expect(second.headers['x-accel-expires']).toBeUndefined();
  });

  it('gives every new visitor their own id, also on a cache hit, and hands it to the upstream', async () => {
    await call(lb(http, '/start'), { host: HOST });
    const a = await call(lb(http, '/start'), { host: HOST });
    const b = await call(lb(http, '/start'), { host: HOST });
    expect(a.headers['x-cache-status']).toBe('HIT');
    const idA = visitorCookie(a);
    const idB = visitorCookie(b);
    expect(idA).toMatch(/^[0-9a-f]{32}$/);
    expect(idB).toMatch(/^[0-9a-f]{32}$/);
    expect(idA).not.toBe(idB);
    expect(a.headers['set-cookie']).toHaveLength(1);
    expect(a.headers['set-cookie']?.[0]).toMatch(/; Path=\/; Max-Age=31536000; SameSite=Lax$/);
    // A returning visitor keeps its id: no new cookie.
    const back = await call(lb(http, '/start'), { host: HOST, headers: { cookie: `mos_vid=${idA}` } });
    expect(back.headers['set-cookie']).toBeUndefined();
    // On a miss the upstream got the new visitor's id as its cookie, so it set none itself.
    const miss = await call(lb(http, `/page-${Date.now()}`), { host: HOST });
    expect(miss.headers['x-cache-status']).toBe('MISS');
    const got = upstream.requests.at(-1);
    expect(got?.headers.cookie).toMatch(new RegExp(`^mos_vid=${visitorCookie(miss)};\\s*$`));
    expect(miss.headers['set-cookie']).toHaveLength(1);
  });

  it('never caches a page with variants: each visitor gets their own, every time from the upstream', async () => {
    const before = count('/ab');
    const v1 = 'visitor00000001';
    const v2 = 'visitor00000002';
    const one = await call(lb(http, '/ab'), { host: HOST, headers: { cookie: `mos_vid=${v1}` } });
    const two = await call(lb(http, '/ab'), { host: HOST, headers: { cookie: `mos_vid=${v2}` } });
    const oneAgain = await call(lb(http, '/ab'), { host: HOST, headers: { cookie: `mos_vid=${v1}` } });
    expect(one.body).toContain(`variant B for ${v1}`);
    expect(two.body).toContain(`variant A for ${v2}`);
    expect(oneAgain.body).toBe(one.body);
    expect(count('/ab') - before).toBe(3);
    for (const a of [one, two, oneAgain]) expect(a.headers['x-cache-status']).toBe('MISS');
    // A new visitor's variant is picked with the id nginx gives them.
    const fresh = await call(lb(http, '/ab'), { host: HOST });
    expect(fresh.body).toContain(`for ${visitorCookie(fresh)}`);
  });

  it('never stores an answer that sets its own cookie, even when marked cacheable', async () => {
    const before = count('/sets-cookie');
    const a = await call(lb(http, '/sets-cookie'), { host: HOST });
    const b = await call(lb(http, '/sets-cookie'), { host: HOST });
    expect(count('/sets-cookie') - before).toBe(2);
    expect(b.headers['x-cache-status']).not.toBe('HIT');
    expect(a.headers['set-cookie']?.find((c) => c.startsWith('session='))).not.toBe(
      b.headers['set-cookie']?.find((c) => c.startsWith('session=')),
    );
  });

  it('passes every POST /api/leads and /api/events to the upstream, never from the cache', async () => {
    const before = count('/api/leads', 'POST');
    for (let i = 0; i < 3; i++) {
      const r = await call(lb(http, '/api/leads'), {
        host: HOST,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=a%40b.co',
      });
      expect(r.status).toBe(303);
      expect(r.headers['x-cache-status']).toBeUndefined();
    }
    expect(count('/api/leads', 'POST') - before).toBe(3);
    expect(upstream.requests.at(-1)?.headers.host).toBe(HOST);
    const ev = await call(lb(http, '/api/events'), { host: HOST, method: 'POST', body: '{}' });
    expect(ev.status).toBe(303);
  });

  it('caches immutable media and passes the entry redirect through uncached', async () => {
    const a = await call(lb(http, '/media/m1'), { host: HOST });
    const b = await call(lb(http, '/media/m1'), { host: HOST });
    expect(a.headers['x-cache-status']).toBe('MISS');
    expect(b.headers['x-cache-status']).toBe('HIT');
    const root = await call(lb(http, '/?utm_source=x'), { host: HOST });
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/start?utm_source=x');
    expect((await call(lb(http, '/?utm_source=x'), { host: HOST })).headers['x-cache-status']).not.toBe(
      'HIT',
    );
  });
});

describe('funnel site without server names', () => {
  it('listens on its own port and maps / to /f/<publicId>/ upstream, redirects mapped back', async () => {
    const root = await call(lb(bare, '/?utm_source=y'), { host: 'anything.test' });
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/start?utm_source=y');
    expect(upstream.requests.at(-1)?.path).toBe('/f/pub_XY/');
    const first = await call(lb(bare, '/start'));
    const second = await call(lb(bare, '/start'), { host: 'other-host.test' });
    expect(first.status).toBe(200);
    expect(second.headers['x-cache-status']).toBe('HIT');
    const seen = upstream.requests.filter((r) => r.path === '/f/pub_XY/start');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.host).toBe(`127.0.0.1:${upstream.port}`);
    const lead = await call(lb(bare, '/api/leads'), { method: 'POST', body: 'x=1' });
    expect(lead.status).toBe(303);
    expect(upstream.requests.at(-1)?.path).toBe('/f/pub_XY/api/leads');
  });
});

describe('mos_worker site', () => {
  it('routes the relay host to the relay and funnel hosts to the funnel proxy with the cache', async () => {
    const r = await call(lb(http, '/hooks/stripe'), { host: 'relay.example.test' });
    expect(JSON.parse(r.body)).toEqual({ relay: true, host: 'relay.example.test', path: '/hooks/stripe' });
    const a = await call(lb(http, '/page-lp'), { host: 'lp.example.test' });
    const b = await call(lb(http, '/page-lp'), { host: 'lp.example.test' });
    expect(a.headers['x-cache-status']).toBe('MISS');
    expect(b.headers['x-cache-status']).toBe('HIT');
    expect(upstream.requests.filter((q) => q.path === '/page-lp').at(-1)?.headers.host).toBe(
      'lp.example.test',
    );
    // The cache key holds the host: the same path on the other funnel domain is its own entry.
    expect((await call(lb(http, '/page-lp'), { host: HOST })).headers['x-cache-status']).toBe('MISS');
  });
});

describe('TLS and the ACME challenge', () => {
  let dir: string;
  let pair: { cert: string; key: string };
  let ngx: RunningNginx;
  let h80: number;
  let h443: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ch-tls-'));
    pair = selfSignedCert(dir, HOST);
    h80 = await freePort();
    h443 = await freePort();
    ngx = await startNginx({ sites: [] });
    mkdirSync(join(ngx.acmeWebroot, '.well-known', 'acme-challenge'), { recursive: true });
    writeFileSync(join(ngx.acmeWebroot, '.well-known', 'acme-challenge', 'tok123'), 'tok123.thumb');
  });
  afterAll(async () => {
    await ngx?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const render = (withCert: boolean) =>
    renderFunnelSite(
      instanceOf([funnelApp('funnel-tls', upstream.url, { server_names: [HOST], https: true })])
        .workloads[0] as never,
      {
        cacheDir: ngx.cacheDir,
        acmeWebroot: ngx.acmeWebroot,
        listenAddress: '127.0.0.1',
        httpPort: h80,
        httpsPort: h443,
        tls: () => (withCert ? pair : null),
      },
    );

  it('before the certificate: port 80 serves the site and the challenge', async () => {
    expect((await ngx.reload([render(false)])).ok).toBe(true);
    const challenge = await call(lb(h80, '/.well-known/acme-challenge/tok123'), { host: HOST });
    expect(challenge.status).toBe(200);
    expect(challenge.body).toBe('tok123.thumb');
    const page = await call(lb(h80, '/start'), { host: HOST });
    expect(page.status).toBe(200);
    expect(page.body).toContain('start page');
  });

  it('with the certificate: https serves the cached site with a Secure cookie, port 80 redirects', async () => {
    expect((await ngx.reload([render(true)])).ok).toBe(true);
    const redirect = await call(lb(h80, '/start?x=1'), { host: HOST });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe(`https://${HOST}:${h443}/start?x=1`);
    const challenge = await call(lb(h80, '/.well-known/acme-challenge/tok123'), { host: HOST });
    expect(challenge.body).toBe('tok123.thumb');
    const url = `https://127.0.0.1:${h443}/page-tls`;
    const a = await call(url, { host: HOST });
    const b = await call(url, { host: HOST });
    expect(a.status).toBe(200);
    expect(b.headers['x-cache-status']).toBe('HIT');
    expect(a.headers['set-cookie']?.[0]).toMatch(/; SameSite=Lax; Secure$/);
    expect(upstream.requests.filter((r) => r.path === '/page-tls').at(-1)?.headers['x-forwarded-proto']).toBe(
      'https',
    );
  });
});

describe('git app site and reloads', () => {
  it('proxies to the first port with websocket upgrades, and a refused config leaves the old one serving', async () => {
    const app = createServer((req, res) => {
      res.end(`app ${req.headers.host} ${req.headers['x-real-ip']}`);
    });
    app.on('upgrade', (req, socket) => {
      socket.end(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: ${req.headers.upgrade}\r\nConnection: Upgrade\r\n\r\n`,
      );
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    const appPort = (app.address() as AddressInfo).port;
    const port = await freePort();
    const site = renderGitAppSite(
      instanceOf([gitApp('app', [appPort], ['app.example.test'])]).workloads[0] as never,
      {
        listenAddress: '127.0.0.1',
        httpPort: port,
      },
    );
    if (!site) throw new Error('no site');
    const ngx = await startNginx({ sites: [site] });
    try {
      const r = await call(lb(port, '/'), { host: 'app.example.test' });
      expect(r.body).toBe('app app.example.test 127.0.0.1');
      // The raw status line of an upgrade through nginx (node:http would hand a 101 to an upgrade listener).
      const status = await new Promise<string>((resolve, reject) => {
        const s = connect(port, '127.0.0.1', () =>
          s.write(
            'GET /ws HTTP/1.1\r\nHost: app.example.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
          ),
        );
        s.once('data', (d) => {
          resolve(d.toString().split('\r\n')[0] ?? '');
          s.destroy();
        });
        s.once('error', reject);
      });
      expect(status).toBe('HTTP/1.1 101 Switching Protocols');
      const broken = await ngx.reload([
        { name: 'app', content: `${site.content}\nserver { listen nowhere; }\n` },
      ]);
      expect(broken.ok).toBe(false);
      expect((await call(lb(port, '/'), { host: 'app.example.test' })).body).toBe(
        'app app.example.test 127.0.0.1',
      );
    } finally {
      await ngx.stop();
      app.close();
    }
  });
});

describe('a cached page that stops being cacheable', () => {
  it('is fetched fresh once it expires (no background update that would keep the stale copy for good)', async () => {
    // The page is shared for 1 s, then a republish gives it variants (X-Accel-Expires: 0, another body).
    let phase = 1;
    const up = createServer((_req, res) => {
      res.writeHead(200, { 'x-accel-expires': phase === 1 ? '1' : '0', 'content-length': 6 });
      res.end(`phase${phase}`);
    });
    await new Promise<void>((r) => up.listen(0, '127.0.0.1', r));
    const port = await freePort();
    const ngx = await startNginx({ sites: [] });
    try {
      const upUrl = `http://127.0.0.1:${(up.address() as AddressInfo).port}`;
      const site = renderFunnelSite(
        instanceOf([funnelApp('flip', upUrl, { server_names: [HOST] })]).workloads[0] as never,
        {
          cacheDir: ngx.cacheDir,
          listenAddress: '127.0.0.1',
          httpPort: port,
        },
      );
      expect((await ngx.reload([site])).ok).toBe(true);
      const get = async () => (await call(lb(port, '/flip'), { host: HOST })).body;
      expect(await get()).toBe('phase1');
      expect(await get()).toBe('phase1');
      phase = 2;
      await new Promise((r) => setTimeout(r, 2100));
      for (let i = 0; i < 3; i++) expect(await get()).toBe('phase2');
    } finally {
      await ngx.stop();
      up.close();
    }
  });
});

describe('a cached page replaced by a newer cacheable version', () => {
  it('is served new from the cache once refreshed (kept-open cache files follow the refresh)', async () => {
    // Same length both times: only the file nginx reads decides which body a hit gets.
    let version = 1;
    let fetched = 0;
    const up = createServer((_req, res) => {
      fetched++;
      res.writeHead(200, { 'x-accel-expires': version === 1 ? '1' : '60', 'content-length': 8 });
      res.end(`version${version}`);
    });
    await new Promise<void>((r) => up.listen(0, '127.0.0.1', r));
    const port = await freePort();
    const ngx = await startNginx({ sites: [] });
    try {
      const upUrl = `http://127.0.0.1:${(up.address() as AddressInfo).port}`;
      const site = renderFunnelSite(
        instanceOf([funnelApp('refresh', upUrl, { server_names: [HOST] })]).workloads[0] as never,
        { cacheDir: ngx.cacheDir, listenAddress: '127.0.0.1', httpPort: port },
      );
      expect(site.content).toContain('open_file_cache ');
      expect((await ngx.reload([site])).ok).toBe(true);
      const get = async () => {
        const r = await call(lb(port, '/page-1'), { host: HOST });
        return `${r.headers['x-cache-status']} ${r.body}`;
      };
      expect(await get()).toBe('MISS version1');
      // Hits keep the cache file open (one worker: the same one serves every request here).
      expect(await get()).toBe('HIT version1');
      expect(await get()).toBe('HIT version1');
      version = 2;
      await new Promise((r) => setTimeout(r, 2100));
      expect(await get()).toBe('EXPIRED version2');
      for (let i = 0; i < 3; i++) expect(await get()).toBe('HIT version2');
      expect(fetched).toBe(2);
    } finally {
      await ngx.stop();
      up.close();
    }
  });
});
