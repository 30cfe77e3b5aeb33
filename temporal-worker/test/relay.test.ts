/**
 * temporal-worker's relay server: signatures, clock window, replays, the allowlist (only what worker-api calls),
 * body limits on a keep-alive connection, and how Temporal's failures map to statuses and gateway reasons.
 * Against a real Temporal dev server with a real Worker; the relay gateway's side is tested in worker-api.
 */

import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  DEPLOY_WORKFLOW_TYPE,
  importRelayKey,
  NONCE_HEADER,
  NonceCache,
  QUERY_STATUS,
  RELAY_BASE_PATH,
  type RelayErrorBody,
  type RelayKey,
  SIGNAL_DEPLOY_ENQUEUE,
  SIGNAL_REVIEW,
  SIGNAL_STOP,
  SIGNATURE_HEADER,
  signRequest,
  TIMESTAMP_HEADER,
  WORKFLOW_TYPE_NAMES,
} from '@mos/db/contracts';
import { startTemporalDevServer, type TemporalDevServer, temporalCliPath } from '@mos/db/testing/temporal';
import {
  QueryNotRegisteredError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRelayApp,
  RELAY_MAX_BODY_BYTES,
  type RunningRelayServer,
  startRelayServer,
} from '../src/relay/server';
import {
  clientRelayTemporal,
  lazyTemporalClient,
  type RelayTemporal,
  relayFailure,
  TemporalConnectError,
} from '../src/relay/temporal';
import type { RelayFixtureState } from './fixtures/relay-workflows';

const SECRET = `relay-test-secret-${crypto.randomUUID()}`;
const WORKFLOW_TYPE = WORKFLOW_TYPE_NAMES.client_onboarding;
const uid = () => crypto.randomUUID().slice(0, 8);
const taskQueue = `relay-${uid()}`;

let temporal: TemporalDevServer;
let worker: Worker;
let workerRun: Promise<void>;
let relay: RunningRelayServer;
let relayClient: ReturnType<typeof lazyTemporalClient>;
let key: RelayKey;

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Another suite in this process installed the Runtime first; its logger stays.
  }
  temporal = await startTemporalDevServer();
  worker = await Worker.create({
    connection: temporal.env.nativeConnection,
    namespace: temporal.namespace,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./fixtures/relay-workflows.ts', import.meta.url)),
  });
  workerRun = worker.run();
  relayClient = lazyTemporalClient({
    connection: { address: temporal.address },
    namespace: temporal.namespace,
  });
  relay = await startRelayServer({
    port: 0,
    secret: SECRET,
    taskQueue,
    temporal: clientRelayTemporal(relayClient.get),
  });
  key = await importRelayKey(SECRET);
}, 180_000);

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await workerRun;
  }
  await relay?.close();
  await relayClient?.close();
  await temporal?.close();
}, 60_000);

const handle = (workflowId: string) => temporal.env.client.workflow.getHandle(workflowId);

