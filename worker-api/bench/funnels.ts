// pnpm bench:funnels — published funnel pages, each figure against a baseline measured in the same run:
// 1. Page weight of a realistic two-page funnel (lead capture + thank you) rendered by @mos/funnel-blocks/render:
//    HTML + CSS + JS gzip without images (budget ≤ 30 KB) and requests to render (budget 1 + images).
// 2. `/f/:publicId/:slug` warm in workerd (the real Worker, wrangler's local runtime, Neon driver path through the
//    Neon stand-in) against a route of the same Worker answering a constant string of the same size; 50
//    connections; throughput ratio (budget ≥ 0.8) and p99.
// 3. The funnel proxy (temporal-worker, its own process) against nginx serving the identical file from disk;
//    50 connections; throughput ratio (budget ≥ 0.5).
// 4. First contentful paint in headless Chromium of the page served by the edge route against the same HTML as a
//    static file (nginx); ratio of medians (budget ≤ 1.2).
// Needs PostgreSQL (the Worker reaches it as it reaches Neon): BENCH_DATABASE_URL, MOS_TEST_DATABASE_URL or
// DATABASE_URL as a postgres:// URL. BENCH_SECONDS (per round, default 4) and BENCH_ROUNDS (default 5); throughput ratios are the median of back-to-back round pairs.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createDb, migrate } from '@mos/db/node';
import { neonConfigFor, startNeonStandIn } from '@mos/db/testing';
import { addFixtureDomain, seedPublishedFunnel } from '@mos/db/testing/funnels';
import { measurePageWeight, renderPublishedPage } from '@mos/funnel-blocks/render';
import { DEFAULT_DESIGN_TOKENS } from '@mos/funnel-blocks/schema';
import { PAGE_TEMPLATES } from '@mos/funnel-blocks/templates';
import { exportSPKI, generateKeyPair } from 'jose';
import { chromium } from 'playwright-core';
import { unstable_startWorker } from 'wrangler';
import { interleaved, type LoadResult, pairedRatio } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = 50;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const PAGE_WEIGHT_BUDGET = 30 * 1024;

