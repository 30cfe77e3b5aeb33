import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import {
  DEPLOY_WORKFLOW_TYPE,
  importRelayKey,
  NonceCache,
  QUERY_STATUS,
  RELAY_BASE_PATH,
  RELAY_OPERATIONS,
  type RelayErrorBody,
  type RelayErrorCode,
  type RelayOperation,
  SIGNAL_DEPLOY_ENQUEUE,
  SIGNAL_REVIEW,
  SIGNAL_STOP,
  type VerifyFailure,
  verifyRequest,
  WORKFLOW_TYPE_NAMES,
} from '@mos/db/contracts';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { type RelayTemporal, relayFailure } from './temporal';

/**
 * The internal workflow gateway served by temporal-worker for worker-api on Workers: signed JSON calls under
 * /internal/workflows/*, answered over the official client. It allows only what the API does: start one of
 * the MOS workflow types on the worker's own task queue, the `review` and `stop` signals, the `status` query,
 * cancel, and signal-with-start of the per-project deploy workflow with its `enqueue` signal; a correctly signed
 * request for anything else is refused with 403 before Temporal is called.
 */
export const RELAY_MAX_BODY_BYTES = 1024 * 1024;
export const RELAY_WORKFLOW_TYPES: readonly string[] = Object.values(WORKFLOW_TYPE_NAMES);
export const RELAY_SIGNALS: readonly string[] = [SIGNAL_REVIEW, SIGNAL_STOP];
export const RELAY_QUERIES: readonly string[] = [QUERY_STATUS];
/** Signal-with-start: workflow type → the one signal it may carry (the deploy queue per project). */
export const RELAY_SIGNAL_WITH_START: Readonly<Record<string, string>> = {
  [DEPLOY_WORKFLOW_TYPE]: SIGNAL_DEPLOY_ENQUEUE,
};

export interface RelayAppOptions {
  /** Temporal behind the relay; temporal-worker passes clientRelayTemporal over its Client. */
  temporal: RelayTemporal;
  /** The worker's task queue (TEMPORAL_TASK_QUEUE): every start goes there; a request naming another is refused. */
  taskQueue: string;
  /** WORKFLOW_RELAY_SECRET, shared with worker-api; at least 32 characters. */
  secret: string;
  /** Milliseconds since the epoch; injectable for tests. */
  clock?: () => number;
  nonces?: NonceCache;
  /** Called for every refused or failed request (never with the secret or the signature). */
  onError?: (event: { op: string; status: number; code: RelayErrorCode; error?: unknown }) => void;
}

const workflowId = z.string().min(1).max(1000);
const runId = z.string().min(1).max(200).optional();
const args = z.array(z.unknown()).default([]);

const bodies = {
  start: z.object({
    workflowType: z.string().min(1).max(200),
    workflowId,
    /** Optional: the relay's own queue is used; a different one is refused. */
    taskQueue: z.string().min(1).max(1000).optional(),
    args,
    memo: z.record(z.string(), z.unknown()).optional(),
  }),
  signal: z.object({ workflowId, runId, signal: z.string().min(1).max(200), args }),
  // The status query takes no arguments.
  query: z.object({
    workflowId,
    runId,
    query: z.string().min(1).max(200),
    args: z.array(z.unknown()).max(0).default([]),
  }),
  cancel: z.object({ workflowId, runId }),
  'signal-with-start': z.object({
    workflowType: z.string().min(1).max(200),
    workflowId,
    taskQueue: z.string().min(1).max(1000).optional(),
    args,
    memo: z.record(z.string(), z.unknown()).optional(),
    signal: z.string().min(1).max(200),
    signalArgs: args,
  }),
} satisfies Record<RelayOperation, z.ZodType>;

type Parsed = { [K in RelayOperation]: z.infer<(typeof bodies)[K]> };

