import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { WorkflowGateway } from '@mos/db/contracts';
// Relative imports until worker-api exports `./gateway` (see the relay's README in the report).
import {
  importRelayKey,
  NonceCache,
  RELAY_BASE_PATH,
  RELAY_OPERATIONS,
  type RelayOperation,
  type VerifyFailure,
  verifyRequest,
} from '@mos/db/contracts';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

/**
 * The internal workflow gateway served by temporal-worker for worker-api on Workers: signed JSON
 * calls under /internal/workflows/*, answered through a WorkflowGateway (the official client).
 */
export const RELAY_MAX_BODY_BYTES = 1024 * 1024;

export type RelayErrorCode =
  | VerifyFailure
  | 'not_found'
  | 'bad_request'
  | 'payload_too_large'
  | 'workflow_not_found'
  | 'already_started'
  | 'temporal_error'
  | 'temporal_unavailable'
  | 'internal';

export interface RelayErrorBody {
  error: { code: RelayErrorCode; message: string; fields?: string[] };
}

export interface RelayAppOptions {
  /** The gateway the relay answers with; temporal-worker passes a TemporalClientGateway. */
  gateway: WorkflowGateway;
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
    workflowType: z.string().min(1).max(1000),
    workflowId,
    taskQueue: z.string().min(1).max(1000),
    args,
    memo: z.record(z.string(), z.unknown()).optional(),
  }),
  signal: z.object({ workflowId, runId, signal: z.string().min(1).max(1000), args }),
  query: z.object({ workflowId, runId, query: z.string().min(1).max(1000), args }),
  describe: z.object({ workflowId, runId }),
  cancel: z.object({ workflowId, runId }),
  list: z.object({
    query: z.string().max(10_000),
    pageSize: z.number().int().min(1).max(1000).optional(),
  }),
} satisfies Record<RelayOperation, z.ZodType>;

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

/** What a gateway failure means for the caller; the raw error stays in the server log. */
function classify(err: unknown): { status: ContentfulStatusCode; code: RelayErrorCode; message: string } {
  if (!(err instanceof Error) || err.name !== 'WorkflowGatewayError') {
    return { status: 500, code: 'internal', message: 'internal error' };
  }
  const chain: unknown[] = [];
  for (let e: unknown = err; e && chain.length < 6; e = (e as { cause?: unknown }).cause) chain.push(e);
  const names = chain.map((e) => (e instanceof Error ? e.name : ''));
  const codes = chain.map((e) => (e as { code?: unknown }).code).filter((c) => typeof c === 'number');
  const messages = chain.map((e) => (e instanceof Error ? e.message : '')).join(' | ');
  // gRPC: 14 UNAVAILABLE, 4 DEADLINE_EXCEEDED; a client that never connected fails with a plain Error.
  if (codes.includes(14) || codes.includes(4) || /failed to connect|ECONNREFUSED|transport/i.test(messages)) {
    return { status: 503, code: 'temporal_unavailable', message: 'temporal is unavailable' };
  }
  const message = err.message.slice(0, 500);
  if (names.includes('WorkflowNotFoundError') || codes.includes(5)) {
    return { status: 404, code: 'workflow_not_found', message };
  }
  if (names.includes('WorkflowExecutionAlreadyStartedError') || codes.includes(6)) {
    return { status: 409, code: 'already_started', message };
  }
  return { status: 502, code: 'temporal_error', message };
}

export function createRelayApp(opts: RelayAppOptions): Hono {
  const key = importRelayKey(opts.secret);
  // A rejected key (short secret) surfaces from createRelayApp's first request and from startRelayServer.
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
    extra: { fields?: string[]; error?: unknown } = {},
  ) => {
    opts.onError?.({ op, status, code, ...(extra.error !== undefined ? { error: extra.error } : {}) });
    const body: RelayErrorBody = {
      error: { code, message, ...(extra.fields ? { fields: extra.fields } : {}) },
    };
    return c.json(body, status);
  };

  app.use(
    `${RELAY_BASE_PATH}/*`,
    bodyLimit({
      maxSize: RELAY_MAX_BODY_BYTES,
      onError: (c) => {
        // The unread rest of the body leaves the socket unusable: tell the client not to reuse it.
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
      return fail(c, op, 404, 'not_found', `unknown operation: ${op.slice(0, 50)}`);
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
    try {
      return c.json(await run(opts.gateway, operation, parsed.data));
    } catch (err) {
      const { status, code, message } = classify(err);
      return fail(c, op, status, code, message, { error: err });
    }
  });

  app.onError((err, c) => fail(c, c.req.path, 500, 'internal', 'internal error', { error: err }));
  return app;
}

type Parsed = { [K in RelayOperation]: z.infer<(typeof bodies)[K]> };

async function run(gateway: WorkflowGateway, op: RelayOperation, data: Parsed[RelayOperation]) {
  switch (op) {
    case 'start': {
      const d = data as Parsed['start'];
      return gateway.start({
        workflowType: d.workflowType,
        workflowId: d.workflowId,
        taskQueue: d.taskQueue,
        args: d.args,
        ...(d.memo ? { memo: d.memo } : {}),
      });
    }
    case 'signal': {
      const d = data as Parsed['signal'];
      await gateway.signal({ workflowId: d.workflowId, runId: d.runId }, d.signal, d.args);
      return { ok: true };
    }
    case 'query': {
      const d = data as Parsed['query'];
      return { result: await gateway.query({ workflowId: d.workflowId, runId: d.runId }, d.query, d.args) };
    }
    case 'describe': {
      const d = data as Parsed['describe'];
      return gateway.describe({ workflowId: d.workflowId, runId: d.runId });
    }
    case 'cancel': {
      const d = data as Parsed['cancel'];
      await gateway.cancel({ workflowId: d.workflowId, runId: d.runId });
      return { ok: true };
    }
    case 'list': {
      const d = data as Parsed['list'];
      const workflows = await gateway.list(d.query, d.pageSize ? { pageSize: d.pageSize } : {});
      return { workflows };
    }
  }
}

export interface RunningRelayServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the relay on Node. Bind to loopback behind nginx (TLS) unless the host is private. */
export async function startRelayServer(
  opts: RelayAppOptions & { port: number; host?: string },
): Promise<RunningRelayServer> {
  await importRelayKey(opts.secret);
  const app = createRelayApp(opts);
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname: host }, (info: AddressInfo) => {
      server.off('error', reject);
      const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, failClose) => {
            server.close((err) => (err ? failClose(err) : done()));
            // Keep-alive connections (fetch keeps them) would hold close() open.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