async function existsOnTemporal(workflowId: string): Promise<boolean> {
  try {
    await handle(workflowId).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

async function startDirect(label: string): Promise<string> {
  const workflowId = `relay-direct-${uid()}`;
  await temporal.env.client.workflow.start(WORKFLOW_TYPE, { taskQueue, workflowId, args: [{ label }] });
  return workflowId;
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
    expect((await handle(workflowId).describe()).taskQueue).toBe(taskQueue);
    // Without a task queue the relay uses its own.
    const implicit = `relay-implicit-${uid()}`;
    const res2 = await relayRequest('start', {
      workflowType: WORKFLOW_TYPE,
      workflowId: implicit,
      args: [{ label: 'q' }],
    });
    expect(res2.status).toBe(200);
    expect((await handle(implicit).describe()).taskQueue).toBe(taskQueue);
    const signal = await relayRequest('signal', {
      workflowId,
      signal: SIGNAL_REVIEW,
      args: [{ text: 'via relay' }],
    });
    expect(signal).toMatchObject({ status: 200, body: { ok: true } });
    const query = await relayRequest('query', { workflowId, query: QUERY_STATUS });
    expect(query).toMatchObject({ status: 200, body: { result: { label: 'ok', items: ['via relay'] } } });
    expect((await relayRequest('signal', { workflowId, signal: SIGNAL_STOP })).status).toBe(200);
    expect(await handle(workflowId).result()).toMatchObject({ finished: true });
    expect((await relayRequest('cancel', { workflowId: implicit })).status).toBe(200);
  });

  it('refuses a missing, wrong or tampered signature and starts nothing', async () => {
    const workflowId = `relay-bad-${uid()}`;
    const start = { workflowType: WORKFLOW_TYPE, workflowId, taskQueue, args: [{ label: 'bad' }] };

    const unsigned = await relayRequest('start', start, { unsigned: true });
    expect(unsigned).toMatchObject({
      status: 401,
      body: { error: { code: 'missing_signature', reason: 'failed' } },
    });

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
      path: `${RELAY_BASE_PATH}/cancel`,
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
    const workflowId = await startDirect('replay');
    const path = `${RELAY_BASE_PATH}/signal`;
    const text = JSON.stringify({ workflowId, signal: SIGNAL_REVIEW, args: [{ text: 'once' }] });
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
    expect(await handle(workflowId).query<RelayFixtureState>(QUERY_STATUS)).toMatchObject({
      items: ['once'],
    });

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

  it('answers 400 naming the bad fields and 413 over 1 MB', async () => {
    const bad = await relayRequest('start', { workflowId: 'x', args: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    expect(bad.body.error.fields?.sort()).toEqual(['args', 'workflowType']);
    expect(bad.body.error.message).toContain('workflowType');

    const notJson = await send(`${RELAY_BASE_PATH}/cancel`, '{', {
      ...(await signRequest({ key, method: 'POST', path: `${RELAY_BASE_PATH}/cancel`, body: '{' })),
    });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });

    // The status query takes no arguments.
    const withArgs = await relayRequest('query', { workflowId: 'x', query: QUERY_STATUS, args: [1] });
    expect(withArgs).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request', fields: ['args'] } },
    });

    const huge = await relayRequest('signal', {
      workflowId: 'x',
      signal: SIGNAL_REVIEW,
      args: ['a'.repeat(1024 * 1024)],
    });
    expect(huge).toMatchObject({
      status: 413,
      body: { error: { code: 'payload_too_large', reason: 'failed' } },
    });
  });
});

