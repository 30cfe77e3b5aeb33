import {
  type ApplicationSpecInput,
  bootstrapPlan,
  mosWorkerPlan,
  type Plan,
  type PlanIssue,
  PlanPatchError,
  PlanValidationError,
  patchWorkload,
  safeParsePlan,
  secretRefs,
} from '@mos/cloudhand/plan';
import {
  type DeployPlanRecord,
  getDeployPlan,
  insertDeployPlan,
  listDeployPlanVersions,
  type Tx,
  writeAudit,
} from '@mos/db';
import type { DeployPlanSource } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type {
  DeployBootstrap,
  DeployPlanRef,
  DeployPlanSave,
  DeployPlanValidate,
  DeployProjectRef,
  DeployWorkloadPatch,
} from '../../schemas/deploy';
import type { ServiceCtx } from '../context';
import {
  assertSecretsExist,
  lockProject,
  missingSecretIssues,
  planIssuesError,
  planPathSegments,
  requireProject,
} from './shared';

/** A stored version; `issues` re-checks it against today's plan model (empty for every plan saved by it). */
function planView(row: DeployPlanRecord) {
  const check = safeParsePlan(row.plan);
  return toJson({
    projectId: row.projectId,
    planId: row.id,
    version: row.version,
    source: row.source,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    plan: row.plan as Plan,
    issues: check.ok ? [] : check.issues,
  });
}

/** The current plan (highest version) or the version asked for; null when the project has no plan yet. */
export async function getPlan({ ctx, input }: { ctx: ServiceCtx; input: DeployPlanRef }) {
  const project = await requireProject(ctx, input.projectId);
  const row = await getDeployPlan(ctx.db, ctx.member.orgId, project.id, input.version);
  if (!row) {
    if (input.version) throw DomainError.notFound('plan version');
    return null;
  }
  return planView(row);
}

export async function listPlanVersions({ ctx, input }: { ctx: ServiceCtx; input: DeployProjectRef }) {
  const project = await requireProject(ctx, input.projectId);
  return toJson(await listDeployPlanVersions(ctx.db, ctx.member.orgId, project.id));
}

/**
 * Checks a plan without storing it: every problem at its field, including secret references the org lacks, and
 * the secret names it references (for the editor's secrets panel).
 */
export async function checkPlan({ ctx, input }: { ctx: ServiceCtx; input: DeployPlanValidate }) {
  const parsed = safeParsePlan(input.plan);
  if (!parsed.ok) return { ok: false as const, issues: parsed.issues, secretRefs: [] as string[] };
  const missing = await missingSecretIssues(ctx, parsed.plan.new_spec);
  return {
    ok: missing.length === 0,
    issues: missing,
    secretRefs: secretRefs(parsed.plan.new_spec),
  };
}

/**
 * Validates and stores a plan as the project's next version, with its audit record, inside the caller's
 * transaction (project locked). A plan the model refuses, or one naming a secret the org lacks, is a VALIDATION
 * error naming each field, and nothing is written.
 */
async function storeVersion(
  ctx: ServiceCtx,
  tx: Tx,
  v: {
    projectId: string;
    plan: unknown;
    source: DeployPlanSource;
    note: string | null;
    audit?: Record<string, unknown>;
  },
): Promise<DeployPlanRecord> {
  const orgId = ctx.member.orgId;
  const parsed = safeParsePlan(v.plan);
  if (!parsed.ok) throw planIssuesError(parsed.issues);
  await assertSecretsExist({ db: tx, member: ctx.member }, parsed.plan.new_spec);
  let row: DeployPlanRecord;
  try {
    row = await insertDeployPlan(tx, {
      orgId,
      projectId: v.projectId,
      plan: parsed.plan,
      source: v.source,
      note: v.note,
      createdBy: ctx.member.userId,
    });
  } catch (err) {
    if (err instanceof PlanValidationError) throw planIssuesError(err.issues);
    throw err;
  }
  await writeAudit(tx, {
    orgId,
    actorUserId: ctx.member.userId,
    action: 'deploy.plan.save',
    targetType: 'deploy_project',
    targetId: v.projectId,
    data: {
      projectId: v.projectId,
      planId: row.id,
      version: row.version,
      source: v.source,
      secretRefs: secretRefs(parsed.plan.new_spec),
      ...v.audit,
    },
  });
  return row;
}

export async function saveNewPlanVersion({ ctx, input }: { ctx: ServiceCtx; input: DeployPlanSave }) {
  return ctx.db.transaction(async (tx) => {
    const project = await lockProject(ctx, tx, input.projectId);
    const row = await storeVersion(ctx, tx, {
      projectId: project.id,
      plan: input.plan,
      source: input.source,
      note: input.note ?? null,
    });
    return planView(row);
  });
}