const postgresUrl = [
  process.env.BENCH_DATABASE_URL,
  process.env.MOS_TEST_DATABASE_URL,
  process.env.DATABASE_URL,
].find((u) => u && /^postgres(ql)?:\/\//.test(u));
if (!postgresUrl) {
  console.error(
    'bench:funnels needs PostgreSQL: set BENCH_DATABASE_URL (or MOS_TEST_DATABASE_URL) to a postgres:// URL',
  );
  process.exit(2);
}

const cleanup: (() => Promise<unknown> | unknown)[] = [];
const summary: {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  budget: string;
  ok: boolean;
}[] = [];
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const fmt = (r: LoadResult) => `${r.rps.toFixed(0)} req/s, p99 ${r.p99.toFixed(1)} ms`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function waitForLine(
  name: string,
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const timer = setTimeout(() => reject(new Error(`${name} not ready:\n${tail.join('\n')}`)), timeoutMs);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 30) tail.shift();
        const m = pattern.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      });
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}):\n${tail.join('\n')}`));
    });
  });
}

async function main() {
  const database = await createDb(postgresUrl as string);
  cleanup.push(() => database.close());
  await migrate(database);

  // 1. A realistic two-page funnel, rendered once as the publish workflow does.
  const now = new Date('2026-06-01T00:00:00Z');
  const settings = {
    consent: 'line' as const,
    metaPixelId: null,
    clientSidePixel: false,
    robots: 'noindex, nofollow',
  };
  const htmlBySlug = new Map<string, string>();
  const renderAs =
    (slug: 'start' | 'thank-you', template: 'lead_capture' | 'thank_you') =>
    async (ids: { publicationId: string; pageId: string; slugs: Record<string, string> }) => {
      const next = Object.entries(ids.slugs).find(([, s]) => s === 'thank-you')?.[0] ?? null;
      const { html } = await renderPublishedPage({
        document: templateDocument(template, now),
        tokens: DEFAULT_DESIGN_TOKENS,
        settings,
        publicationId: ids.publicationId,
        pageId: ids.pageId,
        variantId: null,
        slugs: ids.slugs,
        nextPageId: slug === 'start' ? next : null,
      });
      htmlBySlug.set(slug, html);
      return html;
    };
  const funnel = await seedPublishedFunnel(database.db, {
    orgName: 'Bench Agency',
    pages: [
      { slug: 'start', html: '', render: renderAs('start', 'lead_capture'), next: 'thank-you' },
      { slug: 'thank-you', html: '', render: renderAs('thank-you', 'thank_you') },
    ],
  });
  const host = `bench-${funnel.publicId.slice(0, 8)}.funnels.test`;
  await addFixtureDomain(database.db, funnel, host, 'active');
  const entryHtml = htmlBySlug.get('start') ?? '';
  console.log('\n1. Published page weight (HTML + inline CSS + JS, gzip, no images)');
  for (const [slug, html] of htmlBySlug) {
    const w = measurePageWeight(html);
    console.log(
      `   ${slug.padEnd(10)} ${kb(w.htmlBytes)} raw, ${kb(w.gzipBytes)} gzip (CSS ${kb(w.inlineCssBytes)}, script ${kb(w.inlineScriptGzipBytes)} gzip), requests to render: 1 + ${w.externalRequests} (${w.externalUrls.join(', ') || 'none'}) + images`,
    );
    summary.push({
      figure: `page weight: ${slug}`,
      value: kb(w.gzipBytes),
      baseline: `${kb(PAGE_WEIGHT_BUDGET)} budget`,
      ratio: (w.gzipBytes / PAGE_WEIGHT_BUDGET).toFixed(2),
      budget: '≤ 30 KB, 1 request',
      ok: w.gzipBytes <= PAGE_WEIGHT_BUDGET && w.externalRequests === 0,
    });
  }

  // 2. The real Worker in workerd (wrangler's local runtime) over the Neon driver path.
  const standIn = await startNeonStandIn({ postgresUrl: withPassword(postgresUrl as string) });
  cleanup.push(() => standIn.close());
  const neon = neonConfigFor(standIn);
  const { publicKey } = await generateKeyPair('RS256', { extractable: true });
  const edge = await startEdge({
    MOS_ENV: 'production',
    AUTH_MODE: 'clerk',
    CLERK_JWT_KEY: await exportSPKI(publicKey),
    DATABASE_URL: standIn.connectionString,
    NEON_FETCH_ENDPOINT: neon.fetchEndpoint,
    NEON_WS_PROXY: neon.wsProxy,
    WORKFLOW_GATEWAY: 'none',
    BENCH_CONSTANT_BYTES: String(Buffer.byteLength(entryHtml)),
    BENCH_PAGE_HTML: entryHtml,
  });
  const pageUrl = `${edge}/f/${funnel.publicId}/start`;
  const check = await fetch(pageUrl);
  const served = await check.text();
  if (check.status !== 200 || served !== entryHtml)
    throw new Error(`edge answered ${check.status}, not the stored page`);
  const constant = await (await fetch(`${edge}/bench/constant`)).text();
  console.log(
    `\n2. Edge in workerd: ${pageUrl} (${kb(served.length)}) vs a constant ${kb(constant.length)} route`,
  );
  const edgeRuns = await interleaved(
    {
      page: { url: pageUrl, connections: CONNECTIONS, seconds: SECONDS },
      constant: { url: `${edge}/bench/constant`, connections: CONNECTIONS, seconds: SECONDS },
    },
    ROUNDS,
  );
  report('edge /f/:publicId/:slug (workerd)', edgeRuns.page, edgeRuns.constant, 0.8, '≥ 0.8');

  // 3. The funnel proxy as its own process against nginx serving the same file.
  const proxyPort = await freePort();
  const proxy = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'temporal-worker/src/funnel-proxy/main.ts')],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, DATABASE_URL: postgresUrl, FUNNEL_PROXY_PORT: String(proxyPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  cleanup.push(() => stop(proxy));
  await waitForLine('funnel proxy', proxy, /\[funnel-proxy\] listening on (\S+)/);
  const nginx = await startNginx(entryHtml);
  cleanup.push(nginx.close);
  const proxyCheck = await requestWithHost(`http://127.0.0.1:${proxyPort}/start`, host);
  if (proxyCheck !== entryHtml) throw new Error('the funnel proxy did not serve the stored page');
  console.log(`\n3. Funnel proxy (Host ${host}) vs nginx serving the same file from disk`);
  const proxyRuns = await interleaved(
    {
      proxy: {
        url: `http://127.0.0.1:${proxyPort}/start`,
        connections: CONNECTIONS,
        seconds: SECONDS,
        headers: { host },
      },
      nginx: { url: `${nginx.url}/start`, connections: CONNECTIONS, seconds: SECONDS },
    },
    ROUNDS,
  );
  report('funnel proxy vs nginx', proxyRuns.proxy, proxyRuns.nginx, 0.5, '≥ 0.5');

  // 4. First contentful paint: the edge route against the same HTML as a static file.
  console.log('\n4. First contentful paint in headless Chromium (edge route vs static file)');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  cleanup.push(() => browser.close());
  const fcp = async (url: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const value = await page.evaluate(
      () =>
        new Promise<{ fcp: number; ttfb: number }>((resolve) => {
          const nav = performance.getEntriesByType('navigation')[0] as
            | PerformanceNavigationTiming
            | undefined;
          const ttfb = nav ? nav.responseStart - nav.startTime : Number.NaN;
          const entry = performance.getEntriesByName('first-contentful-paint')[0];
          if (entry) return resolve({ fcp: entry.startTime, ttfb });
          new PerformanceObserver((list) => {
            const e = list.getEntriesByName('first-contentful-paint')[0];
            if (e) resolve({ fcp: e.startTime, ttfb });
          }).observe({ type: 'paint', buffered: true });
        }),
    );
    await context.close();
    return value;
  };
  const targets = {
    edge: pageUrl,
    static: `${nginx.url}/start`,
    workerConstant: `${edge}/bench/page-html`,
  } as const;
  type Target = keyof typeof targets;
  const samples: Record<Target, { fcp: number; ttfb: number }[]> = {
    edge: [],
    static: [],
    workerConstant: [],
  };
  for (let i = 0; i < 3; i++) for (const url of Object.values(targets)) await fcp(url);
  for (let i = 0; i < 15; i++) {
    for (const [name, url] of Object.entries(targets) as [Target, string][])
      samples[name].push(await fcp(url));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const m = (t: Target, k: 'fcp' | 'ttfb') => median(samples[t].map((x) => x[k]));
  for (const t of Object.keys(targets) as Target[]) {
    console.log(
      `   ${t.padEnd(15)} FCP ${m(t, 'fcp').toFixed(1)} ms, TTFB ${m(t, 'ttfb').toFixed(1)} ms (medians of 15)`,
    );
  }
  summary.push({
    figure: 'first contentful paint',
    value: `${m('edge', 'fcp').toFixed(1)} ms`,
    baseline: `${m('static', 'fcp').toFixed(1)} ms static`,
    ratio: (m('edge', 'fcp') / m('static', 'fcp')).toFixed(2),
    budget: '≤ 1.2×',
    ok: m('edge', 'fcp') / m('static', 'fcp') <= 1.2,
  });
  // Not a budget: the same bytes as a constant from the same local runtime, separating our code from wrangler's
  // local serving path (which production does not have).
  summary.push({
    figure: 'FCP vs same HTML, same runtime',
    value: `${m('edge', 'fcp').toFixed(1)} ms`,
    baseline: `${m('workerConstant', 'fcp').toFixed(1)} ms constant`,
    ratio: (m('edge', 'fcp') / m('workerConstant', 'fcp')).toFixed(2),
    budget: '(information)',
    ok: true,
  });

  console.log('\nSummary');
  const rows = [
    ['figure', 'value', 'baseline (same run)', 'ratio', 'budget', 'ok'],
    ...summary.map((s) => [s.figure, s.value, s.baseline, s.ratio, s.budget, s.ok ? 'yes' : 'NO']),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of rows) console.log(`  ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`);
  return summary.every((s) => s.ok);
}

