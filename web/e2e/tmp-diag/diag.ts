import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../support/browser';
import { listenOnFreePort } from '../support/ports';
import { buildWeb } from '../support/stack';
import { serveStatic } from '../support/static-server';

const clients = Array.from({ length: 25 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  orgId: 'o',
  name: `Client ${i}`,
  industry: 'DTC',
  primaryMarkets: ['US'],
  primaryLanguages: ['en'],
  status: 'active',
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
}));
const server = createServer((req, res) => {
  const h = {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-headers': 'authorization, content-type',
    'content-type': 'application/json',
  };
  if (req.method === 'OPTIONS') return void res.writeHead(204, h).end();
  const url = new URL(req.url ?? '/', 'http://x');
  const paths = decodeURIComponent(url.pathname.replace(/^\/trpc\//, '')).split(',');
  const out = paths.map((p) => ({
    result: {
      data:
        p === 'me.get'
          ? {
              userId: 'u',
              clerkUserId: 'c',
              email: 'a@b.c',
              role: 'admin',
              org: { id: 'o', externalId: 'x', name: 'Org' },
            }
          : { items: clients, nextCursor: 'c' },
    },
  }));
  setTimeout(() => res.writeHead(200, h).end(JSON.stringify(out)), 20);
});
const port = await listenOnFreePort(server);
const dist = process.env.DIST || mkdtempSync(join(tmpdir(), 'diag-'));
if (!process.env.DIST) await buildWeb(dist, `http://127.0.0.1:${port}`);
const web = await serveStatic(dist);
const browser = await launchChromium();
for (let r = 0; r < 4; r++) {
  const ctx = await browser.newContext();
  await ctx.addInitScript(() =>
    localStorage.setItem('mos.session', JSON.stringify({ token: 't', email: 'a@b.c', orgId: 'x' })),
  );
  await ctx.addInitScript({
    content: `(() => { const o = new MutationObserver(() => { if (!window.__r && document.querySelectorAll('main table tbody tr').length && !document.querySelector('[aria-busy="true"]')) { window.__r = performance.now(); } }); o.observe(document, { childList: true, subtree: true }); })();`,
  });
  const page = await ctx.newPage();
  await page.goto(`${web.url}/clients`);
  await page.waitForFunction(() => (window as unknown as { __r?: number }).__r);
  const data = await page.evaluate(() => ({
    r: (window as unknown as { __r: number }).__r,
    dcl: performance.getEntriesByType('navigation')[0],
    res: performance
      .getEntriesByType('resource')
      .map(
        (e) =>
          `${e.name.replace(/.*\//, '').slice(0, 50).padEnd(50)} start ${e.startTime.toFixed(0)} end ${(e as PerformanceResourceTiming).responseEnd.toFixed(0)}`,
      ),
  }));
  console.log(
    `run ${r}: rendered ${data.r.toFixed(0)} dcl ${(data.dcl as PerformanceNavigationTiming).domContentLoadedEventEnd.toFixed(0)}`,
  );
  if (r === 3) console.log(data.res.join('\n'));
  await ctx.close();
}
await browser.close();
await web.close();
server.close();
console.log('DIST', dist);
