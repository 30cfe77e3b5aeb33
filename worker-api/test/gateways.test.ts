/**
 * The WorkflowGateway implementations against a real Temporal dev server with a real Worker running a
 * test-local workflow: `client` (@temporalio/client), `relay` (signed HTTP to temporal-worker's relay, run as
 * its own process, which uses the client) and `http` (Temporal's own HTTP API on the server's --http-port).
 * The relay offers only what the API calls (start, signal, query, cancel), so `describe` and `list` are
 * checked on client and http, and the relay's refusal of them is checked instead.
 */
import { fileURLToPath } from 'node:url';
import {
  DEPLOY_WORKFLOW_TYPE,
  type GatewayErrorReason,
  QUERY_DEPLOY_QUEUE,
  QUERY_STATUS,
  SIGNAL_DEPLOY_ENQUEUE,
  SIGNAL_REVIEW,
  SIGNAL_STOP,
  WORKFLOW_TYPE_NAMES,
  type WorkflowGateway,
  WorkflowGatewayError,
} from '@mos/db/contracts';
import { WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TemporalClientGateway } from '../src/gateway/client';
import { decodePayload, encodePayload, HttpWorkflowGateway, httpErrorReason } from '../src/gateway/http';
import { MemoryWorkflowGateway } from '../src/gateway/memory';
import { RelayWorkflowGateway } from '../src/gateway/relay';
import { parseGatewayEnv, selectWorkflowGateway } from '../src/gateway/select';
import { unavailableGateway } from '../src/gateway/unavailable';
import type { GatewayFixtureState } from './fixtures/gateway-workflows';
import {
  type DevServer,
  freePort,
  type RelayProcess,
  startDevServer,
  startRelayProcess,
} from './support/temporal';

const SECRET = `relay-test-secret-${crypto.randomUUID()}`;
const WORKFLOW_TYPE = WORKFLOW_TYPE_NAMES.client_onboarding;
const uid = () => crypto.randomUUID().slice(0, 8);
const taskQueue = `gateways-${uid()}`;

let temporal: DevServer;
let worker: Worker;
let workerRun: Promise<void>;
let relay: RelayProcess;
let clientGateway: TemporalClientGateway;
let httpGateway: HttpWorkflowGateway;
const gateways = {} as Record<'client' | 'relay' | 'http', WorkflowGateway>;

beforeAll(async () => {
  // The SDK logs every worker state change at INFO; keep test output readable.
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Another suite in this process installed the Runtime first; its logger stays.
  }
  temporal = await startDevServer();
  worker = await Worker.create({
    connection: temporal.env.nativeConnection,
    namespace: temporal.namespace,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./fixtures/gateway-workflows.ts', import.meta.url)),
  });
  workerRun = worker.run();
  relay = await startRelayProcess({
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKFLOW_RELAY_SECRET: SECRET,
  });
  clientGateway = new TemporalClientGateway({ address: temporal.address, namespace: temporal.namespace });
  httpGateway = new HttpWorkflowGateway({ baseUrl: temporal.httpUrl, namespace: temporal.namespace });
  gateways.client = clientGateway;
  gateways.relay = new RelayWorkflowGateway({ baseUrl: relay.url, secret: SECRET });
  gateways.http = httpGateway;
}, 180_000);

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await workerRun;
  }
  await relay?.stop();
  await clientGateway?.close();
  await temporal?.close();
}, 60_000);

const handle = (workflowId: string) => temporal.env.client.workflow.getHandle(workflowId);

async function startFixture(gateway: WorkflowGateway, label: string) {
  const workflowId = `gw-${uid()}`;
  const ref = await gateway.start({ workflowType: WORKFLOW_TYPE, workflowId, taskQueue, args: [{ label }] });
  return { workflowId, ref };
}

function startFixtureWithId(gateway: WorkflowGateway, workflowId: string) {
  return gateway.start({ workflowType: WORKFLOW_TYPE, workflowId, taskQueue, args: [{ label: 'again' }] });
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

/** The rejection's WorkflowGatewayError reason; fails the test when the call succeeds or throws anything else. */
async function reasonOf(call: Promise<unknown>): Promise<GatewayErrorReason> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowGatewayError);
  return (err as WorkflowGatewayError).reason;
}