describe('relay allowlist: only what worker-api calls', () => {
  it('refuses, with 403, a signed request for a workflow type, task queue, signal, query or operation the API does not use, and Temporal sees nothing', async () => {
    const strangerType = `relay-type-${uid()}`;
    const type = await relayRequest('start', {
      workflowType: 'relayFixture',
      workflowId: strangerType,
      taskQueue,
      args: [{ label: 'x' }],
    });
    expect(type).toMatchObject({ status: 403, body: { error: { code: 'forbidden', reason: 'failed' } } });
    expect(type.body.error.message).toMatch(/workflow type not allowed/);
    const strangerQueue = `relay-queue-${uid()}`;
    const queue = await relayRequest('start', {
      workflowType: WORKFLOW_TYPE,
      workflowId: strangerQueue,
      taskQueue: 'someone-elses-queue',
      args: [{ label: 'x' }],
    });
    expect(queue).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden', message: 'task queue not allowed' } },
    });
    expect(await existsOnTemporal(strangerType)).toBe(false);
    expect(await existsOnTemporal(strangerQueue)).toBe(false);

    const workflowId = await startDirect('allowlist');
    const signal = await relayRequest('signal', { workflowId, signal: 'run_now', args: [] });
    expect(signal).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden', message: 'signal not allowed: run_now' } },
    });
    const query = await relayRequest('query', { workflowId, query: '__stack_trace' });
    expect(query).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden', message: 'query not allowed: __stack_trace' } },
    });
    for (const op of ['describe', 'list', 'terminate', 'signalWithStart']) {
      const res = await relayRequest(op, { workflowId, query: '' });
      expect(res).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    }
    const state = await handle(workflowId).query<RelayFixtureState>(QUERY_STATUS);
    expect(state).toEqual({ label: 'allowlist', items: [], finished: false });
    expect((await handle(workflowId).describe()).status.name).toBe('RUNNING');
    await handle(workflowId).cancel();
  });

  it('never calls Temporal for a refused request (recording handler)', async () => {
    const calls: string[] = [];
    const recording: RelayTemporal = {
      start: async (req) => {
        calls.push(`start:${req.workflowType}:${req.taskQueue}`);
        return { workflowId: req.workflowId, runId: 'r' };
      },
      signal: async (_ref, name) => {
        calls.push(`signal:${name}`);
      },
      query: async (_ref, name) => {
        calls.push(`query:${name}`);
        return null;
      },
      cancel: async () => {
        calls.push('cancel');
      },
      signalWithStart: async (req) => {
        calls.push(`signalWithStart:${req.workflowType}:${req.signal}:${req.taskQueue}`);
        return { workflowId: req.workflowId, runId: 'r' };
      },
    };
    const app = createRelayApp({ temporal: recording, secret: SECRET, taskQueue: 'mos' });
    const post = async (op: string, body: unknown) => {
      const path = `${RELAY_BASE_PATH}/${op}`;
      const text = JSON.stringify(body);
      const res = await app.request(`http://relay.test${path}`, {
        method: 'POST',
        headers: { ...(await signRequest({ key, method: 'POST', path, body: text })) },
        body: text,
      });
      return res.status;
    };
    expect(await post('start', { workflowType: 'Anything', workflowId: 'w' })).toBe(403);
    expect(await post('start', { workflowType: WORKFLOW_TYPE, workflowId: 'w', taskQueue: 'other' })).toBe(
      403,
    );
    expect(await post('signal', { workflowId: 'w', signal: 'finish' })).toBe(403);
    expect(await post('query', { workflowId: 'w', query: 'state' })).toBe(403);
    expect(await post('list', { query: '' })).toBe(403);
    expect(await post('describe', { workflowId: 'w' })).toBe(403);
    // Signal-with-start only for the deploy workflow and its enqueue signal, on the relay's queue.
    const sws = (over: Record<string, unknown>) =>
      post('signal-with-start', {
        workflowType: DEPLOY_WORKFLOW_TYPE,
        workflowId: 'd',
        signal: SIGNAL_DEPLOY_ENQUEUE,
        signalArgs: [{ runId: 'r1' }],
        ...over,
      });
    expect(await sws({ workflowType: WORKFLOW_TYPE_NAMES.playbook_update })).toBe(403);
    expect(await sws({ signal: SIGNAL_REVIEW })).toBe(403);
    expect(await sws({ taskQueue: 'other' })).toBe(403);
    expect(await sws({ workflowType: 'constructor' })).toBe(403);
    expect(calls).toEqual([]);
    // The allowed calls, for contrast; the start goes to the relay's own queue.
    expect(
      await post('start', {
        workflowType: WORKFLOW_TYPE_NAMES.playbook_update,
        workflowId: 'w',
        taskQueue: 'mos',
      }),
    ).toBe(200);
    expect(await post('signal', { workflowId: 'w', signal: SIGNAL_STOP })).toBe(200);
    expect(await post('signal', { workflowId: 'w', signal: SIGNAL_REVIEW, args: [{}] })).toBe(200);
    expect(await post('query', { workflowId: 'w', query: QUERY_STATUS })).toBe(200);
    expect(await post('cancel', { workflowId: 'w' })).toBe(200);
    expect(await sws({ taskQueue: 'mos' })).toBe(200);
    expect(calls).toEqual([
      'start:PlaybookUpdate:mos',
      'signal:stop',
      'signal:review',
      'query:status',
      'cancel',
      `signalWithStart:${DEPLOY_WORKFLOW_TYPE}:${SIGNAL_DEPLOY_ENQUEUE}:mos`,
    ]);
  });
});

