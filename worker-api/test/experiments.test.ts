import { campaigns, experiments, setWorkflowRunStatus, workflowRuns } from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failure, fieldPaths, newTenant, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const SPEC_IDS = artifactExamples.experiment_spec.experimentSpecs.map((s) => s.id);
const SPEC_ID = SPEC_IDS[0] ?? 'missing';

/** A tenant with a client, a campaign (inserted directly: another domain) and its experiment_spec artifact. */
async function setup() {
  const tenant = await newTenant(t);
  const admin = t.client(tenant.admin);
  const me = await admin.me.get.query();
  const client = await admin.clients.create.mutate({
    name: 'Lumen & Moss',
    primaryMarkets: ['US'],
    primaryLanguages: ['en'],
  });
  const newCampaign = async (name: string) => {
    const [row] = await t.database.db
      .insert(campaigns)
      .values({ orgId: me.org.id, clientId: client.id, name })
      .returning();
    if (!row) throw new Error('campaign insert returned no row');
    return row.id;
  };
  const campaignId = await newCampaign('Q3 launch');
  const specFor = (cid: string) =>
    admin.artifacts.createVersion.mutate({
      clientId: client.id,
      campaignId: cid,
      type: 'experiment_spec',
      data: { ...structuredClone(artifactExamples.experiment_spec), clientId: client.id, campaignId: cid },
    });
  const spec = await specFor(campaignId);
  return {
    tenant,
    orgId: me.org.id,
    clientId: client.id,
    campaignId,
    specId: spec.id,
    newCampaign,
    specFor,
    member: t.client(tenant.member),
    operator: t.client(tenant.operator),
    admin,
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const create = (
  s: Setup,
  over: Partial<{ name: string; specId: string; experimentSpecArtifactId: string; campaignId: string }> = {},
) =>
  s.member.experiments.create.mutate({
    campaignId: s.campaignId,
    experimentSpecArtifactId: s.specId,
    specId: SPEC_ID,
    name: 'Barrier story vs ingredient proof',
    ...over,
  });

const experimentRow = async (id: string) =>
  (await t.database.db.select().from(experiments).where(eq(experiments.id, id)))[0];

const runsOf = (orgId: string) =>
  t.database.db.select().from(workflowRuns).where(eq(workflowRuns.orgId, orgId));

describe('experiments.create / get / list', () => {
  it('creates a planned experiment from a spec of the campaign’s experiment_spec artifact', async () => {
    const s = await setup();
    const e = await create(s);
    expect(e).toMatchObject({
      orgId: s.orgId,
      clientId: s.clientId,
      campaignId: s.campaignId,
      experimentSpecArtifactId: s.specId,
      specId: SPEC_ID,
      status: 'planned',
      startedAt: null,
      completedAt: null,
    });
    // No plan is locked for an experiment made by hand (changePlan locks one); no phases yet.
    expect(await s.member.experiments.get.query({ id: e.id })).toEqual({ ...e, plan: null, phases: [] });
  });

  it('lists by campaign, client and status, newest first with a cursor', async () => {
    const s = await setup();
    const other = await s.newCampaign('Q4');
    const otherSpec = await s.specFor(other);
    const e1 = await create(s, { name: 'One' });
    const e2 = await create(s, { name: 'Two', specId: SPEC_IDS[1] ?? SPEC_ID });
    const e3 = await create(s, { name: 'Three', campaignId: other, experimentSpecArtifactId: otherSpec.id });
    await s.member.experiments.update.mutate({ id: e2.id, status: 'running' });
    const ids = async (input: Parameters<typeof s.member.experiments.list.query>[0]) =>
      (await s.member.experiments.list.query(input)).items.map((e) => e.id);
    expect(await ids({})).toEqual([e3.id, e2.id, e1.id]);
    expect(await ids({ campaignId: s.campaignId })).toEqual([e2.id, e1.id]);
    expect(await ids({ clientId: s.clientId, status: 'running' })).toEqual([e2.id]);
    expect(await ids({ campaignId: other, status: 'completed' })).toEqual([]);
    const p1 = await s.member.experiments.list.query({ limit: 2 });
    expect(p1.items.map((e) => e.id)).toEqual([e3.id, e2.id]);
    const p2 = await s.member.experiments.list.query({ limit: 2, cursor: p1.nextCursor });
    expect(p2.items.map((e) => e.id)).toEqual([e1.id]);
    expect(p2.nextCursor).toBeNull();
  });

  it('refuses an artifact that is not this campaign’s experiment_spec or lacks the spec', async () => {
    const s = await setup();
    const canon = await s.member.artifacts.createVersion.mutate({
      clientId: s.clientId,
      type: 'client_canon',
      data: { ...structuredClone(artifactExamples.client_canon), clientId: s.clientId },
    });
    const wrongType = await failure(create(s, { experimentSpecArtifactId: canon.id }));
    expect(wrongType.code).toBe('BAD_REQUEST');
    expect(fieldPaths(wrongType)).toEqual(['experimentSpecArtifactId']);

    const other = await s.newCampaign('Q4');
    const wrongCampaign = await failure(create(s, { campaignId: other }));
    expect(fieldPaths(wrongCampaign)).toEqual(['experimentSpecArtifactId']);

    const noSpec = await failure(create(s, { specId: 'no-such-spec' }));
    expect(noSpec.code).toBe('BAD_REQUEST');
    expect(fieldPaths(noSpec)).toEqual(['specId']);

    const missing = await failure(create(s, { experimentSpecArtifactId: crypto.randomUUID() }));
    expect(missing.code).toBe('NOT_FOUND');
    expect((await s.member.experiments.list.query({})).items).toHaveLength(0);
  });

  it('refuses bad input naming the field', async () => {
    const s = await setup();
    expect(fieldPaths(await failure(create(s, { name: ' ' })))).toContain('name');
    expect(fieldPaths(await failure(create(s, { name: 'x'.repeat(201) })))).toContain('name');
    expect(fieldPaths(await failure(create(s, { specId: 'has spaces' })))).toContain('specId');
    expect(fieldPaths(await failure(create(s, { campaignId: 'nope' })))).toContain('campaignId');
    expect(fieldPaths(await failure(s.member.experiments.get.query({ id: '1' })))).toContain('id');
    expect(
      fieldPaths(await failure(s.member.experiments.list.query({ status: 'paused' } as never))),
    ).toContain('status');
    expect(fieldPaths(await failure(s.member.experiments.list.query({ cursor: '!!' })))).toContain('cursor');
    expect(fieldPaths(await failure(s.operator.experiments.design.mutate({ campaignId: '' })))).toContain(
      'campaignId',
    );
    expect(
      fieldPaths(await failure(s.operator.experiments.startCycle.mutate({ experimentId: 'x' }))),
    ).toContain('experimentId');
  });
});

describe('experiments.update', () => {
  it('renames, and moves planned → running → completed stamping startedAt and completedAt', async () => {
    const s = await setup();
    const e = await create(s);
    const renamed = await s.member.experiments.update.mutate({ id: e.id, name: 'Renamed' });
    expect(renamed).toMatchObject({ name: 'Renamed', status: 'planned', startedAt: null });
    const running = await s.member.experiments.update.mutate({ id: e.id, status: 'running' });
    expect(running.status).toBe('running');
    expect(typeof running.startedAt).toBe('string');
    const again = await s.member.experiments.update.mutate({ id: e.id, status: 'running' });
    expect(again.startedAt).toBe(running.startedAt);
    const done = await s.member.experiments.update.mutate({ id: e.id, status: 'completed' });
    expect(done).toMatchObject({ status: 'completed', startedAt: running.startedAt });
    expect(typeof done.completedAt).toBe('string');
    expect(await s.member.experiments.update.mutate({ id: e.id })).toEqual(done);
  });

  it('refuses invalid transitions with PRECONDITION_FAILED and changes nothing', async () => {
    const s = await setup();
    const e = await create(s);
    const skip = await failure(
      s.member.experiments.update.mutate({ id: e.id, status: 'completed', name: 'Not applied' }),
    );
    expect(skip.code).toBe('PRECONDITION_FAILED');
    expect(await experimentRow(e.id)).toMatchObject({ status: 'planned', name: e.name, completedAt: null });

    const cancelled = await s.member.experiments.update.mutate({ id: e.id, status: 'cancelled' });
    expect(cancelled.status).toBe('cancelled');
    expect(typeof cancelled.completedAt).toBe('string');
    for (const status of ['planned', 'running', 'completed'] as const) {
      expect((await failure(s.member.experiments.update.mutate({ id: e.id, status }))).code).toBe(
        'PRECONDITION_FAILED',
      );
    }
    const e2 = await create(s);
    await s.member.experiments.update.mutate({ id: e2.id, status: 'running' });
    expect((await failure(s.member.experiments.update.mutate({ id: e2.id, status: 'planned' }))).code).toBe(
      'PRECONDITION_FAILED',
    );
    expect((await s.member.experiments.update.mutate({ id: e2.id, status: 'cancelled' })).status).toBe(
      'cancelled',
    );
  });
});

describe('experiments.design', () => {
  it('starts ExperimentDesign for the campaign and records the run', async () => {
    const s = await setup();
    const res = await s.operator.experiments.design.mutate({ campaignId: s.campaignId });
    expect(res.workflowId).toMatch(new RegExp(`^experiment-design-${s.campaignId}-[0-9a-f]{8}$`));
    const start = t.gateway.calls.find((c) => c.op === 'start' && c.req.workflowId === res.workflowId);
    if (start?.op !== 'start') throw new Error('no start call');
    expect(start.req.workflowType).toBe('ExperimentDesign');
    expect(start.req.args[0]).toMatchObject({
      orgId: s.orgId,
      runId: res.runId,
      clientId: s.clientId,
      campaignId: s.campaignId,
    });
    const runs = await runsOf(s.orgId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      id: res.runId,
      kind: 'experiment_design',
      temporalWorkflowId: res.workflowId,
      campaignId: s.campaignId,
    });
    const second = await s.admin.experiments.design.mutate({ campaignId: s.campaignId });
    expect(second.workflowId).not.toBe(res.workflowId);
  });

  it('answers UNAVAILABLE and records nothing when the workflow service fails', async () => {
    const s = await setup();
    t.gateway.failNext();
    const f = await failure(s.operator.experiments.design.mutate({ campaignId: s.campaignId }));
    expect(f.code).toBe('SERVICE_UNAVAILABLE');
    expect(await runsOf(s.orgId)).toHaveLength(0);
  });
});

describe('experiments.startCycle', () => {
  it('starts ExperimentCycle, sets the experiment running, and refuses a second start with CONFLICT', async () => {
    const s = await setup();
    const e = await create(s);
    const res = await s.operator.experiments.startCycle.mutate({ experimentId: e.id });
    expect(res.workflowId).toBe(`experiment-cycle-${e.id}`);
    expect(res.experiment.status).toBe('running');
    expect(typeof res.experiment.startedAt).toBe('string');
    const start = t.gateway.calls.find((c) => c.op === 'start' && c.req.workflowId === res.workflowId);
    if (start?.op !== 'start') throw new Error('no start call');
    expect(start.req.workflowType).toBe('ExperimentCycle');
    expect(start.req.args[0]).toMatchObject({
      experimentId: e.id,
      specId: SPEC_ID,
      experimentSpecArtifactId: s.specId,
      runId: res.runId,
      campaignId: s.campaignId,
    });
    const runs = await runsOf(s.orgId);
    expect(runs.map((r) => [r.kind, r.temporalWorkflowId])).toEqual([['experiment_cycle', res.workflowId]]);

    const startsBefore = t.gateway.calls.filter((c) => c.op === 'start').length;
    const again = await failure(s.admin.experiments.startCycle.mutate({ experimentId: e.id }));
    expect(again.code).toBe('CONFLICT');
    expect(t.gateway.calls.filter((c) => c.op === 'start').length).toBe(startsBefore);

    // Once the cycle has ended (here: failed), a new one may start for the still-running experiment.
    await setWorkflowRunStatus(t.database.db, s.orgId, res.runId, { status: 'failed' });
    t.gateway.finish(res.workflowId, 'FAILED');
    const restarted = await s.operator.experiments.startCycle.mutate({ experimentId: e.id });
    expect(restarted.runId).not.toBe(res.runId);
    expect(restarted.experiment.startedAt).toBe(res.experiment.startedAt);
  });

  it('rolls back when the workflow service fails: still planned, no run', async () => {
    const s = await setup();
    const e = await create(s);
    t.gateway.failNext();
    const f = await failure(s.operator.experiments.startCycle.mutate({ experimentId: e.id }));
    expect(f.code).toBe('SERVICE_UNAVAILABLE');
    expect(await experimentRow(e.id)).toMatchObject({ status: 'planned', startedAt: null });
    expect(await runsOf(s.orgId)).toHaveLength(0);
  });

  it('refuses a finished experiment with PRECONDITION_FAILED', async () => {
    const s = await setup();
    const e = await create(s);
    await s.member.experiments.update.mutate({ id: e.id, status: 'cancelled' });
    const f = await failure(s.operator.experiments.startCycle.mutate({ experimentId: e.id }));
    expect(f.code).toBe('PRECONDITION_FAILED');
    expect(await runsOf(s.orgId)).toHaveLength(0);
  });
});

describe('experiments security', () => {
  it('answers UNAUTHORIZED without a token and FORBIDDEN to members on operator procedures', async () => {
    const s = await setup();
    const e = await create(s);
    const anon = t.client(null);
    const id = crypto.randomUUID();
    for (const call of [
      anon.experiments.list.query({}),
      anon.experiments.get.query({ id }),
      anon.experiments.create.mutate({
        campaignId: id,
        experimentSpecArtifactId: id,
        specId: 'a',
        name: 'n',
      }),
      anon.experiments.update.mutate({ id, name: 'n' }),
      anon.experiments.design.mutate({ campaignId: id }),
      anon.experiments.startCycle.mutate({ experimentId: id }),
    ]) {
      expect((await failure(call)).code).toBe('UNAUTHORIZED');
    }
    expect((await failure(s.member.experiments.design.mutate({ campaignId: s.campaignId }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(s.member.experiments.startCycle.mutate({ experimentId: e.id }))).code).toBe(
      'FORBIDDEN',
    );
    expect(await runsOf(s.orgId)).toHaveLength(0);
    expect((await experimentRow(e.id))?.status).toBe('planned');
  });

  it('answers NOT_FOUND for another org’s ids everywhere and changes nothing there', async () => {
    const a = await setup();
    const b = await setup();
    const e = await create(a);
    const before = await experimentRow(e.id);
    const startsBefore = t.gateway.calls.filter((c) => c.op === 'start').length;
    const x = b.admin;
    const codes = [
      await failure(x.experiments.get.query({ id: e.id })),
      await failure(x.experiments.list.query({ campaignId: a.campaignId })),
      await failure(x.experiments.list.query({ clientId: a.clientId })),
      await failure(x.experiments.update.mutate({ id: e.id, name: 'Stolen' })),
      await failure(x.experiments.update.mutate({ id: e.id, status: 'cancelled' })),
      await failure(
        x.experiments.create.mutate({
          campaignId: a.campaignId,
          experimentSpecArtifactId: a.specId,
          specId: SPEC_ID,
          name: 'n',
        }),
      ),
      // Their spec artifact under our own campaign.
      await failure(
        x.experiments.create.mutate({
          campaignId: b.campaignId,
          experimentSpecArtifactId: a.specId,
          specId: SPEC_ID,
          name: 'n',
        }),
      ),
      await failure(x.experiments.design.mutate({ campaignId: a.campaignId })),
      await failure(x.experiments.startCycle.mutate({ experimentId: e.id })),
    ].map((f) => f.code);
    expect(codes).toEqual(Array(codes.length).fill('NOT_FOUND'));
    expect(await experimentRow(e.id)).toEqual(before);
    expect(t.gateway.calls.filter((c) => c.op === 'start').length).toBe(startsBefore);
    expect(await runsOf(a.orgId)).toHaveLength(0);
    expect(await runsOf(b.orgId)).toHaveLength(0);
    expect((await x.experiments.list.query({})).items).toHaveLength(0);
  });
});
