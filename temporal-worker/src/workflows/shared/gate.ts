import { type Gate, MAX_DRAFT_ATTEMPTS, type ReviewSignal } from '@mos/db/contracts';
import { acts } from './activities';
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
  edit(
    draft: Draft<T>,
    review: ReviewSignal,
  ): Promise<{ ok: true; draft: Draft<T> } | { ok: false; reason: string }>;
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
    const review = await state.nextReview(opts.gate, state.draftKey(opts.gate, draft.artifactIds));
    if (review.decision === 'retry') {
      state.snapshot.lastError = 'retry applies to a failed step only: approve, edit or reject the draft';
      continue;
    }
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

/** A per-item decision at a gate (e.g. experiment specs, assets). */
export type ItemDecision = 'approved' | 'rejected';

export interface ItemDraft {
  /** Ids of the items a reviewer decides on, e.g. spec ids of an ExperimentSpecSet. */
  itemIds: string[];
  artifactIds: string[];
}

export interface ItemGateOptions {
  gate: Gate;
  /** Builds the items; `feedback` is the reviewer's reason on a regeneration, null on the first one. */
  generate(feedback: string | null, attempt: number): Promise<ItemDraft>;
  /** Applies approvals (e.g. creates rows); called once per decision with the newly approved ids. */
  approve(ids: string[], draft: ItemDraft, review: ReviewSignal): Promise<void>;
  /** Records rejections; called once per decision with the newly rejected ids. */
  reject(ids: string[], draft: ItemDraft, review: ReviewSignal): Promise<void>;
  /**
   * Validates and stores an edited document (it may not change items already decided); returns the new draft or
   * the reason the edit is refused. Without it, edits are refused.
   */
  edit?(
    draft: ItemDraft,
    review: ReviewSignal,
    decided: ReadonlyMap<string, ItemDecision>,
  ): Promise<{ ok: true; draft: ItemDraft } | { ok: false; reason: string }>;
}

export interface ItemGateResult {
  draft: ItemDraft;
  approvedIds: string[];
  rejectedIds: string[];
}

/**
 * A gate decided item by item. `approve` approves `approvedIds` (all undecided items when no ids are given) and
 * rejects `rejectedIds`; `reject` with ids rejects them (and approves any `approvedIds`); `reject` without ids
 * regenerates the items with the feedback while nothing is decided yet (at most MAX_DRAFT_ATTEMPTS drafts);
 * `edit` replaces the items with a validated edited document, then applies the ids it carries, approving every
 * undecided item when it carries none. A decision naming unknown or already decided ids is refused as a whole
 * (lastError) and the gate keeps waiting. The gate finishes once every item is decided.
 */
export async function itemGate(state: RunState, opts: ItemGateOptions): Promise<ItemGateResult> {
  const decided = new Map<string, ItemDecision>();
  state.snapshot.attempt = 1;
  state.snapshot.lastError = null;
  let draft = await opts.generate(null, 1);
  state.snapshot.draftArtifactIds = draft.artifactIds;
  const undecided = () => draft.itemIds.filter((id) => !decided.has(id));

  while (undecided().length > 0) {
    const review = await state.nextReview(opts.gate, state.draftKey(opts.gate, draft.artifactIds));
    if (review.decision === 'retry') {
      state.snapshot.lastError = 'retry applies to a failed step only: decide per item, edit or reject';
      continue;
    }
    let approve = [...new Set(review.approvedIds)];
    const reject = [...new Set(review.rejectedIds)];

    if (review.decision === 'reject' && approve.length === 0 && reject.length === 0) {
      if (decided.size > 0) {
        state.snapshot.lastError = 'some items are already decided: name the ids to reject';
      } else if (state.snapshot.attempt >= MAX_DRAFT_ATTEMPTS) {
        state.snapshot.lastError = `${MAX_DRAFT_ATTEMPTS} drafts were rejected; decide per item, edit, or stop the run`;
      } else {
        state.snapshot.attempt += 1;
        state.snapshot.lastError = null;
        draft = await opts.generate(review.feedback ?? '', state.snapshot.attempt);
        state.snapshot.draftArtifactIds = draft.artifactIds;
      }
      continue;
    }

    if (review.decision === 'edit') {
      if (!opts.edit) {
        state.snapshot.lastError = `edit refused: gate ${opts.gate} is decided per item`;
        continue;
      }
      const result = await opts.edit(draft, review, decided);
      if (!result.ok) {
        state.snapshot.lastError = `edit refused: ${result.reason}`;
        continue;
      }
      draft = result.draft;
      state.snapshot.draftArtifactIds = draft.artifactIds;
      // An edit without ids is an edit-and-approve of everything still open.
      if (approve.length === 0 && reject.length === 0) approve = undecided();
    } else if (review.decision === 'approve' && approve.length === 0) {
      approve = undecided().filter((id) => !reject.includes(id));
    }

    const problem = checkIds(draft.itemIds, decided, approve, reject);
    if (problem) {
      state.snapshot.lastError = `decision refused: ${problem}`;
      continue;
    }
    state.snapshot.lastError = null;
    if (approve.length > 0) await opts.approve(approve, draft, review);
    for (const id of approve) decided.set(id, 'approved');
    if (reject.length > 0) await opts.reject(reject, draft, review);
    for (const id of reject) decided.set(id, 'rejected');
  }
  const pick = (d: ItemDecision) => draft.itemIds.filter((id) => decided.get(id) === d);
  return { draft, approvedIds: pick('approved'), rejectedIds: pick('rejected') };
}

