import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NginxSite } from '../nginx/index';

import { sleep, stopChild } from './process';

export { freePort } from './process';

/**
 * A real nginx for tests and benchmarks: its own prefix (pid, logs, temp folders, cache, ACME webroot, sites) in
 * a temp folder, the site files included inside `http {}` as on Ubuntu, listening wherever the sites say (render
 * them with `listenAddress: '127.0.0.1'` and ports from `freePort()`).
 */
export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export interface NginxPrefix {
  prefix: string;
  confPath: string;
  sitesDir: string;
  /** Pass as `cacheDir` to the renderers. */
  cacheDir: string;
  /** Pass as `acmeWebroot` to the renderers. */
  acmeWebroot: string;
}

/**
 * A minimal main nginx.conf: everything under the prefix, the sites included at http level. `mimeTypes` includes
 * Ubuntu's /etc/nginx/mime.types, as the local server's nginx (a stand-in for a real one) does.
 */
export function mainConf(
  p: Pick<NginxPrefix, 'prefix' | 'sitesDir'>,
  opts: { daemon: boolean; workers?: number; mimeTypes?: boolean },
): string {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return [
    // Root's workers would run as nobody, which cannot enter a 0700 temp folder.
    asRoot ? 'user root;' : '',
    `daemon ${opts.daemon ? 'on' : 'off'};`,
    `worker_processes ${opts.workers ?? 1};`,
    `pid ${p.prefix}/nginx.pid;`,
    `error_log ${p.prefix}/logs/error.log notice;`,
    'events { worker_connections 1024; }',
    'http {',
    opts.mimeTypes ? '    include /etc/nginx/mime.types;' : '',
    '    default_type application/octet-stream;',
    // Tests and the throughput bench read no access log; off for every site alike (a production server keeps
    // Ubuntu's, which costs each site the same per request).
    '    access_log off;',
    // As Ubuntu's nginx.conf, which the sites are included into on a real server.
    '    sendfile on;',
    '    tcp_nopush on;',
    `    client_body_temp_path ${p.prefix}/tmp/body;`,
    `    proxy_temp_path ${p.prefix}/tmp/proxy;`,
    `    fastcgi_temp_path ${p.prefix}/tmp/fastcgi;`,
    `    uwsgi_temp_path ${p.prefix}/tmp/uwsgi;`,
    `    scgi_temp_path ${p.prefix}/tmp/scgi;`,
    `    include ${p.sitesDir}/*;`,
    '}',
    '',
  ].join('\n');
}

/** A fresh prefix with its folders and main nginx.conf, and the given site files in its sites folder. */
export async function nginxPrefix(
  sites: readonly NginxSite[] = [],
  opts: { workers?: number } = {},
): Promise<NginxPrefix> {
  const prefix = await mkdtemp(join(tmpdir(), 'ch-nginx-'));
  const p = {
    prefix,
    sitesDir: join(prefix, 'sites-enabled'),
    cacheDir: join(prefix, 'cache'),
    acmeWebroot: join(prefix, 'acme'),
  };
  for (const dir of [p.sitesDir, p.cacheDir, p.acmeWebroot, join(prefix, 'logs'), join(prefix, 'tmp')])
    await mkdir(dir, { recursive: true });
  const confPath = join(prefix, 'nginx.conf');
  await writeFile(confPath, mainConf(p, { daemon: false, ...opts }));
  await writeSites(p.sitesDir, sites);
  return { ...p, confPath };
}

async function writeSites(dir: string, sites: readonly NginxSite[]) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const s of sites) await writeFile(join(dir, s.name), s.content);
}

/** `nginx -t` on a prefix: ok and nginx's own words. */
export function nginxTest(
  p: Pick<NginxPrefix, 'prefix' | 'confPath'>,
): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(NGINX_BIN, ['-t', '-p', p.prefix, '-c', p.confPath], (err, stdout, stderr) => {
      resolve({ ok: !err, output: `${stdout}${stderr}`.trim() });
    });
  });
}

