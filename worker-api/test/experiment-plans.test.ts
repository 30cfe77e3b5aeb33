import {
  experimentPhases,
  experiments,
  getWorkflowRun,
  listAudit,
  updateExperiment,
  workflowRuns,
} from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import type { ExperimentPlan, ExperimentPlanChangeInput } from '@mos/db/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failure, fieldPaths, newTenant, type TestApp } from './support/harness';

// The numbers of a new phase are computed by the ExperimentPlanChange workflow: temporal-worker/test/plan-change.test.ts
// checks them against @mos/stats on a real Temporal server. Here: what the API decides before it starts that run.

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

/** A locked phase 1 (what ExperimentDesign's approval writes), so the next change is phase 2. */
const PLAN: ExperimentPlan = {
  phase: 1,
  hypothesis: 'Leading with the felt problem lowers CAC.',
  primaryMetric: 'cpa',
  guardrails: [],
  arms: ['barrier-story', 'ingredient-proof'],
  controlArmId: 'barrier-story',
  weights: [1, 1],
  baseline: { metric: 'cpa', value: 38 },
  mde: 0.15,
  power: 0.8,
  stopRule: { kind: 'sequential', alpha: 0.05, minPerArm: 100, plannedPerArm: 3000 },
  samplePerArm: 3000,
  expectedDays: null,
  traffic: { source: 'none', unitsPerDay: 0, from: null, to: null },
  prior: null,
  bandit: { enabled: false, floor: 0.1 },
};

/** The ExperimentPlanChange starts the gateway saw since `from` (a call index). */
const planStarts = (from: number) =>
  t.gateway.calls
    .slice(from)
    .flatMap((c) => (c.op === 'start' && c.req.workflowType === 'ExperimentPlanChange' ? [c.req] : []));

const phaseRows = (experimentId: string) =>
  t.database.db.select().from(experimentPhases).where(eq(experimentPhases.experimentId, experimentId));

const audited = async (orgId: string, experimentId: string) =>
  (await listAudit(t.database.db, orgId, { targetId: experimentId })).filter(
    (a) => a.action === 'experiment.plan.change',
  );

