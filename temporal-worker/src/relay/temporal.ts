import type { GatewayErrorReason, RelayErrorCode, TemporalConnectionOptions } from '@mos/db/contracts';
import {
  Client,
  Connection,
  isGrpcServiceError,
  NamespaceNotFoundError,
  QueryNotRegisteredError,
  QueryRejectedError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

type Ref = { workflowId: string; runId?: string | undefined };

/** What the relay asks of Temporal: exactly the calls worker-api makes, already checked against the allowlist. */
export interface RelayTemporal {
  start(req: {
    workflowType: string;
    workflowId: string;
    taskQueue: string;
    args: unknown[];
    memo?: Record<string, unknown>;
  }): Promise<{ workflowId: string; runId: string }>;
  signal(ref: Ref, signal: string, args: unknown[]): Promise<void>;
  query(ref: Ref, query: string): Promise<unknown>;
  cancel(ref: Ref): Promise<void>;
  signalWithStart(req: {
    workflowType: string;
    workflowId: string;
    taskQueue: string;
    args: unknown[];
    signal: string;
    signalArgs: unknown[];
    memo?: Record<string, unknown>;
  }): Promise<{ workflowId: string; runId: string }>;
}

/** The relay's Temporal calls over the official client (one Client per process, created by the caller). */
export function clientRelayTemporal(client: () => Promise<Client>): RelayTemporal {
  return {
    async start(req) {
      const handle = await (await client()).workflow.start(req.workflowType, {
        taskQueue: req.taskQueue,
        workflowId: req.workflowId,
        args: req.args,
        ...(req.memo ? { memo: req.memo } : {}),
      });
      return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
    },
    async signal(ref, signal, args) {
      await (await client()).workflow.getHandle(ref.workflowId, ref.runId).signal(signal, ...args);
    },
    async query(ref, query) {
      return (await client()).workflow.getHandle(ref.workflowId, ref.runId).query(query);
    },
    async cancel(ref) {
      await (await client()).workflow.getHandle(ref.workflowId, ref.runId).cancel();
    },
    async signalWithStart(req) {
      const handle = await (await client()).workflow.signalWithStart(req.workflowType, {
        taskQueue: req.taskQueue,
        workflowId: req.workflowId,
        args: req.args,
        signal: req.signal,
        signalArgs: req.signalArgs,
        ...(req.memo ? { memo: req.memo } : {}),
      });
      return { workflowId: handle.workflowId, runId: handle.signaledRunId };
    },
  };
}

/** Raised when the relay's client cannot connect; kept apart so the cause's type decides, not its text. */
export class TemporalConnectError extends Error {
  constructor(cause: unknown) {
    super('cannot connect to Temporal', { cause });
    this.name = 'TemporalConnectError';
  }
}

// gRPC status codes (grpc.status) meaning the server could not be reached or answer in time.
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

export interface RelayFailure {
  status: ContentfulStatusCode;
  code: RelayErrorCode;
  reason: GatewayErrorReason;
  message: string;
}

/**
 * What a Temporal failure means for the caller, from the client's error types and gRPC status codes. The raw
 * error stays in the server log; unreachable and internal failures answer a generic message.
 */
export function relayFailure(err: unknown): RelayFailure {
  const message = err instanceof Error ? err.message.slice(0, 500) : 'temporal error';
  if (err instanceof WorkflowNotFoundError) {
    return { status: 404, code: 'workflow_not_found', reason: 'not_found', message };
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return { status: 409, code: 'already_started', reason: 'already_started', message };
  }
  const grpc = err instanceof ServiceError ? err.cause : err;
  const unreachable =
    err instanceof TemporalConnectError ||
    (isGrpcServiceError(grpc) && (grpc.code === GRPC_UNAVAILABLE || grpc.code === GRPC_DEADLINE_EXCEEDED));
  if (unreachable) {
    return {
      status: 503,
      code: 'temporal_unavailable',
      reason: 'unavailable',
      message: 'temporal is unavailable',
    };
  }
  const refused =
    err instanceof ServiceError ||
    err instanceof QueryNotRegisteredError ||
    err instanceof QueryRejectedError ||
    err instanceof NamespaceNotFoundError;
  if (refused) {
    return { status: 502, code: 'temporal_error', reason: 'failed', message };
  }
  return { status: 500, code: 'internal', reason: 'failed', message: 'internal error' };
}

/**
 * The relay's Client: connected on first use (the relay answers 503 while Temporal is down instead of failing
 * to start) and again after a failed connect. `close()` closes the connection if one was made.
 */
export function lazyTemporalClient(opts: { connection: TemporalConnectionOptions; namespace: string }): {
  get(): Promise<Client>;
  close(): Promise<void>;
} {
  let client: Promise<Client> | null = null;
  return {
    get() {
      client ??= Connection.connect(opts.connection)
        .then((connection) => new Client({ connection, namespace: opts.namespace }))
        .catch((err: unknown) => {
          client = null;
          throw new TemporalConnectError(err);
        });
      return client;
    },
    async close() {
      const connected = await client?.catch(() => null);
      await connected?.connection.close();
    },
  };
}
