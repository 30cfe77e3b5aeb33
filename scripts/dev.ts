// `pnpm dev`: the whole local stack with zero configuration, one combined prefixed log, Ctrl-C stops all.
//   [temporal] a Temporal dev server (TEMPORAL_ADDRESS points at an existing cluster instead)
//   [llm]      OpenAI when OPENAI_API_KEY/OPENAI_BASE_URL is set, else the fixture LLM (demo content)
//   [api]      worker-api on Node        [worker] the Temporal Worker        [web] the Vite dev server
//   [funnel-proxy] published funnels on custom domains (FUNNEL_PROXY_PORT, 8790): try the demo funnel's
//              http://spring-lead-magnet.localhost:8790/ once it is published
// The API and the worker share one PGlite database (persisted under .mos/) inside this process.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type Database, getFunnel } from '@mos/db';
import { createDb, migrate } from '@mos/db/node';

const root = resolve(import.meta.dirname, '..');
const mosDir = resolve(root, '.mos');
mkdirSync(mosDir, { recursive: true });
process.env.DATABASE_URL ??= `pglite:${resolve(mosDir, 'pglite')}`;
process.env.MOS_ENV ??= 'development';
// The local stack signs in locally unless Clerk is configured; local auth must be asked for by name.
if (!process.env.CLERK_SECRET_KEY && !process.env.CLERK_JWT_KEY) process.env.AUTH_MODE ??= 'local';
// The worker's funnel proxy (what nginx fronts in production), so a custom domain can be tried locally.
process.env.FUNNEL_PROXY_PORT ??= '8790';

const children: ChildProcess[] = [];
const closers: (() => Promise<void>)[] = [];

function prefixed(name: string, child: ChildProcess): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
  child.on('exit', (code) => console.log(`[${name}] exited (${code ?? 'signal'})`));
  children.push(child);
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host, port }, () => {
      socket.end();
      done(true);
    });
    socket.on('error', () => done(false));
  });
}

function temporalBinary(): string | null {
  const candidates = [
    process.env.TEMPORAL_CLI_PATH,
    join(homedir(), '.cache/mos-toolchain/temporal/v1.5.1/temporal'),
  ].filter((p): p is string => Boolean(p));
  for (const p of candidates) if (existsSync(p)) return p;
  const which = spawnSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

async function startTemporal(): Promise<string> {
  if (process.env.TEMPORAL_ADDRESS) return process.env.TEMPORAL_ADDRESS;
  const address = '127.0.0.1:7233';
  if (await portOpen('127.0.0.1', 7233)) {
    console.log('[temporal] using the server already listening on 127.0.0.1:7233');
    return address;
  }
  const bin = temporalBinary();
  if (bin) {
    prefixed(
      'temporal',
      spawn(
        bin,
        [
          'server',
          'start-dev',
          '--ip',
          '127.0.0.1',
          '--port',
          '7233',
          '--ui-port',
          '8233',
          '--db-filename',
          join(mosDir, 'temporal.db'),
          '--log-level',
          'warn',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
      ),
    );
  } else {
    // On machines with internet, @temporalio/testing downloads the same dev server.
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({ server: { ip: '127.0.0.1', port: 7233 } });
    closers.push(() => env.teardown());
  }
  for (let i = 0; i < 120 && !(await portOpen('127.0.0.1', 7233)); i++)
    await new Promise((r) => setTimeout(r, 250));
  console.log('[temporal] dev server on 127.0.0.1:7233, UI on http://127.0.0.1:8233');
  return address;
}

async function startLlm(): Promise<void> {
  if (process.env.OPENAI_API_KEY || process.env.OPENAI_BASE_URL) {
    console.log(
      `[llm] ${process.env.OPENAI_BASE_URL ?? 'OpenAI'} (model ${process.env.OPENAI_MODEL ?? 'default'})`,
    );
    return;
  }
  const { startOpenAiStandIn } = await import('../temporal-worker/src/testing/openai-stand-in');
  const standIn = await startOpenAiStandIn();
  closers.push(() => standIn.close());
  process.env.OPENAI_BASE_URL = standIn.baseURL;
  process.env.OPENAI_API_KEY = 'demo';
  process.env.MOS_LLM_DEMO = '1';
  console.log(
    `[llm] no OPENAI_API_KEY: the fixture LLM at ${standIn.baseURL} answers — all drafted content is DEMO content`,
  );
}

/**
 * Where the demo funnel is: its page in the web app now, its public URLs (edge path and custom domain on the
 * funnel proxy) as soon as someone publishes it (checked every 2 s until then).
 */
function announceDemoFunnel(
  database: Database,
  orgId: string,
  demo: { funnelId: string; publicId: string; hostname: string },
): void {
  const proxyPort = process.env.FUNNEL_PROXY_PORT;
  console.log(
    `[dev] demo funnel "Spring lead magnet": publish it at http://localhost:5173/funnels/${demo.funnelId}`,
  );
  const check = async () => {
    const funnel = await getFunnel(database.db, orgId, demo.funnelId);
    if (!funnel?.activePublicationId) return false;
    console.log(
      `[dev] demo funnel published: http://127.0.0.1:8787/f/${demo.publicId} · custom domain on the funnel proxy: ` +
        `http://${demo.hostname}:${proxyPort}/ (or curl -H 'Host: ${demo.hostname}' http://127.0.0.1:${proxyPort}/)`,
    );
    return true;
  };
  const timer = setInterval(() => {
    check().then(
      (done) => {
        if (done) clearInterval(timer);
      },
      () => clearInterval(timer),
    );
  }, 2_000);
  timer.unref();
  closers.push(async () => clearInterval(timer));
}

let stopping: Promise<never> | undefined;
/** Idempotent: Ctrl-C reaches this process both from the terminal and through `npm run dev`'s bootstrap. */
function shutdown(code: number): Promise<never> {
  stopping ??= stopAll(code);
  return stopping;
}

async function stopAll(code: number): Promise<never> {
  for (const close of closers.reverse()) await close().catch((err: unknown) => console.error(err));
  // Children run in their own process groups (pnpm → vite), so the whole group is signalled.
  for (const child of children) {
    if (child.pid === undefined) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const database = await createDb(process.env.DATABASE_URL);
  closers.push(() => database.close());
  await migrate(database);
  const { seed } = await import('@mos/db/seed');
  const seeded = await seed(database.db);
  console.log('[db] migrated and seeded:', JSON.stringify(seeded));

  const address = await startTemporal();
  process.env.TEMPORAL_ADDRESS = address;
  await startLlm();

  const { startWorkerInProcess } = await import('../temporal-worker/src/dev');
  const worker = await startWorkerInProcess(process.env, database);
  closers.push(() => worker.close());

  const { startNodeServer } = await import('../worker-api/src/node');
  const api = await startNodeServer(process.env, { database });
  closers.push(() => api.close());

  if (existsSync(join(root, 'web/index.html'))) {
    prefixed(
      'web',
      spawn('pnpm', ['--filter', '@mos/web', 'dev'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      }),
    );
  }
  console.log(
    '[dev] ready: API http://127.0.0.1:8787, web http://localhost:5173, Temporal UI http://127.0.0.1:8233',
  );
  announceDemoFunnel(database, seeded.orgId, seeded.demoFunnel);
} catch (err) {
  console.error('[dev] failed to start:', err instanceof Error ? err.message : err);
  await shutdown(1);
}
