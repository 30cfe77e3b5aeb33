import { type Plan, parsePlan } from '@mos/cloudhand/plan';
import { and, asc, desc, eq, gt, inArray, max, sql } from 'drizzle-orm';
import {
  type DeployPlanSource,
  DeployProjectSettings,
  type DeployRunKind,
  type DeployRunStatus,
} from '../contracts/deploy';
import type { Queryable, Tx } from '../db-type';
import { deployLogs, deployPlans, deployProjects, deployRuns } from '../schema/deploy';
import { users } from '../schema/users';

/** A member as people know them: name, else e-mail (null when the row names nobody or a former member). */
const memberName = sql<string | null>`coalesce(nullif(${users.name}, ''), ${users.email})`;

/**
 * Deploy projects, their versioned plans and the runs the API creates (reads and the queued insert). What the
 * worker does with a run (claim, steps, logs, host keys) is in deploy-runs.ts. Every function takes the org id and
 * filters on it, so another org's id reads like a missing one.
 */
// Named apart from deploy-runs.ts's row types (both modules are re-exported by the package index).
type DeployProjectRow = typeof deployProjects.$inferSelect;
export type DeployPlanRecord = typeof deployPlans.$inferSelect;
export type DeployRunRecord = typeof deployRuns.$inferSelect;
export type DeployLogRecord = typeof deployLogs.$inferSelect;

/** A project with its settings parsed (defaults filled for fields stored before they existed). */
export type DeployProject = Omit<DeployProjectRow, 'settings'> & { settings: DeployProjectSettings };

function withSettings(row: DeployProjectRow): DeployProject {
  return { ...row, settings: DeployProjectSettings.parse(row.settings ?? {}) };
}

/** Runs still to finish: the one applying and the ones waiting (a project's queue). */
export const DEPLOY_ACTIVE_RUN_STATUSES: DeployRunStatus[] = ['queued', 'running'];

export async function listDeployProjects(q: Queryable, orgId: string): Promise<DeployProject[]> {
  const rows = await q
    .select()
    .from(deployProjects)
    .where(eq(deployProjects.orgId, orgId))
    .orderBy(asc(deployProjects.name))
    .limit(500);
  return rows.map(withSettings);
}

