import {
  currentPlanVersions,
  getDeployPlan,
  insertDeployProject,
  latestDeployRuns,
  listDeployProjects,
  listDeployRuns,
  updateDeployProject,
  writeAudit,
} from '@mos/db';
import { DeployProjectSettings } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import type { DeployProjectCreate, DeployProjectUpdate } from '../../schemas/deploy';
import type { ServiceCtx } from '../context';
import { lockProject, projectView } from './shared';

/** The org's deploy projects by name, each with its current plan version and latest run. */
export async function listProjects({ ctx }: { ctx: ServiceCtx }) {
  const orgId = ctx.member.orgId;
  const [projects, versions, runs] = await Promise.all([
    listDeployProjects(ctx.db, orgId),
    currentPlanVersions(ctx.db, orgId),
    latestDeployRuns(ctx.db, orgId),
  ]);
  return projects.map((p) =>
    projectView(p, { currentVersion: versions.get(p.id) ?? null, lastRun: runs.get(p.id) ?? null }),
  );
}

/** A new project (no plan yet: bootstrap or save one). CONFLICT when the org has a project of that name. */
export async function addProject({ ctx, input }: { ctx: ServiceCtx; input: DeployProjectCreate }) {
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    const project = await insertDeployProject(tx, orgId, {
      name: input.name,
      description: input.description ?? null,
      settings: input.settings ?? DeployProjectSettings.parse({}),
      createdBy: ctx.member.userId,
    });
    if (!project) {
      throw new DomainError('CONFLICT', `name: a deploy project named ${input.name} exists already`, {
        issues: [{ path: ['name'], message: 'is taken by another project', reason: 'name_taken' }],
      });
    }
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'deploy.project.create',
      targetType: 'deploy_project',
      targetId: project.id,
      data: { name: project.name, settings: project.settings },
    });
    return projectView(project, { currentVersion: null, lastRun: null });
  });
}

/** Changes the description and settings (secret names, nginx mode, certbot e-mail); unnamed fields keep theirs. */
export async function editProject({ ctx, input }: { ctx: ServiceCtx; input: DeployProjectUpdate }) {
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    const project = await lockProject(ctx, tx, input.projectId);
    const settings =
      input.settings === undefined
        ? undefined
        : DeployProjectSettings.parse({ ...project.settings, ...stripUndefined(input.settings) });
    const updated = await updateDeployProject(tx, orgId, project.id, {
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(settings ? { settings } : {}),
    });
    if (!updated) throw DomainError.notFound('deploy project');
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'deploy.project.update',
      targetType: 'deploy_project',
      targetId: project.id,
      data: {
        fields: [
          ...(input.description !== undefined ? ['description'] : []),
          ...Object.keys(stripUndefined(input.settings ?? {})).map((k) => `settings.${k}`),
        ],
        settings: updated.settings,
      },
    });
    const [plan, runs] = await Promise.all([
      getDeployPlan(tx, orgId, project.id),
      listDeployRuns(tx, orgId, project.id, 1),
    ]);
    return projectView(updated, { currentVersion: plan?.version ?? null, lastRun: runs[0] ?? null });
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
