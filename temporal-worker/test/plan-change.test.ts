import {
  activityLogs,
  experimentPhases,
  experiments,
  funnels,
  getWorkflowRun,
  updateExperiment,
} from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import type { ExperimentPlan, ExperimentPlanChangeInput } from '@mos/db/contracts';
import { expectedDays, sampleSizePerArm } from '@mos/stats';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { funnelExperiment, funnelPlan, funnelTraffic } from './support/cycle';
import { type FunnelTenant, startRun } from './support/funnels';
import { recordHistory } from './support/histories';
import type { Tenant } from './support/stack';
import { stackPerFile } from './support/stack-per-file';

// experiments.changePlan (worker-api, over HTTP) starts ExperimentPlanChange; the new phase's numbers are computed
// here, in the worker, and checked against @mos/stats.
const stack = stackPerFile();

/** The example spec's hook test (what funnelExperiment creates): CPA, its MDE stated by the model. */
const HOOKS_MDE = artifactExamples.experiment_spec.experimentSpecs[0]?.mde ?? null;
if (HOOKS_MDE === null) throw new Error('example spec changed');

async function tenant(): Promise<{ t: Tenant; ft: FunnelTenant }> {
  const t = await stack.newTenant();
  const client = await t.createClient({ industry: 'Skincare' });
  return { t, ft: { orgId: t.orgId, userId: t.userId, clientId: client.id } };
}

/** The phases of an experiment, oldest first. */
const phasesOf = (experimentId: string) =>
  stack.db
    .select()
    .from(experimentPhases)
    .where(eq(experimentPhases.experimentId, experimentId))
    .orderBy(asc(experimentPhases.phase));

async function rowOf(experimentId: string) {
  const [row] = await stack.db.select().from(experiments).where(eq(experiments.id, experimentId));
  if (!row) throw new Error(`experiment ${experimentId} is gone`);
  return row;
}

/** What @mos/stats says a CPA test at $38 needs with sd = mean (nothing measured), lower is better. */
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

/** changePlan through the API, then the run to its end; the run row and the Temporal handle. */
async function change(
  t: Tenant,
  input: Record<string, unknown>,
  status: 'completed' | 'failed' = 'completed',
) {
  const res = (await t.operator.experiments.changePlan.mutate(input)) as {
    runId: string;
    workflowId: string;
    phase: number;
  };
  await stack.waitForRunStatus(t.orgId, res.runId, status, { what: `plan change run ${status}` });
  const handle = await stack.handleOf(t.orgId, res.runId);
  return { res, handle, run: await getWorkflowRun(stack.db, t.orgId, res.runId) };
}

