import { activityLogs, assets, experimentPhases, experiments, trafficEstimate } from '@mos/db';
import { artifactExamples, ExperimentSpecSet } from '@mos/db/artifacts';
import { DECISION_METRIC_INFO, type WorkflowStatusSnapshot } from '@mos/db/contracts';
import { insertSnapshot } from '@mos/db/testing';
import { expectedDays, sampleSizePerArm, summarize } from '@mos/stats';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../src/testing/openai-stand-in';
import { seededRandom, valueFromSchema } from '../src/testing/schema-values';
import { recordHistory } from './support/histories';
import { review, type Stack, startStack, type Tenant } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.close();
}, 60_000);

const HOOKS = 'hook-barrier-vs-ingredients';
const OFFER = 'offer-subscribe-vs-starter';

async function live(t: Tenant, runId: string): Promise<WorkflowStatusSnapshot | null> {
  return ((await t.operator.workflows.get.query({ runId })).live as WorkflowStatusSnapshot | null) ?? null;
}

async function waitLive(
  t: Tenant,
  runId: string,
  predicate: (s: WorkflowStatusSnapshot) => boolean,
  what: string,
): Promise<WorkflowStatusSnapshot> {
  return stack.waitFor(
    async () => {
      const s = await live(t, runId);
      return s && predicate(s) ? s : null;
    },
    { what },
  );
}

async function startDesign(t: Tenant) {
  const client = await t.createClient();
  await t.seedApprovedOnboarding(client.id);
  const campaign = await t.createCampaign(client.id);
  const { runId, workflowId } = await t.operator.experiments.design.mutate({ campaignId: campaign.id });
  const gate = await waitLive(
    t,
    runId,
    (s) => s.waitingFor === 'experiments' && s.draftArtifactIds.length > 0,
    'experiments gate',
  );
  const draft = await t.operator.artifacts.get.query({ id: gate.draftArtifactIds[0] ?? '' });
  return { client, campaign, runId, workflowId, draft, set: ExperimentSpecSet.parse(draft.data) };
}

/**
 * The hook test's numbers as @mos/stats computes them for the stack's campaign (a stated CPA baseline of $38,
 * nothing measured: a ratio with sd = mean, lower is better, two arms, read sequentially).
 */
const hookSample = (mde: number) =>
  sampleSizePerArm({
    kind: 'ratio',
    baseline: 38,
    unitVariance: 38 * 38,
    mde,
    alpha: 0.05,
    power: 0.8,
    arms: 2,
    method: 'sequential',
    direction: 'lower',
  });

const rowsOf = (campaignId: string) =>
  stack.db.select().from(experiments).where(eq(experiments.campaignId, campaignId));

