/**
 * The three WorkflowGateway implementations against a real Temporal dev server with a real Worker:
 * `client` (@temporalio/client), `relay` (signed HTTP to the relay server, which uses the client) and
 * `http` (Temporal's own HTTP API on the server's --http-port). Plus the relay's refusals.
 */
import { fileURLToPath } from 'node:url';
import {
  importRelayKey,
  NONCE_HEADER,
  NonceCache,
  RELAY_BASE_PATH,
  type RelayKey,
  SIGNATURE_HEADER,
  signRequest,
  TIMESTAMP_HEADER,
  type WorkflowGateway,
  WorkflowGatewayError,
} from '@mos/db/contracts';
// Relative imports until worker-api exports `./gateway` (package.json is not ours to edit).
import { TemporalClientGateway } from '@mos/worker-api/gateway/client';
import { decodePayload, encodePayload, HttpWorkflowGateway } from '@mos/worker-api/gateway/http';
import { RelayWorkflowGateway } from '@mos/worker-api/gateway/relay';
import { parseGatewayEnv, selectWorkflowGateway } from '@mos/worker-api/gateway/select';
import { WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createRelayApp,
  type RelayErrorBody,
  type RunningRelayServer,
  startRelayServer,
} from '../src/relay/server';
import { startTemporalDevServer, type TemporalDevServer, temporalCliPath } from '../src/testing/temporal';
import type { GatewayFixtureState } from './fixtures/gateway-workflows';

const SECRET = `relay-test-secret-${crypto.randomUUID()}`;
const WORKFLOW_TYPE = 'gatewayFixture';
const uid = () => crypto.randomUUID().slice(0, 8);
const taskQueue = `gateways-${uid()}`;

let temporal: TemporalDevServer;
let worker: Worker;
let workerRun: Promise<void>;
let relay: RunningRelayServer;
let relayUpstream: TemporalClientGateway;
let clientGateway: TemporalClientGateway;
let key: RelayKey;
const gateways = {} as Record<'client' | 'relay' | 'http', WorkflowGateway>;

beforeAll(async () => {
  // The SDK logs every worker state change and the workflow bundle at INFO; keep test output readable.
  // Install fails when another suite in this process created the Runtime first; its logger then stays.
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {}
  const started = Date.now();
  temporal = await startTemporalDevServer({ httpPort: true });
  const serverReady = Date.now();
  worker = await Worker.create({
    connection: temporal.env.nativeConnection,
    namespace: temporal.namespace,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./fixtures/gateway-workflows.ts', import.meta.url)),
  });
  workerRun = worker.run();
  relayUpstream = new TemporalClientGateway({ address: temporal.address, namespace: temporal.namespace });
  relay = await startRelayServer({ port: 0, gateway: relayUpstream, secret: SECRET });
  clientGateway = new TemporalClientGateway({ address: temporal.address, namespace: temporal.namespace });
  gateways.client = clientGateway;
  gateways.relay = new RelayWorkflowGateway({ baseUrl: relay.url, secret: SECRET });
  gateways.http = new HttpWorkflowGateway({
    baseUrl: temporal.httpUrl ?? '',
    namespace: temporal.namespace,
  });
  key = await importRelayKey(SECRET);
  console.log(
    `[gateways] dev server ready in ${serverReady - started} ms, worker bundled in ${Date.now() - serverReady} ms`,
  );
}, 180_000);

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await workerRun;
  }
  await relay?.close();
  await relayUpstream?.close();
  await clientGateway?.close();
  await temporal?.close();
}, 60_000);

const handle = (workflowId: string) => temporal.env.client.workflow.getHandle(workflowId);

async function startFixture(gateway: WorkflowGateway, label: string) {
  const workflowId = `gw-${uid()}`;
  const ref = await gateway.start({
    workflowType: WORKFLOW_TYPE,
    workflowId,
    taskQueue,
    args: [{ label }],
  });
  return { workflowId, ref };
}

