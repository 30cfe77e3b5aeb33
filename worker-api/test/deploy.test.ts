import { auditLog, deployPlans, deployRuns, listAudit, users } from '@mos/db';
import {
  DEPLOY_WORKFLOW_TYPE,
  DeployProjectSettings,
  deployWorkflowId,
  SIGNAL_DEPLOY_ENQUEUE,
} from '@mos/db/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployTenant, finishRun, insertLogs, projectWithPlan, uid, validPlan } from './support/deploy';
import type { GatewayCall } from './support/gateway';
import { createTestApp, failure, fieldPaths, type TestApp } from './support/harness';

/**
 * deploy.* for admins against PGlite and the recording gateway: projects, plan versions validated by the plan
 * model (errors at their fields, nothing written), immutable versions, secret references that must exist, apply and
 * rollback queued per project through signal-with-start, runs with steps and paged logs, audit records, and no
 * secret value in any answer.
 */
const KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const SECRET_VALUE = `tok-${crypto.randomUUID()}-never-shown`;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { MOS_SECRETS_KEY: KEY } });
});
afterAll(async () => {
  await t.close();
});

const signalStarts = (calls: GatewayCall[]) =>
  calls.flatMap((c) => (c.op === 'signalWithStart' ? [c.req] : []));

async function planRows(projectId: string) {
  return t.database.db
    .select({ version: deployPlans.version })
    .from(deployPlans)
    .where(eq(deployPlans.projectId, projectId));
}

