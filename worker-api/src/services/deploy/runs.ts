import { safeParsePlan } from '@mos/cloudhand/plan';
import {
  activeDeployRunCount,
  type DeployPlanRecord,
  type DeployProject,
  type DeployRunRecord,
  deployQueue,
  deployRunPosition,
  failUnsentDeployRun,
  findDeployRun,
  getDeployPlan,
  getDeployPlanById,
  insertDeployRun,
  listDeployRuns,
  readDeployLogs,
  type Tx,
  writeAudit,
} from '@mos/db';
import {
  DEPLOY_WORKFLOW_TYPE,
  type DeployEnqueueSignal,
  type DeployProjectInput,
  type DeployRunKind,
  deployWorkflowId,
  SIGNAL_DEPLOY_ENQUEUE,
} from '@mos/db/contracts';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type {
  DeployApply,
  DeployProjectRef,
  DeployRollback,
  DeployRunRef,
  DeployRuns,
} from '../../schemas/deploy';
import type { ServiceCtx } from '../context';
import { fromGatewayError } from '../workflows/gateway-errors';
import { assertRunSecretsExist, lockProject, planIssuesError, requireProject, runView } from './shared';

/** At most this many log lines per `deploy.run` answer; the caller pages on with `afterSeq`. */
const DEPLOY_LOG_PAGE = 500;

/**
 * Records a queued run of a plan version inside the caller's transaction, with the project row locked (so queue
 * positions are exact): the plan is checked again (model, secret references and the project's own secrets, at
 * their fields), then the `queued` row and its audit record are written. `dispatchRun` hands it to the workflow
 * after the commit.
 */
async function recordRun(
  ctx: ServiceCtx,
  tx: Tx,
  v: {
    project: DeployProject;
    plan: DeployPlanRecord;
    kind: DeployRunKind;
    rollbackOf?: DeployRunRecord;
  },
) {
  const orgId = ctx.member.orgId;
  const checked = safeParsePlan(v.plan.plan);
  if (!checked.ok) throw planIssuesError(checked.issues);
  await assertRunSecretsExist({ db: tx, member: ctx.member }, v.project, checked.plan.new_spec);
  const workflowId = deployWorkflowId(orgId, v.project.id);
  const position = await activeDeployRunCount(tx, orgId, v.project.id);
  const run = await insertDeployRun(tx, {
    orgId,
    projectId: v.project.id,
    planId: v.plan.id,
    kind: v.kind,
    rollbackOfRunId: v.rollbackOf?.id ?? null,
    requestedBy: ctx.member.userId,
    workflowId,
  });
  await writeAudit(tx, {
    orgId,
    actorUserId: ctx.member.userId,
    action: v.kind === 'rollback' ? 'deploy.rollback' : 'deploy.apply',
    targetType: 'deploy_run',
    targetId: run.id,
    data: {
      projectId: v.project.id,
      runId: run.id,
      planId: v.plan.id,
      version: v.plan.version,
      position,
      ...(v.rollbackOf ? { rollbackOfRunId: v.rollbackOf.id } : {}),
    },
  });
  return {
    runId: run.id,
    projectId: v.project.id,
    position,
    queued: position > 0,
    version: v.plan.version,
    workflowId,
  };
}
type RecordedRun = Awaited<ReturnType<typeof recordRun>>;

/**
 * Signal-starts the project's workflow with `enqueue` once the run row is committed: the workflow claims the run by
 * id at once, and a claim must never find it missing. When Temporal refuses, the run ends `failed` with the reason
 * (it never waits in the queue) and the caller gets UNAVAILABLE.
 */
async function dispatchRun(ctx: ServiceCtx, recorded: RecordedRun) {
  const orgId = ctx.member.orgId;
  const input: DeployProjectInput = { orgId, projectId: recorded.projectId };
  const signal: DeployEnqueueSignal = { runId: recorded.runId };
  try {
    await ctx.gateway.signalWithStart({
      workflowType: DEPLOY_WORKFLOW_TYPE,
      workflowId: recorded.workflowId,
      taskQueue: ctx.taskQueue,
      args: [input],
      memo: { orgId, projectId: recorded.projectId },
      signal: SIGNAL_DEPLOY_ENQUEUE,
      signalArgs: [signal],
    });
  } catch (err) {
    // Best effort: the gateway's error is the one the caller needs, even if this write fails too.
    await failUnsentDeployRun(
      ctx.db,
      orgId,
      recorded.runId,
      'the deploy workflow could not be reached; nothing was applied',
    ).catch(() => false);
    throw fromGatewayError(err, 'the run was not queued and is recorded as failed');
  }
  const { projectId: _projectId, ...answer } = recorded;
  return answer;
}