/** Whether Temporal knows the workflow, asked directly (not through a gateway under test). */
async function existsOnTemporal(workflowId: string): Promise<boolean> {
  try {
    await handle(workflowId).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

describe.each(['client', 'relay', 'http'] as const)(
  '%s gateway',
  (kind) => {
    const gw = () => gateways[kind];

    it('starts, signals, queries and describes a workflow until it completes', async () => {
      const workflowId = `gw-${kind}-${uid()}`;
      const label = `Café ✓ 日本 ${kind}`;
      const memo = { clientId: `client-${uid()}`, nested: { n: 2, tags: ['a', 'ü'] } };
      const ref = await gw().start({
        workflowType: WORKFLOW_TYPE,
        workflowId,
        taskQueue,
        args: [{ label }],
        memo,
      });

      const truth = await handle(workflowId).describe();
      expect(ref).toEqual({ workflowId, runId: truth.runId });
      expect(truth.memo).toEqual(memo);
      expect(truth.taskQueue).toBe(taskQueue);

      const running = await gw().describe({ workflowId });
      expect(running).toMatchObject({ workflowId, runId: ref.runId, type: WORKFLOW_TYPE, status: 'RUNNING' });
      expect(running.closeTime).toBeNull();
      expect(Math.abs(Date.parse(running.startTime) - truth.startTime.getTime())).toBeLessThanOrEqual(1);

      await gw().signal({ workflowId }, 'addItem', [{ text: 'first' }]);
      await gw().signal({ workflowId, runId: ref.runId }, 'addItem', [{ text: 'second ✓' }]);
      const state = await gw().query<GatewayFixtureState>({ workflowId }, 'state');
      expect(state).toEqual({ label, items: ['first', 'second ✓'], finished: false });
      expect(await gw().query({ workflowId, runId: ref.runId }, 'itemAt', [1])).toBe('second ✓');
      expect(await gw().query({ workflowId }, 'itemAt', [0])).toBe('first');
      expect(await gw().query({ workflowId }, 'itemAt', [7])).toBeNull();

      await gw().signal({ workflowId }, 'finish', []);
      expect(await handle(workflowId).result()).toEqual({
        label,
        items: ['first', 'second ✓'],
        finished: true,
      });
      const done = await gw().describe({ workflowId, runId: ref.runId });
      expect(done).toMatchObject({ workflowId, runId: ref.runId, status: 'COMPLETED' });
      expect(done.closeTime).not.toBeNull();
      expect(Date.parse(done.closeTime ?? '')).toBeGreaterThanOrEqual(Date.parse(done.startTime));
    });

    it('cancels a running workflow', async () => {
      const { workflowId, ref } = await startFixture(gw(), 'to cancel');
      await gw().cancel({ workflowId, runId: ref.runId });
      const failure = await handle(workflowId)
        .result()
        .then(
          () => null,
          (err: unknown) => err,
        );
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      expect((await handle(workflowId).describe()).status.name).toBe('CANCELLED');
      expect((await gw().describe({ workflowId })).status).toBe('CANCELLED');
    });

    it('lists workflows matching a visibility query', async () => {
      const a = await startFixture(gw(), 'list a');
      const b = await startFixture(gw(), 'list b');
      const other = await startFixture(gw(), 'not listed');
      await gw().signal({ workflowId: a.workflowId }, 'finish', []);
      await handle(a.workflowId).result();
      const query = `WorkflowId = '${a.workflowId}' OR WorkflowId = '${b.workflowId}'`;
      await vi.waitFor(
        async () => {
          const listed = await gw().list(query);
          const byId = Object.fromEntries(listed.map((w) => [w.workflowId, w]));
          expect(Object.keys(byId).sort()).toEqual([a.workflowId, b.workflowId].sort());
          expect(byId[a.workflowId]).toMatchObject({
            runId: a.ref.runId,
            type: WORKFLOW_TYPE,
            status: 'COMPLETED',
          });
          expect(byId[b.workflowId]).toMatchObject({
            runId: b.ref.runId,
            type: WORKFLOW_TYPE,
            status: 'RUNNING',
          });
          expect(byId[b.workflowId]?.closeTime).toBeNull();
        },
        { timeout: 10_000, interval: 200 },
      );
      expect(await gw().list(query, { pageSize: 1 })).toHaveLength(1);
      await gw().cancel({ workflowId: b.workflowId });
      await gw().cancel({ workflowId: other.workflowId });
    });

    it('reports what Temporal refuses as WorkflowGatewayError', async () => {
      const missing = `gw-missing-${uid()}`;
      await expect(gw().describe({ workflowId: missing })).rejects.toThrow(WorkflowGatewayError);
      await expect(gw().signal({ workflowId: missing }, 'addItem', [{ text: 'x' }])).rejects.toThrow(
        WorkflowGatewayError,
      );
      const { workflowId } = await startFixture(gw(), 'duplicate');
      await expect(startFixtureWithId(gw(), workflowId)).rejects.toThrow(WorkflowGatewayError);
      await expect(gw().query({ workflowId }, 'noSuchQuery')).rejects.toThrow(WorkflowGatewayError);
      await gw().cancel({ workflowId });
    });
  },
  60_000,
);

function startFixtureWithId(gateway: WorkflowGateway, workflowId: string) {
  return gateway.start({ workflowType: WORKFLOW_TYPE, workflowId, taskQueue, args: [{ label: 'again' }] });
}

/** A raw request to the relay, signed (or not) as a test wants. */
async function relayRequest(
  op: string,
  body: unknown,
  opts: {
    nowMs?: number;
    signKey?: RelayKey;
    /** Body that is signed, when it differs from the one sent (tampering). */
    signedBody?: unknown;
    headers?: Record<string, string>;
    unsigned?: boolean;
  } = {},
) {
  const path = `${RELAY_BASE_PATH}/${op}`;
  const text = JSON.stringify(body);
  const headers = opts.unsigned
    ? {}
    : await signRequest({
        key: opts.signKey ?? key,
        method: 'POST',
        path,
        body: opts.signedBody === undefined ? text : JSON.stringify(opts.signedBody),
        nowMs: opts.nowMs ?? Date.now(),
      });
  return send(path, text, { ...headers, ...opts.headers });
}

async function send(path: string, text: string, headers: Record<string, string>) {
  const res = await fetch(`${relay.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: text,
  });
  return { status: res.status, body: (await res.json()) as RelayErrorBody & Record<string, unknown> };
}

describe('relay server', () => {
  it('answers a correctly signed request (the baseline the refusals below differ from)', async () => {
    const workflowId = `relay-ok-${uid()}`;
    const res = await relayRequest('start', {
      workflowType: WORKFLOW_TYPE,
      workflowId,
      taskQueue,
      args: [{ label: 'ok' }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ workflowId, runId: expect.any(String) });
    expect(await existsOnTemporal(workflowId)).toBe(true);
    await handle(workflowId).cancel();
  });

  it('refuses a missing, wrong or tampered signature and starts nothing', async () => {
    const workflowId = `relay-bad-${uid()}`;
    const start = { workflowType: WORKFLOW_TYPE, workflowId, taskQueue, args: [{ label: 'bad' }] };

    const unsigned = await relayRequest('start', start, { unsigned: true });
    expect(unsigned).toMatchObject({ status: 401, body: { error: { code: 'missing_signature' } } });

    const otherKey = await importRelayKey(`another-secret-of-enough-length-${uid()}`);
    const wrongSecret = await relayRequest('start', start, { signKey: otherKey });
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: { code: 'bad_signature' } } });

    const tampered = await relayRequest('start', start, { signedBody: { ...start, workflowId: 'innocent' } });
    expect(tampered).toMatchObject({ status: 401, body: { error: { code: 'bad_signature' } } });

    const garbage = await relayRequest('start', start, { headers: { [SIGNATURE_HEADER]: 'f'.repeat(64) } });
    expect(garbage).toMatchObject({ status: 401, body: { error: { code: 'bad_signature' } } });

    // A signature for another operation's path does not carry over.
    const headers = await signRequest({
      key,
      method: 'POST',
      path: `${RELAY_BASE_PATH}/describe`,
      body: JSON.stringify(start),
    });
    const otherPath = await send(`${RELAY_BASE_PATH}/start`, JSON.stringify(start), { ...headers });
    expect(otherPath).toMatchObject({ status: 401, body: { error: { code: 'bad_signature' } } });

    expect(await existsOnTemporal(workflowId)).toBe(false);
    expect(await existsOnTemporal('innocent')).toBe(false);
  });

  it('refuses a timestamp outside ±300 s and starts nothing', async () => {
    const workflowId = `relay-old-${uid()}`;
    const start = { workflowType: WORKFLOW_TYPE, workflowId, taskQueue, args: [{ label: 'old' }] };
    const old = await relayRequest('start', start, { nowMs: Date.now() - 310_000 });
    expect(old).toMatchObject({ status: 401, body: { error: { code: 'stale_timestamp' } } });
    const future = await relayRequest('start', start, { nowMs: Date.now() + 310_000 });
    expect(future).toMatchObject({ status: 401, body: { error: { code: 'stale_timestamp' } } });
    expect(await existsOnTemporal(workflowId)).toBe(false);

    // Inside the window a slow clock is fine.
    const late = await relayRequest('start', start, { nowMs: Date.now() - 290_000 });
    expect(late.status).toBe(200);
    expect(await existsOnTemporal(workflowId)).toBe(true);
    await handle(workflowId).cancel();
  });

  it('refuses a replayed request and does not deliver it twice', async () => {
    const { workflowId } = await startFixture(gateways.client, 'replay');
    const path = `${RELAY_BASE_PATH}/signal`;
    const text = JSON.stringify({ workflowId, signal: 'addItem', args: [{ text: 'once' }] });
    const headers = await signRequest({ key, method: 'POST', path, body: text });
    expect((await send(path, text, { ...headers })).status).toBe(200);
    const replayed = await send(path, text, { ...headers });
    expect(replayed).toMatchObject({ status: 409, body: { error: { code: 'replayed' } } });
    // The same nonce with a fresh signature over a new timestamp is still refused.
    const renewed = await signRequest({
      key,
      method: 'POST',
      path,
      body: text,
      nonce: headers[NONCE_HEADER],
    });
    expect((await send(path, text, { ...renewed })).body.error.code).toBe('replayed');
    expect(await handle(workflowId).query<GatewayFixtureState>('state')).toMatchObject({ items: ['once'] });

    const startPath = `${RELAY_BASE_PATH}/start`;
    const newId = `relay-replay-${uid()}`;
    const startText = JSON.stringify({
      workflowType: WORKFLOW_TYPE,
      workflowId: newId,
      taskQueue,
      args: [{ label: 'r' }],
    });
    const startHeaders = await signRequest({ key, method: 'POST', path: startPath, body: startText });
    expect((await send(startPath, startText, { ...startHeaders })).status).toBe(200);
    const again = await send(startPath, startText, { ...startHeaders });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'replayed' } } });
    await handle(newId).cancel();
    await handle(workflowId).cancel();
  });

  it('answers 400 naming the bad fields, 404 for unknown operations, 413 over 1 MB', async () => {
    const bad = await relayRequest('start', { workflowId: 'x', args: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    expect(bad.body.error.fields?.sort()).toEqual(['args', 'taskQueue', 'workflowType']);
    expect(bad.body.error.message).toContain('workflowType');

    const notJson = await send(`${RELAY_BASE_PATH}/describe`, '{', {
      ...(await signRequest({ key, method: 'POST', path: `${RELAY_BASE_PATH}/describe`, body: '{' })),
    });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });

    expect((await relayRequest('terminate', { workflowId: 'x' })).status).toBe(404);

    const huge = await relayRequest('signal', {
      workflowId: 'x',
      signal: 's',
      args: ['a'.repeat(1024 * 1024)],
    });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
  });

  it('relay gateway surfaces the server’s refusal as WorkflowGatewayError', async () => {
    const wrong = new RelayWorkflowGateway({
      baseUrl: relay.url,
      secret: `wrong-secret-but-long-enough-${uid()}`,
    });
    const err = await wrong.describe({ workflowId: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowGatewayError);
    expect((err as Error).message).toMatch(/HTTP 401.*invalid request signature/);
    const skewed = new RelayWorkflowGateway({
      baseUrl: relay.url,
      secret: SECRET,
      now: () => Date.now() - 600_000,
    });
    await expect(skewed.describe({ workflowId: 'x' })).rejects.toThrow(/HTTP 401.*timestamp/);
    const missing = await gateways.relay.describe({ workflowId: `nope-${uid()}` }).catch((e: unknown) => e);
    expect((missing as Error).message).toMatch(/HTTP 404/);
    expect(() => new RelayWorkflowGateway({ baseUrl: relay.url, secret: 'short' })).toThrow(/32 characters/);
  });

  it('maps Temporal failures to 503 (unreachable, generic message) and 502 (refused, its message)', async () => {
    const failing = (err: Error): WorkflowGateway => {
      const fail = async (): Promise<never> => {
        throw err;
      };
      return { start: fail, signal: fail, query: fail, describe: fail, cancel: fail, list: fail };
    };
    const call = async (gateway: WorkflowGateway) => {
      const events: { status: number; code: string }[] = [];
      const app = createRelayApp({ gateway, secret: SECRET, onError: (e) => events.push(e) });
      const path = `${RELAY_BASE_PATH}/describe`;
      const text = JSON.stringify({ workflowId: 'x' });
      const res = await app.request(`http://relay.test${path}`, {
        method: 'POST',
        headers: { ...(await signRequest({ key, method: 'POST', path, body: text })) },
        body: text,
      });
      return { status: res.status, body: (await res.json()) as RelayErrorBody, events };
    };
    const down = await call(
      failing(
        new WorkflowGatewayError('temporal describe failed: Failed to connect before the deadline', {
          cause: new Error('Failed to connect to 10.1.2.3:7233'),
        }),
      ),
    );
    expect(down.status).toBe(503);
    expect(down.body.error).toEqual({ code: 'temporal_unavailable', message: 'temporal is unavailable' });
    expect(down.events).toMatchObject([{ status: 503, code: 'temporal_unavailable' }]);

    const refused = await call(
      failing(new WorkflowGatewayError('temporal describe failed: query handler threw')),
    );
    expect(refused).toMatchObject({
      status: 502,
      body: { error: { code: 'temporal_error', message: 'temporal describe failed: query handler threw' } },
    });

    const bug = await call(failing(new TypeError('secret internals at /srv/app.js:1')));
    expect(bug).toMatchObject({
      status: 500,
      body: { error: { code: 'internal', message: 'internal error' } },
    });
  });
});

