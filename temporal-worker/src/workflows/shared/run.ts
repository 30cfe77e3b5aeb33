import {
  GATES,
  type Gate,
  MAX_DRAFT_ATTEMPTS,
  type ReviewSignal,
  type RunInput,
  type WorkflowStatusSnapshot,
} from '@mos/db/contracts';
import {
  ApplicationFailure,
  CancellationScope,
  ContinueAsNew,
  condition,
  isCancellation,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { track } from './activities';
import { reviewSignal, statusQuery, stopSignal } from './signals';
import { STEP_FAILED, stepFailureOf } from './step-failure';

/** Thrown inside a run when a person asked it to stop; `trackedRun` turns it into `cancelled`. */
export class StopRequested extends Error {
  constructor() {
    super('stop requested');
    this.name = 'StopRequested';
  }
}

/**
 * The state every workflow keeps for the `status` query and for its gates. Signal and query
 * handlers are registered once here so each workflow answers them the same way.
 */
export interface RunOptions {
  /**
   * Whether this workflow records status transitions on `input.runId` (default true). A child workflow that
   * logs its steps on its parent's run row passes false: the parent owns that row's status.
   */
  recordStatus?: boolean;
  /** Prefix of this workflow's log idempotency keys, so a child logging on its parent's row never collides. */
  logPrefix?: string;
}

export class RunState {
  readonly snapshot: WorkflowStatusSnapshot;
  private readonly pending: ReviewSignal[] = [];
  private stepSeq = 0;
  readonly recordsStatus: boolean;
  private readonly logPrefix: string;

  constructor(
    readonly input: RunInput,
    opts: RunOptions = {},
  ) {
    this.recordsStatus = opts.recordStatus ?? true;
    this.logPrefix = opts.logPrefix ?? '';
    this.snapshot = {
      workflow: workflowInfo().workflowType,
      step: 'starting',
      waitingFor: null,
      draftKey: null,
      draftArtifactIds: [],
      stepFailure: null,
      attempt: 1,
      maxAttempts: MAX_DRAFT_ATTEMPTS,
      lastError: null,
      completedSteps: [],
      stopRequested: false,
    };
    setHandler(statusQuery, () => this.snapshot);
    setHandler(stopSignal, () => {
      this.snapshot.stopRequested = true;
    });
    setHandler(reviewSignal, (review) => {
      this.pending.push(review);
    });
  }

  get stopRequested(): boolean {
    return this.snapshot.stopRequested;
  }

  throwIfStopped(): void {
    if (this.snapshot.stopRequested) throw new StopRequested();
  }

  /** Marks a step as current and logs it (once, even on replay or retry: the log key is deterministic). */
  async step(name: string, payloadIn?: unknown): Promise<void> {
    this.throwIfStopped();
    this.snapshot.step = name;
    this.stepSeq += 1;
    await track.recordStep({
      orgId: this.input.orgId,
      runId: this.input.runId,
      step: name,
      status: 'started',
      payloadIn: payloadIn ?? null,
      key: `${this.logPrefix}${this.stepSeq}:${name}:started`,
    });
  }

  async stepDone(name: string, payloadOut?: unknown): Promise<void> {
    this.snapshot.completedSteps.push(name);
    await track.recordStep({
      orgId: this.input.orgId,
      runId: this.input.runId,
      step: name,
      status: 'completed',
      payloadOut: payloadOut ?? null,
      key: `${this.logPrefix}${this.stepSeq}:${name}:completed`,
    });
  }

  /** `step(name)`, the body, then `stepDone(name, summary of the result)`: one logged step. */
  async runStep<T>(
    name: string,
    body: () => Promise<T>,
    describe?: (result: T) => unknown,
    payloadIn?: unknown,
  ): Promise<T> {
    await this.step(name, payloadIn);
    const result = await body();
    await this.stepDone(name, describe ? describe(result) : null);
    return result;
  }

  /** Writes the run row's status (skipped for a child that logs on its parent's row). */
  async recordStatus(patch: {
    status: 'running' | 'waiting_for_approval';
    currentStep: string;
    waitingGate: Gate | null;
    waitingDraftKey?: string | null;
    error: string | null;
  }): Promise<void> {
    if (!this.recordsStatus) return;
    await track.recordRunStatus({
      orgId: this.input.orgId,
      runId: this.input.runId,
      ...patch,
      waitingDraftKey: patch.waitingDraftKey ?? null,
    });
  }

  /** Records that the run waits at `gate` for the draft `draftKey` (the key a review must name). */
  private async recordWaiting(gate: Gate, draftKey: string): Promise<void> {
    await this.recordStatus({
      status: 'waiting_for_approval',
      currentStep: `wait:${gate}`,
      waitingGate: gate,
      waitingDraftKey: draftKey,
      error: this.snapshot.lastError,
    });
  }

  /**
   * Waits for the next decision at `gate` on the draft `draftKey`, or a stop. A review naming another gate or
   * another draft (stale: sent before this draft existed, or a second click) is dropped, and the waiting state
   * is recorded again, since the API claimed the key from the run row when it accepted that review.
   */
  async nextReview(gate: Gate, draftKey: string): Promise<ReviewSignal> {
    this.snapshot.step = `wait:${gate}`;
    // The row first: once the status query says "waiting", a review naming this key is accepted by the API.
    await this.recordWaiting(gate, draftKey);
    this.snapshot.waitingFor = gate;
    this.snapshot.draftKey = draftKey;
    for (;;) {
      await condition(() => this.pending.length > 0 || this.snapshot.stopRequested);
      this.throwIfStopped();
      const review = this.pending.shift();
      if (review && review.gate === gate && review.draftKey === draftKey) {
        this.reviewsHandled += 1;
        this.snapshot.waitingFor = null;
        this.snapshot.draftKey = null;
        await this.recordStatus({
          status: 'running',
          currentStep: `review:${gate}`,
          waitingGate: null,
          error: null,
        });
        return review;
      }
      this.dropped += 1;
      if (this.pending.length === 0) await this.recordWaiting(gate, draftKey);
    }
  }

  /** Reviews dropped because they named another gate or draft (for tests and the status log). */
  dropped = 0;
  /** A failed step is waiting for a person at step_failed (others wait their turn). */
  deciding = false;
  /** Reviews this run has acted on: part of every draft key, so a key never names a draft twice. */
  private reviewsHandled = 0;

  /**
   * The key a review of the draft `ids` at `gate` must name: `<gate>:<ids>:<reviews handled so far>`. It changes
   * whenever the draft or its decided items change (every handled review counts), so a second click on a decided
   * draft never matches.
   */
  draftKey(gate: Gate, ids: readonly string[]): string {
    let named = ids.join(',');
    if (named.length > 400) {
      // FNV-1a: deterministic in workflow code, short enough for the key column.
      let h = 0x811c9dc5;
      for (let i = 0; i < named.length; i++) h = Math.imul(h ^ named.charCodeAt(i), 0x01000193) >>> 0;
      named = `${ids.length}ids-${h.toString(16)}`;
    }
    return `${gate}:${named}:${this.reviewsHandled}`;
  }

  /** Logs a step that waits for a person (step_failed), with its failure. */
  async stepFailed(name: string, failure: unknown): Promise<void> {
    await track.recordStep({
      orgId: this.input.orgId,
      runId: this.input.runId,
      step: name,
      status: 'failed',
      payloadOut: failure,
      error: this.snapshot.lastError,
      key: `${this.logPrefix}${this.stepSeq}:${name}:failed`,
    });
  }
}

export function isGate(value: string): value is Gate {
  return (GATES as string[]).includes(value);
}

/**
 * Runs a workflow body with run tracking: `running` at start, then `completed`, `cancelled` (stop
 * signal or Temporal cancellation) or `failed` with the error in words. Terminal bookkeeping runs
 * in a non-cancellable scope so a cancelled run is still recorded as such.
 */
export async function trackedRun<T>(
  input: RunInput,
  body: (state: RunState) => Promise<T>,
  opts: RunOptions = {},
): Promise<T | { stopped: true }> {
  const state = new RunState(input, opts);
  const record = async (status: 'completed' | 'cancelled' | 'failed', error: string | null) => {
    if (!state.recordsStatus) return;
    await CancellationScope.nonCancellable(() =>
      track.recordRunStatus({
        orgId: input.orgId,
        runId: input.runId,
        status,
        currentStep: status === 'completed' ? 'done' : state.snapshot.step,
        waitingGate: null,
        error,
      }),
    );
  };
  await state.recordStatus({ status: 'running', currentStep: 'starting', waitingGate: null, error: null });
  try {
    const result = await body(state);
    state.snapshot.step = 'done';
    await record('completed', null);
    return result;
  } catch (err) {
    // A long-running loop (ExperimentCycle) continues as new: the run goes on under the same row, not failed.
    if (err instanceof ContinueAsNew) throw err;
    if (err instanceof StopRequested || isCancellation(err)) {
      state.snapshot.step = 'stopped';
      await record('cancelled', null);
      if (isCancellation(err)) throw err;
      return { stopped: true };
    }
    const message = describeFailure(err);
    state.snapshot.lastError = message;
    // A child's step that needs a person goes up to the parent, which waits at its step_failed gate.
    const failure = stepFailureOf(err);
    if (failure && !state.recordsStatus) {
      throw ApplicationFailure.create({ type: STEP_FAILED, nonRetryable: true, message, details: [failure] });
    }
    await record('failed', message);
    throw err instanceof ApplicationFailure
      ? err
      : ApplicationFailure.nonRetryable(message, 'WorkflowFailed');
  }
}

/** The innermost message of a failure chain (ActivityFailure → ApplicationFailure → …), for people. */
export function describeFailure(err: unknown): string {
  let current: unknown = err;
  let message = err instanceof Error ? err.message : String(err);
  for (let depth = 0; current instanceof Error && depth < 6; depth++) {
    if (current.message) message = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}