/**
 * The real Worker locally: the bench entry (the production entry plus the constant routes) with wrangler.toml's
 * settings and bindings (queues, rate limits, vars), bundled and run in workerd by wrangler's own dev runtime.
 */
async function startEdge(bindings: Record<string, string>): Promise<string> {
  const plain = (value: string) => ({ type: 'plain_text' as const, value });
  const worker = await unstable_startWorker({
    config: join(repoRoot, 'wrangler.toml'),
    entrypoint: fileURLToPath(new URL('./funnel-bench-worker.ts', import.meta.url)),
    bindings: Object.fromEntries(Object.entries(bindings).map(([k, v]) => [k, plain(v)])),
    dev: {
      server: { hostname: '127.0.0.1', port: await freePort() },
      inspector: false,
      watch: false,
      logLevel: 'warn',
    },
  } as Parameters<typeof unstable_startWorker>[0]);
  cleanup.push(() => worker.dispose());
  await worker.ready;
  return (await worker.url).origin;
}

function templateDocument(key: 'lead_capture' | 'thank_you', now: Date) {
  const template = PAGE_TEMPLATES.find((t) => t.key === key);
  if (!template) throw new Error(`no page template ${key}`);
  return template.build({ now });
}

function report(
  figure: string,
  subject: LoadResult & { rounds: LoadResult[] },
  baseline: LoadResult & { rounds: LoadResult[] },
  budget: number,
  label: string,
) {
  const ratio = pairedRatio(subject, baseline);
  console.log(`   ${figure}: ${fmt(subject)} (${subject.errors} errors)`);
  console.log(`   baseline: ${fmt(baseline)} (${baseline.errors} errors)`);
  console.log(
    `   throughput ratio ${ratio.toFixed(2)} (median of ${subject.rounds.length} back-to-back rounds: ${subject.rounds
      .map((r, i) => (r.rps / (baseline.rounds[i]?.rps ?? Number.NaN)).toFixed(2))
      .join(' ')}; totals ${(subject.rps / baseline.rps).toFixed(2)}; budget ${label})`,
  );
  summary.push({
    figure,
    value: fmt(subject),
    baseline: fmt(baseline),
    ratio: ratio.toFixed(2),
    budget: label,
    ok: ratio >= budget && subject.errors === 0,
  });
}

