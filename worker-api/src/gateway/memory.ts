import type { StartWorkflowRequest, WorkflowGateway, WorkflowHandleRef } from '@mos/db/contracts';
import { WorkflowGatewayError } from '@mos/db/contracts';

type Call =
  | { op: 'start'; req: StartWorkflowRequest }
  | { op: 'signal'; workflowId: string; signal: string; args: unknown[] }
  | { op: 'query'; workflowId: string; query: string }
  | { op: 'cancel'; workflowId: string };

/**
 * A gateway that records calls in memory, for router tests that check what the API asked of
 * Temporal. `failNext` makes the next call throw as an unreachable Temporal would.
 */
export class MemoryWorkflowGateway implements WorkflowGateway {
  readonly calls: Call[] = [];
  readonly queryResults = new Map<string, unknown>();
  private readonly running = new Map<string, WorkflowHandleRef>();
  private failing: string | null = null;

  failNext(message = 'temporal unreachable'): void {
    this.failing = message;
  }

  private check(): void {
    if (this.failing) {
      const message = this.failing;
      this.failing = null;
      throw new WorkflowGatewayError(message, { reason: 'unavailable' });
    }
  }

  private find(workflowId: string): WorkflowHandleRef {
    const found = this.running.get(workflowId);
    if (!found) {
      throw new WorkflowGatewayError(`workflow ${workflowId} not found`, { reason: 'not_found' });
    }
    return found;
  }

  async start(req: StartWorkflowRequest): Promise<WorkflowHandleRef> {
    this.calls.push({ op: 'start', req });
    this.check();
    if (this.running.has(req.workflowId)) {
      throw new WorkflowGatewayError(`workflow ${req.workflowId} already started`, {
        reason: 'already_started',
      });
    }
    const ref = { workflowId: req.workflowId, runId: crypto.randomUUID() };
    this.running.set(req.workflowId, ref);
    return ref;
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

  /** A cancelled workflow is closed: later signals and queries answer `not_found`, as Temporal's do. */
  async cancel(ref: { workflowId: string }): Promise<void> {
    this.calls.push({ op: 'cancel', workflowId: ref.workflowId });
    this.check();
    this.find(ref.workflowId);
    this.running.delete(ref.workflowId);
  }
}