/** Site files checked alone by the real `nginx -t` in a throwaway prefix. */
export async function checkSites(
  build: (p: Pick<NginxPrefix, 'cacheDir' | 'acmeWebroot'>) => readonly NginxSite[],
): Promise<{ ok: boolean; output: string }> {
  const p = await nginxPrefix();
  try {
    await writeSites(p.sitesDir, build(p));
    return await nginxTest(p);
  } finally {
    await rm(p.prefix, { recursive: true, force: true });
  }
}

export interface RunningNginx extends NginxPrefix {
  pid: number;
  /** Writes new site files, checks them (`nginx -t`) and reloads; a refused set leaves the old one serving. */
  reload(sites: readonly NginxSite[]): Promise<{ ok: boolean; output: string }>;
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts nginx in the foreground (a child of this process) and resolves once it listens (its pid file exists). */
export async function startNginx(opts: {
  sites: readonly NginxSite[];
  workers?: number;
}): Promise<RunningNginx> {
  const p = await nginxPrefix(opts.sites, opts.workers !== undefined ? { workers: opts.workers } : {});
  const checked = await nginxTest(p);
  if (!checked.ok) {
    await rm(p.prefix, { recursive: true, force: true });
    throw new Error(`nginx -t refused the sites:\n${checked.output}`);
  }
  const child: ChildProcess = spawn(NGINX_BIN, ['-p', p.prefix, '-c', p.confPath], { stdio: 'ignore' });
  let exited = false;
  // A test runner that exits without stop() must not leave nginx behind: SIGTERM makes the master end its workers.
  const orphanGuard = () => {
    if (!exited) child.kill('SIGTERM');
  };
  process.once('exit', orphanGuard);
  child.once('exit', () => {
    exited = true;
    process.off('exit', orphanGuard);
  });
  const pidFile = join(p.prefix, 'nginx.pid');
  const errorLog = () => readFile(join(p.prefix, 'logs', 'error.log'), 'utf8').catch(() => '');
  // nginx writes its pid file after it has opened the listening sockets.
  for (let i = 0; !existsSync(pidFile); i++) {
    if (exited || i > 200) {
      child.kill('SIGKILL');
      const log = await errorLog();
      await rm(p.prefix, { recursive: true, force: true });
      throw new Error(`nginx did not start:\n${log}`);
    }
    await sleep(25);
  }
  await waitListening(opts.sites, () => exited);
  const pid = child.pid ?? 0;
  return {
    ...p,
    pid,
    errorLog,
    async reload(sites) {
      await writeSites(p.sitesDir, sites);
      const t = await nginxTest(p);
      if (!t.ok) return t;
      const shutdowns = () => errorLog().then((l) => l.split('gracefully shutting down').length);
      const before = await shutdowns();
      child.kill('SIGHUP');
      // Done when the old workers stop accepting: they log this, then close their listening sockets.
      for (let i = 0; i < 200 && (await shutdowns()) <= before; i++) await sleep(25);
      await sleep(50);
      await waitListening(sites, () => exited);
      return t;
    },
    async stop() {
      await stopChild(child, 'SIGQUIT');
      await rm(p.prefix, { recursive: true, force: true });
    },
  };
}

/** The `listen` addresses of site files (`listen 127.0.0.1:8080 ssl;` → 127.0.0.1:8080). */
function listenAddresses(sites: readonly NginxSite[]): { host: string; port: number }[] {
  const out = new Map<string, { host: string; port: number }>();
  for (const s of sites)
    for (const m of s.content.matchAll(/^\s*listen\s+(?:([0-9.]+|\[[0-9a-f:]+\]):)?(\d+)[\s;]/gm)) {
      const host = (m[1] ?? '127.0.0.1').replace(/^\[|\]$/g, '');
      out.set(`${host}:${m[2]}`, { host, port: Number(m[2]) });
    }
  return [...out.values()];
}

/** Resolves once every listen address of the sites accepts connections (the pid file alone comes too early). */
async function waitListening(sites: readonly NginxSite[], exited: () => boolean): Promise<void> {
  for (const a of listenAddresses(sites)) {
    for (let i = 0; ; i++) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = connect(a.port, a.host, () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
      if (ok) break;
      if (exited() || i > 200) throw new Error(`nginx is not listening on ${a.host}:${a.port}`);
      await sleep(25);
    }
  }
}

export interface FunnelUpstreamStandIn {
  url: string;
  port: number;
  /** Every request it answered: method, path and the headers it got. */
  requests: { method: string; path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/**
 * A stand-in for MOS's funnel proxy speaking its headers (cloudhand cannot import temporal-worker): a shared page
 * (`/start`: `private, no-cache`, `Vary: Cookie`, `X-Accel-Expires: <sharedSeconds>`), a page with A/B variants
 * (`/ab`: the variant from the `mos_vid` cookie, `X-Accel-Expires: 0`), the visitor cookie set when the request
 * has none, the entry redirect, media (`public, immutable`), a cacheable page with its own Set-Cookie
 * (`/sets-cookie`) and `POST /api/leads|events`.
 */
export async function startFunnelUpstreamStandIn(
  opts: { sharedSeconds?: number; html?: string; port?: number } = {},
): Promise<FunnelUpstreamStandIn> {
  const requests: FunnelUpstreamStandIn['requests'] = [];
  const html = Buffer.from(opts.html ?? '<!doctype html><html><body>start page</body></html>');
  const shared = String(opts.sharedSeconds ?? 5);
  let leads = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://upstream');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers });
    const vid = /(?:^|;\s*)mos_vid=([A-Za-z0-9_-]{8,64})/.exec(req.headers.cookie ?? '')?.[1];
    const pageHeaders: Record<string, string> = {
      'cache-control': 'private, no-cache',
      vary: 'Cookie',
      'content-type': 'text/html; charset=utf-8',
    };
    if (!vid)
      pageHeaders['set-cookie'] = `mos_vid=${crypto.randomUUID()}; Path=/; Max-Age=31536000; SameSite=Lax`;
    const path = url.pathname.replace(/^\/f\/[^/]+/, '');
    if (path === '/' || path === '') {
      res.writeHead(302, {
        location: `${url.pathname.startsWith('/f/') ? url.pathname.replace(/\/?$/, '/') : '/'}start${url.search}`,
        'cache-control': 'no-store',
      });
      res.end();
    } else if (path === '/start' || path.startsWith('/page-')) {
      res.writeHead(200, { ...pageHeaders, 'x-accel-expires': shared, 'content-length': html.byteLength });
      res.end(req.method === 'HEAD' ? undefined : html);
    } else if (path === '/sets-cookie') {
      // Marked cacheable but carrying its own cookie: nginx must not store it (it would hand the cookie to all).
      res.writeHead(200, {
        'content-type': 'text/html',
        'x-accel-expires': '60',
        'set-cookie': `session=${crypto.randomUUID()}`,
      });
      res.end('own cookie');
    } else if (path === '/ab') {
      const variant =
        vid && Number.parseInt(vid.replace(/[^0-9a-f]/gi, '').slice(-1) || '0', 16) % 2 ? 'B' : 'A';
      const body = `<html><body>variant ${variant} for ${vid ?? 'nobody'}</body></html>`;
      res.writeHead(200, { ...pageHeaders, 'x-accel-expires': '0' });
      res.end(body);
    } else if (path.startsWith('/media/')) {
      res.writeHead(200, {
        'content-type': 'image/png',
        'cache-control': 'public, max-age=31536000, immutable',
        'x-accel-expires': '86400',
      });
      res.end(Buffer.from(path));
    } else if ((path === '/api/leads' || path === '/api/events') && req.method === 'POST') {
      req.resume();
      req.on('end', () => {
        leads++;
        res.writeHead(303, { location: '/done', 'cache-control': 'no-store', 'x-lead-count': String(leads) });
        res.end();
      });
    } else {
      res.writeHead(404, { 'content-type': 'text/html', 'cache-control': 'no-store' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
