import type { Masker } from '@mos/cloudhand/mask';
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import {
  type DeployLogLevel,
  type DeployRelease,
  type DeployRunStatus,
  type DeployStep,
  deployWorkflowId,
} from '../contracts/deploy';
import type { Db, Queryable } from '../db-type';
import { deployHostKeys, deployLogs, deployRuns } from '../schema/deploy';
import { writeAudit } from './audit';
import { getDeployPlanById, insertDeployPlan, insertDeployRun, lockDeployProject } from './deploy-projects';

/*
 * What the deploy worker does with runs (org-scoped, like every query): claim a queued run, keep its steps, stream
 * masked log lines, store what the apply resolved (spec with ports, server IPs, access URLs, releases), finish it,
 * and pin SSH host keys. The API side (projects, plans, creating queued runs) is `deploy-projects.ts`.
 */

export type DeployRunRow = typeof deployRuns.$inferSelect;
export type DeployLogRow = typeof deployLogs.$inferSelect;

export async function getDeployRun(q: Queryable, orgId: string, runId: string): Promise<DeployRunRow | null> {
  const [row] = await q
    .select()
    .from(deployRuns)
    .where(and(eq(deployRuns.orgId, orgId), eq(deployRuns.id, runId)));
  return row ?? null;
}

/**
 * The project's next run for its workflow, in the order the runs were requested (`created_at`, as the API shows
 * the queue): a run already `running` first (the workflow died or retried mid-run: it resumes), else the oldest
 * `queued` one, claimed (`running`, started now). The signal that woke the workflow only says "look"; the
 * database says what runs next. Also answers the ids still queued behind it, in order.
 */
export async function claimNextDeployRun(
  db: Db,
  orgId: string,
  input: { projectId: string; workflowId: string; now: Date },
): Promise<{ run: DeployRunRow | null; waiting: string[] }> {
  return db.transaction(async (tx) => {
    // Serialized with the API's inserts and with another claim (the project row is the queue's lock).
    await lockDeployProject(tx, orgId, input.projectId);
    const scope = and(eq(deployRuns.orgId, orgId), eq(deployRuns.projectId, input.projectId));
    const order = [asc(deployRuns.createdAt), asc(deployRuns.id)] as const;
    const [running] = await tx
      .select()
      .from(deployRuns)
      .where(and(scope, eq(deployRuns.status, 'running')))
      .orderBy(...order)
      .limit(1);
    let run: DeployRunRow | null = running ?? null;
    if (!run) {
      const [next] = await tx
        .select({ id: deployRuns.id })
        .from(deployRuns)
        .where(and(scope, eq(deployRuns.status, 'queued')))
        .orderBy(...order)
        .limit(1);
      if (next) {
        const [claimed] = await tx
          .update(deployRuns)
          .set({ status: 'running', startedAt: input.now, workflowId: input.workflowId })
          .where(and(scope, eq(deployRuns.id, next.id)))
          .returning();
        run = claimed ?? null;
      }
    }
    const queued = await tx
      .select({ id: deployRuns.id })
      .from(deployRuns)
      .where(and(scope, eq(deployRuns.status, 'queued')))
      .orderBy(...order)
      .limit(200);
    return { run, waiting: queued.map((r) => r.id) };
  });
}

/** Locks the run row for the rest of the transaction: steps and log sequence numbers are read-modify-write. */
async function lockRun(q: Queryable, orgId: string, runId: string): Promise<DeployRunRow> {
  const [row] = await q
    .select()
    .from(deployRuns)
    .where(and(eq(deployRuns.orgId, orgId), eq(deployRuns.id, runId)))
    .for('update');
  if (!row) throw new DeployRunNotFoundError(runId);
  return row;
}

export class DeployRunNotFoundError extends Error {
  readonly reason = 'not_found';
  constructor(runId: string) {
    super(`deploy run ${runId} not found`);
    this.name = 'DeployRunNotFoundError';
  }
}

/**
 * Sets the run's plan of steps (once it knows its instances): a step already stored keeps its state, and stored
 * steps the list does not name stay, first.
 */
export async function setDeploySteps(
  q: Queryable,
  orgId: string,
  runId: string,
  steps: DeployStep[],
): Promise<DeployStep[]> {
  return q.transaction(async (tx) => {
    const row = await lockRun(tx, orgId, runId);
    const stored = (row.steps as DeployStep[] | null) ?? [];
    const listed = new Set(steps.map((s) => s.key));
    const next = [
      ...stored.filter((s) => !listed.has(s.key)),
      ...steps.map((s) => stored.find((o) => o.key === s.key) ?? s),
    ];
    await tx
      .update(deployRuns)
      .set({ steps: next })
      .where(and(eq(deployRuns.orgId, orgId), eq(deployRuns.id, runId)));
    return next;
  });
}

/**
 * Updates one step by key (appended when the list does not have it yet); the other fields keep their values unless
 * given. Returns the steps as stored.
 */
