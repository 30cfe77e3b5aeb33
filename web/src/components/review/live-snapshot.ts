import { GATE_ARTIFACT_TYPES, type Gate, WorkflowStatusSnapshot } from '@mos/db/contracts';
import type { RouterOutputs } from '@/lib/trpc';

export type RunDetail = RouterOutputs['workflows']['get'];
export type RunArtifact = RunDetail['artifacts'][number];

/**
 * The workflow's live `status` answer, parsed with the contract's own schema: anything that does not match it (an
 * older worker, a query that timed out) counts as no live state, and the page falls back to the run row.
 */
export function liveSnapshot(live: unknown): WorkflowStatusSnapshot | null {
  const parsed = WorkflowStatusSnapshot.safeParse(live);
  return parsed.success ? parsed.data : null;
}

export const isGate = (g: unknown): g is Gate =>
  typeof g === 'string' && Object.hasOwn(GATE_ARTIFACT_TYPES, g);

/** The draft a review names: the live snapshot's, else the one the worker recorded on the run row. */
export function reviewDraftKey(detail: RunDetail, live: WorkflowStatusSnapshot | null): string | null {
  return live?.draftKey ?? detail.run.waitingDraftKey ?? null;
}