describe('ExperimentDesign end to end through worker-api', () => {
  it('decides per spec: approved specs become planned experiments, rejected ones are recorded', async () => {
    const t = await stack.newTenant();
    const { campaign, runId, draft, set } = await startDesign(t);
    expect(set.experimentSpecs.map((s) => s.id)).toEqual([HOOKS, OFFER]);
    expect(set.campaignId).toBe(campaign.id);

    // The gate shows each spec's plan, computed by code before the gate opened: the hook test (CPA, the
    // campaign's stated baseline) has its numbers; the offer test (CVR) names what is missing.
    const [hooks, offer] = set.experimentSpecs;
    expect(hooks?.plan).toMatchObject({
      phase: 1,
      primaryMetric: 'cpa',
      arms: ['barrier-story', 'ingredient-proof'],
      baseline: { metric: 'cpa', value: 38 },
      mde: hooks?.mde,
      traffic: { source: 'none', unitsPerDay: 0 },
      expectedDays: null,
    });
    expect(hooks?.plan?.samplePerArm).toBe(hookSample(hooks?.mde ?? 0));
    expect(hooks?.planIssue).toBeNull();
    expect(offer?.plan).toBeNull();
    expect(offer?.planIssue).toMatch(/^no baseline for cvr: .*campaign's baseline is a value of cpa/);
    // The model was asked for no sample size.
    const asked = stack.llm.requests.filter((r) => r.schemaName === 'ExperimentSpecSet').at(-1);
    expect(JSON.stringify(asked?.jsonSchema)).not.toMatch(/sampleSizeEstimate|samplePerArm/);

    // An edit the schema accepts but the client's metric schema does not: refused by the workflow, gate waits.
    const edited = structuredClone(set);
    const first = edited.experimentSpecs[0];
    if (first) first.metricIds = ['not_a_metric'];
    await review(stack, t.operator, { runId, gate: 'experiments', decision: 'edit', edited });
    // The gate re-opens once the worker has recorded it on the run row again (then the status says so).
    const refused = await waitLive(
      t,
      runId,
      (s) => s.lastError !== null && s.waitingFor !== null,
      'the refused edit',
    );
    expect(refused.lastError).toMatch(/edit refused: .*not_a_metric/);
    expect(refused.waitingFor).toBe('experiments');
    expect(refused.draftArtifactIds).toEqual([draft.id]);
    expect(await rowsOf(campaign.id)).toHaveLength(0);
    // The run row shows it waiting at the gate again (the worker records it when the gate re-opens).
    await stack.waitForRunStatus(t.orgId, runId, 'waiting_for_approval');
    expect((await t.operator.workflows.get.query({ runId })).run.waitingGate).toBe('experiments');

    // A decision naming an unknown spec is refused as a whole.
    await review(stack, t.operator, {
      runId,
      gate: 'experiments',
      decision: 'approve',
      approvedIds: [HOOKS, 'nope'],
    });
    await waitLive(
      t,
      runId,
      (s) => s.lastError?.includes('unknown item id(s) nope') === true,
      'the refused decision',
    );
    expect(await rowsOf(campaign.id)).toHaveLength(0);

    // Approve one spec: its experiments row appears while the other spec is still open.
    await review(stack, t.operator, {
      runId,
      gate: 'experiments',
      decision: 'approve',
      approvedIds: [HOOKS],
    });
    await stack.waitFor(async () => (await rowsOf(campaign.id)).length === 1, {
      what: 'the approved experiment',
    });
    const open = await waitLive(
      t,
      runId,
      (s) => s.waitingFor === 'experiments' && s.lastError === null,
      'gate open',
    );
    expect(open.draftArtifactIds).toEqual([draft.id]);

    // Approving it again is refused; rejecting the other finishes the design.
    await review(stack, t.operator, {
      runId,
      gate: 'experiments',
      decision: 'approve',
      approvedIds: [HOOKS],
    });
    await waitLive(
      t,
      runId,
      (s) => s.lastError?.includes(`already decided: ${HOOKS}`) === true,
      'the repeated decision',
    );
    await review(stack, t.operator, {
      runId,
      gate: 'experiments',
      decision: 'reject',
      rejectedIds: [OFFER],
      feedback: 'The offer test does not fit the Q3 budget',
    });
    await stack.waitForRunStatus(t.orgId, runId, 'completed');

    const rows = await rowsOf(campaign.id);
    expect(rows.map((r) => [r.specId, r.status, r.experimentSpecArtifactId, r.name])).toEqual([
      [HOOKS, 'planned', draft.id, set.experimentSpecs[0]?.name],
    ]);
    // Approval locked the plan the gate showed, as phase 1 of the experiment, with the approval that did it.
    const row = rows[0];
    expect({ plan: row?.plan, phase: row?.phase, locked: row?.planLockedAt instanceof Date }).toEqual({
      plan: hooks?.plan,
      phase: 1,
      locked: true,
    });
    const phases = await stack.db
      .select()
      .from(experimentPhases)
      .where(eq(experimentPhases.experimentId, row?.id ?? ''));
    expect(phases.map((p) => [p.phase, p.reason, p.plan, p.endedAt])).toEqual([
      [1, 'approved design', hooks?.plan, null],
    ]);
    const approveIds = (await t.operator.workflows.get.query({ runId })).approvals
      .filter((a: { decision: string }) => a.decision === 'approve')
      .map((a: { id: string }) => a.id);
    expect(approveIds).toContain(phases[0]?.approvalId);
    const handle = await stack.handleOf(t.orgId, runId);
    expect(await handle.result()).toEqual({
      experimentSpecArtifactId: draft.id,
      approvedSpecIds: [HOOKS],
      rejectedSpecIds: [OFFER],
      experimentIds: [rows[0]?.id],
    });
    const rejection = await stack.db
      .select()
      .from(activityLogs)
      .where(and(eq(activityLogs.workflowRunId, runId), eq(activityLogs.step, 'reject_experiments')));
    expect(rejection.find((l) => l.status === 'started')?.payloadIn).toMatchObject({
      specIds: [OFFER],
      feedback: 'The offer test does not fit the Q3 budget',
    });
    const approvals = (await t.operator.workflows.get.query({ runId })).approvals;
    expect(approvals.map((a: { decision: string }) => a.decision).sort()).toEqual([
      'approve',
      'approve',
      'approve',
      'edit',
      'reject',
    ]);
    await recordHistory(handle, 'experiment-design');
  }, 60_000);

  it('regenerates on a reject without ids, then an edit approves every spec in the edited set', async () => {
    const t = await stack.newTenant();
    const since = stack.llm.requests.length;
    const { campaign, runId, draft } = await startDesign(t);

    await review(stack, t.operator, {
      runId,
      gate: 'experiments',
      decision: 'reject',
      feedback: 'Test a price anchor instead of the subscription',
    });
    const second = await waitLive(
      t,
      runId,
      (s) => s.attempt === 2 && s.waitingFor === 'experiments',
      'second draft',
    );
    const v2Id = second.draftArtifactIds[0] ?? '';
    expect(v2Id).not.toBe(draft.id);
    const specRequests = stack.llm.requests.slice(since).filter((r) => r.schemaName === 'ExperimentSpecSet');
    expect(specRequests).toHaveLength(2);
    expect(specRequests[1]?.text).toContain('Test a price anchor instead of the subscription');

    const v2 = ExperimentSpecSet.parse((await t.operator.artifacts.get.query({ id: v2Id })).data);
    const edited = structuredClone(v2);
    const offer = edited.experimentSpecs[1];
    if (offer) offer.name = 'Starter Set at $49 vs $59 anchor';
    // A number typed into the plan is not the plan: code computes it again.
    const typed = edited.experimentSpecs[0]?.plan;
    if (typed) typed.samplePerArm = 7;
    await review(stack, t.operator, { runId, gate: 'experiments', decision: 'edit', edited });
    await stack.waitForRunStatus(t.orgId, runId, 'completed');

    const saved = await t.operator.artifacts.latest.query({
      clientId: v2.clientId,
      campaignId: campaign.id,
      type: 'experiment_spec',
      status: 'approved',
    });
    expect(saved).toMatchObject({ source: 'human', status: 'approved' });
    // The reviewer's version was planned again by code: numbers typed into an edit are never taken.
    const savedSpecs = ExperimentSpecSet.parse(saved?.data).experimentSpecs;
    expect(savedSpecs[0]?.plan?.samplePerArm).toBe(hookSample(savedSpecs[0]?.mde ?? 0));
    const locked = await rowsOf(campaign.id);
    expect(locked.find((r) => r.specId === HOOKS)?.plan).toEqual(savedSpecs[0]?.plan);
    expect(locked.find((r) => r.specId === OFFER)?.plan).toBeNull();
    const rows = await rowsOf(campaign.id);
    expect(rows.map((r) => [r.specId, r.name, r.experimentSpecArtifactId]).sort()).toEqual(
      [
        [HOOKS, v2.experimentSpecs[0]?.name, saved?.id],
        [OFFER, 'Starter Set at $49 vs $59 anchor', saved?.id],
      ].sort(),
    );
    await recordHistory(await stack.handleOf(t.orgId, runId), 'experiment-design-edited');
  }, 60_000);

  it('stops cleanly while waiting at the experiments gate', async () => {
    const t = await stack.newTenant();
    const { campaign, runId } = await startDesign(t);
    await t.operator.workflows.stop.mutate({ runId });
    await stack.waitForRunStatus(t.orgId, runId, 'cancelled');
    expect(await (await stack.handleOf(t.orgId, runId)).result()).toEqual({ stopped: true });
    expect(await rowsOf(campaign.id)).toHaveLength(0);
  }, 30_000);
});

/**
 * Three weeks of daily snapshots of two ads of the campaign (impressions, clicks, conversions, spend, revenue), so
 * every decision metric has measured traffic and a measured baseline.
 */
async function seedAdTraffic(orgId: string, clientId: string, campaignId: string): Promise<void> {
  const ads = await stack.db
    .insert(assets)
    .values(
      ['a', 'b'].map((v) => ({
        orgId,
        clientId,
        campaignId,
        variantId: v,
        sourceType: 'generated' as const,
        channelId: 'meta',
        format: 'single_image',
        content: {},
      })),
    )
    .returning({ id: assets.id });
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (const [k, ad] of ads.entries()) {
    for (let d = 1; d <= 21; d++) {
      const impressions = 4000 + 137 * ((d * 7 + k * 3) % 11);
      const clicks = Math.round(impressions * (0.011 + 0.0007 * ((d + k) % 5)));
      const conversions = 1 + ((d * 3 + k) % 6);
      const spend = 90 + 6 * ((d + 2 * k) % 7);
      await insertSnapshot(stack.db, { orgId } as Parameters<typeof insertSnapshot>[1], {
        assetId: ad.id,
        day: new Date(today - d * 86_400_000),
        metrics: { impressions, clicks, conversions, spend, revenue: conversions * (48 + ((d + k) % 4) * 9) },
      });
    }
  }
}

/** Specs that got a plan over all seeds (seeds in which none did would test nothing). */
let plannedSpecs = 0;

describe('ExperimentDesign with a model that writes any pre-registration the schema admits', () => {
  afterAll(() => {
    expect(plannedSpecs).toBeGreaterThanOrEqual(3);
  });

  /**
   * The schema-driven stand-in writes each spec's decision metric, guardrails, stop rule and MDE (anything the
   * JSON schema sent admits, from a seed); the test's structure (ids, variants, control) stays the example's so
   * the set is a design at all. Every plan at the gate is @mos/stats' numbers for the traffic and baseline
   * measured for what the model wrote, or says what is missing; approval locks exactly the plans shown.
   */
  it.each([5, 19, 41])(
    'seed %i: every spec gets a plan by code or a reason, and approval locks them',
    async (seed) => {
      const random = seededRandom(seed);
      stack.llm.setFixture('ExperimentSpecSet', (rec: RecordedRequest) => {
        const written = valueFromSchema(rec.jsonSchema, random) as {
          experimentSpecs: Record<string, unknown>[];
        };
        const {
          clientId: _c,
          campaignId: _k,
          ...example
        } = structuredClone(artifactExamples.experiment_spec);
        return {
          ...example,
          experimentSpecs: example.experimentSpecs.map((spec, i) => {
            const w = written.experimentSpecs[i % written.experimentSpecs.length] ?? {};
            return {
              ...spec,
              primaryMetric: w.primaryMetric,
              guardrails: w.guardrails,
              stopRule: w.stopRule,
              mde: w.mde,
            };
          }),
        };
      });
      try {
        const t = await stack.newTenant();
        const client = await t.createClient();
        await t.seedApprovedOnboarding(client.id);
        const campaign = await t.createCampaign(client.id);
        await seedAdTraffic(t.orgId, client.id, campaign.id);
        const { runId } = await t.operator.experiments.design.mutate({ campaignId: campaign.id });
        let stop = await waitLive(t, runId, (x) => x.waitingFor !== null, 'a gate');
        if (stop.waitingFor === 'step_failed') {
          // The answers broke a rule (e.g. a guardrail on the primary metric) every attempt: a person retries
          // with a model that answers well; the gate must still show plans by code.
          stack.llm.setFixture('ExperimentSpecSet', undefined);
          await review(stack, t.operator, { runId, gate: 'step_failed', decision: 'retry' });
          stop = await waitLive(t, runId, (x) => x.waitingFor === 'experiments', 'experiments gate');
        }
        expect(stop.waitingFor).toBe('experiments');
        const set = ExperimentSpecSet.parse(
          (await t.operator.artifacts.get.query({ id: stop.draftArtifactIds[0] ?? '' })).data,
        );
        for (const spec of set.experimentSpecs) {
          // Exactly one of a plan and a reason.
          expect({ id: spec.id, both: spec.plan !== null && spec.planIssue !== null }).toEqual({
            id: spec.id,
            both: false,
          });
          if (spec.plan === null) {
            expect(spec.planIssue?.length).toBeGreaterThan(10);
            continue;
          }
          const p = spec.plan;
          plannedSpecs += 1;
          const info = DECISION_METRIC_INFO[p.primaryMetric];
          expect(p.primaryMetric).toBe(spec.primaryMetric);
          expect(p.stopRule.kind).toBe(spec.stopRule);
          expect(p.guardrails.every((g) => g.metric !== p.primaryMetric)).toBe(true);
          // The traffic and baseline measured from the seeded snapshots, then @mos/stats' numbers for them.
          const measured = await trafficEstimate(stack.db, t.orgId, {
            clientId: client.id,
            campaignId: campaign.id,
            metric: p.primaryMetric,
            days: 28,
          });
          if (!measured.data || measured.baseline === null)
            throw new Error(`nothing measured: ${p.primaryMetric}`);
          expect(p.traffic.source).toBe('snapshots');
          expect(p.traffic.unitsPerDay).toBeCloseTo(measured.traffic.unitsPerDay, 9);
          expect(p.baseline).toEqual({ metric: p.primaryMetric, value: measured.baseline });
          const sample = sampleSizePerArm({
            kind: info.kind,
            baseline: measured.baseline,
            ...(info.kind === 'proportion' ? {} : { unitVariance: summarize(measured.data).unitVariance }),
            mde: p.mde,
            alpha: 0.05,
            power: 0.8,
            arms: 2,
            method: p.stopRule.kind,
            direction: info.direction,
            // Daily snapshots: a sequential test is read once a day.
            ...(p.stopRule.kind === 'sequential' ? { unitsPerLook: measured.traffic.unitsPerDay / 2 } : {}),
          });
          expect(p.samplePerArm).toBe(sample);
          expect(p.expectedDays).toBe(expectedDays(sample, 2, measured.traffic.unitsPerDay));
        }
        await review(stack, t.operator, { runId, gate: 'experiments', decision: 'approve' });
        await stack.waitForRunStatus(t.orgId, runId, 'completed');
        const rows = await rowsOf(campaign.id);
        expect(rows).toHaveLength(set.experimentSpecs.length);
        for (const row of rows) {
          const spec = set.experimentSpecs.find((x) => x.id === row.specId);
          expect({ spec: row.specId, plan: row.plan, locked: row.planLockedAt !== null }).toEqual({
            spec: row.specId,
            plan: spec?.plan ?? null,
            locked: spec?.plan != null,
          });
        }
        const phases = await stack.db
          .select()
          .from(experimentPhases)
          .where(eq(experimentPhases.orgId, t.orgId));
        expect(phases).toHaveLength(set.experimentSpecs.filter((x) => x.plan !== null).length);
      } finally {
        stack.llm.setFixture('ExperimentSpecSet', undefined);
      }
    },
    60_000,
  );
});