/** One request on the given agent; resolves with the status, or rejects with the socket error. */
function rawRequest(
  agent: Agent,
  path: string,
  body: Buffer | string,
  headers: Record<string, string>,
  opts: { chunked?: boolean } = {},
): Promise<{ status: number; body: string; connection: string | undefined }> {
  const url = new URL(relay.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/json',
          ...(opts.chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }),
        );
      },
    );
    req.on('error', reject);
    if (opts.chunked) {
      // Streamed in pieces with no declared length, as a client without Content-Length sends it.
      const buf = Buffer.from(body);
      for (let i = 0; i < buf.length; i += 64 * 1024) req.write(buf.subarray(i, i + 64 * 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

describe('relay body limit on a keep-alive connection', () => {
  it.each([
    ['declared Content-Length', false],
    ['chunked upload', true],
  ])(
    'after a 413 for an oversized body (%s), the next two requests on the same agent are answered',
    async (_label, chunked) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const path = `${RELAY_BASE_PATH}/query`;
        const oversized = JSON.stringify({
          workflowId: 'x',
          query: QUERY_STATUS,
          pad: 'a'.repeat(RELAY_MAX_BODY_BYTES + 10),
        });
        const refused = await rawRequest(agent, path, oversized, {}, { chunked });
        expect(refused.status).toBe(413);
        expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'payload_too_large' } });
        expect(refused.connection).toBe('close');
        for (const n of [1, 2]) {
          const workflowId = `keepalive-${n}-${uid()}`;
          const text = JSON.stringify({ workflowId, query: QUERY_STATUS });
          const headers = await signRequest({ key, method: 'POST', path, body: text });
          const res = await rawRequest(agent, path, text, { ...headers });
          // Answered by the relay (Temporal does not know the workflow), not a socket error.
          expect(res.status).toBe(404);
          expect(JSON.parse(res.body)).toMatchObject({
            error: { code: 'workflow_not_found', reason: 'not_found' },
          });
        }
      } finally {
        agent.destroy();
      }
    },
  );
});