describe('signing and nonce cache', () => {
  it('forgets nonces once their timestamp has left the window', async () => {
    const cache = new NonceCache();
    expect(cache.remember('n1', 1_000, 700)).toBe('ok');
    expect(cache.remember('n1', 1_000, 999)).toBe('replayed');
    expect(cache.remember('n1', 1_301, 1_000)).toBe('ok');
    const small = new NonceCache(2);
    expect(small.remember('a', 100, 0)).toBe('ok');
    expect(small.remember('b', 100, 0)).toBe('ok');
    expect(small.remember('c', 100, 0)).toBe('full');
    expect(small.remember('c', 200, 150)).toBe('ok');
  });

  it('signs with the documented headers and canonical string', async () => {
    const headers = await signRequest({
      key,
      method: 'post',
      path: '/p',
      body: '{}',
      nowMs: 1_700_000_000_999,
      nonce: 'n'.repeat(16),
    });
    expect(headers[TIMESTAMP_HEADER]).toBe('1700000000');
    expect(headers[NONCE_HEADER]).toBe('n'.repeat(16));
    // Independent computation of HMAC-SHA256(secret, `${ts}.${nonce}.${METHOD}.${path}.${sha256hex(body)}`).
    const { createHash, createHmac } = await import('node:crypto');
    const bodyHash = createHash('sha256').update('{}').digest('hex');
    const expected = createHmac('sha256', SECRET)
      .update(`1700000000.${'n'.repeat(16)}.POST./p.${bodyHash}`)
      .digest('hex');
    expect(headers[SIGNATURE_HEADER]).toBe(expected);
  });
});