describe('experiments.changePlan', () => {
  it("starts an ExperimentPlanChange run with the person's changes and the phase it will create; audited", async () => {
    const s = await setup();
    const from = t.gateway.calls.length;
    const first = await s.operator.experiments.changePlan.mutate({
      id: s.e.id,
      reason: 'the client will act on a 10 % drop in CAC; the report is read once',
      mde: 0.1,
      stopRule: 'fixed',
      guardrails: [{ metric: 'roas', maxRelativeHarm: 0.2 }],
    });
    const workflowId = `experiment-plan-change-${s.e.id}`;
    // No plan locked yet (created by hand, not by the design): the change will lock phase 1.
    expect(first).toEqual({ runId: expect.any(String), workflowId, experimentId: s.e.id, phase: 1 });
    const [start, ...more] = planStarts(from);
    expect(more).toHaveLength(0);
    expect(start?.workflowId).toBe(workflowId);
    const input = start?.args[0] as ExperimentPlanChangeInput;
    expect(input).toEqual({
      orgId: s.orgId,
      runId: first.runId,
      clientId: s.e.clientId,
      campaignId: s.e.campaignId,
      startedBy: expect.any(String),
      experimentId: s.e.id,
      reason: 'the client will act on a 10 % drop in CAC; the report is read once',
      seenPhase: null,
      phase: 1,
      changes: { mde: 0.1, stopRule: 'fixed', guardrails: [{ metric: 'roas', maxRelativeHarm: 0.2 }] },
    });
    const run = await getWorkflowRun(t.database.db, s.orgId, first.runId);
    expect({ kind: run?.kind, status: run?.status, workflowId: run?.temporalWorkflowId }).toEqual({
      kind: 'experiment_plan_change',
      status: 'running',
      workflowId,
    });
    // The API locks nothing itself: the run does, with numbers computed in the worker.
    expect(await phaseRows(s.e.id)).toHaveLength(0);
    expect((await audited(s.orgId, s.e.id)).map((a) => a.data)).toEqual([
      {
        reason: 'the client will act on a 10 % drop in CAC; the report is read once',
        fromPhase: null,
        toPhase: 1,
        changed: ['mde', 'guardrails', 'stopRule'],
        runId: first.runId,
      },
    ]);

    // One change at a time: a second one while the first runs is a conflict, and nothing more is recorded.
    const twice = await failure(s.operator.experiments.changePlan.mutate({ id: s.e.id, reason: 'again' }));
    expect(twice.code).toBe('CONFLICT');
    expect(await audited(s.orgId, s.e.id)).toHaveLength(1);

    // Once it ended (here: phase 1 locked as its run would), the next change says it makes phase 2 of phase 1.
    t.gateway.finish(workflowId);
    await t.database.db
      .update(experiments)
      .set({ plan: PLAN, phase: 1, planLockedAt: new Date() })
      .where(eq(experiments.id, s.e.id));
    const next = t.gateway.calls.length;
    const second = await s.operator.experiments.changePlan.mutate({
      id: s.e.id,
      reason: 'decide on conversion rate',
      primaryMetric: 'cvr',
    });
    expect(second.phase).toBe(2);
    const again = planStarts(next)[0]?.args[0] as ExperimentPlanChangeInput;
    expect({ seenPhase: again.seenPhase, phase: again.phase, changes: again.changes }).toEqual({
      seenPhase: 1,
      phase: 2,
      changes: { primaryMetric: 'cvr' },
    });
  });

  it('refuses while a cycle runs and once the experiment is finished; nothing starts, nothing is audited', async () => {
    const s = await setup();
    await t.database.db
      .update(experiments)
      .set({ plan: PLAN, phase: 1, planLockedAt: new Date() })
      .where(eq(experiments.id, s.e.id));
    await s.operator.experiments.startCycle.mutate({ experimentId: s.e.id });
    const from = t.gateway.calls.length;
    const running = await failure(
      s.operator.experiments.changePlan.mutate({ id: s.e.id, reason: 'while running', mde: 0.3 }),
    );
    expect({ code: running.code, paths: fieldPaths(running) }).toEqual({
      code: 'PRECONDITION_FAILED',
      paths: ['id'],
    });
    expect(running.message).toContain('cycle is running');

    // The cycle ended and the experiment is completed: its plan is final.
    t.gateway.finish(`experiment-cycle-${s.e.id}`);
    await t.database.db
      .update(workflowRuns)
      .set({ status: 'completed' })
      .where(eq(workflowRuns.temporalWorkflowId, `experiment-cycle-${s.e.id}`));
    await updateExperiment(t.database.db, s.orgId, s.e.id, { status: 'completed' }, ['running']);
    const finished = await failure(
      s.operator.experiments.changePlan.mutate({ id: s.e.id, reason: 'after the end', mde: 0.3 }),
    );
    expect(finished.code).toBe('PRECONDITION_FAILED');
    expect(finished.message).toContain('completed');
    expect(planStarts(from)).toHaveLength(0);
    expect(await audited(s.orgId, s.e.id)).toHaveLength(0);
  });

  it('Temporal unreachable: UNAVAILABLE, and no run row or audit entry is left behind', async () => {
    const s = await setup();
    t.gateway.failNext();
    const down = await failure(
      s.operator.experiments.changePlan.mutate({ id: s.e.id, reason: 'pre-register' }),
    );
    expect(down.code).toBe('SERVICE_UNAVAILABLE');
    const runs = await t.database.db.select().from(workflowRuns).where(eq(workflowRuns.orgId, s.orgId));
    expect(runs.filter((r) => r.kind === 'experiment_plan_change')).toHaveLength(0);
    expect(await audited(s.orgId, s.e.id)).toHaveLength(0);
  });

  it('validates input, needs an operator, and answers NOT_FOUND for another org', async () => {
    const s = await setup();
    const other = await setup();
    const from = t.gateway.calls.length;
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
    expect(planStarts(from)).toHaveLength(0);
    expect(await phaseRows(s.e.id)).toHaveLength(0);
  });
});