export async function updateDeployStep(
  q: Queryable,
  orgId: string,
  runId: string,
  key: string,
  patch: Partial<Omit<DeployStep, 'key'>>,
): Promise<DeployStep[]> {
  return q.transaction(async (tx) => {
    const row = await lockRun(tx, orgId, runId);
    const steps = [...((row.steps as DeployStep[] | null) ?? [])];
    const i = steps.findIndex((s) => s.key === key);
    const base: DeployStep = steps[i] ?? {
      key,
      label: key,
      status: 'pending',
      startedAt: null,
      finishedAt: null,
      detail: null,
    };
    const next: DeployStep = { ...base, ...patch, key };
    if (i >= 0) steps[i] = next;
    else steps.push(next);
    await tx
      .update(deployRuns)
      .set({ steps })
      .where(and(eq(deployRuns.orgId, orgId), eq(deployRuns.id, runId)));
    return steps;
  });
}

export interface NewDeployLogLine {
  step: string;
  level: DeployLogLevel;
  line: string;
}

/**
 * Appends log lines to a run, each masked by `mask` before it is written (the masker is required, so no caller
 * can store a line unmasked). `seq` continues the run's numbering (1, 2, 3…), serialized on the run row.
 */
export async function appendDeployLogs(
  q: Queryable,
  orgId: string,
  runId: string,
  lines: NewDeployLogLine[],
  mask: Masker,
): Promise<number> {
  if (lines.length === 0) return 0;
  return q.transaction(async (tx) => {
    await lockRun(tx, orgId, runId);
    const [last] = await tx
      .select({ seq: max(deployLogs.seq) })
      .from(deployLogs)
      .where(and(eq(deployLogs.orgId, orgId), eq(deployLogs.runId, runId)));
    const start = (last?.seq ?? 0) + 1;
    await tx.insert(deployLogs).values(
      lines.map((l, i) => ({
        orgId,
        runId,
        seq: start + i,
        step: l.step,
        level: l.level,
        line: mask(l.line).slice(0, 8000),
      })),
    );
    return start + lines.length - 1;
  });
}

/** The spec as this run applies it (ports assigned, secrets still by name). */
export async function storeResolvedSpec(
  q: Queryable,
  orgId: string,
  runId: string,
  spec: unknown,
): Promise<void> {
  await q
    .update(deployRuns)
    .set({ resolvedSpec: spec })
    .where(and(eq(deployRuns.orgId, orgId), eq(deployRuns.id, runId)));
}

export async function storeServerIps(
  q: Queryable,
  orgId: string,
  runId: string,
  serverIps: Record<string, string>,
): Promise<void> {
  await q
    .update(deployRuns)
    .set({ serverIps })
    .where(and(eq(deployRuns.orgId, orgId), eq(deployRuns.id, runId)));
}

/**
 * Records what one instance runs after this run: its releases replace any recorded for the same instance and
 * workload (a retried step records once), its access URLs join the run's.
 */
export async function recordDeployReleases(
  q: Queryable,
  orgId: string,
  runId: string,
  releases: DeployRelease[],
  accessUrls: string[],
): Promise<void> {
  await q.transaction(async (tx) => {
    const row = await lockRun(tx, orgId, runId);
    const mine = new Set(releases.map((r) => `${r.instance}\u0000${r.workload}`));
    const kept = ((row.releases as DeployRelease[] | null) ?? []).filter(
      (r) => !mine.has(`${r.instance}\u0000${r.workload}`),
    );
    const urls = [...new Set([...((row.accessUrls as string[] | null) ?? []), ...accessUrls])];
    await tx
      .update(deployRuns)
      .set({ releases: [...kept, ...releases], accessUrls: urls })
      .where(and(eq(deployRuns.orgId, orgId), eq(deployRuns.id, runId)));
  });
}

/**
 * Ends a run (`succeeded` or `failed` with its error) with an audit row (`deploy.run.succeeded` / `failed`), once:
 * a run already finished is returned unchanged and audited no second time.
 */
export async function finishDeployRun(
  q: Queryable,
  orgId: string,
  input: {
    runId: string;
    status: Extract<DeployRunStatus, 'succeeded' | 'failed'>;
    error: string | null;
    now: Date;
  },
): Promise<DeployRunRow | null> {
  return q.transaction(async (tx) => {
    const [row] = await tx
      .update(deployRuns)
      .set({ status: input.status, error: input.error, finishedAt: input.now })
      .where(
        and(
          eq(deployRuns.orgId, orgId),
          eq(deployRuns.id, input.runId),
          inArray(deployRuns.status, ['queued', 'running']),
        ),
      )
      .returning();
    if (!row) return getDeployRun(tx, orgId, input.runId);
    await writeAudit(tx, {
      orgId,
      actorUserId: row.requestedBy,
      action: `deploy.run.${input.status}`,
      targetType: 'deploy_run',
      targetId: row.id,
      data: {
        projectId: row.projectId,
        planId: row.planId,
        kind: row.kind,
        funnelId: row.funnelId,
        error: input.error,
        accessUrls: row.accessUrls,
      },
    });
    return row;
  });
}