/** The plan file for the CLI (`ch validate|apply <file>`): pretty JSON with a trailing newline. */
export async function exportPlanFile({ ctx, input }: { ctx: ServiceCtx; input: DeployPlanRef }) {
  const project = await requireProject(ctx, input.projectId);
  const row = await getDeployPlan(ctx.db, ctx.member.orgId, project.id, input.version);
  if (!row) throw DomainError.notFound(input.version ? 'plan version' : 'plan');
  return {
    projectId: project.id,
    version: row.version,
    fileName: `${project.name}-v${row.version}.json`,
    text: `${JSON.stringify(row.plan, null, 2)}\n`,
  };
}

/** The problems, at their fields, of an error the plan operations raise; null for anything else. */
function planOperationIssues(err: unknown): PlanIssue[] | null {
  if (err instanceof PlanValidationError || err instanceof PlanPatchError) return err.issues;
  return null;
}

const WORKLOAD_FIELD = /^new_spec\.instances\[\d+\]\.workloads\[\d+\]\.?(.*)$/;
const snakeToCamel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * Where a plan operation's problem belongs in the input: a workload field → under `patch` (or `workload`), an
 * option (`instance_name`, `relay_server_name`) → its camelCase input field, anything else → the plan.
 */
function inputIssuesError(issues: PlanIssue[], workloadField: 'patch' | 'workload'): DomainError {
  const error = planIssuesError(issues, []);
  error.issues.forEach((issue, i) => {
    const path = issues[i]?.path ?? '';
    const workload = WORKLOAD_FIELD.exec(path);
    if (workload) issue.path = [workloadField, ...planPathSegments(workload[1] ?? '')];
    else if (path.startsWith('patch')) issue.path = ['patch', ...planPathSegments(path).slice(1)];
    else if (!path.startsWith('new_spec'))
      issue.path = planPathSegments(path).map((p) => (typeof p === 'string' ? snakeToCamel(p) : p));
    else issue.path = ['plan', ...planPathSegments(path)];
  });
  return error;
}

/**
 * Deep-merges a workload patch into the current plan by workload name (or adds it) and stores the result as a
 * new version (reference §8 `patch_workload_in_plan`; versions are never changed in place).
 */
export async function patchPlanWorkload({ ctx, input }: { ctx: ServiceCtx; input: DeployWorkloadPatch }) {
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    const project = await lockProject(ctx, tx, input.projectId);
    const current = await getDeployPlan(tx, orgId, project.id);
    if (!current) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        'projectId: the project has no plan yet; bootstrap or save one',
        {
          issues: [{ path: ['projectId'], message: 'has no plan yet', reason: 'no_plan' }],
        },
      );
    }
    let result: ReturnType<typeof patchWorkload>;
    try {
      result = patchWorkload(current.plan as Plan, input.patch, {
        instanceName: input.instanceName ?? null,
        createIfMissing: input.createIfMissing,
      });
    } catch (err) {
      const issues = planOperationIssues(err);
      if (issues) throw inputIssuesError(issues, 'patch');
      throw err;
    }
    const row = await storeVersion(ctx, tx, {
      projectId: project.id,
      plan: result.plan,
      source: 'patch',
      note: input.note ?? null,
      audit: {
        baseVersion: current.version,
        workload: String(input.patch.name),
        created: result.created,
        updatedCount: result.updatedCount,
        instance: result.instance,
      },
    });
    return {
      ...planView(row),
      baseVersion: current.version,
      updatedCount: result.updatedCount,
      created: result.created,
      instance: result.instance,
      instances: result.instances,
    };
  });
}

/**
 * The project's first plan: the original's first-run plan (network, server, firewall, optionally a workload) or
 * MOS's own worker host. CONFLICT when the project has plans already (then patch or save a version).
 */
export async function bootstrapProject({ ctx, input }: { ctx: ServiceCtx; input: DeployBootstrap }) {
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    const project = await lockProject(ctx, tx, input.projectId);
    if (await getDeployPlan(tx, orgId, project.id)) {
      throw new DomainError(
        'CONFLICT',
        'projectId: the project has plans already; patch or save a new version',
        {
          issues: [{ path: ['projectId'], message: 'has plans already', reason: 'has_plans' }],
        },
      );
    }
    const server = {
      ...(input.instanceName ? { instanceName: input.instanceName } : {}),
      ...(input.region ? { region: input.region } : {}),
      ...(input.size ? { size: input.size } : {}),
    };
    let plan: Plan;
    try {
      plan =
        input.kind === 'app'
          ? // The workload is any JSON object here; the plan model checks it with the rest of the plan.
            bootstrapPlan({ ...server, workload: (input.workload ?? null) as ApplicationSpecInput | null })
          : mosWorkerPlan({
              ...server,
              repoUrl: input.repoUrl,
              relayServerName: input.relayServerName,
              funnelServerNames: input.funnelServerNames,
              https: input.https,
              ...(input.branch ? { branch: input.branch } : {}),
            });
    } catch (err) {
      const issues = planOperationIssues(err);
      if (issues) throw inputIssuesError(issues, 'workload');
      throw err;
    }
    const row = await storeVersion(ctx, tx, {
      projectId: project.id,
      plan,
      source: 'bootstrap',
      note: input.kind === 'app' ? 'first-run plan' : 'MOS worker host',
      audit: { kind: input.kind },
    });
    return planView(row);
  });
}
