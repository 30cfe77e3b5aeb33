// pnpm bench:api — what tRPC + auth + the service layer cost over a bare handler.
// 1. `clients.list` (50 rows) over HTTP through tRPC with a real session token, against a bare Hono
//    handler running the same SQL on the same database, in the same run, interleaved; p50/p99 + ratio.
// 2. Database round trips per list/get procedure (budget ≤ 2), counted at the driver.
// 3. The production Worker bundle's size (wrangler deploy --dry-run --minify) against 250 KB gzip.
// DATABASE_URL picks the database (default: in-memory PGlite; a postgres:// URL for PostgreSQL).
import { serve } from '@hono/node-server';
import { type Db, listClients } from '@mos/db';
import { createDb, migrate } from '@mos/db/node';
import { Hono } from 'hono';
import { createApp } from '../src/app';
import { generateLocalKeys, issueLocalToken, localSignIn } from '../src/auth/local';
import { parseApiEnv } from '../src/env';
import { MemoryWorkflowGateway } from '../src/gateway/memory';
import { buildServices } from '../src/services';
import { roundTripCases } from './round-trip-cases';
import { buildWorkerBundle, printWorkerBundle } from './worker-bundle';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2000);
const WARMUP = 200;
const ORIGIN = 'http://localhost:5173';

let queries = 0;
const database = await createDb(process.env.DATABASE_URL ?? 'pglite:memory', {
  onQuery: () => void queries++,
});
await migrate(database);
const keys = await generateLocalKeys();
const env = parseApiEnv({ MOS_ENV: 'test', DATABASE_URL: 'bench', AUTH_MODE: 'local', WEB_ORIGINS: ORIGIN });
const services = buildServices({ env, database, gateway: new MemoryWorkflowGateway(), localKeys: keys });
const app = createApp({ env, services, localSignIn: localSignIn(keys) });
const token = await issueLocalToken(
  keys,
  { email: 'bench@agency.test', orgId: 'org_bench', orgName: 'Bench', role: 'admin' },
  { authorizedParty: ORIGIN },
);

// Resolve the org through the app itself, then give it 50 clients.
const me = await app.request('http://x/trpc/me.get', { headers: { authorization: `Bearer ${token}` } });
const orgId = ((await me.json()) as { result: { data: { org: { id: string } } } }).result.data.org.id;
for (let i = 0; i < 50; i++) {
  await app.request('http://x/trpc/clients.create', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `Client ${String(i).padStart(2, '0')}`,
      industry: 'DTC',
      primaryMarkets: ['US'],
      primaryLanguages: ['en'],
    }),
  });
}

// The baseline: the same data-access call (same SQL), no tRPC, no auth, no service layer.
const bare = new Hono();
bare.get('/clients', async (c) => c.json(await listClients(database.db as Db, orgId, { limit: 50 })));

const listen = (fetchFn: Hono['fetch']) =>
  new Promise<{ server: ReturnType<typeof serve>; port: number }>((done) => {
    const server = serve({ fetch: fetchFn, port: 0, hostname: '127.0.0.1' }, (info) =>
      done({ server, port: info.port }),
    );
  });
const full = await listen(app.fetch);
const base = await listen(bare.fetch);
const trpcUrl = `http://127.0.0.1:${full.port}/trpc/clients.list?input=${encodeURIComponent(JSON.stringify({ limit: 50 }))}`;
const bareUrl = `http://127.0.0.1:${base.port}/clients`;

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.text();
  const ms = performance.now() - start;
  if (!res.ok || body.length < 1000) throw new Error(`unexpected response ${res.status} from ${url}`);
  return ms;
}

const auth = { authorization: `Bearer ${token}` };
for (let i = 0; i < WARMUP; i++) {
  await timed(trpcUrl, auth);
  await timed(bareUrl, {});
}
const a: number[] = [];
const b: number[] = [];
for (let i = 0; i < ITERATIONS; i++) {
  // Interleaved so drift (GC, CPU frequency, the other core) hits both sides alike.
  if (i % 2) {
    a.push(await timed(trpcUrl, auth));
    b.push(await timed(bareUrl, {}));
  } else {
    b.push(await timed(bareUrl, {}));
    a.push(await timed(trpcUrl, auth));
  }
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const fmt = (n: number) => n.toFixed(3).padStart(8);
console.log(`\nclients.list, 50 rows, ${ITERATIONS} requests each over loopback HTTP (${database.driver})`);
console.log(`                     p50 ms    p99 ms`);
console.log(`tRPC + auth       ${fmt(pct(a, 50))}  ${fmt(pct(a, 99))}`);
console.log(`bare Hono + SQL   ${fmt(pct(b, 50))}  ${fmt(pct(b, 99))}`);
const ratio = pct(a, 50) / pct(b, 50);
console.log(
  `ratio p50 ${ratio.toFixed(2)} (budget ≤ 1.5: ${ratio <= 1.5 ? 'within' : 'OVER'}), ratio p99 ${(pct(a, 99) / pct(b, 99)).toFixed(2)}`,
);

// Round trips: each case is called once to warm caches, then counted on a second call.
console.log('\ndatabase round trips per procedure (budget ≤ 2)');
const cases = await roundTripCases({ app, token, db: database.db as Db, orgId });
let over = 0;
for (const c of cases) {
  const call = () =>
    app.request(`http://x/trpc/${c.path}?input=${encodeURIComponent(JSON.stringify(c.input))}`, {
      headers: auth,
    });
  const warm = await call();
  if (!warm.ok) throw new Error(`${c.path} answered ${warm.status}: ${await warm.text()}`);
  queries = 0;
  await call();
  const n = queries;
  if (n > 2) over++;
  console.log(`  ${c.path.padEnd(28)} ${n}${n > 2 ? '  OVER' : ''}`);
}
console.log(over === 0 ? 'all within budget' : `${over} procedure(s) over budget`);

full.server.close();
base.server.close();
await database.close();

printWorkerBundle(buildWorkerBundle());