/**
 * Applies the current plan (or a given version): a queued run, position 0 when nothing else of the project is
 * queued or running, n when n runs are ahead of it (`queued: true`, it waits in the project's workflow).
 */
export async function queueApplyRun({ ctx, input }: { ctx: ServiceCtx; input: DeployApply }) {
  const recorded = await ctx.db.transaction(async (tx) => {
    const project = await lockProject(ctx, tx, input.projectId);
    const plan = await getDeployPlan(tx, ctx.member.orgId, project.id, input.version);
    if (!plan) {
      if (input.version) throw DomainError.notFound('plan version');
      throw new DomainError('PRECONDITION_FAILED', 'projectId: the project has no plan to apply', {
        issues: [{ path: ['projectId'], message: 'has no plan yet', reason: 'no_plan' }],
      });
    }
    return recordRun(ctx, tx, { project, plan, kind: 'apply' });
  });
  return dispatchRun(ctx, recorded);
}

/**
 * Goes back to what a succeeded run deployed: a new `rollback` run of that run's plan, naming it, so the worker
 * restores its releases (one link switch per workload) instead of building again.
 */
export async function rollbackRun({ ctx, input }: { ctx: ServiceCtx; input: DeployRollback }) {
  const orgId = ctx.member.orgId;
  const source = await findDeployRun(ctx.db, orgId, input.runId);
  if (!source) throw DomainError.notFound('deploy run');
  const recorded = await ctx.db.transaction(async (tx) => {
    const project = await lockProject(ctx, tx, source.projectId);
    if (source.status !== 'succeeded') {
      throw new DomainError(
        'CONFLICT',
        `runId: only a succeeded run can be rolled back to (this one ${source.status})`,
        {
          issues: [
            { path: ['runId'], message: `is ${source.status}, not succeeded`, reason: 'run_not_succeeded' },
          ],
        },
      );
    }
    const plan = await getDeployPlanById(tx, orgId, source.planId);
    if (!plan) throw DomainError.notFound('plan version');
    return recordRun(ctx, tx, { project, plan, kind: 'rollback', rollbackOf: source });
  });
  return { ...(await dispatchRun(ctx, recorded)), rollbackOfRunId: source.id };
}

export async function listRuns({ ctx, input }: { ctx: ServiceCtx; input: DeployRuns }) {
  const project = await requireProject(ctx, input.projectId);
  const orgId = ctx.member.orgId;
  const [runs, queue] = await Promise.all([
    listDeployRuns(ctx.db, orgId, project.id, input.limit),
    deployQueue(ctx.db, orgId, project.id),
  ]);
  const positions = new Map<string, number>();
  if (queue.current) positions.set(queue.current.id, 0);
  queue.waiting.forEach((r, i) => {
    positions.set(r.id, i + (queue.current ? 1 : 0));
  });
  return runs.map((r) => runView(r, positions.get(r.id) ?? null));
}

/**
 * A run with its steps, server IPs and access URLs, and its log lines after `afterSeq` (at most 500; `nextSeq`
 * to ask from next). Logs were masked by the worker before they were stored.
 */
export async function getRun({ ctx, input }: { ctx: ServiceCtx; input: DeployRunRef }) {
  const orgId = ctx.member.orgId;
  const run = await findDeployRun(ctx.db, orgId, input.runId);
  if (!run) throw DomainError.notFound('deploy run');
  const afterSeq = input.afterSeq ?? -1;
  const [logs, position] = await Promise.all([
    readDeployLogs(ctx.db, orgId, run.id, afterSeq, DEPLOY_LOG_PAGE + 1),
    deployRunPosition(ctx.db, orgId, run),
  ]);
  const page = logs.slice(0, DEPLOY_LOG_PAGE);
  return {
    run: runView(run, position),
    logs: toJson(page.map((l) => ({ seq: l.seq, step: l.step, level: l.level, line: l.line, at: l.at }))),
    nextSeq: page.at(-1)?.seq ?? afterSeq,
    moreLogs: logs.length > DEPLOY_LOG_PAGE,
  };
}

/** The project's queue as the database has it: the run applying now and the runs waiting, in order. */
export async function projectQueue({ ctx, input }: { ctx: ServiceCtx; input: DeployProjectRef }) {
  const project = await requireProject(ctx, input.projectId);
  const { current, waiting } = await deployQueue(ctx.db, ctx.member.orgId, project.id);
  const offset = current ? 1 : 0;
  return {
    projectId: project.id,
    current: current ? runView(current, 0) : null,
    waiting: waiting.map((r, i) => runView(r, i + offset)),
  };
}