describe('relay clock window (injected clock)', () => {
  it('accepts exactly ±300 s, refuses 301 s, and never reaches the gateway when refusing', async () => {
    const calls: string[] = [];
    const recording: WorkflowGateway = {
      start: async () => ({ workflowId: 'w', runId: 'r' }),
      signal: async () => undefined,
      query: async () => undefined as never,
      describe: async (ref) => {
        calls.push(ref.workflowId);
        return {
          workflowId: ref.workflowId,
          runId: 'r',
          type: 't',
          status: 'RUNNING',
          startTime: '',
          closeTime: null,
        };
      },
      cancel: async () => undefined,
      list: async () => [],
    };
    const serverNow = 1_800_000_000_000;
    const app = createRelayApp({ gateway: recording, secret: SECRET, clock: () => serverNow });
    const path = `${RELAY_BASE_PATH}/describe`;
    const at = async (offsetSec: number, workflowId: string) => {
      const text = JSON.stringify({ workflowId });
      const headers = await signRequest({
        key,
        method: 'POST',
        path,
        body: text,
        nowMs: serverNow + offsetSec * 1000,
      });
      const res = await app.request(`http://relay.test${path}`, {
        method: 'POST',
        headers: { ...headers },
        body: text,
      });
      return res.status;
    };
    expect(await at(-300, 'minus-300')).toBe(200);
    expect(await at(300, 'plus-300')).toBe(200);
    expect(await at(-301, 'minus-301')).toBe(401);
    expect(await at(301, 'plus-301')).toBe(401);
    expect(calls).toEqual(['minus-300', 'plus-300']);
  });
});

