import { deployPlans, deployProjects, deployRuns } from '@mos/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/routers/index';
import {
  type DeployTenant,
  deployTenant,
  finishRun,
  projectWithPlan,
  uid,
  validPlan,
} from './support/deploy';
import { createTestApp, failure, type TestApp } from './support/harness';

/**
 * deploy.* is admin-only and tenant-isolated: a member's and an operator's call of every procedure is FORBIDDEN
 * (with valid input, so nothing but the role refuses it), and another org's admin gets NOT_FOUND for every
 * procedure that takes an id, exactly like a missing id, and sees none of the owner's rows in lists. The cases are
 * checked against the router, so a new deploy procedure without a case fails here.
 */
const KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const VALUE = `sec-${crypto.randomUUID()}`;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { MOS_SECRETS_KEY: KEY } });
});
afterAll(async () => {
  await t.close();
});

type Api = ReturnType<TestApp['client']>;

async function ownedWorld(f: DeployTenant) {
  const { project, saved } = await projectWithPlan(f);
  const applied = await f.admin.deploy.applyPlan.mutate({ projectId: project.id });
  await finishRun(t, applied.runId, 'succeeded');
  return { project, plan: saved, runId: applied.runId };
}
type World = Awaited<ReturnType<typeof ownedWorld>>;

interface Case {
  path: string;
  /** A valid call on the owner's ids (made by the owner's member and operator, and by the intruder's admin). */
  call: (api: Api, w: World) => Promise<unknown>;
  /** Calls without the owner's ids: the intruder's answer must not contain these owner ids (else NOT_FOUND). */
  leaks?: (answer: unknown, w: World) => boolean;
}

const json = (v: unknown) => JSON.stringify(v);
const mentionsOwner = (a: unknown, w: World) =>
  json(a).includes(w.project.id) || json(a).includes(w.runId) || json(a).includes(w.plan.planId);

const CASES: Case[] = [
  { path: 'deploy.projects', call: (api) => api.deploy.projects.query(), leaks: mentionsOwner },
  {
    path: 'deploy.createProject',
    call: (api) => api.deploy.createProject.mutate({ name: `x-${uid()}` }),
    leaks: mentionsOwner,
  },
  {
    path: 'deploy.updateProject',
    call: (api, w) =>
      api.deploy.updateProject.mutate({ projectId: w.project.id, settings: { nginxMode: 'combined' } }),
  },
  { path: 'deploy.plan', call: (api, w) => api.deploy.plan.query({ projectId: w.project.id }) },
  {
    path: 'deploy.planVersions',
    call: (api, w) => api.deploy.planVersions.query({ projectId: w.project.id }),
  },
  {
    path: 'deploy.validatePlan',
    call: (api) => api.deploy.validatePlan.mutate({ plan: validPlan() }),
    leaks: mentionsOwner,
  },
  {
    path: 'deploy.savePlan',
    call: (api, w) => api.deploy.savePlan.mutate({ projectId: w.project.id, plan: validPlan() }),
  },
  { path: 'deploy.exportPlan', call: (api, w) => api.deploy.exportPlan.query({ projectId: w.project.id }) },
  {
    path: 'deploy.patchWorkload',
    call: (api, w) =>
      api.deploy.patchWorkload.mutate({
        projectId: w.project.id,
        patch: { name: 'web', service_config: { environment: { NODE_ENV: 'staging' } } },
      }),
  },
  {
    path: 'deploy.bootstrap',
    call: (api, w) => api.deploy.bootstrap.mutate({ projectId: w.project.id, kind: 'app' }),
  },
  { path: 'deploy.applyPlan', call: (api, w) => api.deploy.applyPlan.mutate({ projectId: w.project.id }) },
  { path: 'deploy.runs', call: (api, w) => api.deploy.runs.query({ projectId: w.project.id }) },
  { path: 'deploy.run', call: (api, w) => api.deploy.run.query({ runId: w.runId }) },
  { path: 'deploy.rollback', call: (api, w) => api.deploy.rollback.mutate({ runId: w.runId }) },
  { path: 'deploy.queue', call: (api, w) => api.deploy.queue.query({ projectId: w.project.id }) },
];

async function ownerState(w: World) {
  const db = t.database.db;
  return {
    project: (await db.select().from(deployProjects).where(eq(deployProjects.id, w.project.id)))[0]?.settings,
    plans: (await db.select().from(deployPlans).where(eq(deployPlans.projectId, w.project.id))).length,
    runs: (await db.select().from(deployRuns).where(eq(deployRuns.projectId, w.project.id))).length,
  };
}

describe('deploy.*: admin only, tenant isolated', () => {
  it('has a case for every deploy procedure of the router', () => {
    const paths = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith('deploy.'));
    expect(paths.length).toBeGreaterThanOrEqual(15);
    expect(CASES.map((c) => c.path).sort()).toEqual(paths.sort());
  });

  it('answers FORBIDDEN to a member and to an operator for every procedure, changing nothing', async () => {
    const owner = await deployTenant(t, VALUE, 'Roles');
    const world = await ownedWorld(owner);
    const before = await ownerState(world);
    const calls = t.gateway.calls.length;
    for (const [role, api] of [
      ['member', owner.member],
      ['operator', owner.operator],
    ] as const) {
      for (const c of CASES) {
        const f = await failure(c.call(api, world));
        expect({ role, path: c.path, code: f.code }).toEqual({ role, path: c.path, code: 'FORBIDDEN' });
      }
    }
    expect(await ownerState(world)).toEqual(before);
    expect(t.gateway.calls.length).toBe(calls);
  });

  it('answers NOT_FOUND to another org’s ids and never shows another org’s rows', async () => {
    const owner = await deployTenant(t, VALUE, 'Owner');
    const intruder = await deployTenant(t, VALUE, 'Intruder');
    const world = await ownedWorld(owner);
    const before = await ownerState(world);
    const calls = t.gateway.calls.length;
    for (const c of CASES) {
      if (c.leaks) {
        const answer = await c.call(intruder.admin, world);
        expect({ path: c.path, leaked: c.leaks(answer, world) }).toEqual({ path: c.path, leaked: false });
      } else {
        const f = await failure(c.call(intruder.admin, world));
        expect({ path: c.path, code: f.code }).toEqual({ path: c.path, code: 'NOT_FOUND' });
      }
    }
    expect(await ownerState(world)).toEqual(before);
    expect(t.gateway.calls.length).toBe(calls);
    // The owner's own admin reaches the same ids (so NOT_FOUND above was the org check, not bad input).
    expect((await owner.admin.deploy.run.query({ runId: world.runId })).run.id).toBe(world.runId);
    expect((await owner.admin.deploy.projects.query()).map((p) => p.id)).toEqual([world.project.id]);
  });
});