function checkIds(
  items: string[],
  decided: ReadonlyMap<string, ItemDecision>,
  approve: string[],
  reject: string[],
): string | null {
  const known = new Set(items);
  const unknown = [...approve, ...reject].filter((id) => !known.has(id));
  if (unknown.length > 0) return `unknown item id(s) ${[...new Set(unknown)].join(', ')}`;
  const both = approve.filter((id) => reject.includes(id));
  if (both.length > 0) return `id(s) both approved and rejected: ${both.join(', ')}`;
  const again = [...approve, ...reject].filter((id) => decided.has(id));
  if (again.length > 0) return `already decided: ${[...new Set(again)].join(', ')}`;
  if (approve.length === 0 && reject.length === 0) return 'no item to decide';
  return null;
}

/** The draft most gates decide on: one artifact. */
export interface ArtifactRef {
  artifactId: string;
}

/** A build step's answer as a gate draft. */
export const artifactDraft = (d: { artifactId: string }): Draft<ArtifactRef> => ({
  artifactIds: [d.artifactId],
  data: { artifactId: d.artifactId },
});

/** What a build step logs: the artifact and its version, never the document. */
export const draftLog = (d: { artifactId: string; version: number }) => ({
  artifactId: d.artifactId,
  version: d.version,
});

/** Approves a one-artifact draft on behalf of the reviewer, as a logged step. */
export async function approveDraftStep(
  state: RunState,
  step: string,
  draft: Draft<ArtifactRef>,
  review: ReviewSignal,
): Promise<void> {
  await state.runStep(
    step,
    () =>
      acts.approveDraft({
        orgId: state.input.orgId,
        artifactId: draft.data.artifactId,
        approvalId: review.approvalId,
      }),
    (r) => r,
    { approvalId: review.approvalId },
  );
}

/**
 * Stores a reviewer's edit at `gate` as an approved human version, as a logged step. The edit is validated by the
 * gate's schema and must stay about the run's client and campaign; a refused edit comes back with its reason.
 */
export async function editDraftStep(
  state: RunState,
  gate: Gate,
  review: ReviewSignal,
): Promise<{ ok: true; draft: Draft<ArtifactRef> } | { ok: false; reason: string }> {
  const { orgId, runId, clientId, campaignId } = state.input;
  if (!clientId) return { ok: false, reason: 'this run has no client to edit a document for' };
  const result = await state.runStep(
    `edit_${gate}`,
    () =>
      acts.saveGateEdit({
        orgId,
        runId,
        clientId,
        campaignId,
        gate,
        edited: review.edited,
        approvalId: review.approvalId,
      }),
    (r) => r,
    { approvalId: review.approvalId },
  );
  return result.ok ? { ok: true, draft: artifactDraft(result) } : result;
}