const VERIFY_STATUS: Record<VerifyFailure, ContentfulStatusCode> = {
  missing_signature: 401,
  bad_signature: 401,
  stale_timestamp: 401,
  replayed: 409,
  nonce_cache_full: 503,
};
const VERIFY_MESSAGE: Record<VerifyFailure, string> = {
  missing_signature: 'missing request signature',
  bad_signature: 'invalid request signature',
  stale_timestamp: 'request timestamp outside the allowed window',
  replayed: 'request already seen (replay)',
  nonce_cache_full: 'too many requests in the replay window',
};

const clip = (s: string) => s.slice(0, 100);

/** Why a well-formed, signed request is outside what the relay allows; null when it is allowed. */
function forbidden(op: RelayOperation, data: Parsed[RelayOperation], taskQueue: string): string | null {
  switch (op) {
    case 'start': {
      const d = data as Parsed['start'];
      if (!RELAY_WORKFLOW_TYPES.includes(d.workflowType))
        return `workflow type not allowed: ${clip(d.workflowType)}`;
      if (d.taskQueue !== undefined && d.taskQueue !== taskQueue) return 'task queue not allowed';
      return null;
    }
    case 'signal': {
      const d = data as Parsed['signal'];
      return RELAY_SIGNALS.includes(d.signal) ? null : `signal not allowed: ${clip(d.signal)}`;
    }
    case 'query': {
      const d = data as Parsed['query'];
      return RELAY_QUERIES.includes(d.query) ? null : `query not allowed: ${clip(d.query)}`;
    }
    case 'cancel':
      return null;
    case 'signal-with-start': {
      const d = data as Parsed['signal-with-start'];
      const allowedSignal = Object.hasOwn(RELAY_SIGNAL_WITH_START, d.workflowType)
        ? RELAY_SIGNAL_WITH_START[d.workflowType]
        : undefined;
      if (allowedSignal === undefined) return `workflow type not allowed: ${clip(d.workflowType)}`;
      if (d.signal !== allowedSignal) return `signal not allowed: ${clip(d.signal)}`;
      if (d.taskQueue !== undefined && d.taskQueue !== taskQueue) return 'task queue not allowed';
      return null;
    }
  }
}

async function run(
  temporal: RelayTemporal,
  taskQueue: string,
  op: RelayOperation,
  data: Parsed[RelayOperation],
) {
  switch (op) {
    case 'start': {
      const d = data as Parsed['start'];
      return temporal.start({
        workflowType: d.workflowType,
        workflowId: d.workflowId,
        taskQueue,
        args: d.args,
        ...(d.memo ? { memo: d.memo } : {}),
      });
    }
    case 'signal': {
      const d = data as Parsed['signal'];
      await temporal.signal({ workflowId: d.workflowId, runId: d.runId }, d.signal, d.args);
      return { ok: true };
    }
    case 'query': {
      const d = data as Parsed['query'];
      return { result: await temporal.query({ workflowId: d.workflowId, runId: d.runId }, d.query) };
    }
    case 'cancel': {
      const d = data as Parsed['cancel'];
      await temporal.cancel({ workflowId: d.workflowId, runId: d.runId });
      return { ok: true };
    }
    case 'signal-with-start': {
      const d = data as Parsed['signal-with-start'];
      return temporal.signalWithStart({
        workflowType: d.workflowType,
        workflowId: d.workflowId,
        taskQueue,
        args: d.args,
        signal: d.signal,
        signalArgs: d.signalArgs,
        ...(d.memo ? { memo: d.memo } : {}),
      });
    }
  }
}