describe.each(['client', 'relay', 'http'] as const)(
  '%s gateway',
  (kind) => {
    const gw = () => gateways[kind];
    // describe/list are not relayed; for the relay, the state is read through the client gateway instead.
    const observer = (): Pick<TemporalClientGateway, 'describe'> =>
      kind === 'http' ? httpGateway : clientGateway;

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

      const running = await observer().describe({ workflowId });
      expect(running).toMatchObject({ workflowId, runId: ref.runId, type: WORKFLOW_TYPE, status: 'RUNNING' });
      expect(running.closeTime).toBeNull();
      expect(Math.abs(Date.parse(running.startTime) - truth.startTime.getTime())).toBeLessThanOrEqual(1);

      await gw().signal({ workflowId }, SIGNAL_REVIEW, [{ text: 'first' }]);
      await gw().signal({ workflowId, runId: ref.runId }, SIGNAL_REVIEW, [{ text: 'second ✓' }]);
      const state = await gw().query<GatewayFixtureState>({ workflowId }, QUERY_STATUS);
      expect(state).toEqual({ label, items: ['first', 'second ✓'], finished: false });
      expect(await gw().query({ workflowId, runId: ref.runId }, QUERY_STATUS)).toEqual(state);
      if (kind === 'relay') {
        // A query with arguments, or one the API never sends, is refused before Temporal.
        expect(await reasonOf(gw().query({ workflowId }, 'itemAt', [1]))).toBe('failed');
      } else {
        expect(await gw().query({ workflowId, runId: ref.runId }, 'itemAt', [1])).toBe('second ✓');
        expect(await gw().query({ workflowId }, 'itemAt', [0])).toBe('first');
        expect(await gw().query({ workflowId }, 'itemAt', [7])).toBeNull();
      }

      await gw().signal({ workflowId }, SIGNAL_STOP, []);
      expect(await handle(workflowId).result()).toEqual({
        label,
        items: ['first', 'second ✓'],
        finished: true,
      });
      const done = await observer().describe({ workflowId, runId: ref.runId });
      expect(done).toMatchObject({ workflowId, runId: ref.runId, status: 'COMPLETED' });
      expect(done.closeTime).not.toBeNull();
      expect(Date.parse(done.closeTime ?? '')).toBeGreaterThanOrEqual(Date.parse(done.startTime));
    });

    it('signal-starts the deploy workflow once and signals the open run after that', async () => {
      const workflowId = `deploy-gw-${kind}-${uid()}`;
      const input = { orgId: `org-${uid()}`, projectId: `project-${uid()}` };
      const req = (runId: string) => ({
        workflowType: DEPLOY_WORKFLOW_TYPE,
        workflowId,
        taskQueue,
        args: [input],
        memo: { projectId: input.projectId },
        signal: SIGNAL_DEPLOY_ENQUEUE,
        signalArgs: [{ runId }],
      });
      const first = await gw().signalWithStart(req('run-1'));
      const second = await gw().signalWithStart(req('run-2'));
      const truth = await handle(workflowId).describe();
      expect(first).toEqual({ workflowId, runId: truth.runId });
      expect(second).toEqual(first);
      expect(truth.type).toBe(DEPLOY_WORKFLOW_TYPE);
      expect(truth.memo).toEqual({ projectId: input.projectId });
      expect(await handle(workflowId).query(QUERY_DEPLOY_QUEUE)).toEqual({
        input,
        runIds: ['run-1', 'run-2'],
      });
      // Closed: the next request starts a new run, which gets its signal.
      await handle(workflowId).signal(SIGNAL_STOP);
      expect(await handle(workflowId).result()).toEqual(['run-1', 'run-2']);
      const third = await gw().signalWithStart(req('run-3'));
      expect(third.runId).not.toBe(first.runId);
      expect(await handle(workflowId).query(QUERY_DEPLOY_QUEUE)).toEqual({ input, runIds: ['run-3'] });
      if (kind === 'relay') {
        // Only the deploy workflow and its enqueue signal are relayed.
        const other = { ...req('run-x'), workflowId: `deploy-gw-other-${uid()}` };
        expect(await reasonOf(gw().signalWithStart({ ...other, workflowType: WORKFLOW_TYPE }))).toBe(
          'failed',
        );
        expect(await reasonOf(gw().signalWithStart({ ...other, signal: SIGNAL_REVIEW }))).toBe('failed');
        expect(await existsOnTemporal(other.workflowId)).toBe(false);
      }
      await handle(workflowId).cancel();
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
      expect((await observer().describe({ workflowId })).status).toBe('CANCELLED');
    });

    it('reports what Temporal refuses as WorkflowGatewayError with its reason', async () => {
      const missing = `gw-missing-${uid()}`;
      expect(await reasonOf(gw().signal({ workflowId: missing }, SIGNAL_REVIEW, [{ text: 'x' }]))).toBe(
        'not_found',
      );
      expect(await reasonOf(gw().query({ workflowId: missing }, QUERY_STATUS))).toBe('not_found');
      expect(await reasonOf(gw().cancel({ workflowId: missing }))).toBe('not_found');
      const { workflowId } = await startFixture(gw(), 'duplicate');
      expect(await reasonOf(startFixtureWithId(gw(), workflowId))).toBe('already_started');
      expect(await reasonOf(gw().query({ workflowId }, 'noSuchQuery'))).toBe('failed');
      await gw().cancel({ workflowId });
      await expect(handle(workflowId).result()).rejects.toThrow(WorkflowFailedError);
      // A closed workflow takes no more signals: Temporal answers NOT_FOUND.
      expect(await reasonOf(gw().signal({ workflowId }, SIGNAL_REVIEW, [{ text: 'late' }]))).toBe(
        'not_found',
      );
    });
  },
  60_000,
);

