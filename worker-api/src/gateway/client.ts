import type {
  StartWorkflowRequest,
  WorkflowDescription,
  WorkflowExecutionStatus,
  WorkflowGateway,
  WorkflowHandleRef,
} from '@mos/db/contracts';
import { WorkflowGatewayError } from '@mos/db/contracts';
import { Client, Connection, type WorkflowExecutionDescription } from '@temporalio/client';

function toDescription(d: WorkflowExecutionDescription): WorkflowDescription {
  const name = d.status.name;
  const status: WorkflowExecutionStatus =
    name === 'CANCELLED' ? 'CANCELLED' : (name as WorkflowExecutionStatus);
  return {
    workflowId: d.workflowId,
    runId: d.runId,
    type: d.type,
    status,
    startTime: d.startTime.toISOString(),
    closeTime: d.closeTime ? d.closeTime.toISOString() : null,
  };
}

/**
 * The `client` gateway: the official @temporalio/client, for worker-api on Node (local dev, tests)
 * and inside temporal-worker's relay. Connects lazily, once per process.
 */
export class TemporalClientGateway implements WorkflowGateway {
  private client: Promise<Client> | null = null;

  constructor(private readonly opts: { address: string; namespace: string }) {}

  private async get(): Promise<Client> {
    this.client ??= Connection.connect({ address: this.opts.address })
      .then((connection) => new Client({ connection, namespace: this.opts.namespace }))
      .catch((err: unknown) => {
        this.client = null;
        throw err;
      });
    return this.client;
  }

  private async run<T>(what: string, fn: (c: Client) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.get());
    } catch (err) {
      throw new WorkflowGatewayError(`temporal ${what} failed: ${(err as Error).message}`, { cause: err });
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

  signal(ref: { workflowId: string; runId?: string }, signal: string, args: unknown[]): Promise<void> {
    return this.run('signal', (c) => c.workflow.getHandle(ref.workflowId, ref.runId).signal(signal, ...args));
  }

  query<T>(ref: { workflowId: string; runId?: string }, query: string, args: unknown[] = []): Promise<T> {
    return this.run('query', (c) =>
      c.workflow.getHandle(ref.workflowId, ref.runId).query<T, unknown[]>(query, ...args),
    );
  }

  describe(ref: { workflowId: string; runId?: string }): Promise<WorkflowDescription> {
    return this.run('describe', async (c) =>
      toDescription(await c.workflow.getHandle(ref.workflowId, ref.runId).describe()),
    );
  }

  cancel(ref: { workflowId: string; runId?: string }): Promise<void> {
    return this.run('cancel', async (c) => {
      await c.workflow.getHandle(ref.workflowId, ref.runId).cancel();
    });
  }

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
    if (this.client) await (await this.client).connection.close();
  }
}
