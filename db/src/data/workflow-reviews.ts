import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { workflowRuns } from '../schema/workflow-runs';

/**
 * Claims the draft a run waits on for one review: clears `waiting_draft_key` only while the run still waits at
 * `gate` on exactly `draftKey`. One statement, so of two concurrent reviews of the same draft exactly one gets
 * the row (the other waits on the row lock, then finds the key gone). Returns whether this call claimed it.
 */
export async function claimWaitingDraft(
  q: Queryable,
  orgId: string,
  runId: string,
  gate: string,
  draftKey: string,
): Promise<boolean> {
  const rows = await q
    .update(workflowRuns)
    .set({ waitingDraftKey: null })
    .where(
      and(
        eq(workflowRuns.orgId, orgId),
        eq(workflowRuns.id, runId),
        eq(workflowRuns.status, 'waiting_for_approval'),
        eq(workflowRuns.waitingGate, gate),
        eq(workflowRuns.waitingDraftKey, draftKey),
      ),
    )
    .returning({ id: workflowRuns.id });
  return rows.length > 0;
}