describe.each(['client', 'http'] as const)('%s gateway (describe and list, not relayed)', (kind) => {
  const gw = () => (kind === 'client' ? clientGateway : httpGateway);

  it('lists workflows matching a visibility query', async () => {
    const a = await startFixture(gw(), 'list a');
    const b = await startFixture(gw(), 'list b');
    const other = await startFixture(gw(), 'not listed');
    await gw().signal({ workflowId: a.workflowId }, SIGNAL_STOP, []);
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

  it('describes a missing workflow as not_found', async () => {
    expect(await reasonOf(gw().describe({ workflowId: `gw-missing-${uid()}` }))).toBe('not_found');
  });
});

describe('unreachable Temporal answers reason unavailable', () => {
  it('client gateway: nothing listens at TEMPORAL_ADDRESS', async () => {
    const port = await freePort();
    const down = new TemporalClientGateway({
      address: `127.0.0.1:${port}`,
      namespace: 'default',
      connectTimeoutMs: 1_000,
    });
    expect(await reasonOf(startFixtureWithId(down, `gw-${uid()}`))).toBe('unavailable');
    expect(await reasonOf(down.signal({ workflowId: 'x' }, SIGNAL_STOP, []))).toBe('unavailable');
    await down.close();
  });

  it('http gateway: nothing listens at TEMPORAL_HTTP_URL', async () => {
    const port = await freePort();
    const down = new HttpWorkflowGateway({ baseUrl: `http://127.0.0.1:${port}`, namespace: 'default' });
    expect(await reasonOf(startFixtureWithId(down, `gw-${uid()}`))).toBe('unavailable');
  });

  it('relay gateway: the relay is not reachable', async () => {
    const port = await freePort();
    const down = new RelayWorkflowGateway({ baseUrl: `http://127.0.0.1:${port}`, secret: SECRET });
    expect(await reasonOf(startFixtureWithId(down, `gw-${uid()}`))).toBe('unavailable');
  });

  it('relay gateway: the relay answers but its Temporal is down (503 restored as unavailable)', async () => {
    const port = await freePort();
    const orphan = await startRelayProcess({
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKFLOW_RELAY_SECRET: SECRET,
    });
    try {
      const gw = new RelayWorkflowGateway({ baseUrl: orphan.url, secret: SECRET });
      const err = await startFixtureWithId(gw, `gw-${uid()}`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowGatewayError);
      expect((err as WorkflowGatewayError).reason).toBe('unavailable');
      expect((err as Error).message).toMatch(/HTTP 503/);
    } finally {
      await orphan.stop();
    }
  }, 60_000);
});

describe('relay allowlist, through the relay gateway', () => {
  it('refuses a workflow type, signal, query or task queue the API never uses (403) and reaches nothing', async () => {
    const refusal = async (call: Promise<unknown>) => {
      const err = await call.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowGatewayError);
      expect((err as WorkflowGatewayError).reason).toBe('failed');
      return (err as Error).message;
    };
    const strangerId = `relay-type-${uid()}`;
    expect(
      await refusal(
        gateways.relay.start({
          workflowType: 'gatewayFixture',
          workflowId: strangerId,
          taskQueue,
          args: [{ label: 'x' }],
        }),
      ),
    ).toMatch(/HTTP 403.*workflow type not allowed/);
    const queueId = `relay-queue-${uid()}`;
    expect(
      await refusal(
        gateways.relay.start({
          workflowType: WORKFLOW_TYPE,
          workflowId: queueId,
          taskQueue: 'another-queue',
          args: [{ label: 'x' }],
        }),
      ),
    ).toMatch(/HTTP 403.*task queue not allowed/);
    expect(await existsOnTemporal(strangerId)).toBe(false);
    expect(await existsOnTemporal(queueId)).toBe(false);

    const { workflowId } = await startFixture(gateways.relay, 'allowlist');
    expect(await refusal(gateways.relay.signal({ workflowId }, 'finish', []))).toMatch(
      /HTTP 403.*signal not allowed/,
    );
    expect(await refusal(gateways.relay.signal({ workflowId }, 'run_now', []))).toMatch(/HTTP 403/);
    expect(await refusal(gateways.relay.query({ workflowId }, 'state'))).toMatch(
      /HTTP 403.*query not allowed/,
    );
    // Nothing reached the workflow: it still runs with no items.
    expect(await handle(workflowId).query<GatewayFixtureState>(QUERY_STATUS)).toMatchObject({
      items: [],
      finished: false,
    });
    await gateways.relay.cancel({ workflowId });
  });

  it('surfaces the server’s refusal as WorkflowGatewayError', async () => {
    const wrong = new RelayWorkflowGateway({
      baseUrl: relay.url,
      secret: `wrong-secret-but-long-enough-${uid()}`,
    });
    const err = await wrong.query({ workflowId: 'x' }, QUERY_STATUS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowGatewayError);
    expect((err as Error).message).toMatch(/HTTP 401.*invalid request signature/);
    const skewed = new RelayWorkflowGateway({
      baseUrl: relay.url,
      secret: SECRET,
      now: () => Date.now() - 600_000,
    });
    await expect(skewed.query({ workflowId: 'x' }, QUERY_STATUS)).rejects.toThrow(/HTTP 401.*timestamp/);
    const missing = await gateways.relay
      .query({ workflowId: `nope-${uid()}` }, QUERY_STATUS)
      .catch((e: unknown) => e);
    expect((missing as Error).message).toMatch(/HTTP 404/);
    expect(() => new RelayWorkflowGateway({ baseUrl: relay.url, secret: 'short' })).toThrow(/32 characters/);
  });
});

describe('memory and unavailable gateways set reasons too', () => {
  it('memory: not_found, already_started, unavailable', async () => {
    const gw = new MemoryWorkflowGateway();
    expect(await reasonOf(gw.signal({ workflowId: 'none' }, SIGNAL_STOP, []))).toBe('not_found');
    expect(await reasonOf(gw.query({ workflowId: 'none' }, QUERY_STATUS))).toBe('not_found');
    await startFixtureWithId(gw, 'twice');
    await gw.cancel({ workflowId: 'twice' });
    expect(await reasonOf(gw.signal({ workflowId: 'twice' }, SIGNAL_STOP, []))).toBe('not_found');
    // Once cancelled, the id can be started again, as Temporal allows for a closed workflow.
    await expect(startFixtureWithId(gw, 'twice')).resolves.toMatchObject({ workflowId: 'twice' });
    gw.failNext('workflow already started', 'already_started');
    expect(await reasonOf(startFixtureWithId(gw, 'twice'))).toBe('already_started');
    gw.failNext();
    expect(await reasonOf(gw.signal({ workflowId: 'twice' }, SIGNAL_STOP, []))).toBe('unavailable');
    // One failure only: the next call reaches the workflow again.
    await expect(gw.signal({ workflowId: 'twice' }, SIGNAL_STOP, [])).resolves.toBeUndefined();
  });

  it('unavailable: every call is unavailable', async () => {
    const gw = unavailableGateway('no gateway configured');
    expect(await reasonOf(startFixtureWithId(gw, 'x'))).toBe('unavailable');
    expect(await reasonOf(gw.signal({ workflowId: 'x' }, SIGNAL_STOP, []))).toBe('unavailable');
    expect(await reasonOf(gw.query({ workflowId: 'x' }, QUERY_STATUS))).toBe('unavailable');
    expect(await reasonOf(gw.cancel({ workflowId: 'x' }))).toBe('unavailable');
  });
});

describe('http gateway payloads, error statuses and gateway selection', () => {
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

  it('reads the reason from the gRPC code in the body, else from the HTTP status', () => {
    expect(httpErrorReason(404, { code: 5, message: 'workflow not found' })).toBe('not_found');
    expect(httpErrorReason(409, { code: 6 })).toBe('already_started');
    expect(httpErrorReason(503, { code: 14 })).toBe('unavailable');
    expect(httpErrorReason(504, { code: 4 })).toBe('unavailable');
    expect(httpErrorReason(400, { code: 3 })).toBe('failed');
    expect(httpErrorReason(404, undefined)).toBe('not_found');
    expect(httpErrorReason(502, undefined)).toBe('unavailable');
    expect(httpErrorReason(500, undefined)).toBe('failed');
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
    // Temporal Cloud: the client gateway gets TLS and the API key from the same env.
    const seen: unknown[] = [];
    selectWorkflowGateway(
      env({
        TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
        TEMPORAL_NAMESPACE: 'ns.acct',
        TEMPORAL_API_KEY: 'key-123',
      }),
      {
        runtime: 'node',
        client: (cfg) => {
          seen.push(cfg);
          return clientGateway;
        },
      },
    );
    expect(seen).toEqual([
      { address: 'ns.acct.tmprl.cloud:7233', namespace: 'ns.acct', apiKey: 'key-123', tls: {} },
    ]);
    expect(() =>
      env({ TEMPORAL_TLS_CERT: '-----BEGIN CERTIFICATE-----\\nabc\\n-----END CERTIFICATE-----' }),
    ).toThrow(/TEMPORAL_TLS_KEY: required when TEMPORAL_TLS_CERT is set/);

    expect(() => env({ WORKFLOW_GATEWAY: 'relay' })).toThrow(
      /WORKFLOW_RELAY_URL[\s\S]*WORKFLOW_RELAY_SECRET/,
    );
    expect(() => env({ WORKFLOW_RELAY_URL: 'https://w.example.com' })).toThrow(
      /WORKFLOW_RELAY_SECRET: required/,
    );
    expect(() => env({ WORKFLOW_GATEWAY: 'http' })).toThrow(/TEMPORAL_HTTP_URL: required/);
    const shortSecret = 'short-secret-value';
    const shortEnv = {
      WORKFLOW_GATEWAY: 'relay',
      WORKFLOW_RELAY_URL: 'https://w.example.com',
      WORKFLOW_RELAY_SECRET: shortSecret,
    };
    expect(() => env(shortEnv)).toThrow(/WORKFLOW_RELAY_SECRET: must be at least 32/);
    expect(() => env(shortEnv)).not.toThrow(shortSecret);
    expect(() =>
      env({
        MOS_ENV: 'production',
        WORKFLOW_RELAY_URL: 'http://w.example.com',
        WORKFLOW_RELAY_SECRET: SECRET,
      }),
    ).toThrow(/WORKFLOW_RELAY_URL: must be https in production/);
  });
});
