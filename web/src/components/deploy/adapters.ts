import { formatPath, type PlanIssue } from '@mos/cloudhand/plan';
import { DEPLOY_RUN_STATUSES, type DeployRunStatus, DeployStep } from '@mos/db/contracts';
import * as z from 'zod';
import { type FieldIssue, fieldIssuesOf } from '@/lib/errors';
import type { RouterOutputs } from '@/lib/trpc';
import type { DeployLogLineView, DeployProjectView, DeployRunView, PlanVersionView } from './types';

/**
 * `deploy.*` answers mapped onto the deploy components' props: the one place that knows the API's field names, so
 * the components stay testable without it.
 */
type ProjectOut = RouterOutputs['deploy']['projects'][number];
type RunOut = RouterOutputs['deploy']['runs'][number];
type VersionOut = RouterOutputs['deploy']['planVersions'][number];
type LogOut = RouterOutputs['deploy']['run']['logs'][number];

/**
 * Who did it, as History and Versions say it: "you" for the caller, else the API's name for the user (name, else
 * e-mail), else nothing.
 */
export function whoDid(
  userId: string | null | undefined,
  name: string | null | undefined,
  me: { userId: string } | undefined,
): string | null {
  if (userId && me && userId === me.userId) return 'you';
  return name ?? null;
}

const status = (s: string): DeployRunStatus =>
  (DEPLOY_RUN_STATUSES as readonly string[]).includes(s) ? (s as DeployRunStatus) : 'failed';
const iso = (d: string | Date | null | undefined): string | null =>
  d == null ? null : typeof d === 'string' ? d : d.toISOString();

export function projectView(p: ProjectOut): DeployProjectView {
  return {
    id: p.id,
    name: p.name,
    description: p.description ?? null,
    planVersion: p.currentVersion ?? null,
    lastRun: p.lastRun
      ? { id: p.lastRun.id, status: status(p.lastRun.status), createdAt: iso(p.lastRun.createdAt) ?? '' }
      : null,
    createdAt: iso(p.createdAt) ?? '',
  };
}

const Steps = z.array(DeployStep);

export function runView(r: RunOut, me: { userId: string } | undefined): DeployRunView {
  return {
    id: r.id,
    kind: r.kind,
    status: status(r.status),
    planVersion: r.planVersion ?? null,
    steps: Steps.safeParse(r.steps).data ?? [],
    accessUrls: r.accessUrls ?? [],
    error: r.error ?? null,
    rollbackOfRunId: r.rollbackOfRunId ?? null,
    requestedBy: whoDid(r.requestedBy, r.requestedByName, me),
    createdAt: iso(r.createdAt) ?? '',
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
  };
}

export function versionView(v: VersionOut, me: { userId: string } | undefined): PlanVersionView {
  return {
    version: v.version,
    source: v.source,
    note: v.note ?? null,
    createdBy: whoDid(v.createdBy, v.createdByName, me),
    createdAt: iso(v.createdAt) ?? '',
  };
}

export function logView(l: LogOut): DeployLogLineView {
  return { seq: l.seq, step: l.step, level: l.level, line: l.line, at: iso(l.at) ?? '' };
}

/**
 * The plan problems of a refused save or check: the API reports them under the input field that carried the plan
 * (`['plan', 'new_spec', 'instances', 0, …]`); the editor locates them by the plan model's own path format.
 */
export function planIssuesOfError(err: unknown): PlanIssue[] {
  return fieldIssuesOf(err)
    .filter((i: FieldIssue) => i.path[0] === 'plan')
    .map((i) => ({ path: formatPath(i.path.slice(1)), message: i.message }));
}