export function createRelayApp(opts: RelayAppOptions): Hono {
  const key = importRelayKey(opts.secret);
  // A rejected key (short secret) surfaces from the first request and from startRelayServer.
  key.catch(() => undefined);
  const nonces = opts.nonces ?? new NonceCache();
  const clock = opts.clock ?? Date.now;
  const app = new Hono();

  const fail = (
    c: Context,
    op: string,
    status: ContentfulStatusCode,
    code: RelayErrorCode,
    message: string,
    extra: { fields?: string[]; error?: unknown; reason?: RelayErrorBody['error']['reason'] } = {},
  ) => {
    opts.onError?.({ op, status, code, ...(extra.error !== undefined ? { error: extra.error } : {}) });
    const body: RelayErrorBody = {
      error: {
        code,
        reason: extra.reason ?? (status === 503 ? 'unavailable' : 'failed'),
        message,
        ...(extra.fields ? { fields: extra.fields } : {}),
      },
    };
    return c.json(body, status);
  };

  app.use(
    `${RELAY_BASE_PATH}/*`,
    bodyLimit({
      maxSize: RELAY_MAX_BODY_BYTES,
      onError: (c) => {
        // The unread rest of the body leaves the socket unusable: close it once this answer is sent.
        c.header('connection', 'close');
        return fail(c, c.req.path, 413, 'payload_too_large', 'request body exceeds 1 MB');
      },
    }),
  );

  app.post(`${RELAY_BASE_PATH}/:op`, async (c) => {
    const op = c.req.param('op');
    const body = new Uint8Array(await c.req.arrayBuffer());
    const url = new URL(c.req.url);
    const verified = await verifyRequest({
      key: await key,
      method: c.req.method,
      path: `${url.pathname}${url.search}`,
      body,
      headers: { get: (name) => c.req.header(name) },
      nonces,
      nowMs: clock(),
    });
    if (!verified.ok) {
      return fail(c, op, VERIFY_STATUS[verified.reason], verified.reason, VERIFY_MESSAGE[verified.reason]);
    }
    if (!(RELAY_OPERATIONS as readonly string[]).includes(op)) {
      return fail(c, op, 403, 'forbidden', `operation not allowed: ${clip(op)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return fail(c, op, 400, 'bad_request', 'request body is not valid JSON');
    }
    const operation = op as RelayOperation;
    const parsed = bodies[operation].safeParse(json);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
      return fail(c, op, 400, 'bad_request', `invalid request body: ${fields.join(', ')}`, { fields });
    }
    const refused = forbidden(operation, parsed.data, opts.taskQueue);
    if (refused) return fail(c, op, 403, 'forbidden', refused);
    try {
      return c.json(await run(opts.temporal, opts.taskQueue, operation, parsed.data));
    } catch (err) {
      const failure = relayFailure(err);
      return fail(c, op, failure.status, failure.code, failure.message, {
        error: err,
        reason: failure.reason,
      });
    }
  });

  app.onError((err, c) => fail(c, c.req.path, 500, 'internal', 'internal error', { error: err }));
  return app;
}

export interface RunningRelayServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Refuses a body whose declared length is over the limit before reading it. The answer says
 * `connection: close`, and the body is drained (up to a bound) so the client reads the 413 and moves on to a
 * fresh connection instead of meeting a reset mid-upload.
 */
function refuseOversized(req: IncomingMessage, res: ServerResponse): void {
  const body: RelayErrorBody = {
    error: { code: 'payload_too_large', reason: 'failed', message: 'request body exceeds 1 MB' },
  };
  const text = JSON.stringify(body);
  res.writeHead(413, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
  });
  res.end(text);
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    // Past a bound, stop paying for the upload: the answer is already out.
    if (drained > 16 * RELAY_MAX_BODY_BYTES) req.socket.destroy();
  });
  req.on('error', () => undefined);
}

/** Serves the relay on Node. Bind to loopback behind nginx (TLS) unless the host is private. */
export async function startRelayServer(
  opts: RelayAppOptions & { port: number; host?: string },
): Promise<RunningRelayServer> {
  await importRelayKey(opts.secret);
  const app = createRelayApp(opts);
  const listener = getRequestListener(app.fetch);
  const server = createServer((req, res) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > RELAY_MAX_BODY_BYTES) return refuseOversized(req, res);
    void listener(req, res);
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const info = server.address() as AddressInfo;
  const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  return {
    url: `http://${shownHost}:${info.port}`,
    port: info.port,
    close: () =>
      new Promise<void>((done, failClose) => {
        server.close((err) => (err ? failClose(err) : done()));
        // Keep-alive connections (fetch keeps them) would hold close() open.
        server.closeAllConnections();
      }),
  };
}
