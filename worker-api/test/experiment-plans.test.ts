import { experimentPhases, experiments, listAudit } from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import { sampleSizePerArm } from '@mos/stats';
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

const HOOKS = artifactExamples.experiment_spec.experimentSpecs[0];
if (HOOKS?.primaryMetric !== 'cpa' || HOOKS.mde === null) throw new Error('example spec changed');

/** A tenant whose campaign states a CPA baseline of $38, with the example spec set and a planned hook test. */
async function setup() {
  const tenant = await newTenant(t);
  const admin = t.client(tenant.admin);
  const operator = t.client(tenant.operator);
  const me = await admin.me.get.query();
  const client = await admin.clients.create.mutate({
    name: 'Lumen & Moss',
    primaryMarkets: ['US'],
    primaryLanguages: ['en'],
  });
  const campaign = await admin.campaigns.create.mutate({
    clientId: client.id,
    name: 'Q3 launch',
    baseline: { metric: 'cpa', value: 38 },
  });
  const spec = await admin.artifacts.createVersion.mutate({
    clientId: client.id,
    campaignId: campaign.id,
    type: 'experiment_spec',
    data: {
      ...structuredClone(artifactExamples.experiment_spec),
      clientId: client.id,
      campaignId: campaign.id,
    },
  });
  const e = await operator.experiments.create.mutate({
    campaignId: campaign.id,
    experimentSpecArtifactId: spec.id,
    specId: HOOKS?.id ?? '',
    name: 'Hooks',
  });
  return { tenant, orgId: me.org.id, admin, operator, member: t.client(tenant.member), e };
}

/** What @mos/stats says the CPA test needs: a ratio at $38 with sd = mean (nothing measured), lower is better. */
const cpaSample = (mde: number, method: 'sequential' | 'fixed') =>
  sampleSizePerArm({
    kind: 'ratio',
    baseline: 38,
    unitVariance: 38 * 38,
    mde,
    alpha: 0.05,
    power: 0.8,
    arms: 2,
    method,
    direction: 'lower',
  });

const phaseRows = (experimentId: string) =>
  t.database.db.select().from(experimentPhases).where(eq(experimentPhases.experimentId, experimentId));