/** Neon connection strings carry a password; trust-auth test servers ignore it. */
function withPassword(url: string): string {
  const u = new URL(url);
  if (u.password === '') u.password = process.env.PGPASSWORD || 'trust';
  return u.toString();
}

async function startNginx(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mos-bench-nginx-'));
  const port = await freePort();
  mkdirp(join(dir, 'www'));
  writeFileSync(join(dir, 'www', 'start'), html);
  // Run as root, nginx's worker drops to an unprivileged user, which must be able to read the file.
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'www'), 0o755);
  chmodSync(join(dir, 'www', 'start'), 0o644);
  const conf = `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  default_type text/html;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    location / { try_files $uri =404; }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  mkdirp(join(dir, 'tmp'));
  const child = spawn(
    '/usr/sbin/nginx',
    ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', join(dir, 'error.log')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  let ready = false;
  for (let i = 0; i < 100 && !ready; i++) {
    try {
      ready = (await fetch(`${url}/start`)).ok;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!ready) throw new Error(`nginx did not serve the file (see ${dir}/error.log)`);
  return {
    url,
    close: async () => {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function mkdirp(path: string) {
  mkdirSync(path, { recursive: true });
}

async function requestWithHost(url: string, host: string): Promise<string> {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await ended;
  clearTimeout(timer);
}

let ok = false;
try {
  ok = await main();
} finally {
  for (const step of cleanup.reverse()) {
    try {
      await step();
    } catch (err) {
      console.error(`cleanup: ${err instanceof Error ? err.message : err}`);
    }
  }
}
process.exit(ok ? 0 : 1);
