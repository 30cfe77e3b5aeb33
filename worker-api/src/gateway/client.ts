import type {
  GatewayErrorReason,
  SignalWithStartRequest,
  StartWorkflowRequest,
  TemporalConnectionOptions,
  WorkflowDescription,
  WorkflowExecutionStatus,
  WorkflowGateway,
  WorkflowHandleRef,
} from '@mos/db/contracts';
import { WorkflowGatewayError } from '@mos/db/contracts';
import {
  Client,
  Connection,
  isGrpcServiceError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowExecutionDescription,
  WorkflowNotFoundError,
} from '@temporalio/client';

// gRPC status codes (grpc.status): the server or the network could not answer in time, or at all.
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

function toDescription(d: WorkflowExecutionDescription): WorkflowDescription {
  return {
    workflowId: d.workflowId,
    runId: d.runId,
    type: d.type,
    status: d.status.name as WorkflowExecutionStatus,
    startTime: d.startTime.toISOString(),
    closeTime: d.closeTime ? d.closeTime.toISOString() : null,
  };
}

/** The reason for an error the official client threw, from its type and gRPC status code. */
export function clientErrorReason(err: unknown): GatewayErrorReason {
  if (err instanceof WorkflowNotFoundError) return 'not_found';
  if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already_started';
  const grpc = err instanceof ServiceError ? err.cause : err;
  if (isGrpcServiceError(grpc) && (grpc.code === GRPC_UNAVAILABLE || grpc.code === GRPC_DEADLINE_EXCEEDED)) {
    return 'unavailable';
  }
  return 'failed';
}

export interface TemporalClientGatewayOptions extends TemporalConnectionOptions {
  namespace: string;
  /** How long the first connect may take before the call fails as `unavailable` (the SDK's default: 10 s). */
  connectTimeoutMs?: number;
}

/**
 * The `client` gateway: the official @temporalio/client, for worker-api on Node (local dev, tests).
 * Connects lazily, once per process; TLS and API key come from temporalConnectionOptions (Temporal Cloud).
 */
export class TemporalClientGateway implements WorkflowGateway {
  private client: Promise<Client> | null = null;

  constructor(private readonly opts: TemporalClientGatewayOptions) {}

  private async get(): Promise<Client> {
    this.client ??= Connection.connect({
      address: this.opts.address,
      ...(this.opts.tls ? { tls: this.opts.tls } : {}),
      ...(this.opts.apiKey ? { apiKey: this.opts.apiKey } : {}),
      ...(this.opts.connectTimeoutMs ? { connectTimeout: this.opts.connectTimeoutMs } : {}),
    })
      .then((connection) => new Client({ connection, namespace: this.opts.namespace }))
      .catch((err: unknown) => {
        this.client = null;
        throw err;
      });
    return this.client;
  }

  private async run<T>(what: string, fn: (c: Client) => Promise<T>): Promise<T> {
    let client: Client;
    try {
      client = await this.get();
    } catch (err) {
      // Connecting failed (refused, TLS handshake, deadline): Temporal could not be reached.
      throw new WorkflowGatewayError(`temporal ${what} failed: cannot connect to Temporal`, {
        reason: 'unavailable',
        cause: err,
      });
    }
    try {
      return await fn(client);
    } catch (err) {
      throw new WorkflowGatewayError(`temporal ${what} failed: ${(err as Error).message}`, {
        reason: clientErrorReason(err),
        cause: err,
      });
    }
  }

  start(req: StartWorkflowRequest): Promise<WorkflowHandleRef> {
    return this.run('start', async (c) => {
      const handle = await c.workflow.start(req.workflowType, {
        taskQueue: req.taskQueue,
        workflowId: req.workflowId,
        args: req.args,
        ...(req.memo ? { memo: req.memo } : {}),
      });
      return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
    });
  }

  signalWithStart(req: SignalWithStartRequest): Promise<WorkflowHandleRef> {
    return this.run('signal-with-start', async (c) => {
      const handle = await c.workflow.signalWithStart(req.workflowType, {
        taskQueue: req.taskQueue,
        workflowId: req.workflowId,
        args: req.args,
        signal: req.signal,
        signalArgs: req.signalArgs,
        ...(req.memo ? { memo: req.memo } : {}),
      });
      return { workflowId: handle.workflowId, runId: handle.signaledRunId };
    });
  }

  signal(ref: { workflowId: string; runId?: string }, signal: string, args: unknown[]): Promise<void> {
    return this.run('signal', (c) => c.workflow.getHandle(ref.workflowId, ref.runId).signal(signal, ...args));
  }

  query<T>(ref: { workflowId: string; runId?: string }, query: string, args: unknown[] = []): Promise<T> {
    return this.run('query', (c) =>
      c.workflow.getHandle(ref.workflowId, ref.runId).query<T, unknown[]>(query, ...args),
    );
  }

  cancel(ref: { workflowId: string; runId?: string }): Promise<void> {
    return this.run('cancel', async (c) => {
      await c.workflow.getHandle(ref.workflowId, ref.runId).cancel();
    });
  }

  /** Not part of WorkflowGateway (the API never asks); for tools and tests on Node. */
  describe(ref: { workflowId: string; runId?: string }): Promise<WorkflowDescription> {
    return this.run('describe', async (c) =>
      toDescription(await c.workflow.getHandle(ref.workflowId, ref.runId).describe()),
    );
  }

  /** Not part of WorkflowGateway (the API never asks); for tools and tests on Node. */
  list(query: string, opts: { pageSize?: number } = {}): Promise<WorkflowDescription[]> {
    return this.run('list', async (c) => {
      const out: WorkflowDescription[] = [];
      const max = opts.pageSize ?? 100;
      for await (const info of c.workflow.list({ query })) {
        out.push({
          workflowId: info.workflowId,
          runId: info.runId,
          type: info.type,
          status: info.status.name as WorkflowExecutionStatus,
          startTime: info.startTime.toISOString(),
          closeTime: info.closeTime ? info.closeTime.toISOString() : null,
        });
        if (out.length >= max) break;
      }
      return out;
    });
  }

  async close(): Promise<void> {
    if (this.client) await (await this.client.catch(() => null))?.connection.close();
  }
}
