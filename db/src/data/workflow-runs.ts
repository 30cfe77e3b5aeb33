import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { activityLogs } from '../schema/activity-logs';
import { approvals } from '../schema/approvals';
import type { ApprovalDecision, WorkflowKind, WorkflowStatus } from '../schema/enums';
import { workflowRuns } from '../schema/workflow-runs';
import { afterCursor, type Page, toPage } from './pagination';

export type WorkflowRunRow = typeof workflowRuns.$inferSelect;
export type ActivityLogRow = typeof activityLogs.$inferSelect;
export type ApprovalRow = typeof approvals.$inferSelect;

export interface NewWorkflowRun {
  id: string;
  orgId: string;
  clientId: string | null;
  campaignId: string | null;
  kind: WorkflowKind;
  temporalWorkflowId: string;
  temporalRunId: string;
  input: unknown;
  startedBy: string | null;
  currentStep?: string | null;
}

export async function createWorkflowRun(q: Queryable, run: NewWorkflowRun): Promise<WorkflowRunRow> {
  const [row] = await q.insert(workflowRuns).values(run).returning();
  if (!row) throw new Error('workflow run insert returned no row');
  return row;
}

export async function getWorkflowRun(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<WorkflowRunRow | undefined> {
  const [row] = await q
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.orgId, orgId), eq(workflowRuns.id, id)))
    .limit(1);
  return row;
}

export interface WorkflowRunFilter {
  status?: WorkflowStatus[] | undefined;
  kind?: WorkflowKind[] | undefined;
  clientId?: string | undefined;
  campaignId?: string | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

export async function listWorkflowRuns(
  q: Queryable,
  orgId: string,
  f: WorkflowRunFilter,
): Promise<Page<WorkflowRunRow>> {
  const where: (SQL | undefined)[] = [eq(workflowRuns.orgId, orgId)];
  if (f.status?.length) where.push(inArray(workflowRuns.status, f.status));
  if (f.kind?.length) where.push(inArray(workflowRuns.kind, f.kind));
  if (f.clientId) where.push(eq(workflowRuns.clientId, f.clientId));
  if (f.campaignId) where.push(eq(workflowRuns.campaignId, f.campaignId));
  where.push(afterCursor(f.cursor, workflowRuns.startedAt, workflowRuns.id));
  const rows = await q
    .select()
    .from(workflowRuns)
    .where(and(...where))
    .orderBy(desc(workflowRuns.startedAt), desc(workflowRuns.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => ({ at: r.startedAt, id: r.id }));
}

/** Records a status transition; terminal states stamp finished_at. */
export async function setWorkflowRunStatus(
  q: Queryable,
  orgId: string,
  id: string,
  patch: {
    status: WorkflowStatus;
    currentStep?: string | null;
    waitingGate?: string | null;
    error?: string | null;
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

export interface NewActivityLog {
  orgId: string;
  workflowRunId: string;
  step: string;
  status: string;
  payloadIn?: unknown;
  payloadOut?: unknown;
  error?: string | null;
  durationMs?: number | null;
  /** When set, a second write with the same key for the run is ignored (activity retries). */
  idempotencyKey?: string | null;
}

export async function logActivity(q: Queryable, log: NewActivityLog): Promise<void> {
  await q
    .insert(activityLogs)
    .values({
      ...log,
      payloadIn: log.payloadIn ?? null,
      payloadOut: log.payloadOut ?? null,
      error: log.error ?? null,
      durationMs: log.durationMs ?? null,
      idempotencyKey: log.idempotencyKey ?? null,
    })
    .onConflictDoNothing();
}

export async function listActivityLogs(
  q: Queryable,
  orgId: string,
  runId: string,
): Promise<ActivityLogRow[]> {
  return q
    .select()
    .from(activityLogs)
    .where(and(eq(activityLogs.orgId, orgId), eq(activityLogs.workflowRunId, runId)))
    .orderBy(desc(activityLogs.createdAt), desc(activityLogs.id))
    .limit(500);
}

export interface NewApproval {
  orgId: string;
  workflowRunId: string;
  gate: string;
  decision: ApprovalDecision;
  feedback?: string | null;
  edited?: unknown;
  approvedIds?: string[];
  rejectedIds?: string[];
  artifactId?: string | null;
  decidedBy: string | null;
}

export async function recordApproval(q: Queryable, a: NewApproval): Promise<ApprovalRow> {
  const [row] = await q
    .insert(approvals)
    .values({
      ...a,
      edited: a.edited ?? null,
      feedback: a.feedback ?? null,
      artifactId: a.artifactId ?? null,
    })
    .returning();
  if (!row) throw new Error('approval insert returned no row');
  return row;
}

export async function listApprovals(q: Queryable, orgId: string, runId: string): Promise<ApprovalRow[]> {
  return q
    .select()
    .from(approvals)
    .where(and(eq(approvals.orgId, orgId), eq(approvals.workflowRunId, runId)))
    .orderBy(desc(approvals.decidedAt));
}