describe('deploy projects', () => {
  it('creates, lists and updates projects (settings merged, names unique per org), with audit records', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const created = await f.admin.deploy.createProject.mutate({ name: 'shop', description: 'Shop' });
    expect(created).toMatchObject({
      name: 'shop',
      description: 'Shop',
      settings: DeployProjectSettings.parse({}),
      currentVersion: null,
      lastRun: null,
    });
    const taken = await failure(f.admin.deploy.createProject.mutate({ name: 'shop' }));
    expect(taken.code).toBe('CONFLICT');
    expect(fieldPaths(taken)).toEqual(['name']);
    const bad = await failure(f.admin.deploy.createProject.mutate({ name: 'Shop Two' }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(fieldPaths(bad)).toEqual(['name']);

    const updated = await f.admin.deploy.updateProject.mutate({
      projectId: created.id,
      settings: { nginxMode: 'combined', gitTokenSecret: 'GIT_TOKEN' },
    });
    expect(updated.settings).toEqual({
      ...DeployProjectSettings.parse({}),
      nginxMode: 'combined',
      gitTokenSecret: 'GIT_TOKEN',
    });
    expect(updated.description).toBe('Shop');
    const again = await f.admin.deploy.updateProject.mutate({
      projectId: created.id,
      description: null,
      settings: { certbotEmail: 'ops@agency.test' },
    });
    expect(again.settings).toMatchObject({ nginxMode: 'combined', certbotEmail: 'ops@agency.test' });
    expect(again.description).toBeNull();
    const badSettings = await failure(
      f.admin.deploy.updateProject.mutate({
        projectId: created.id,
        settings: { hcloudTokenSecret: 'lower' },
      }),
    );
    expect(fieldPaths(badSettings)).toEqual(['settings.hcloudTokenSecret']);

    const listed = await f.admin.deploy.projects.query();
    expect(listed.map((p) => [p.name, p.currentVersion])).toEqual([['shop', null]]);
    const actions = (await listAudit(t.database.db, f.orgId, { targetId: created.id })).map((a) => a.action);
    expect(actions.sort()).toEqual([
      'deploy.project.create',
      'deploy.project.update',
      'deploy.project.update',
    ]);
  });
});

describe('deploy plans', () => {
  it('refuses an invalid plan with every problem at its field and writes nothing', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const project = await f.admin.deploy.createProject.mutate({ name: `p-${uid()}` });
    const plan = validPlan();
    const workload = plan.new_spec.instances[0]?.workloads[0] as Record<string, unknown>;
    delete workload.repo_url;
    workload.service_config = { environment: {} };
    (plan.new_spec.networks[0] as Record<string, unknown>).cidr = '10.0.0.0/99';
    const auditBefore = (await listAudit(t.database.db, f.orgId)).length;

    const refused = await failure(f.admin.deploy.savePlan.mutate({ projectId: project.id, plan }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(fieldPaths(refused).sort()).toEqual([
      'plan.new_spec.instances.0.workloads.0.repo_url',
      'plan.new_spec.instances.0.workloads.0.service_config.command',
      'plan.new_spec.networks.0.cidr',
    ]);
    expect(refused.message).toContain('new_spec.instances[0].workloads[0].repo_url');
    expect(await planRows(project.id)).toEqual([]);
    expect((await listAudit(t.database.db, f.orgId)).length).toBe(auditBefore);

    const notJson = await failure(f.admin.deploy.savePlan.mutate({ projectId: project.id, plan: 'nope' }));
    expect(notJson.code).toBe('BAD_REQUEST');
    expect(fieldPaths(notJson)).toEqual(['plan']);

    const checked = await f.admin.deploy.validatePlan.mutate({ plan });
    expect(checked.ok).toBe(false);
    expect(checked.issues.map((i) => i.path).sort()).toEqual([
      'new_spec.instances[0].workloads[0].repo_url',
      'new_spec.instances[0].workloads[0].service_config.command',
      'new_spec.networks[0].cidr',
    ]);
    const good = await f.admin.deploy.validatePlan.mutate({ plan: validPlan() });
    expect(good).toEqual({ ok: true, issues: [], secretRefs: ['API_TOKEN'] });
  });

  it('refuses a reference to a secret the org does not have, naming the env field (save, validate)', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const project = await f.admin.deploy.createProject.mutate({ name: `p-${uid()}` });
    const plan = validPlan({ env: { DB_URL: { secret: 'DATABASE_URL' } } });
    const refused = await failure(f.admin.deploy.savePlan.mutate({ projectId: project.id, plan }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(fieldPaths(refused)).toEqual([
      'plan.new_spec.instances.0.workloads.0.service_config.environment.DB_URL',
    ]);
    expect(refused.message).toContain('DATABASE_URL');
    expect(await planRows(project.id)).toEqual([]);
    const checked = await f.admin.deploy.validatePlan.mutate({ plan });
    expect(checked).toMatchObject({
      ok: false,
      issues: [{ path: 'new_spec.instances[0].workloads[0].service_config.environment.DB_URL' }],
      secretRefs: ['API_TOKEN', 'DATABASE_URL'],
    });
    // Another org's secret of that name does not count.
    const other = await deployTenant(t, SECRET_VALUE, 'Other');
    await other.admin.secrets.set.mutate({ name: 'DATABASE_URL', value: 'postgres://x' });
    expect((await failure(f.admin.deploy.savePlan.mutate({ projectId: project.id, plan }))).code).toBe(
      'BAD_REQUEST',
    );
    await f.admin.secrets.set.mutate({ name: 'DATABASE_URL', value: 'postgres://y' });
    const saved = await f.admin.deploy.savePlan.mutate({ projectId: project.id, plan });
    expect(saved.version).toBe(1);
  });

  it('stores versions 1, 2, 3 (current = highest), reads any version, exports it, and never changes one', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const { project, saved } = await projectWithPlan(f);
    expect(saved).toMatchObject({ projectId: project.id, version: 1, source: 'editor', issues: [] });
    // Stored as parsed: the model's defaults are filled in.
    expect(saved.plan.new_spec.instances[0]?.workloads[0]?.branch).toBe('main');
    const v2 = await f.admin.deploy.savePlan.mutate({
      projectId: project.id,
      plan: validPlan({ workload: 'api' }),
      note: 'rename',
      source: 'import',
    });
    const v3 = await f.admin.deploy.savePlan.mutate({
      projectId: project.id,
      plan: validPlan({ workload: 'shop' }),
    });
    expect([v2.version, v3.version]).toEqual([2, 3]);
    expect(v2).toMatchObject({ note: 'rename', source: 'import' });

    const current = await f.admin.deploy.plan.query({ projectId: project.id });
    expect(current?.version).toBe(3);
    expect(current?.plan.new_spec.instances[0]?.workloads[0]?.name).toBe('shop');
    const first = await f.admin.deploy.plan.query({ projectId: project.id, version: 1 });
    expect(first?.plan.new_spec.instances[0]?.workloads[0]?.name).toBe('web');
    expect((await failure(f.admin.deploy.plan.query({ projectId: project.id, version: 9 }))).code).toBe(
      'NOT_FOUND',
    );
    const versions = await f.admin.deploy.planVersions.query({ projectId: project.id });
    expect(versions.map((v) => [v.version, v.source])).toEqual([
      [3, 'editor'],
      [2, 'import'],
      [1, 'editor'],
    ]);
    const exported = await f.admin.deploy.exportPlan.query({ projectId: project.id, version: 2 });
    expect(exported.fileName).toBe(`${project.name}-v2.json`);
    expect(JSON.parse(exported.text)).toEqual(v2.plan);
    expect(exported.text.endsWith('\n')).toBe(true);
    expect((await f.admin.deploy.projects.query()).find((p) => p.id === project.id)?.currentVersion).toBe(3);

    // Immutable: the trigger refuses changing a stored plan, even for the database owner.
    const change = t.database.db
      .update(deployPlans)
      .set({ plan: validPlan({ workload: 'hijack' }) })
      .where(eq(deployPlans.id, saved.planId));
    await expect(change).rejects.toThrow();
    const renumber = t.database.db
      .update(deployPlans)
      .set({ version: 7 })
      .where(eq(deployPlans.id, saved.planId));
    await expect(renumber).rejects.toThrow();
    const again = await f.admin.deploy.plan.query({ projectId: project.id, version: 1 });
    expect(again?.plan).toEqual(saved.plan);

    const audit = (await listAudit(t.database.db, f.orgId, { targetId: project.id }))
      .filter((a) => a.action === 'deploy.plan.save')
      .map((a) => a.data as { version: number; source: string; secretRefs: string[] });
    expect(audit.map((a) => a.version).sort()).toEqual([1, 2, 3]);
    expect(audit[0]?.secretRefs).toEqual(['API_TOKEN']);
  });

  it('answers null for a project without a plan, and apply of it is PRECONDITION_FAILED', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const project = await f.admin.deploy.createProject.mutate({ name: `p-${uid()}` });
    expect(await f.admin.deploy.plan.query({ projectId: project.id })).toBeNull();
    expect((await failure(f.admin.deploy.exportPlan.query({ projectId: project.id }))).code).toBe(
      'NOT_FOUND',
    );
    const apply = await failure(f.admin.deploy.applyPlan.mutate({ projectId: project.id }));
    expect(apply.code).toBe('PRECONDITION_FAILED');
    expect(fieldPaths(apply)).toEqual(['projectId']);
  });
});

describe('deploy runs', () => {
  it('queues two applies at positions 0 and 1 through signal-with-start of the project workflow', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const { project } = await projectWithPlan(f);
    const before = t.gateway.calls.length;
    const one = await f.admin.deploy.applyPlan.mutate({ projectId: project.id });
    const two = await f.admin.deploy.applyPlan.mutate({ projectId: project.id, version: 1 });
    expect([one.position, one.queued, two.position, two.queued]).toEqual([0, false, 1, true]);
    const workflowId = deployWorkflowId(f.orgId, project.id);
    const starts = signalStarts(t.gateway.calls.slice(before));
    expect(starts).toHaveLength(2);
    for (const [i, req] of starts.entries()) {
      expect(req).toMatchObject({
        workflowType: DEPLOY_WORKFLOW_TYPE,
        workflowId,
        taskQueue: 'mos',
        args: [{ orgId: f.orgId, projectId: project.id }],
        signal: SIGNAL_DEPLOY_ENQUEUE,
        signalArgs: [{ runId: [one.runId, two.runId][i] }],
      });
    }
    expect(t.gateway.isRunning(workflowId)).toBe(true);

    const queue = await f.admin.deploy.queue.query({ projectId: project.id });
    expect(queue.current).toBeNull();
    expect(queue.waiting.map((r) => [r.id, r.position])).toEqual([
      [one.runId, 0],
      [two.runId, 1],
    ]);
    // The worker claims the first: it is current, the second waits at 1.
    await finishRun(t, one.runId, 'running');
    const running = await f.admin.deploy.queue.query({ projectId: project.id });
    expect(running.current?.id).toBe(one.runId);
    expect(running.waiting.map((r) => [r.id, r.position])).toEqual([[two.runId, 1]]);
    const third = await f.admin.deploy.applyPlan.mutate({ projectId: project.id });
    expect(third.position).toBe(2);

    const runs = await f.admin.deploy.runs.query({ projectId: project.id });
    expect(runs.map((r) => [r.id, r.kind, r.status, r.planVersion, r.position])).toEqual([
      [third.runId, 'apply', 'queued', 1, 2],
      [two.runId, 'apply', 'queued', 1, 1],
      [one.runId, 'apply', 'running', 1, 0],
    ]);
    const audit = (await listAudit(t.database.db, f.orgId))
      .filter((a) => a.action === 'deploy.apply')
      .map((a) => a.data as { runId: string; version: number; position: number; projectId: string });
    expect(audit.map((a) => [a.runId, a.position]).sort()).toEqual(
      [
        [one.runId, 0],
        [two.runId, 1],
        [third.runId, 2],
      ].sort(),
    );
    expect(audit.every((a) => a.projectId === project.id && a.version === 1)).toBe(true);
  });

  it('signals the workflow only once the queued run is committed (its claim must find the row)', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const { project } = await projectWithPlan(f);
    const seen: unknown[] = [];
    t.gateway.beforeSignalWithStart = async (req) => {
      // A read outside the API's transaction: it sees the run only if it was committed before the signal.
      const runId = (req.signalArgs[0] as { runId: string }).runId;
      const rows = await t.database.db.select().from(deployRuns).where(eq(deployRuns.id, runId));
      seen.push(...rows.map((r) => r.status));
    };
    try {
      await f.admin.deploy.applyPlan.mutate({ projectId: project.id });
    } finally {
      t.gateway.beforeSignalWithStart = null;
    }
    expect(seen).toEqual(['queued']);
  });

  it('records a run Temporal refused as failed (never waiting in the queue) and answers UNAVAILABLE', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const { project } = await projectWithPlan(f);
    t.gateway.failNext();
    const refused = await failure(f.admin.deploy.applyPlan.mutate({ projectId: project.id }));
    expect(refused.code).toBe('SERVICE_UNAVAILABLE');
    const rows = await t.database.db.select().from(deployRuns).where(eq(deployRuns.projectId, project.id));
    expect(rows.map((r) => [r.status, r.error])).toEqual([
      ['failed', 'the deploy workflow could not be reached; nothing was applied'],
    ]);
    expect(await f.admin.deploy.queue.query({ projectId: project.id })).toMatchObject({
      current: null,
      waiting: [],
    });
    // The next request is first in line again.
    expect((await f.admin.deploy.applyPlan.mutate({ projectId: project.id })).position).toBe(0);
  });

  it('refuses to apply a plan whose secret was deleted since it was saved, naming the env field', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const { project } = await projectWithPlan(f);
    await f.admin.secrets.delete.mutate({ name: 'API_TOKEN' });
    const before = t.gateway.calls.length;
    const refused = await failure(f.admin.deploy.applyPlan.mutate({ projectId: project.id }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toContain('API_TOKEN');
    expect(fieldPaths(refused)).toEqual([
      'plan.new_spec.instances.0.workloads.0.service_config.environment.API_TOKEN',
    ]);
    expect(signalStarts(t.gateway.calls.slice(before))).toEqual([]);
    expect(await t.database.db.select().from(deployRuns).where(eq(deployRuns.projectId, project.id))).toEqual(
      [],
    );
  });

  it('refuses to apply while the project’s Hetzner token or git token secret is missing, naming the setting', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const { project } = await projectWithPlan(f);
    await f.admin.deploy.updateProject.mutate({
      projectId: project.id,
      settings: { hcloudTokenSecret: 'HETZNER_PROD', gitTokenSecret: 'GH_TOKEN' },
    });
    const refused = await failure(f.admin.deploy.applyPlan.mutate({ projectId: project.id }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(fieldPaths(refused).sort()).toEqual(['settings.gitTokenSecret', 'settings.hcloudTokenSecret']);
    await f.admin.secrets.set.mutate({ name: 'HETZNER_PROD', value: 'h' });
    expect(fieldPaths(await failure(f.admin.deploy.applyPlan.mutate({ projectId: project.id })))).toEqual([
      'settings.gitTokenSecret',
    ]);
    await f.admin.secrets.set.mutate({ name: 'GH_TOKEN', value: 'g' });
    expect((await f.admin.deploy.applyPlan.mutate({ projectId: project.id })).position).toBe(0);
  });

  it('answers a run with steps, IPs, URLs and its log lines after a sequence number, 500 at a time', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const { project } = await projectWithPlan(f);
    const { runId } = await f.admin.deploy.applyPlan.mutate({ projectId: project.id });
    const steps = [
      {
        key: 'terraform',
        label: 'Terraform apply',
        status: 'succeeded' as const,
        startedAt: '2026-01-01T00:00:00.000Z',
        finishedAt: '2026-01-01T00:01:00.000Z',
        detail: null,
      },
      {
        key: 'server:app-1',
        label: 'Deploy to app-1',
        status: 'running' as const,
        startedAt: '2026-01-01T00:01:00.000Z',
        finishedAt: null,
        detail: null,
      },
    ];
    await finishRun(t, runId, 'running', {
      steps,
      serverIps: { 'app-1': '203.0.113.7' },
      accessUrls: ['http://203.0.113.7:24567/'],
    });
    await insertLogs(t, f.orgId, runId, 620);
    const first = await f.admin.deploy.run.query({ runId });
    expect(first.run).toMatchObject({
      id: runId,
      projectId: project.id,
      status: 'running',
      steps,
      serverIps: { 'app-1': '203.0.113.7' },
      accessUrls: ['http://203.0.113.7:24567/'],
      position: 0,
      planVersion: 1,
    });
    expect(first.logs).toHaveLength(500);
    expect(first.logs[0]).toMatchObject({ seq: 0, line: 'line 0', step: 'terraform', level: 'info' });
    expect([first.nextSeq, first.moreLogs]).toEqual([499, true]);
    const rest = await f.admin.deploy.run.query({ runId, afterSeq: first.nextSeq });
    expect(rest.logs.map((l) => l.seq)).toEqual(Array.from({ length: 120 }, (_, i) => 500 + i));
    expect([rest.nextSeq, rest.moreLogs]).toEqual([619, false]);
    const none = await f.admin.deploy.run.query({ runId, afterSeq: 619 });
    expect([none.logs, none.nextSeq]).toEqual([[], 619]);
  });

  it('rolls back to a succeeded run as a new rollback run of its plan; refuses an unfinished one', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const { project } = await projectWithPlan(f);
    const first = await f.admin.deploy.applyPlan.mutate({ projectId: project.id });
    const notYet = await failure(f.admin.deploy.rollback.mutate({ runId: first.runId }));
    expect(notYet.code).toBe('CONFLICT');
    expect(fieldPaths(notYet)).toEqual(['runId']);
    await finishRun(t, first.runId, 'succeeded');
    await f.admin.deploy.savePlan.mutate({ projectId: project.id, plan: validPlan({ workload: 'v2' }) });
    const second = await f.admin.deploy.applyPlan.mutate({ projectId: project.id });
    await finishRun(t, second.runId, 'succeeded');

    const before = t.gateway.calls.length;
    const back = await f.admin.deploy.rollback.mutate({ runId: first.runId });
    expect(back).toMatchObject({ position: 0, queued: false, version: 1, rollbackOfRunId: first.runId });
    const [row] = await t.database.db.select().from(deployRuns).where(eq(deployRuns.id, back.runId));
    const [firstRow] = await t.database.db.select().from(deployRuns).where(eq(deployRuns.id, first.runId));
    expect(row).toMatchObject({
      kind: 'rollback',
      status: 'queued',
      rollbackOfRunId: first.runId,
      planId: firstRow?.planId,
      requestedBy: f.userId,
    });
    expect(signalStarts(t.gateway.calls.slice(before))).toMatchObject([
      { workflowId: deployWorkflowId(f.orgId, project.id), signalArgs: [{ runId: back.runId }] },
    ]);
    const audit = (await listAudit(t.database.db, f.orgId)).find((a) => a.action === 'deploy.rollback');
    expect(audit?.data).toMatchObject({ runId: back.runId, rollbackOfRunId: first.runId, version: 1 });
    const runs = await f.admin.deploy.runs.query({ projectId: project.id });
    expect(runs[0]).toMatchObject({ id: back.runId, kind: 'rollback', rollbackOfRunId: first.runId });
  });
});