export async function getDeployProject(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<DeployProject | undefined> {
  const [row] = await q
    .select()
    .from(deployProjects)
    .where(and(eq(deployProjects.orgId, orgId), eq(deployProjects.id, id)))
    .limit(1);
  return row ? withSettings(row) : undefined;
}

export async function getDeployProjectByName(
  q: Queryable,
  orgId: string,
  name: string,
): Promise<DeployProject | undefined> {
  const [row] = await q
    .select()
    .from(deployProjects)
    .where(and(eq(deployProjects.orgId, orgId), eq(deployProjects.name, name)))
    .limit(1);
  return row ? withSettings(row) : undefined;
}

/** The project row locked for the rest of the transaction: plan versions and queue positions serialize on it. */
export async function lockDeployProject(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<DeployProject | undefined> {
  const [row] = await tx
    .select()
    .from(deployProjects)
    .where(and(eq(deployProjects.orgId, orgId), eq(deployProjects.id, id)))
    .for('update');
  return row ? withSettings(row) : undefined;
}

/** Creates a project; null when the org already has one of that name. */
export async function insertDeployProject(
  q: Queryable,
  orgId: string,
  values: {
    name: string;
    description: string | null;
    settings: DeployProjectSettings;
    createdBy: string | null;
  },
): Promise<DeployProject | null> {
  const [row] = await q
    .insert(deployProjects)
    .values({
      orgId,
      name: values.name,
      description: values.description,
      settings: DeployProjectSettings.parse(values.settings),
      createdBy: values.createdBy,
    })
    .onConflictDoNothing({ target: [deployProjects.orgId, deployProjects.name] })
    .returning();
  return row ? withSettings(row) : null;
}

export async function updateDeployProject(
  q: Queryable,
  orgId: string,
  id: string,
  values: { description?: string | null; settings?: DeployProjectSettings },
): Promise<DeployProject | undefined> {
  const set: Partial<typeof deployProjects.$inferInsert> = { updatedAt: new Date() };
  if (values.description !== undefined) set.description = values.description;
  if (values.settings !== undefined) set.settings = DeployProjectSettings.parse(values.settings);
  const [row] = await q
    .update(deployProjects)
    .set(set)
    .where(and(eq(deployProjects.orgId, orgId), eq(deployProjects.id, id)))
    .returning();
  return row ? withSettings(row) : undefined;
}

/** The highest plan version of each of the org's projects (projects without plans are absent). */
export async function currentPlanVersions(q: Queryable, orgId: string): Promise<Map<string, number>> {
  const rows = await q
    .select({ projectId: deployPlans.projectId, version: max(deployPlans.version) })
    .from(deployPlans)
    .where(eq(deployPlans.orgId, orgId))
    .groupBy(deployPlans.projectId);
  return new Map(rows.flatMap((r) => (r.version === null ? [] : [[r.projectId, r.version] as const])));
}

/** The current plan (highest version) of a project, or a given version; undefined when there is none. */
export async function getDeployPlan(
  q: Queryable,
  orgId: string,
  projectId: string,
  version?: number | null,
): Promise<DeployPlanRecord | undefined> {
  const where = [eq(deployPlans.orgId, orgId), eq(deployPlans.projectId, projectId)];
  if (version !== undefined && version !== null) where.push(eq(deployPlans.version, version));
  const [row] = await q
    .select()
    .from(deployPlans)
    .where(and(...where))
    .orderBy(desc(deployPlans.version))
    .limit(1);
  return row;
}

export async function getDeployPlanById(
  q: Queryable,
  orgId: string,
  planId: string,
): Promise<DeployPlanRecord | undefined> {
  const [row] = await q
    .select()
    .from(deployPlans)
    .where(and(eq(deployPlans.orgId, orgId), eq(deployPlans.id, planId)))
    .limit(1);
  return row;
}

export interface DeployPlanVersion {
  id: string;
  version: number;
  source: string;
  note: string | null;
  createdBy: string | null;
  /** Who saved it as people know them: the member's name, else e-mail; null for the system or a former member. */
  createdByName: string | null;
  createdAt: Date;
}

/** A project's plan versions, newest first, without the plans themselves. */
export async function listDeployPlanVersions(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<DeployPlanVersion[]> {
  return q
    .select({
      id: deployPlans.id,
      version: deployPlans.version,
      source: deployPlans.source,
      note: deployPlans.note,
      createdBy: deployPlans.createdBy,
      createdByName: memberName,
      createdAt: deployPlans.createdAt,
    })
    .from(deployPlans)
    .leftJoin(users, and(eq(users.id, deployPlans.createdBy), eq(users.orgId, deployPlans.orgId)))
    .where(and(eq(deployPlans.orgId, orgId), eq(deployPlans.projectId, projectId)))
    .orderBy(desc(deployPlans.version))
    .limit(1000);
}

/**
 * Stores a plan as the project's next version. The plan is validated with `parsePlan` first (a
 * `PlanValidationError` naming every field, nothing written) and stored as parsed (defaults filled, URLs and
 * names normalised). Versions are never updated (a trigger refuses it); call with the project locked
 * (`lockDeployProject`) so two saves cannot take the same number.
 */
export async function insertDeployPlan(
  tx: Tx,
  values: {
    orgId: string;
    projectId: string;
    plan: unknown;
    source: DeployPlanSource;
    note: string | null;
    createdBy: string | null;
  },
): Promise<DeployPlanRecord & { plan: Plan }> {
  const plan = parsePlan(values.plan);
  const [top] = await tx
    .select({ version: max(deployPlans.version) })
    .from(deployPlans)
    .where(and(eq(deployPlans.orgId, values.orgId), eq(deployPlans.projectId, values.projectId)));
  const [row] = await tx
    .insert(deployPlans)
    .values({
      orgId: values.orgId,
      projectId: values.projectId,
      version: (top?.version ?? 0) + 1,
      plan,
      source: values.source,
      note: values.note,
      createdBy: values.createdBy,
    })
    .returning();
  if (!row) throw new Error('deploy plan insert returned no row');
  return { ...row, plan };
}

/**
 * A queued run of a plan version; the project's workflow picks it up when the signal arrives. Its `created_at`
 * orders the project's queue, so it is taken when the row is written (not when the transaction began, as `now()`
 * would: a request that waited for the project lock must not sort before the one it waited for) and kept strictly
 * after the project's previous run. Call with the project locked.
 */
export async function insertDeployRun(
  q: Queryable,
  values: {
    /** Chosen by the caller when a retry must find the run it created (Publish + Deploy); else generated. */
    id?: string;
    orgId: string;
    projectId: string;
    planId: string;
    kind: DeployRunKind;
    rollbackOfRunId?: string | null;
    funnelId?: string | null;
    requestedBy: string | null;
    workflowId: string;
  },
): Promise<DeployRunRecord> {
  const [row] = await q
    .insert(deployRuns)
    .values({
      ...(values.id ? { id: values.id } : {}),
      orgId: values.orgId,
      projectId: values.projectId,
      planId: values.planId,
      kind: values.kind,
      status: 'queued',
      rollbackOfRunId: values.rollbackOfRunId ?? null,
      funnelId: values.funnelId ?? null,
      requestedBy: values.requestedBy,
      workflowId: values.workflowId,
      createdAt: sql`greatest(
        clock_timestamp(),
        (select max(${deployRuns.createdAt}) + interval '1 millisecond'
         from ${deployRuns} where ${deployRuns.projectId} = ${values.projectId})
      )`,
    })
    .returning();
  if (!row) throw new Error('deploy run insert returned no row');
  return row;
}

/** A run with the version of the plan it applies. */
/** A run with its plan's version and who asked for it (name, else e-mail; null for the system or a former member). */
export type DeployRunWithVersion = DeployRunRecord & { planVersion: number; requestedByName: string | null };

const runColumns = { run: deployRuns, planVersion: deployPlans.version, requestedByName: memberName };
const flatten = (r: {
  run: DeployRunRecord;
  planVersion: number;
  requestedByName: string | null;
}): DeployRunWithVersion => ({ ...r.run, planVersion: r.planVersion, requestedByName: r.requestedByName });
/** The requester joined within the run's own org (a user id of another org never lends its name). */
const requester = and(eq(users.id, deployRuns.requestedBy), eq(users.orgId, deployRuns.orgId));
/** Runs with their plan version and requester's name; the caller adds the org-scoped filter. */
const selectRuns = (q: Queryable) =>
  q
    .select(runColumns)
    .from(deployRuns)
    .innerJoin(deployPlans, eq(deployPlans.id, deployRuns.planId))
    .leftJoin(users, requester);

export async function findDeployRun(
  q: Queryable,
  orgId: string,
  runId: string,
): Promise<DeployRunWithVersion | undefined> {
  const [row] = await selectRuns(q)
    .where(and(eq(deployRuns.orgId, orgId), eq(deployRuns.id, runId)))
    .limit(1);
  return row ? flatten(row) : undefined;
}

/** A project's runs, newest first. */
export async function listDeployRuns(
  q: Queryable,
  orgId: string,
  projectId: string,
  limit = 50,
): Promise<DeployRunWithVersion[]> {
  const rows = await selectRuns(q)
    .where(and(eq(deployRuns.orgId, orgId), eq(deployRuns.projectId, projectId)))
    .orderBy(desc(deployRuns.createdAt), desc(deployRuns.id))
    .limit(limit);
  return rows.map(flatten);
}

/** The newest run of each of the org's projects (for project lists). */
export async function latestDeployRuns(q: Queryable, orgId: string): Promise<Map<string, DeployRunRecord>> {
  const rows = await q
    .selectDistinctOn([deployRuns.projectId])
    .from(deployRuns)
    .where(eq(deployRuns.orgId, orgId))
    .orderBy(deployRuns.projectId, desc(deployRuns.createdAt), desc(deployRuns.id));
  return new Map(rows.map((r) => [r.projectId, r]));
}

/** A run's log lines after `afterSeq` (exclusive), in order, at most `limit`. */
export async function readDeployLogs(
  q: Queryable,
  orgId: string,
  runId: string,
  afterSeq = -1,
  limit = 500,
): Promise<DeployLogRecord[]> {
  return q
    .select()
    .from(deployLogs)
    .where(and(eq(deployLogs.orgId, orgId), eq(deployLogs.runId, runId), gt(deployLogs.seq, afterSeq)))
    .orderBy(asc(deployLogs.seq))
    .limit(limit);
}

/**
 * A project's queue from the database: the run applying now (or the oldest when several claim to run) and the
 * queued runs in the order they were requested.
 */
export async function deployQueue(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<{ current: DeployRunWithVersion | null; waiting: DeployRunWithVersion[] }> {
  const rows = (
    await selectRuns(q)
      .where(
        and(
          eq(deployRuns.orgId, orgId),
          eq(deployRuns.projectId, projectId),
          inArray(deployRuns.status, DEPLOY_ACTIVE_RUN_STATUSES),
        ),
      )
      .orderBy(asc(deployRuns.createdAt), asc(deployRuns.id))
      .limit(1000)
  ).map(flatten);
  const running = rows.filter((r) => r.status === 'running');
  const current = running[0] ?? null;
  return { current, waiting: rows.filter((r) => r !== current && r.status === 'queued') };
}

/** How many unfinished runs of the project there are (queued or running): a new run's place in the queue. */
export async function activeDeployRunCount(q: Queryable, orgId: string, projectId: string): Promise<number> {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(deployRuns)
    .where(
      and(
        eq(deployRuns.orgId, orgId),
        eq(deployRuns.projectId, projectId),
        inArray(deployRuns.status, DEPLOY_ACTIVE_RUN_STATUSES),
      ),
    );
  return row?.n ?? 0;
}

/** The place of a run in its project's queue: 0 applying (or next), n: n runs before it; null when finished. */
export async function deployRunPosition(
  q: Queryable,
  orgId: string,
  run: DeployRunRecord,
): Promise<number | null> {
  if (!DEPLOY_ACTIVE_RUN_STATUSES.includes(run.status as DeployRunStatus)) return null;
  const { current, waiting } = await deployQueue(q, orgId, run.projectId);
  if (current?.id === run.id) return 0;
  const index = waiting.findIndex((r) => r.id === run.id);
  if (index < 0) return null;
  return index + (current ? 1 : 0);
}

/**
 * Ends a run that never reached its workflow (Temporal refused the enqueue): `queued` → `failed` with the reason,
 * so it neither waits forever nor counts in the queue. False when the run had already left `queued`.
 */
export async function failUnsentDeployRun(
  q: Queryable,
  orgId: string,
  runId: string,
  error: string,
): Promise<boolean> {
  const rows = await q
    .update(deployRuns)
    .set({ status: 'failed', error, finishedAt: new Date() })
    .where(and(eq(deployRuns.orgId, orgId), eq(deployRuns.id, runId), eq(deployRuns.status, 'queued')))
    .returning({ id: deployRuns.id });
  return rows.length > 0;
}
