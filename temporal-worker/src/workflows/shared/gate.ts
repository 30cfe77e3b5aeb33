import { type Gate, MAX_DRAFT_ATTEMPTS, type ReviewSignal } from '@mos/db/workflows';
import type { RunState } from './run';

/** A draft at a gate: the artifact(s) a reviewer decides on. */
export interface Draft<T> {
  artifactIds: string[];
  data: T;
}

export interface GateOptions<T> {
  gate: Gate;
  /** Builds a draft; `feedback` is the reviewer's reason on a regeneration, null on the first one. */
  generate(feedback: string | null, attempt: number): Promise<Draft<T>>;
  /** Marks the draft approved. */
  approve(draft: Draft<T>, review: ReviewSignal): Promise<void>;
  /** Validates and stores an edited version (approved); returns the reason when the edit is refused. */
  edit(draft: Draft<T>, review: ReviewSignal): Promise<{ ok: true; draft: Draft<T> } | { ok: false; reason: string }>;
}

/**
 * A human gate: approve continues; edit replaces the draft with a validated edited version and
 * continues (an invalid edit is refused with its reason and the gate keeps waiting); reject with
 * feedback regenerates with the feedback, at most MAX_DRAFT_ATTEMPTS drafts, after which the gate
 * waits for an edit or a stop.
 */
export async function humanGate<T>(state: RunState, opts: GateOptions<T>): Promise<Draft<T>> {
  state.snapshot.attempt = 1;
  state.snapshot.lastError = null;
  let draft = await opts.generate(null, 1);
  state.snapshot.draftArtifactIds = draft.artifactIds;
  for (;;) {
    const review = await state.nextReview(opts.gate);
    if (review.decision === 'approve') {
      await opts.approve(draft, review);
      state.snapshot.lastError = null;
      return draft;
    }
    if (review.decision === 'edit') {
      const result = await opts.edit(draft, review);
      if (result.ok) {
        state.snapshot.lastError = null;
        state.snapshot.draftArtifactIds = result.draft.artifactIds;
        return result.draft;
      }
      state.snapshot.lastError = `edit refused: ${result.reason}`;
      continue;
    }
    // reject
    if (state.snapshot.attempt >= MAX_DRAFT_ATTEMPTS) {
      state.snapshot.lastError = `${MAX_DRAFT_ATTEMPTS} drafts were rejected; edit the draft or stop the run`;
      continue;
    }
    state.snapshot.attempt += 1;
    state.snapshot.lastError = null;
    draft = await opts.generate(review.feedback ?? '', state.snapshot.attempt);
    state.snapshot.draftArtifactIds = draft.artifactIds;
  }
}