describe('dev server binary lookup', () => {
  it('names TEMPORAL_CLI_PATH when the binary is missing', () => {
    expect(() => temporalCliPath({ TEMPORAL_CLI_PATH: '/nonexistent/temporal' })).toThrow(
      /TEMPORAL_CLI_PATH/,
    );
    expect(() => temporalCliPath({ MOS_TOOLCHAIN_DIR: '/nonexistent' })).toThrow(/set TEMPORAL_CLI_PATH/);
    expect(temporalCliPath({ TEMPORAL_CLI_PATH: temporalCliPath() })).toBe(temporalCliPath());
  });
});

describe('http gateway payloads and gateway selection', () => {
  it('encodes payloads as the SDK’s json/plain and binary/null', () => {
    const payload = encodePayload({ a: 'ü' });
    expect(payload.metadata?.encoding).toBe(Buffer.from('json/plain').toString('base64'));
    expect(Buffer.from(payload.data ?? '', 'base64').toString('utf8')).toBe('{"a":"ü"}');
    expect(decodePayload(payload)).toEqual({ a: 'ü' });
    expect(decodePayload(encodePayload(undefined))).toBeUndefined();
    expect(() =>
      decodePayload({ metadata: { encoding: Buffer.from('binary/encrypted').toString('base64') } }),
    ).toThrow(/unsupported payload encoding/);
  });

  it('picks the gateway from env and names missing variables', () => {
    const env = (source: Record<string, string>) => parseGatewayEnv(source);
    expect(selectWorkflowGateway(env({}), { runtime: 'workers' }).kind).toBe('none');
    expect(() => selectWorkflowGateway(env({}), { runtime: 'node' })).toThrow(
      /WORKFLOW_GATEWAY: client needs Node/,
    );
    expect(selectWorkflowGateway(env({}), { runtime: 'node', client: () => clientGateway }).kind).toBe(
      'client',
    );
    const relayEnv = env({ WORKFLOW_RELAY_URL: 'https://worker.example.com', WORKFLOW_RELAY_SECRET: SECRET });
    const relayPick = selectWorkflowGateway(relayEnv, { runtime: 'workers' });
    expect(relayPick.kind).toBe('relay');
    expect(relayPick.gateway).toBeInstanceOf(RelayWorkflowGateway);
    const httpPick = selectWorkflowGateway(
      env({ WORKFLOW_GATEWAY: 'http', TEMPORAL_HTTP_URL: 'https://t.example.com' }),
      {
        runtime: 'workers',
      },
    );
    expect(httpPick.gateway).toBeInstanceOf(HttpWorkflowGateway);
    expect(() => selectWorkflowGateway(env({ WORKFLOW_GATEWAY: 'client' }), { runtime: 'workers' })).toThrow(
      /client needs Node/,
    );

    expect(() => env({ WORKFLOW_GATEWAY: 'relay' })).toThrow(
      /WORKFLOW_RELAY_URL[\s\S]*WORKFLOW_RELAY_SECRET/,
    );
    expect(() => env({ WORKFLOW_RELAY_URL: 'https://w.example.com' })).toThrow(
      /WORKFLOW_RELAY_SECRET: required/,
    );
    expect(() => env({ WORKFLOW_GATEWAY: 'http' })).toThrow(/TEMPORAL_HTTP_URL: required/);
    const shortSecret = 'short-secret-value';
    expect(() =>
      env({
        WORKFLOW_GATEWAY: 'relay',
        WORKFLOW_RELAY_URL: 'https://w.example.com',
        WORKFLOW_RELAY_SECRET: shortSecret,
      }),
    ).toThrow(/WORKFLOW_RELAY_SECRET: must be at least 32/);
    expect(() =>
      env({
        WORKFLOW_GATEWAY: 'relay',
        WORKFLOW_RELAY_URL: 'https://w.example.com',
        WORKFLOW_RELAY_SECRET: shortSecret,
      }),
    ).not.toThrow(shortSecret);
    expect(() =>
      env({
        MOS_ENV: 'production',
        WORKFLOW_RELAY_URL: 'http://w.example.com',
        WORKFLOW_RELAY_SECRET: SECRET,
      }),
    ).toThrow(/WORKFLOW_RELAY_URL: must be https in production/);
  });
});
