/**
 * The one worker bootstrap (main.ts and dev.ts both call it): env → database → activities → Worker → relay when
 * a secret is set → close() in reverse order. Against a real Temporal dev server and the test PostgreSQL.
 */
import { type AddressInfo, createServer } from 'node:net';
import { importRelayKey, QUERY_STATUS, RELAY_BASE_PATH, signRequest } from '@mos/db/contracts';
import { createDb } from '@mos/db/node';
import { testPostgresUrl } from '@mos/db/testing';
import { startTemporalDevServer, type TemporalDevServer } from '@mos/db/testing/temporal';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosWorker } from '../src/bootstrap';
import { type OpenAiStandIn, startOpenAiStandIn } from '../src/testing/openai-stand-in';

const SECRET = `bootstrap-secret-${crypto.randomUUID()}`;
let temporal: TemporalDevServer;
let llm: OpenAiStandIn;

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Another suite in this process installed the Runtime first.
  }
  [temporal, llm] = await Promise.all([startTemporalDevServer(), startOpenAiStandIn()]);
}, 180_000);

afterAll(async () => {
  await llm?.close();
  await temporal?.close();
});

const env = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: testPostgresUrl(),
  TEMPORAL_ADDRESS: temporal.address,
  TEMPORAL_NAMESPACE: temporal.namespace,
  TEMPORAL_TASK_QUEUE: `bootstrap-${crypto.randomUUID().slice(0, 8)}`,
  OPENAI_BASE_URL: llm.baseURL,
  ...extra,
});

async function relayQuery(url: string, workflowId: string) {
  const path = `${RELAY_BASE_PATH}/query`;
  const body = JSON.stringify({ workflowId, query: QUERY_STATUS });
  const headers = await signRequest({ key: await importRelayKey(SECRET), method: 'POST', path, body });
  return fetch(`${url}${path}`, { method: 'POST', headers: { ...headers }, body });
}

describe('startMosWorker', () => {
  it('polls with the real worker, serves the relay when a secret is set, and closes everything', async () => {
    const lines: string[] = [];
    const source = env({ WORKFLOW_RELAY_SECRET: SECRET, RELAY_PORT: '0', FUNNEL_PROXY_PORT: '0' });
    const proc = await startMosWorker({
      source,
      schedules: false,
      funnelSweep: true,
      log: (l) => lines.push(l),
    });
    expect(proc.worker.getState()).toBe('RUNNING');
    // The funnel sweep runs even where the weekly playbook schedules do not (as in `pnpm dev`).
    expect(lines).toContain('[worker] funnel sweep scheduled every minute');
    expect(lines.some((l) => l.startsWith('[worker] playbook schedules'))).toBe(false);
    expect(lines).toContain(
      `[worker] polling task queue ${source.TEMPORAL_TASK_QUEUE} on ${temporal.address}`,
    );
    const relayUrl = proc.relay?.url ?? '';
    expect(lines).toContain(`[relay] listening on ${relayUrl}`);
    // The relay reaches this Temporal: an unknown workflow is Temporal's NOT_FOUND, not a refusal.
    const res = await relayQuery(relayUrl, `bootstrap-missing-${crypto.randomUUID()}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'workflow_not_found', reason: 'not_found' } });

    // FUNNEL_PROXY_PORT starts the funnel proxy for custom domains beside the relay.
    const proxyUrl = proc.funnelProxy?.url ?? '';
    expect(lines).toContain(`[funnel-proxy] listening on ${proxyUrl}`);
    expect(await (await fetch(`${proxyUrl}/healthz`)).json()).toEqual({ ok: true });

    await proc.close();
    expect(proc.worker.getState()).toBe('STOPPED');
    await expect(relayQuery(relayUrl, 'after-close')).rejects.toThrow();
    await expect(fetch(`${proxyUrl}/healthz`)).rejects.toThrow();
    await expect(proc.running).resolves.toBeUndefined();
  });

  it('serves no relay without a secret, and leaves a database it was given open (dev shares its PGlite)', async () => {
    const database = await createDb(testPostgresUrl());
    try {
      const proc = await startMosWorker({ source: env(), database, schedules: false, log: () => undefined });
      expect(proc.relay).toBeNull();
      expect(proc.funnelProxy).toBeNull();
      await proc.close();
      expect(proc.worker.getState()).toBe('STOPPED');
      // Still usable: close() only closes what the bootstrap opened.
      await expect(database.db.execute('select 1 as one')).resolves.toBeDefined();
    } finally {
      await database.close();
    }
  });

  it('refuses an invalid env before connecting, naming the variable and not its value', async () => {
    const err = await startMosWorker({
      source: env({ TEMPORAL_TLS_KEY: 'not-a-pem-secret-value' }),
      log: () => undefined,
    }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/TEMPORAL_TLS_CERT: required when TEMPORAL_TLS_KEY is set/);
    expect((err as Error).message).not.toContain('not-a-pem-secret-value');
  });
});

describe('startMosWorker when a later step fails', () => {
  it('fails with the listen error when the relay cannot listen, closing what it had opened without errors', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
    const port = (blocker.address() as AddressInfo).port;
    const lines: string[] = [];
    try {
      const err = await startMosWorker({
        source: env({ WORKFLOW_RELAY_SECRET: SECRET, RELAY_PORT: String(port) }),
        schedules: false,
        log: (l) => lines.push(l),
      }).catch((e: unknown) => e as NodeJS.ErrnoException);
      expect((err as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
      // It had started polling before the relay failed; the close of everything opened raised nothing.
      expect(lines.some((l) => l.startsWith('[worker] polling task queue'))).toBe(true);
      expect(lines.filter((l) => l.startsWith('[worker] close:'))).toEqual([]);
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()));
    }
  });
});