describe('experiments.changePlan / phases / get', () => {
  it('locks a plan computed by code, and every change starts a new phase with its numbers recomputed', async () => {
    const s = await setup();
    const before = await s.member.experiments.get.query({ id: s.e.id });
    expect({ plan: before.plan, phase: before.phase, phases: before.phases }).toEqual({
      plan: null,
      phase: 1,
      phases: [],
    });

    // No plan yet (created by hand, not by the design): the first change locks phase 1 from the spec.
    const first = await s.operator.experiments.changePlan.mutate({ id: s.e.id, reason: 'pre-register' });
    expect(first.phase).toBe(1);
    expect(first.plan).toMatchObject({
      phase: 1,
      primaryMetric: 'cpa',
      guardrails: [{ metric: 'cvr', maxRelativeHarm: 0.1 }],
      arms: ['barrier-story', 'ingredient-proof'],
      controlArmId: 'barrier-story',
      baseline: { metric: 'cpa', value: 38 },
      mde: HOOKS?.mde,
      traffic: { source: 'none', unitsPerDay: 0 },
      expectedDays: null,
      prior: null,
    });
    const sequential = cpaSample(HOOKS?.mde ?? 0, 'sequential');
    expect(first.plan.samplePerArm).toBe(sequential);
    expect(first.plan.stopRule).toEqual({
      kind: 'sequential',
      alpha: 0.05,
      minPerArm: 100,
      plannedPerArm: sequential,
    });

    // A smaller MDE read once at a fixed sample: phase 2, numbers from @mos/stats again.
    const second = await s.operator.experiments.changePlan.mutate({
      id: s.e.id,
      reason: 'the client will act on a 10 % drop in CAC; the report is read once',
      mde: 0.1,
      stopRule: 'fixed',
      guardrails: [{ metric: 'roas', maxRelativeHarm: 0.2 }],
    });
    const fixed = cpaSample(0.1, 'fixed');
    expect(second.phase).toBe(2);
    expect(second.plan).toMatchObject({
      phase: 2,
      mde: 0.1,
      samplePerArm: fixed,
      stopRule: { kind: 'fixed', alpha: 0.05, samplePerArm: fixed },
      guardrails: [{ metric: 'roas', maxRelativeHarm: 0.2 }],
    });
    // A smaller effect needs more units; the same effect read sequentially needs more than read once.
    expect(cpaSample(0.1, 'sequential')).toBeGreaterThan(fixed);
    expect(fixed).toBeGreaterThan(cpaSample(HOOKS?.mde ?? 0, 'fixed'));

    // The person's MDE stays with the plan when something else changes.
    const third = await s.operator.experiments.changePlan.mutate({
      id: s.e.id,
      reason: 'monitor daily after all',
      stopRule: 'sequential',
    });
    expect(third.plan).toMatchObject({ phase: 3, mde: 0.1 });
    expect(third.plan.samplePerArm).toBe(cpaSample(0.1, 'sequential'));

    const { items } = await s.member.experiments.phases.query({ id: s.e.id });
    expect(items.map((p) => [p.phase, p.reason, p.plan.samplePerArm, p.endedAt === null])).toEqual([
      [1, 'pre-register', sequential, false],
      [2, 'the client will act on a 10 % drop in CAC; the report is read once', fixed, false],
      [3, 'monitor daily after all', cpaSample(0.1, 'sequential'), true],
    ]);
    expect(items.every((p) => typeof p.lockedBy === 'string')).toBe(true);
    const got = await s.member.experiments.get.query({ id: s.e.id });
    expect({ phase: got.phase, plan: got.plan, phases: got.phases.length }).toEqual({
      phase: 3,
      plan: third.plan,
      phases: 3,
    });
    expect(typeof got.planLockedAt).toBe('string');
    const audit = await listAudit(t.database.db, s.orgId, { targetId: s.e.id });
    expect(audit.map((a) => [a.action, (a.data as { toPhase: number }).toPhase]).sort()).toEqual([
      ['experiment.plan.change', 1],
      ['experiment.plan.change', 2],
      ['experiment.plan.change', 3],
    ]);
  });

  it('refuses a plan it cannot compute, and any change while a cycle runs; nothing changes', async () => {
    const s = await setup();
    await s.operator.experiments.changePlan.mutate({ id: s.e.id, reason: 'pre-register' });
    // CVR: the campaign's baseline is a CPA and nothing was measured.
    const noBaseline = await failure(
      s.operator.experiments.changePlan.mutate({ id: s.e.id, reason: 'decide on CVR', primaryMetric: 'cvr' }),
    );
    expect(noBaseline.code).toBe('PRECONDITION_FAILED');
    expect(noBaseline.message).toContain('no baseline for cvr');

    await s.operator.experiments.startCycle.mutate({ experimentId: s.e.id });
    const running = await failure(
      s.operator.experiments.changePlan.mutate({ id: s.e.id, reason: 'while running', mde: 0.3 }),
    );
    expect(running.code).toBe('PRECONDITION_FAILED');
    expect(running.message).toContain('cycle is running');
    const [row] = await t.database.db.select().from(experiments).where(eq(experiments.id, s.e.id));
    expect(row?.phase).toBe(1);
    expect(await phaseRows(s.e.id)).toHaveLength(1);
  });

  it('validates input, needs an operator, and answers NOT_FOUND for another org', async () => {
    const s = await setup();
    const other = await setup();
    const bad = await failure(s.operator.experiments.changePlan.mutate({ id: s.e.id, reason: 'x', mde: 0 }));
    expect({ code: bad.code, paths: fieldPaths(bad).sort() }).toEqual({
      code: 'BAD_REQUEST',
      paths: ['mde', 'reason'],
    });
    const guard = await failure(
      s.operator.experiments.changePlan.mutate({
        id: s.e.id,
        reason: 'guardrail',
        // @ts-expect-error not a decision metric
        guardrails: [{ metric: 'cpc', maxRelativeHarm: 0.1 }],
      }),
    );
    expect(fieldPaths(guard)).toEqual(['guardrails.0.metric']);
    expect(
      (await failure(s.member.experiments.changePlan.mutate({ id: s.e.id, reason: 'member' }))).code,
    ).toBe('FORBIDDEN');
    const stolen = await failure(
      other.admin.experiments.changePlan.mutate({ id: s.e.id, reason: 'not ours', mde: 0.2 }),
    );
    expect(stolen.code).toBe('NOT_FOUND');
    expect((await failure(other.admin.experiments.phases.query({ id: s.e.id }))).code).toBe('NOT_FOUND');
    expect(await phaseRows(s.e.id)).toHaveLength(0);
  });
});
