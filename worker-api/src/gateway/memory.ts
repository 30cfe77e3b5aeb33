import type {
  GatewayErrorReason,
  SignalWithStartRequest,
  StartWorkflowRequest,
  WorkflowGateway,
  WorkflowHandleRef,
} from '@mos/db/contracts';
import { WorkflowGatewayError } from '@mos/db/contracts';

type Call =
  | { op: 'start'; req: StartWorkflowRequest }
  | { op: 'signal'; workflowId: string; signal: string; args: unknown[] }
  | { op: 'query'; workflowId: string; query: string }
  | { op: 'cancel'; workflowId: string }
  | { op: 'signalWithStart'; req: SignalWithStartRequest };

/**
 * A gateway that records calls in memory, for router tests that check what the API asked of Temporal. Signals
 * and queries to an unknown (or cancelled) workflow answer `not_found`; `failNext` makes the next call fail.
 */
export class MemoryWorkflowGateway implements WorkflowGateway {
  readonly calls: Call[] = [];
  readonly queryResults = new Map<string, unknown>();
  private readonly running = new Map<string, WorkflowHandleRef>();
  private failing: { reason: GatewayErrorReason; message: string } | null = null;

  /** The next call fails with `reason` (default: Temporal unreachable), as a real gateway would raise it. */
  failNext(message = 'temporal unreachable', reason: GatewayErrorReason = 'unavailable'): void {
    this.failing = { reason, message };
  }

  private check(): void {
    if (this.failing) {
      const { reason, message } = this.failing;
      this.failing = null;
      throw new WorkflowGatewayError(message, { reason });
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
    // No duplicate check: workflows here never complete, so a second start stands for a new run after the
    // first closed (the API guards running duplicates itself); failNext(…, 'already_started') simulates Temporal's.
    const ref = { workflowId: req.workflowId, runId: crypto.randomUUID() };
    this.running.set(req.workflowId, ref);
    return ref;
  }

  /** Starts the workflow unless one with that id runs, then records the signal, as Temporal does. */
  async signalWithStart(req: SignalWithStartRequest): Promise<WorkflowHandleRef> {
    this.calls.push({ op: 'signalWithStart', req });
    this.check();
    const running = this.running.get(req.workflowId);
    if (running) return running;
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