describe('ExperimentPlanChange', () => {
  it("computes each new phase's numbers in the worker from the campaign's baseline, as @mos/stats sizes them", async () => {
    const { t, ft } = await tenant();
    const campaign = await t.createCampaign(ft.clientId, { baseline: { metric: 'cpa', value: 38 } });
    const e = await funnelExperiment(stack.db, ft, null);
    // The hook test on a campaign that states a CPA baseline of $38 and has no ads measured.
    await stack.db
      .update(experiments)
      .set({ campaignId: campaign.id })
      .where(eq(experiments.id, e.experimentId));

    const first = await change(t, { id: e.experimentId, reason: 'pre-register' });
    expect(first.res.phase).toBe(1);
    expect(await first.handle.result()).toMatchObject({ experimentId: e.experimentId, phase: 1 });
    await recordHistory(first.handle, 'experiment-plan-change');
    const sequential = cpaSample(HOOKS_MDE, 'sequential');
    const [phase1] = await phasesOf(e.experimentId);
    expect(phase1?.plan).toMatchObject({
      phase: 1,
      primaryMetric: 'cpa',
      mde: HOOKS_MDE,
      arms: ['barrier-story', 'ingredient-proof'],
      controlArmId: 'barrier-story',
      baseline: { metric: 'cpa', value: 38 },
      traffic: { source: 'none', unitsPerDay: 0 },
      expectedDays: null,
      samplePerArm: sequential,
      stopRule: { kind: 'sequential', alpha: 0.05, minPerArm: 100, plannedPerArm: sequential },
    });

    // A smaller MDE read once at a fixed sample: phase 2, sized again.
    const second = await change(t, {
      id: e.experimentId,
      reason: 'the client will act on a 10 % drop in CAC; the report is read once',
      mde: 0.1,
      stopRule: 'fixed',
      guardrails: [{ metric: 'roas', maxRelativeHarm: 0.2 }],
    });
    expect(second.res.phase).toBe(2);
    const fixed = cpaSample(0.1, 'fixed');
    // The person's MDE stays with the plan when something else changes.
    const third = await change(t, {
      id: e.experimentId,
      reason: 'monitor daily after all',
      stopRule: 'sequential',
    });
    expect(third.res.phase).toBe(3);
    const operator = ((await t.operator.me.get.query()) as { userId: string }).userId;

    const phases = await phasesOf(e.experimentId);
    expect(
      phases.map((p) => {
        const plan = p.plan as ExperimentPlan;
        return [p.phase, p.reason, plan.mde, plan.stopRule, plan.guardrails, p.endedAt === null, p.lockedBy];
      }),
    ).toEqual([
      [
        1,
        'pre-register',
        HOOKS_MDE,
        { kind: 'sequential', alpha: 0.05, minPerArm: 100, plannedPerArm: sequential },
        expect.any(Array),
        false,
        operator,
      ],
      [
        2,
        'the client will act on a 10 % drop in CAC; the report is read once',
        0.1,
        { kind: 'fixed', alpha: 0.05, samplePerArm: fixed },
        [{ metric: 'roas', maxRelativeHarm: 0.2 }],
        false,
        operator,
      ],
      [
        3,
        'monitor daily after all',
        0.1,
        {
          kind: 'sequential',
          alpha: 0.05,
          minPerArm: 100,
          plannedPerArm: cpaSample(0.1, 'sequential'),
        },
        [{ metric: 'roas', maxRelativeHarm: 0.2 }],
        true,
        operator,
      ],
    ]);
    // A smaller effect needs more units; the same effect read sequentially needs more than read once.
    expect(cpaSample(0.1, 'sequential')).toBeGreaterThan(fixed);
    expect(fixed).toBeGreaterThan(cpaSample(HOOKS_MDE, 'fixed'));
    const row = await rowOf(e.experimentId);
    expect({ phase: row.phase, plan: row.plan }).toEqual({ phase: 3, plan: phases[2]?.plan });
    const got = await t.member.experiments.get.query({ id: e.experimentId });
    expect({ phase: got.phase, phases: got.phases.length }).toEqual({ phase: 3, phases: 3 });
  }, 120_000);

  it("sizes a conversion-rate phase from the funnel's measured rate and traffic", async () => {
    const { t, ft } = await tenant();
    const e = await funnelExperiment(stack.db, ft, funnelPlan());
    await stack.db.update(funnels).set({ campaignId: e.campaignId }).where(eq(funnels.id, e.f.funnelId));
    // 1,400 visitors in the last four weeks, 84 converted: a 6 % rate.
    await funnelTraffic(stack.db, ft, e.f, null, 800, 40);
    await funnelTraffic(stack.db, ft, e.f, e.f.variantId, 600, 44);

    const { res } = await change(t, {
      id: e.experimentId,
      reason: 'size it on what the funnel does',
      mde: 0.25,
    });
    expect(res.phase).toBe(2);
    const plan = (await rowOf(e.experimentId)).plan as ExperimentPlan;
    const samplePerArm = sampleSizePerArm({
      kind: 'proportion',
      baseline: 84 / 1400,
      mde: 0.25,
      alpha: 0.05,
      power: 0.8,
      arms: 2,
      method: 'sequential',
      direction: 'higher',
    });
    expect(plan).toMatchObject({
      phase: 2,
      primaryMetric: 'cvr',
      mde: 0.25,
      samplePerArm,
      traffic: { source: 'funnel' },
      expectedDays: expectedDays(samplePerArm, 2, 1400 / 28),
    });
    expect(plan.baseline.value).toBeCloseTo(84 / 1400, 12);
    expect(plan.traffic.unitsPerDay).toBeCloseTo(1400 / 28, 9);
  }, 120_000);

  it('fails the run with the refusal when no plan can be computed; the failed step names the field', async () => {
    const { t, ft } = await tenant();
    // The funnel campaign states no baseline and nothing was measured: a CPA plan has no baseline.
    const e = await funnelExperiment(stack.db, ft, funnelPlan());
    const { res, run, handle } = await change(
      t,
      { id: e.experimentId, reason: 'decide on CAC', primaryMetric: 'cpa' },
      'failed',
    );
    expect(res.phase).toBe(2);
    expect(run?.error).toContain('no baseline for cpa');
    await expect(handle.result()).rejects.toThrow();
    await recordHistory(handle, 'experiment-plan-change-refused');
    const logs = await stack.db
      .select()
      .from(activityLogs)
      .where(and(eq(activityLogs.workflowRunId, res.runId), eq(activityLogs.status, 'failed')));
    expect(logs.map((l) => [l.step, (l.payloadOut as { field: string; reason: string }).field])).toEqual([
      ['compute_plan', 'baseline'],
    ]);
    expect(logs[0]?.payloadOut).toMatchObject({ reason: 'no_plan_baseline' });
    expect((await rowOf(e.experimentId)).phase).toBe(1);
    expect(await phasesOf(e.experimentId)).toHaveLength(1);
  }, 120_000);

  it('refuses when the phase moved on or a cycle runs by the time it runs; nothing is locked', async () => {
    const { ft } = await tenant();
    const e = await funnelExperiment(stack.db, ft, funnelPlan());
    const input = (seenPhase: number | null): Omit<ExperimentPlanChangeInput, 'runId'> => ({
      orgId: ft.orgId,
      clientId: ft.clientId,
      campaignId: e.campaignId,
      startedBy: ft.userId,
      experimentId: e.experimentId,
      reason: 'asked before another change landed',
      seenPhase,
      phase: (seenPhase ?? 0) + 1,
      changes: { mde: 0.3 },
    });
    // The request saw no plan, but phase 1 is locked by now.
    const stale = await startRun(
      stack,
      ft,
      'experiment_plan_change',
      `experiment-plan-change-${e.experimentId}`,
      input(null),
    );
    await expect(stale.handle.result()).rejects.toThrow();
    await stack.waitForRunStatus(ft.orgId, stale.runId, 'failed');
    expect((await getWorkflowRun(stack.db, ft.orgId, stale.runId))?.error).toContain('phase 1 is in force');

    // A cycle started between the request and the run (the experiment is running).
    await updateExperiment(stack.db, ft.orgId, e.experimentId, { status: 'running' }, ['planned']);
    const cycle = await startRun(
      stack,
      ft,
      'experiment_plan_change',
      `experiment-plan-change-${e.experimentId}`,
      input(1),
    );
    await stack.waitForRunStatus(ft.orgId, cycle.runId, 'failed');
    expect((await getWorkflowRun(stack.db, ft.orgId, cycle.runId))?.error).toContain('cycle started');
    expect(await phasesOf(e.experimentId)).toHaveLength(1);
    expect((await rowOf(e.experimentId)).plan).toEqual(funnelPlan());
  }, 120_000);
});