describe('relay error mapping', () => {
  const grpcError = (code: number) =>
    Object.assign(new Error(`${code} grpc`), { code, details: 'd', metadata: {} });

  it('maps the client’s error types and gRPC codes to status, code and gateway reason', () => {
    expect(relayFailure(new WorkflowNotFoundError('gone', 'w', undefined))).toMatchObject({
      status: 404,
      code: 'workflow_not_found',
      reason: 'not_found',
    });
    expect(relayFailure(new WorkflowExecutionAlreadyStartedError('dup', 'w', 'T'))).toMatchObject({
      status: 409,
      code: 'already_started',
      reason: 'already_started',
    });
    const unavailable = {
      status: 503,
      code: 'temporal_unavailable',
      reason: 'unavailable',
      message: 'temporal is unavailable',
    };
    expect(relayFailure(new ServiceError('Failed to start Workflow', { cause: grpcError(14) }))).toEqual(
      unavailable,
    );
    expect(relayFailure(new ServiceError('deadline', { cause: grpcError(4) }))).toEqual(unavailable);
    expect(
      relayFailure(new TemporalConnectError(new Error('Failed to connect before the deadline'))),
    ).toEqual(unavailable);
    // The text of a message decides nothing: a refused call that mentions connecting is still a refusal.
    expect(
      relayFailure(new ServiceError('Failed to connect? no: invalid argument', { cause: grpcError(3) })),
    ).toMatchObject({
      status: 502,
      code: 'temporal_error',
      reason: 'failed',
    });
    expect(relayFailure(new QueryNotRegisteredError('no such query', 3))).toMatchObject({
      status: 502,
      reason: 'failed',
    });
    expect(relayFailure(new TypeError('secret internals at /srv/app.js:1'))).toEqual({
      status: 500,
      code: 'internal',
      reason: 'failed',
      message: 'internal error',
    });
  });

  it('answers 503 with a generic message and 502 with Temporal’s message, each with its reason', async () => {
    const failing = (err: Error): RelayTemporal => {
      const fail = async (): Promise<never> => {
        throw err;
      };
      return { start: fail, signal: fail, query: fail, cancel: fail, signalWithStart: fail };
    };
    const call = async (temporalImpl: RelayTemporal) => {
      const events: { status: number; code: string }[] = [];
      const app = createRelayApp({
        temporal: temporalImpl,
        secret: SECRET,
        taskQueue,
        onError: (e) => events.push(e),
      });
      const path = `${RELAY_BASE_PATH}/cancel`;
      const text = JSON.stringify({ workflowId: 'x' });
      const res = await app.request(`http://relay.test${path}`, {
        method: 'POST',
        headers: { ...(await signRequest({ key, method: 'POST', path, body: text })) },
        body: text,
      });
      return { status: res.status, body: (await res.json()) as RelayErrorBody, events };
    };
    const down = await call(
      failing(new TemporalConnectError(new Error('Failed to connect to 10.1.2.3:7233'))),
    );
    expect(down.status).toBe(503);
    expect(down.body.error).toEqual({
      code: 'temporal_unavailable',
      reason: 'unavailable',
      message: 'temporal is unavailable',
    });
    expect(down.events).toMatchObject([{ status: 503, code: 'temporal_unavailable' }]);

    const refused = await call(
      failing(new ServiceError('Failed to cancel workflow', { cause: grpcError(9) })),
    );
    expect(refused).toMatchObject({
      status: 502,
      body: { error: { code: 'temporal_error', reason: 'failed', message: 'Failed to cancel workflow' } },
    });

    const bug = await call(failing(new TypeError('secret internals at /srv/app.js:1')));
    expect(bug).toMatchObject({
      status: 500,
      body: { error: { code: 'internal', reason: 'failed', message: 'internal error' } },
    });
  });

  it('answers 503 (unavailable) when its Temporal cannot be reached', async () => {
    const nowhere = lazyTemporalClient({ connection: { address: '127.0.0.1:1' }, namespace: 'default' });
    const app = createRelayApp({ temporal: clientRelayTemporal(nowhere.get), secret: SECRET, taskQueue });
    const path = `${RELAY_BASE_PATH}/cancel`;
    const text = JSON.stringify({ workflowId: 'x' });
    const res = await app.request(`http://relay.test${path}`, {
      method: 'POST',
      headers: { ...(await signRequest({ key, method: 'POST', path, body: text })) },
      body: text,
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      error: { code: 'temporal_unavailable', reason: 'unavailable' },
    });
    await nowhere.close();
  }, 30_000);
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
  it('accepts exactly ±300 s, refuses 301 s, and never reaches Temporal when refusing', async () => {
    const calls: string[] = [];
    const recording: RelayTemporal = {
      start: async (req) => ({ workflowId: req.workflowId, runId: 'r' }),
      signal: async () => undefined,
      query: async () => null,
      cancel: async (ref) => {
        calls.push(ref.workflowId);
      },
      signalWithStart: async (req) => ({ workflowId: req.workflowId, runId: 'r' }),
    };
    const serverNow = 1_800_000_000_000;
    const app = createRelayApp({ temporal: recording, secret: SECRET, taskQueue, clock: () => serverNow });
    const path = `${RELAY_BASE_PATH}/cancel`;
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