describe('who did it', () => {
  it("names the member who saved a version and asked for a run (name, else e-mail), never another org's user", async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const me = await f.admin.me.get.query();
    const { project } = await projectWithPlan(f);
    const applied = await f.admin.deploy.applyPlan.mutate({ projectId: project.id });
    // No name on record: the e-mail stands in for it.
    expect((await f.admin.deploy.planVersions.query({ projectId: project.id }))[0]?.createdByName).toBe(
      me.email,
    );
    expect((await f.admin.deploy.run.query({ runId: applied.runId })).run.requestedByName).toBe(me.email);

    await t.database.db.update(users).set({ name: 'Ana Admin' }).where(eq(users.id, f.userId));
    const [version] = await f.admin.deploy.planVersions.query({ projectId: project.id });
    expect([version?.createdBy, version?.createdByName]).toEqual([f.userId, 'Ana Admin']);
    const [run] = await f.admin.deploy.runs.query({ projectId: project.id });
    expect([run?.requestedBy, run?.requestedByName]).toEqual([f.userId, 'Ana Admin']);

    // A run whose requester id belongs to another org (written past the API) lends that user no name here.
    const other = await deployTenant(t, SECRET_VALUE, 'Other Agency');
    await t.database.db.update(users).set({ name: 'Olga Other' }).where(eq(users.id, other.userId));
    await t.database.db
      .update(deployRuns)
      .set({ requestedBy: other.userId })
      .where(eq(deployRuns.id, applied.runId));
    const foreign = await f.admin.deploy.run.query({ runId: applied.runId });
    expect([foreign.run.requestedBy, foreign.run.requestedByName]).toEqual([other.userId, null]);
  });
});