/** The project's last succeeded run (before `before` when given): what a rollback goes back to by default. */
export async function lastSucceededDeployRun(
  q: Queryable,
  orgId: string,
  projectId: string,
  opts: { excludeRunId?: string } = {},
): Promise<DeployRunRow | null> {
  const rows = await q
    .select()
    .from(deployRuns)
    .where(
      and(
        eq(deployRuns.orgId, orgId),
        eq(deployRuns.projectId, projectId),
        eq(deployRuns.status, 'succeeded'),
      ),
    )
    .orderBy(desc(deployRuns.finishedAt))
    .limit(2);
  return rows.find((r) => r.id !== opts.excludeRunId) ?? null;
}

/**
 * The releases a rollback restores: those of the run it names, which must be the project's and have succeeded;
 * null otherwise.
 */
export async function rollbackSourceRun(
  q: Queryable,
  orgId: string,
  projectId: string,
  runId: string,
): Promise<DeployRunRow | null> {
  const row = await getDeployRun(q, orgId, runId);
  if (!row || row.projectId !== projectId || row.status !== 'succeeded') return null;
  return row;
}

/**
 * cloudhand's `HostKeyStore` over `deploy_host_keys` for one project: the fingerprint pinned at first contact per
 * `host:port`. A second pin of another fingerprint (two first contacts racing) keeps the first and throws.
 */
export function deployHostKeyStore(
  q: Queryable,
  orgId: string,
  projectId: string,
): { get(host: string): Promise<string | null>; pin(host: string, fingerprint: string): Promise<void> } {
  const get = async (host: string) => {
    const [row] = await q
      .select({ fingerprint: deployHostKeys.fingerprint })
      .from(deployHostKeys)
      .where(
        and(
          eq(deployHostKeys.orgId, orgId),
          eq(deployHostKeys.projectId, projectId),
          eq(deployHostKeys.host, host),
        ),
      );
    return row?.fingerprint ?? null;
  };
  return {
    get,
    async pin(host, fingerprint) {
      await q
        .insert(deployHostKeys)
        .values({ orgId, projectId, host, fingerprint })
        .onConflictDoNothing({ target: [deployHostKeys.projectId, deployHostKeys.host] });
      const pinned = await get(host);
      if (pinned !== fingerprint) throw new HostKeyMismatchError(host, pinned ?? '(none)', fingerprint);
    },
  };
}

export class HostKeyMismatchError extends Error {
  readonly reason = 'host_key_mismatch';
  constructor(host: string, pinned: string, offered: string) {
    super(`host key of ${host} is ${offered}, but ${pinned} is pinned`);
    this.name = 'HostKeyMismatchError';
  }
}

/**
 * Publish + Deploy's plan and run (FunnelPublish's deploy branch), in one transaction: a new plan version from
 * `plan` (source `funnel_publish`) and a queued apply run with the funnel, under the id the workflow chose, so a
 * retried activity finds the run it created instead of making a second one.
 */
export async function createFunnelDeployRun(
  q: Db,
  orgId: string,
  input: {
    runId: string;
    projectId: string;
    funnelId: string;
    plan: unknown;
    note: string;
    requestedBy: string | null;
  },
): Promise<{ run: DeployRunRow; planVersion: number; created: boolean }> {
  return q.transaction(async (tx) => {
    const existing = await getDeployRun(tx, orgId, input.runId);
    if (existing) {
      const plan = await getDeployPlanById(tx, orgId, existing.planId);
      return { run: existing, planVersion: plan?.version ?? 0, created: false };
    }
    // The project's plan versions serialize on its row (deploy-projects' rule for every plan write).
    const project = await lockDeployProject(tx, orgId, input.projectId);
    if (!project) throw new DeployRunNotFoundError(`project ${input.projectId}`);
    const plan = await insertDeployPlan(tx, {
      orgId,
      projectId: input.projectId,
      plan: input.plan,
      source: 'funnel_publish',
      note: input.note,
      createdBy: input.requestedBy,
    });
    const version = plan.version;
    const run = await insertDeployRun(tx, {
      id: input.runId,
      orgId,
      projectId: input.projectId,
      planId: plan.id,
      kind: 'apply',
      funnelId: input.funnelId,
      requestedBy: input.requestedBy,
      workflowId: deployWorkflowId(orgId, input.projectId),
    });
    await writeAudit(tx, {
      orgId,
      actorUserId: input.requestedBy,
      action: 'deploy.apply',
      targetType: 'deploy_run',
      targetId: run.id,
      data: {
        projectId: input.projectId,
        planVersion: version,
        funnelId: input.funnelId,
        source: 'funnel_publish',
      },
    });
    return { run, planVersion: version, created: true };
  });
}
