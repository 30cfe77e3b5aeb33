import { and, desc, eq, getTableColumns, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { ArtifactSource, ArtifactStatus, ArtifactType } from '../artifacts/index';
import type { Queryable } from '../db-type';
import { campaigns } from '../schema/campaigns';
import { clients } from '../schema/clients';
import type { ApprovalDecision } from '../schema/enums';
import { workflowRuns } from '../schema/workflow-runs';
import { afterCursor, type Page, toPage } from './pagination';
import type { WorkflowRunFilter, WorkflowRunRow } from './workflow-runs';

/** Timestamps inside json_agg documents, in the exact form `Date#toISOString` gives. */
const isoAt = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const { input: _input, ...runListColumns } = getTableColumns(workflowRuns);

/** A run as list views show it: without its (possibly large) input, with client and campaign names. */
export type WorkflowRunListItem = Omit<WorkflowRunRow, 'input'> & {
  clientName: string | null;
  campaignName: string | null;
};

export interface WorkflowRunListFilter extends WorkflowRunFilter {
  /** true: only runs waiting at a gate; false: only runs not waiting. */
  waiting?: boolean | undefined;
}

/** An org's runs, newest first, keyset-paginated, names joined in the same statement. */
export async function listWorkflowRunsWithNames(
  q: Queryable,
  orgId: string,
  f: WorkflowRunListFilter,
): Promise<Page<WorkflowRunListItem>> {
  const where: (SQL | undefined)[] = [eq(workflowRuns.orgId, orgId)];
  if (f.status?.length) where.push(inArray(workflowRuns.status, f.status));
  if (f.kind?.length) where.push(inArray(workflowRuns.kind, f.kind));
  if (f.clientId) where.push(eq(workflowRuns.clientId, f.clientId));
  if (f.campaignId) where.push(eq(workflowRuns.campaignId, f.campaignId));
  if (f.waiting === true) where.push(eq(workflowRuns.status, 'waiting_for_approval'));
  if (f.waiting === false) where.push(ne(workflowRuns.status, 'waiting_for_approval'));
  where.push(afterCursor(f.cursor, workflowRuns.startedAt, workflowRuns.id));
  const rows = await q
    .select({ ...runListColumns, clientName: clients.name, campaignName: campaigns.name })
    .from(workflowRuns)
    // The org condition on the joins keeps a (corrupt) cross-org reference from leaking a name.
    .leftJoin(clients, and(eq(clients.id, workflowRuns.clientId), eq(clients.orgId, workflowRuns.orgId)))
    .leftJoin(
      campaigns,
      and(eq(campaigns.id, workflowRuns.campaignId), eq(campaigns.orgId, workflowRuns.orgId)),
    )
    .where(and(...where))
    .orderBy(desc(workflowRuns.startedAt), desc(workflowRuns.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => ({ at: r.startedAt, id: r.id }));
}

export interface RunLogItem {
  id: string;
  step: string;
  status: string;
  payloadIn: unknown;
  payloadOut: unknown;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
}

export interface RunApprovalItem {
  id: string;
  gate: string;
  decision: ApprovalDecision;
  feedback: string | null;
  edited: unknown;
  approvedIds: string[];
  rejectedIds: string[];
  artifactId: string | null;
  decidedBy: string | null;
  decidedByEmail: string | null;
  decidedByName: string | null;
  decidedAt: string;
}

export interface RunArtifactItem {
  id: string;
  type: ArtifactType;
  version: number;
  status: ArtifactStatus;
  source: ArtifactSource;
  stepKey: string | null;
  clientId: string | null;
  campaignId: string | null;
  data: unknown;
  createdAt: string;
  approvedAt: string | null;
}

export interface WorkflowRunDetail {
  run: WorkflowRunRow & { clientName: string | null; campaignName: string | null };
  /** Newest first (at most 500). */
  logs: RunLogItem[];
  /** Newest first. */
  approvals: RunApprovalItem[];
  /** Artifacts the run wrote, newest first (at most 100). */
  artifacts: RunArtifactItem[];
}

/**
 * A run with its names, logs, approvals and artifacts in ONE statement (correlated json_agg subqueries), so the
 * detail page costs one round trip however much the run has written.
 */
export async function getWorkflowRunDetail(
  q: Queryable,
  orgId: string,
  runId: string,
): Promise<WorkflowRunDetail | undefined> {
  // Written out qualified: correlated subqueries must not depend on how drizzle renders a column.
  const runIdCol = sql.raw('"workflow_runs"."id"');
  const [row] = await q
    .select({
      run: getTableColumns(workflowRuns),
      clientName: clients.name,
      campaignName: campaigns.name,
      logs: sql<RunLogItem[]>`(
        select coalesce(json_agg(json_build_object(
          'id', l.id, 'step', l.step, 'status', l.status, 'payloadIn', l.payload_in, 'payloadOut', l.payload_out,
          'error', l.error, 'durationMs', l.duration_ms, 'createdAt', ${isoAt('l.created_at')}
        ) order by l.created_at desc, l.id desc), '[]'::json)
        from (
          select * from activity_logs
          where activity_logs.org_id = ${orgId} and activity_logs.workflow_run_id = ${runIdCol}
          order by activity_logs.created_at desc, activity_logs.id desc limit 500
        ) l)`,
      approvals: sql<RunApprovalItem[]>`(
        select coalesce(json_agg(json_build_object(
          'id', a.id, 'gate', a.gate, 'decision', a.decision, 'feedback', a.feedback, 'edited', a.edited,
          'approvedIds', a.approved_ids, 'rejectedIds', a.rejected_ids, 'artifactId', a.artifact_id,
          'decidedBy', a.decided_by, 'decidedByEmail', u.email, 'decidedByName', u.name,
          'decidedAt', ${isoAt('a.decided_at')}
        ) order by a.decided_at desc, a.id desc), '[]'::json)
        from approvals a left join users u on u.id = a.decided_by
        where a.org_id = ${orgId} and a.workflow_run_id = ${runIdCol})`,
      artifacts: sql<RunArtifactItem[]>`(
        select coalesce(json_agg(json_build_object(
          'id', x.id, 'type', x.type, 'version', x.version, 'status', x.status, 'source', x.source,
          'stepKey', x.step_key, 'clientId', x.client_id, 'campaignId', x.campaign_id, 'data', x.data,
          'createdAt', ${isoAt('x.created_at')}, 'approvedAt', ${isoAt('x.approved_at')}
        ) order by x.created_at desc, x.id desc), '[]'::json)
        from (
          select * from artifacts
          where artifacts.org_id = ${orgId} and artifacts.workflow_run_id = ${runIdCol}
          order by artifacts.created_at desc, artifacts.id desc limit 100
        ) x)`,
    })
    .from(workflowRuns)
    .leftJoin(clients, and(eq(clients.id, workflowRuns.clientId), eq(clients.orgId, workflowRuns.orgId)))
    .leftJoin(
      campaigns,
      and(eq(campaigns.id, workflowRuns.campaignId), eq(campaigns.orgId, workflowRuns.orgId)),
    )
    .where(and(eq(workflowRuns.orgId, orgId), eq(workflowRuns.id, runId)))
    .limit(1);
  if (!row) return undefined;
  return {
    run: { ...row.run, clientName: row.clientName, campaignName: row.campaignName },
    logs: row.logs,
    approvals: row.approvals,
    artifacts: row.artifacts,
  };
}

/**
 * Marks a run cancelled only while it is still active, so a concurrent terminal status written by the worker
 * (completed, failed) is never overwritten. Returns whether the row changed.
 */
export async function cancelActiveWorkflowRun(q: Queryable, orgId: string, runId: string): Promise<boolean> {
  const rows = await q
    .update(workflowRuns)
    .set({ status: 'cancelled', waitingGate: null, finishedAt: new Date() })
    .where(
      and(
        eq(workflowRuns.orgId, orgId),
        eq(workflowRuns.id, runId),
        inArray(workflowRuns.status, ['running', 'waiting_for_approval']),
      ),
    )
    .returning({ id: workflowRuns.id });
  return rows.length > 0;
}

export interface CreativeProductionContext {
  campaign: { id: string; clientId: string; name: string };
  /** The subset of the asked experiment ids that belong to the campaign. */
  experimentIds: string[];
  hasApprovedAssetBrief: boolean;
  hasApprovedExperimentSpec: boolean;
}

/**
 * Everything creatives.produce checks before starting, in one statement: the campaign (org-scoped), which of the
 * given experiments belong to it, and whether it has approved briefs or experiment specs.
 */
export async function getCreativeProductionContext(
  q: Queryable,
  orgId: string,
  campaignId: string,
  experimentIds: string[],
): Promise<CreativeProductionContext | undefined> {
  // Outer columns are written out qualified: drizzle renders a single-table select's columns unqualified.
  const approved = (type: ArtifactType) => sql<boolean>`exists(
    select 1 from artifacts a
    where a.org_id = ${orgId} and a.campaign_id = "campaigns"."id" and a.type = ${type} and a.status = 'approved')`;
  const ids = experimentIds.length
    ? sql<string[]>`coalesce((
        select array_agg(e.id::text) from experiments e
        where e.org_id = ${orgId} and e.campaign_id = "campaigns"."id"
          and e.id::text in (${sql.join(
            experimentIds.map((id) => sql`${id}`),
            sql`, `,
          )})), '{}')`
    : sql<string[]>`'{}'::text[]`;
  const [row] = await q
    .select({
      id: campaigns.id,
      clientId: campaigns.clientId,
      name: campaigns.name,
      experimentIds: ids,
      hasApprovedAssetBrief: approved('asset_brief'),
      hasApprovedExperimentSpec: approved('experiment_spec'),
    })
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)))
    .limit(1);
  if (!row) return undefined;
  return {
    campaign: { id: row.id, clientId: row.clientId, name: row.name },
    experimentIds: row.experimentIds,
    hasApprovedAssetBrief: row.hasApprovedAssetBrief,
    hasApprovedExperimentSpec: row.hasApprovedExperimentSpec,
  };
}
