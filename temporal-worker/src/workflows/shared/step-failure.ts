import { type ArtifactType, STEP_FAILED_FAILURE_TYPE, StepFailure } from '@mos/db/contracts';
import { ApplicationFailure, condition } from '@temporalio/workflow';
import { acts } from './activities';
import type { RunState } from './run';

export const STEP_FAILED = STEP_FAILED_FAILURE_TYPE;

/** The StepFailure an activity (or a child workflow) failed with, found along the failure's cause chain. */
export function stepFailureOf(err: unknown): StepFailure | null {
  let current: unknown = err;
  for (let depth = 0; current instanceof Error && depth < 6; depth++) {
    if (current instanceof ApplicationFailure && current.type === STEP_FAILED) {
      const parsed = StepFailure.safeParse(current.details?.[0]);
      return parsed.success ? parsed.data : null;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export interface LlmStepOptions<T> {
  /** The step's name at the gate (draft key, log), e.g. `build_canon`, `brand_qa:<brief id>`. */
  step: string;
  /** Name the step as the failure does (a child workflow's step, e.g. `research:04`). */
  stepFromFailure?: boolean;
  /** What an `edit` at the gate is validated against; null: the step has no document to edit. */
  artifactType: ArtifactType | null;
  /** The key the step saves its draft under: an edit is saved there, and the step run again finds it. */
  stepKey: string | null | ((failure: StepFailure) => string | null);
  /** Runs the step; `feedback` is a person's words on a retry, null the first time. */
  run(feedback: string | null): Promise<T>;
}

/**
 * An LLM step that never ends the run: when its attempts are used up, the provider refuses the request or the
 * org's LLM budget is spent, the run waits at the `step_failed` gate showing the failure. `retry` (with optional
 * feedback) runs the step again; `edit` saves a person's document for the step (validated with its artifact
 * type; a refused edit keeps the gate waiting with its reason) and the step, run again, goes on with it; a stop
 * ends the run. Transient errors never get here: Temporal's retry policy owns them.
 */
export async function llmStep<T>(state: RunState, opts: LlmStepOptions<T>): Promise<T> {
  let feedback: string | null = null;
  for (;;) {
    try {
      return await opts.run(feedback);
    } catch (err) {
      const found = stepFailureOf(err);
      if (!found) throw err;
      // The workflow's name is the precise one (`brand_qa:<brief>`), except for a child's step (`research:04`).
      const failure = opts.stepFromFailure ? found : { ...found, step: opts.step };
      // Steps run side by side (creative briefs) may fail together: a person decides on one at a time.
      // Check and take in one synchronous run, so two failures woken together cannot both take the turn.
      while (state.deciding) {
        await condition(() => !state.deciding || state.stopRequested);
        state.throwIfStopped();
      }
      state.deciding = true;
      try {
        state.snapshot.stepFailure = failure;
        state.snapshot.lastError = `${failure.step}: ${failure.problems[0] ?? 'the step failed'}`;
        await state.stepFailed(failure.step, failure);
        feedback = await decide(state, opts, failure);
      } finally {
        state.snapshot.stepFailure = null;
        state.snapshot.lastError = null;
        state.deciding = false;
      }
    }
  }
}

/** Waits at `step_failed` until a retry or an accepted edit; returns the retry's feedback (null after an edit). */
async function decide<T>(
  state: RunState,
  opts: LlmStepOptions<T>,
  failure: StepFailure,
): Promise<string | null> {
  for (;;) {
    const review = await state.nextReview('step_failed', state.draftKey('step_failed', [failure.step]));
    if (review.decision === 'retry') return review.feedback?.trim() ? review.feedback : null;
    if (review.decision === 'edit') {
      const { orgId, runId, clientId, campaignId } = state.input;
      const saved = await state.runStep(
        `edit_${failure.step}`,
        () =>
          acts.saveStepEdit({
            orgId,
            runId,
            clientId,
            campaignId,
            step: failure.step,
            artifactType: failure.artifactType ?? opts.artifactType,
            documentType: failure.documentType ?? null,
            stepKey: typeof opts.stepKey === 'function' ? opts.stepKey(failure) : opts.stepKey,
            edited: review.edited,
            approvalId: review.approvalId,
          }),
        (r) => r,
        { approvalId: review.approvalId },
      );
      if (saved.ok) return null;
      state.snapshot.lastError = `edit refused: ${saved.reason}`;
      continue;
    }
    state.snapshot.lastError = `"${review.decision}" does not apply to a failed step: retry it, edit it or stop the run`;
  }
}

/** A reviewer's feedback on the draft and a person's words on retrying the failed step, as one text. */
export function joinFeedback(review: string | null, retry: string | null): string | null {
  const parts = [review, retry].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  return parts.length > 0 ? parts.join('\n\n') : null;
}
