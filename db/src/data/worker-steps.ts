import { and, eq, inArray } from 'drizzle-orm';
import type { ArtifactType } from '../artifacts/index';
import type { Queryable } from '../db-type';
import { approvals } from '../schema/approvals';
import { artifacts } from '../schema/artifacts';
import type { WorkflowStatus } from '../schema/enums';
import { onboardingPayloads } from '../schema/onboarding-payloads';
import { workflowRuns } from '../schema/workflow-runs';
import type { ArtifactRow } from './artifacts';
import type { WorkflowRunRow } from './workflow-runs';

/*
 * Reads and writes the worker's steps need (moved out of the activities so every query stays org-scoped in one
 * place). Each function takes the org id and filters by it.
 */

/** The artifact an earlier attempt of the same (run, step) wrote, if any: a retried step reuses it. */
export async function findRunStepArtifact(
  q: Queryable,
  orgId: string,
  runId: string,
  stepKey: string,
): Promise<ArtifactRow | undefined> {
  const [row] = await q
    .select()
    .from(artifacts)
    .where(
      and(eq(artifacts.orgId, orgId), eq(artifacts.workflowRunId, runId), eq(artifacts.stepKey, stepKey)),
    )
    .limit(1);
  return row;
}

/** Artifacts of one type among `ids` (unknown ids and other types are skipped). */
export async function listArtifactsByIds(
  q: Queryable,
  orgId: string,
  type: ArtifactType,
  ids: string[],
): Promise<ArtifactRow[]> {
  if (ids.length === 0) return [];
  return q
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.orgId, orgId), inArray(artifacts.id, ids), eq(artifacts.type, type)));
}

/** One onboarding payload of a client, by id. */
export async function getOnboardingPayload(
  q: Queryable,
  orgId: string,
  clientId: string,
  id: string,
): Promise<typeof onboardingPayloads.$inferSelect | undefined> {
  const [row] = await q
    .select()
    .from(onboardingPayloads)
    .where(
      and(
        eq(onboardingPayloads.orgId, orgId),
        eq(onboardingPayloads.id, id),
        eq(onboardingPayloads.clientId, clientId),
      ),
    )
    .limit(1);
  return row;
}

/** Who recorded an approval (null when unknown). */
export async function getApprovalDecider(
  q: Queryable,
  orgId: string,
  approvalId: string,
): Promise<string | null> {
  const [row] = await q
    .select({ decidedBy: approvals.decidedBy })
    .from(approvals)
    .where(and(eq(approvals.orgId, orgId), eq(approvals.id, approvalId)))
    .limit(1);
  return row?.decidedBy ?? null;
}

/**
 * The worker's write of a run's state: status, step, gate, error and the draft a review must name while it waits
 * (`waitingDraftKey`, null when not waiting). Returns undefined when no row matched (e.g. the API has not
 * committed it yet).
 */
export async function recordWorkflowRunState(
  q: Queryable,
  orgId: string,
  id: string,
  patch: {
    status: WorkflowStatus;
    currentStep: string | null;
    waitingGate: string | null;
    waitingDraftKey: string | null;
    error: string | null;
  },
): Promise<WorkflowRunRow | undefined> {
  const terminal = patch.status === 'completed' || patch.status === 'failed' || patch.status === 'cancelled';
  const [row] = await q
    .update(workflowRuns)
    .set({ ...patch, ...(terminal ? { finishedAt: new Date() } : {}) })
    .where(and(eq(workflowRuns.orgId, orgId), eq(workflowRuns.id, id)))
    .returning();
  return row;
}
