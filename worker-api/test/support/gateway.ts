import type {
  GatewayErrorReason,
  SignalWithStartRequest,
  StartWorkflowRequest,
  WorkflowDescription,
  WorkflowGateway,
  WorkflowHandleRef,
} from '@mos/db/contracts';
import { WorkflowGatewayError } from '@mos/db/contracts';

type Ref = { workflowId: string; runId?: string | undefined };
export type GatewayCall =
  | { op: 'start'; req: StartWorkflowRequest }
  | { op: 'signal'; workflowId: string; signal: string; args: unknown[] }
  | { op: 'query'; workflowId: string; query: string }
  | { op: 'describe' | 'cancel'; workflowId: string }
  | { op: 'list'; query: string }
  | { op: 'signalWithStart'; req: SignalWithStartRequest };

/**
 * The test double for Temporal: records what the API asked, and fails the way the real gateways do, with an
 * explicit `reason` on every WorkflowGatewayError (not_found for an unknown workflow, already_started for a
 * running id, and whatever `failNext` injects), so services are tested on the reason and never on the text.
 */
export class TestWorkflowGateway implements WorkflowGateway {
  readonly calls: GatewayCall[] = [];
  readonly queryResults = new Map<string, unknown>();
  private readonly started = new Map<string, WorkflowDescription>();
  private readonly failures: WorkflowGatewayError[] = [];
  /** Runs inside `signal` before it answers, so a test can act while the API waits on Temporal. */
  beforeSignal: ((call: { workflowId: string; signal: string }) => Promise<void>) | null = null;
  /** Runs inside `signalWithStart` before it answers (e.g. to look at what the API has committed by then). */
  beforeSignalWithStart: ((req: SignalWithStartRequest) => Promise<void>) | null = null;

  /** The next call fails with this reason (default: Temporal unreachable). */
  failNext(message = 'temporal unreachable', reason: GatewayErrorReason = 'unavailable'): void {
    this.failures.push(new WorkflowGatewayError(message, { reason }));
  }

  /** Whether a workflow was started and not cancelled. */
  isRunning(workflowId: string): boolean {
    return this.started.get(workflowId)?.status === 'RUNNING';
  }

  /** The workflow ends as a worker would end it; its id may then be started again (Temporal's default). */
  finish(workflowId: string, status: 'COMPLETED' | 'FAILED' = 'COMPLETED'): void {
    const wf = this.find(workflowId);
    this.started.set(workflowId, { ...wf, status, closeTime: new Date().toISOString() });
  }

  private check(): void {
    const failure = this.failures.shift();
    if (failure) throw failure;
  }

  private find(workflowId: string): WorkflowDescription {
    const found = this.started.get(workflowId);
    if (!found) throw new WorkflowGatewayError(`workflow ${workflowId} not found`, { reason: 'not_found' });
    return found;
  }

  async start(req: StartWorkflowRequest): Promise<WorkflowHandleRef> {
    this.calls.push({ op: 'start', req });
    this.check();
    if (this.isRunning(req.workflowId)) {
      throw new WorkflowGatewayError(`workflow ${req.workflowId} is already running`, {
        reason: 'already_started',
      });
    }
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

  /** Starts the workflow unless one with that id is running (then signals that run), as Temporal does. */
  async signalWithStart(req: SignalWithStartRequest): Promise<WorkflowHandleRef> {
    this.calls.push({ op: 'signalWithStart', req });
    await this.beforeSignalWithStart?.(req);
    this.check();
    const open = this.started.get(req.workflowId);
    if (open?.status === 'RUNNING') return { workflowId: open.workflowId, runId: open.runId };
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

  async signal(ref: Ref, signal: string, args: unknown[]): Promise<void> {
    this.calls.push({ op: 'signal', workflowId: ref.workflowId, signal, args });
    await this.beforeSignal?.({ workflowId: ref.workflowId, signal });
    this.check();
    this.find(ref.workflowId);
  }

  async query<T>(ref: Ref, query: string): Promise<T> {
    this.calls.push({ op: 'query', workflowId: ref.workflowId, query });
    this.check();
    this.find(ref.workflowId);
    return this.queryResults.get(`${ref.workflowId}:${query}`) as T;
  }

  async describe(ref: Ref): Promise<WorkflowDescription> {
    this.calls.push({ op: 'describe', workflowId: ref.workflowId });
    this.check();
    return this.find(ref.workflowId);
  }

  async cancel(ref: Ref): Promise<void> {
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
