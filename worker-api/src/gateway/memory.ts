import type {
  StartWorkflowRequest,
  WorkflowDescription,
  WorkflowGateway,
  WorkflowHandleRef,
} from '@mos/db/contracts';
import { WorkflowGatewayError } from '@mos/db/contracts';

type Call =
  | { op: 'start'; req: StartWorkflowRequest }
  | { op: 'signal'; workflowId: string; signal: string; args: unknown[] }
  | { op: 'query'; workflowId: string; query: string }
  | { op: 'describe' | 'cancel'; workflowId: string }
  | { op: 'list'; query: string };

/**
 * A gateway that records calls in memory, for router tests that check what the API asked of
 * Temporal. `failNext` makes the next call throw as an unreachable Temporal would.
 */
export class MemoryWorkflowGateway implements WorkflowGateway {
  readonly calls: Call[] = [];
  readonly queryResults = new Map<string, unknown>();
  private readonly started = new Map<string, WorkflowDescription>();
  private failing: string | null = null;

  failNext(message = 'temporal unreachable'): void {
    this.failing = message;
  }

  private check(): void {
    if (this.failing) {
      const message = this.failing;
      this.failing = null;
      throw new WorkflowGatewayError(message);
    }
  }

  private find(workflowId: string): WorkflowDescription {
    const found = this.started.get(workflowId);
    if (!found) throw new WorkflowGatewayError(`workflow ${workflowId} not found`);
    return found;
  }

  async start(req: StartWorkflowRequest): Promise<WorkflowHandleRef> {
    this.calls.push({ op: 'start', req });
    this.check();
    const runId = crypto.randomUUID();
    this.started.set(req.workflowId, {
      workflowId: req.workflowId,
      runId,
      type: req.workflowType,
      status: 'RUNNING',
      startTime: new Date().toISOString(),
      closeTime: null,
    });
    return { workflowId: req.workflowId, runId };
  }

  async signal(ref: { workflowId: string }, signal: string, args: unknown[]): Promise<void> {
    this.calls.push({ op: 'signal', workflowId: ref.workflowId, signal, args });
    this.check();
    this.find(ref.workflowId);
  }

  async query<T>(ref: { workflowId: string }, query: string): Promise<T> {
    this.calls.push({ op: 'query', workflowId: ref.workflowId, query });
    this.check();
    this.find(ref.workflowId);
    return this.queryResults.get(`${ref.workflowId}:${query}`) as T;
  }

  async describe(ref: { workflowId: string }): Promise<WorkflowDescription> {
    this.calls.push({ op: 'describe', workflowId: ref.workflowId });
    this.check();
    return this.find(ref.workflowId);
  }

  async cancel(ref: { workflowId: string }): Promise<void> {
    this.calls.push({ op: 'cancel', workflowId: ref.workflowId });
    this.check();
    const wf = this.find(ref.workflowId);
    this.started.set(ref.workflowId, { ...wf, status: 'CANCELLED', closeTime: new Date().toISOString() });
  }

  async list(query: string): Promise<WorkflowDescription[]> {
    this.calls.push({ op: 'list', query });
    this.check();
    return [...this.started.values()];
  }
}