describe('secret values', () => {
  it('appear in no deploy answer, audit record or stored plan', async () => {
    const f = await deployTenant(t, SECRET_VALUE);
    const answers: unknown[] = [];
    const keep = <T>(x: T) => {
      answers.push(x);
      return x;
    };
    const { project, saved } = await projectWithPlan(f);
    answers.push(project, saved);
    keep(await f.admin.deploy.projects.query());
    keep(
      await f.admin.deploy.updateProject.mutate({
        projectId: project.id,
        settings: { nginxMode: 'per-app' },
      }),
    );
    keep(await f.admin.deploy.plan.query({ projectId: project.id }));
    keep(await f.admin.deploy.planVersions.query({ projectId: project.id }));
    keep(await f.admin.deploy.validatePlan.mutate({ plan: validPlan() }));
    keep(await f.admin.deploy.exportPlan.query({ projectId: project.id }));
    keep(
      await f.admin.deploy.patchWorkload.mutate({
        projectId: project.id,
        patch: { name: 'web', service_config: { environment: { SECOND: { secret: 'API_TOKEN' } } } },
      }),
    );
    const fresh = keep(await f.admin.deploy.createProject.mutate({ name: `fresh-${uid()}` }));
    keep(
      await f.admin.deploy.bootstrap.mutate({
        projectId: fresh.id,
        kind: 'app',
        workload: validPlan().new_spec.instances[0]?.workloads[0] ?? null,
      }),
    );
    const applied = keep(await f.admin.deploy.applyPlan.mutate({ projectId: project.id }));
    await finishRun(t, applied.runId, 'succeeded', { accessUrls: ['http://203.0.113.9/'] });
    keep(await f.admin.deploy.runs.query({ projectId: project.id }));
    keep(await f.admin.deploy.run.query({ runId: applied.runId }));
    keep(await f.admin.deploy.queue.query({ projectId: project.id }));
    keep(await f.admin.deploy.rollback.mutate({ runId: applied.runId }));
    // The reference (its name) is what plans carry; the value is nowhere.
    expect(JSON.stringify(answers)).toContain('API_TOKEN');
    expect(JSON.stringify(answers)).not.toContain(SECRET_VALUE);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.orgId, f.orgId));
    expect(audit.length).toBeGreaterThan(5);
    expect(JSON.stringify(audit)).not.toContain(SECRET_VALUE);
    const stored = await t.database.db.execute(
      sql`select plan::text as plan from deploy_plans where org_id = ${f.orgId}`,
    );
    expect(JSON.stringify(stored)).not.toContain(SECRET_VALUE);
    expect(JSON.stringify(stored)).toContain('API_TOKEN');
  });
});
