import type { DesiredStateSpec, PlanIssue } from '@mos/cloudhand/plan';
import {
  type DeployProject,
  type DeployRunRecord,
  type DeployRunWithVersion,
  getDeployProject,
  listSecrets,
  lockDeployProject,
  type Queryable,
  type Tx,
} from '@mos/db';
import { DeployStep } from '@mos/db/contracts';
import * as z from 'zod';
import { DomainError, type FieldIssue } from '../../errors';
import { toJson } from '../../lib/json';

/** What the lookups need: a database or an open transaction, and the caller's org. */
export interface Scope {
  db: Queryable;
  member: { orgId: string };
}

export async function requireProject(ctx: Scope, projectId: string): Promise<DeployProject> {
  const project = await getDeployProject(ctx.db, ctx.member.orgId, projectId);
  if (!project) throw DomainError.notFound('deploy project');
  return project;
}

/** The project row locked for the rest of the transaction: plan versions and queue positions serialize on it. */
export async function lockProject(ctx: Scope, tx: Tx, projectId: string): Promise<DeployProject> {
  const project = await lockDeployProject(tx, ctx.member.orgId, projectId);
  if (!project) throw DomainError.notFound('deploy project');
  return project;
}

/** `new_spec.instances[0].workloads[1].repo_url` → `['new_spec', 'instances', 0, 'workloads', 1, 'repo_url']`. */
export function planPathSegments(path: string): (string | number)[] {
  if (path === '(plan)') return [];
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/**
 * A plan's problems as one VALIDATION error (BAD_REQUEST), each issue at its field under `at` (the input field
 * that carried the plan), the message naming the first ones with their plan paths.
 */
export function planIssuesError(issues: PlanIssue[], at: (string | number)[] = ['plan']): DomainError {
  const fieldIssues: FieldIssue[] = issues.slice(0, 100).map((i) => ({
    path: [...at, ...planPathSegments(i.path)],
    message: i.message,
    reason: 'invalid_plan',
  }));
  const shown = issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return new DomainError('VALIDATION', `the plan is not valid: ${shown}${more}`, { issues: fieldIssues });
}

/**
 * Every `{ "secret": NAME }` environment value whose secret the org does not have, at its plan field. Plans hold
 * only names; the value is read by the worker at the last moment, so a missing one is refused here, early.
 */
export async function missingSecretIssues(
  ctx: Scope,
  spec: DesiredStateSpec,
  known?: Set<string>,
): Promise<PlanIssue[]> {
  const names = known ?? new Set((await listSecrets(ctx.db, ctx.member.orgId)).map((s) => s.name));
  const issues: PlanIssue[] = [];
  spec.instances.forEach((inst, i) => {
    inst.workloads.forEach((w, j) => {
      for (const [key, value] of Object.entries(w.service_config.environment)) {
        if (typeof value === 'string' || names.has(value.secret)) continue;
        issues.push({
          path: `new_spec.instances[${i}].workloads[${j}].service_config.environment.${key}`,
          message: `names the secret ${value.secret}, which this organization does not have (set it under Secrets)`,
        });
      }
    });
  });
  return issues;
}

export async function assertSecretsExist(ctx: Scope, spec: DesiredStateSpec): Promise<void> {
  const issues = await missingSecretIssues(ctx, spec);
  if (issues.length > 0) {
    const error = planIssuesError(issues);
    for (const issue of error.issues) issue.reason = 'secret_missing';
    throw error;
  }
}

/**
 * Before a run is queued: the secrets the plan references and the ones the project's settings name for the apply
 * itself (the Hetzner token, a git token when set) exist in the org, each missing one named at its field. The SSH
 * key's secret is created on the first apply, so it may be missing.
 */
export async function assertRunSecretsExist(
  ctx: Scope,
  project: DeployProject,
  spec: DesiredStateSpec,
): Promise<void> {
  const names = new Set((await listSecrets(ctx.db, ctx.member.orgId)).map((s) => s.name));
  const plan = await missingSecretIssues(ctx, spec, names);
  const error = planIssuesError(plan);
  const settings: [keyof DeployProject['settings'], string | null][] = [
    ['hcloudTokenSecret', project.settings.hcloudTokenSecret],
    ['gitTokenSecret', project.settings.gitTokenSecret],
  ];
  for (const [field, name] of settings) {
    if (name === null || names.has(name)) continue;
    error.issues.push({
      path: ['settings', field],
      message: `names the secret ${name}, which this organization does not have (set it under Secrets)`,
    });
  }
  if (error.issues.length === 0) return;
  for (const issue of error.issues) issue.reason = 'secret_missing';
  const shown = error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 5);
  throw new DomainError('VALIDATION', `secrets missing: ${shown.join('; ')}`, { issues: error.issues });
}

/** The project as the API answers it: settings hold secret names only. */
export function projectView(
  project: DeployProject,
  extra: { currentVersion: number | null; lastRun: DeployRunRecord | null },
) {
  const last = extra.lastRun;
  return toJson({
    id: project.id,
    name: project.name,
    description: project.description,
    settings: project.settings,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    currentVersion: extra.currentVersion,
    lastRun: last
      ? {
          id: last.id,
          kind: last.kind,
          status: last.status,
          createdAt: last.createdAt,
          finishedAt: last.finishedAt,
        }
      : null,
  });
}

const Steps = z.array(DeployStep);
const ServerIps = z.record(z.string(), z.string());
const Urls = z.array(z.string());

/**
 * A run as the API answers it. Steps, server IPs and URLs are parsed (a malformed column reads as empty, not as a
 * 500); the resolved spec and releases stay out (secret names and server paths the UI does not show).
 */
export function runView(run: DeployRunWithVersion, position: number | null) {
  return toJson({
    id: run.id,
    projectId: run.projectId,
    planId: run.planId,
    planVersion: run.planVersion,
    kind: run.kind,
    status: run.status,
    rollbackOfRunId: run.rollbackOfRunId,
    funnelId: run.funnelId,
    requestedBy: run.requestedBy,
    requestedByName: run.requestedByName,
    steps: Steps.safeParse(run.steps).data ?? [],
    serverIps: ServerIps.safeParse(run.serverIps).data ?? {},
    accessUrls: Urls.safeParse(run.accessUrls).data ?? [],
    error: run.error,
    workflowId: run.workflowId,
    position,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  });
}
