import { activityLogs, artifacts, experiments } from '@mos/db';
import { AssetBriefSet, artifactExamples, ExperimentSpecSet, StrategySheet } from '@mos/db/artifacts';
import type { WorkflowStatusSnapshot } from '@mos/db/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constraintsFromCanon, noPriceNote, toneFromCanon } from '../src/activities/planning';
import { recordHistory } from './support/histories';
import { review, type Stack, startStack, type Tenant } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.close();
}, 60_000);

async function waitAtGate(t: Tenant, runId: string, gate: string): Promise<WorkflowStatusSnapshot> {
  return stack.waitFor(
    async () => {
      const live = (await t.operator.workflows.get.query({ runId })).live as WorkflowStatusSnapshot | null;
      return live?.waitingFor === gate && live.draftArtifactIds.length > 0 ? live : null;
    },
    { what: `run ${runId} waiting at ${gate}` },
  );
}

async function readyCampaign(t: Tenant) {
  const client = await t.createClient();
  await t.seedApprovedOnboarding(client.id);
  const campaign = await t.createCampaign(client.id, {
    goalDescription: 'Win 1,200 serum subscribers by September',
  });
  return { client, campaign };
}

describe('CampaignPlanning end to end through worker-api', () => {
  it('drafts the strategy, waits for approval, then designs experiments and writes one brief per variant', async () => {
    const t = await stack.newTenant();
    const { client, campaign } = await readyCampaign(t);
    const since = stack.llm.requests.length;
    const requests = (schema: string) =>
      stack.llm.requests.slice(since).filter((r) => r.schemaName === schema);

    const { runId, workflowId } = await t.operator.campaigns.plan.mutate({ id: campaign.id });
    expect(workflowId).toBe(`campaign-planning-${campaign.id}`);
    expect((await t.operator.campaigns.get.query({ id: campaign.id })).status).toBe('planning');

    const gate = await waitAtGate(t, runId, 'strategy_sheet');
    const draft = await t.operator.artifacts.get.query({ id: gate.draftArtifactIds[0] ?? '' });
    expect(draft).toMatchObject({
      type: 'strategy_sheet',
      status: 'draft',
      source: 'ai',
      campaignId: campaign.id,
    });
    expect(StrategySheet.parse(draft.data)).toMatchObject({ clientId: client.id, campaignId: campaign.id });
    const strategyPrompt = requests('StrategySheet')[0]?.text ?? '';
    expect(strategyPrompt).toContain('Win 1,200 serum subscribers by September');
    expect(strategyPrompt).toContain('"budgetMax": 30000');
    expect(strategyPrompt).toContain(artifactExamples.client_canon.brand.story.slice(0, 60));
    // Nothing is designed before the strategy is approved.
    expect(requests('ExperimentSpecSet')).toHaveLength(0);

    await review(stack, t.operator, { runId, gate: 'strategy_sheet', decision: 'approve' });
    await stack.waitForRunStatus(t.orgId, runId, 'completed');

    const approvedStrategy = await t.operator.artifacts.latest.query({
      clientId: client.id,
      campaignId: campaign.id,
      type: 'strategy_sheet',
      status: 'approved',
    });
    expect(approvedStrategy?.id).toBe(draft.id);
    expect(requests('ExperimentSpecSet')[0]?.text).toContain(
      StrategySheet.parse(draft.data).hypothesis?.slice(0, 60),
    );

    const [specRow] = await stack.db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.workflowRunId, runId), eq(artifacts.type, 'experiment_spec')));
    const specs = ExperimentSpecSet.parse(specRow?.data);
    expect(specs).toMatchObject({ clientId: client.id, campaignId: campaign.id });
    const rows = await stack.db.select().from(experiments).where(eq(experiments.campaignId, campaign.id));
    expect(rows.map((r) => [r.specId, r.status, r.experimentSpecArtifactId]).sort()).toEqual(
      specs.experimentSpecs.map((s) => [s.id, 'planned', specRow?.id]).sort(),
    );

    // The experiment design saw the canon's offers, audiences and compliance constraints.
    const canon = artifactExamples.client_canon;
    const specPrompt = requests('ExperimentSpecSet')[0]?.text ?? '';
    expect(specPrompt).toContain(canon.offers[2]?.name);
    expect(specPrompt).toContain(canon.icps[1]?.id);
    expect(specPrompt).toContain(JSON.stringify(canon.constraints.compliance[0]));

    // One request writes every brief, with the approved strategy sheet in the prompt.
    expect(requests('AssetBriefSet')).toHaveLength(1);
    const strategyDoc = StrategySheet.parse(draft.data);
    const briefPrompt = requests('AssetBriefSet')[0]?.text ?? '';
    expect(briefPrompt).toContain(strategyDoc.hypothesis?.slice(0, 60));
    expect(briefPrompt).toContain(JSON.stringify(strategyDoc.phases[0]?.objective));
    const [briefRow] = await stack.db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.workflowRunId, runId), eq(artifacts.type, 'asset_brief')));
    const briefs = AssetBriefSet.parse(briefRow?.data).assetBriefs;
    const pairs = specs.experimentSpecs.flatMap((s) => s.variants.map((v) => `${s.id}/${v.id}`));
    expect(briefs.map((b) => `${b.experimentId}/${b.variantId}`)).toEqual(pairs);
    expect(briefs.map((b) => b.id)).toEqual(pairs.map((p) => `${p.replace('/', '-')}-brief`));
    for (const brief of briefs) {
      const spec = specs.experimentSpecs.find((s) => s.id === brief.experimentId);
      const variant = spec?.variants.find((v) => v.id === brief.variantId);
      expect(brief.toneGuidelines).toEqual(toneFromCanon(canon));
      // Both: the canon's constraints and the test's own guardrails for this arm.
      expect(brief.constraints).toEqual(constraintsFromCanon(canon));
      expect(brief.guardrails).toEqual(variant?.guardrails);
      expect(brief).toMatchObject({
        hypothesis: spec?.hypothesis,
        testedVariable: spec?.testedVariable,
        controlVariantId: spec?.controlVariantId,
        constants: spec?.constants,
        market: { countries: ['US'], currency: 'USD' },
      });
    }
    expect(briefs[0]?.toneGuidelines).toContain(`Don't: ${canon.brand.toneOfVoice.dont[0]}`);

    // The campaign stays in planning until its experiments run.
    expect((await t.operator.campaigns.get.query({ id: campaign.id })).status).toBe('planning');
    const handle = await stack.handleOf(t.orgId, runId);
    expect(await handle.result()).toMatchObject({
      strategySheetArtifactId: draft.id,
      experimentSpecArtifactId: specRow?.id,
      assetBriefArtifactId: briefRow?.id,
    });
    const steps = await stack.db.select().from(activityLogs).where(eq(activityLogs.workflowRunId, runId));
    const done = steps.filter((l) => l.status === 'completed').map((l) => l.step);
    expect(done).toEqual(
      expect.arrayContaining([
        'build_strategy_sheet',
        'approve_strategy_sheet',
        'build_experiment_specs',
        'create_experiments',
        'build_asset_briefs',
      ]),
    );
    await recordHistory(handle, 'campaign-planning');
  }, 60_000);

  it('stops cleanly while waiting at the strategy gate', async () => {
    const t = await stack.newTenant();
    const { campaign } = await readyCampaign(t);
    const { runId } = await t.operator.campaigns.plan.mutate({ id: campaign.id });
    await waitAtGate(t, runId, 'strategy_sheet');
    expect(
      (await stack.db.select().from(experiments).where(eq(experiments.campaignId, campaign.id))).length,
    ).toBe(0);

    await t.operator.workflows.stop.mutate({ runId });
    await stack.waitForRunStatus(t.orgId, runId, 'cancelled');
    const handle = await stack.handleOf(t.orgId, runId);
    expect(await handle.result()).toEqual({ stopped: true });
    const detail = await t.operator.workflows.get.query({ runId });
    expect(detail.run).toMatchObject({ status: 'cancelled', waitingGate: null });
    expect(detail.run.finishedAt).not.toBeNull();
    // Nothing after the gate ran.
    expect(detail.artifacts.map((a: { type: string }) => a.type)).toEqual(['strategy_sheet']);
    await recordHistory(handle, 'campaign-planning-stopped');
  }, 30_000);

  it('waits at step_failed with readable problems when the model never returns a valid strategy sheet; retry goes on', async () => {
    const t = await stack.newTenant();
    const { campaign } = await readyCampaign(t);
    stack.llm.setFixture('StrategySheet', { goal: 'Sell more serum' });
    let runId = '';
    try {
      ({ runId } = await t.operator.campaigns.plan.mutate({ id: campaign.id }));
      const live = await stack.waitForStatus(t.orgId, runId, (s) => s.waitingFor === 'step_failed');
      expect(live.stepFailure).toMatchObject({
        step: 'build_strategy_sheet',
        artifactType: 'strategy_sheet',
        kind: 'invalid_output',
        attempts: 3,
        lastAnswer: { goal: 'Sell more serum' },
      });
      expect(live.stepFailure?.problems).toContain(
        'channelPlan: Invalid input: expected array, received undefined',
      );
      const detail = await t.operator.workflows.get.query({ runId });
      expect(detail.run).toMatchObject({ status: 'waiting_for_approval', waitingGate: 'step_failed' });
      // Non-retryable by Temporal: three answers in one attempt, no second attempt.
      expect(
        stack.llm.requests.filter((r) => r.schemaName === 'StrategySheet' && r.text.includes(campaign.id)),
      ).toHaveLength(3);
      expect(detail.artifacts).toHaveLength(0);
    } finally {
      stack.llm.setFixture('StrategySheet', undefined);
    }
    await review(stack, t.operator, {
      runId,
      gate: 'step_failed',
      decision: 'retry',
      feedback: 'Use the example',
    });
    const gate = await stack.waitForStatus(t.orgId, runId, (s) => s.waitingFor === 'strategy_sheet');
    expect(gate.stepFailure).toBeNull();
    const retried = stack.llm.requests.filter(
      (r) => r.schemaName === 'StrategySheet' && r.text.includes(campaign.id),
    );
    expect(retried.at(-1)?.text).toContain('Use the example');
  }, 30_000);

  it("feeds a budget outside the campaign's range back to the model and keeps the corrected sheet", async () => {
    const t = await stack.newTenant();
    const { campaign } = await readyCampaign(t);
    let calls = 0;
    stack.llm.setFixture('StrategySheet', () => {
      calls += 1;
      const example = structuredClone(artifactExamples.strategy_sheet);
      return calls === 1 ? { ...example, budget: { total: 50_000, currency: 'USD' } } : example;
    });
    try {
      const { runId } = await t.operator.campaigns.plan.mutate({ id: campaign.id });
      const gate = await waitAtGate(t, runId, 'strategy_sheet');
      const draft = await t.operator.artifacts.get.query({ id: gate.draftArtifactIds[0] ?? '' });
      expect(StrategySheet.parse(draft.data).budget).toEqual({ total: 20_000, currency: 'USD' });
      const asked = stack.llm.requests.filter(
        (r) => r.schemaName === 'StrategySheet' && r.text.includes(campaign.id),
      );
      expect(asked).toHaveLength(2);
      const fedBack = asked[1]?.messages.at(-1)?.content ?? '';
      expect(fedBack).toContain(
        "budget.total: 50000 USD is more than the campaign's budget of at most 30000",
      );
      expect(fedBack).toContain("Rule: The total budget stays within the campaign's budget range.");
      // The prompt states the client's market and currency, and the budget currency is an enum of it.
      expect(asked[0]?.text).toContain('Client market and currency: market US; language');
      expect(JSON.stringify(asked[0]?.jsonSchema)).toContain('"enum":["USD"]');
      await t.operator.workflows.stop.mutate({ runId });
    } finally {
      stack.llm.setFixture('StrategySheet', undefined);
    }
  }, 30_000);

  it('a US + DE campaign gets a strategy in its currency and briefs per market with their language, currency and prices', async () => {
    const t = await stack.newTenant();
    const client = await t.createClient({
      primaryMarkets: ['US', 'DE'],
      primaryLanguages: ['en-US', 'de-DE'],
    });
    await t.seedApprovedOnboarding(client.id);
    await t.admin.offers.create.mutate({
      clientId: client.id,
      name: 'Barrier Reset Serum',
      businessModel: 'One-off purchase',
      pricePoints: [
        { label: 'One-off', amountCents: 3800, currency: 'USD' },
        { label: 'Einzelkauf', amountCents: 3600, currency: 'EUR' },
      ],
    });
    await t.admin.offers.create.mutate({
      clientId: client.id,
      name: 'Daily Shield SPF 30',
      businessModel: 'One-off purchase',
      pricePoints: [{ label: 'One-off', amountCents: 2600, currency: 'USD' }],
    });
    const campaign = await t.createCampaign(client.id, { markets: ['US', 'DE'], currency: 'EUR' });
    const since = stack.llm.requests.length;
    const requests = (schema: string) =>
      stack.llm.requests.slice(since).filter((r) => r.schemaName === schema && r.text.includes(campaign.id));
    stack.llm.setFixture('StrategySheet', () => ({
      ...structuredClone(artifactExamples.strategy_sheet),
      budget: { total: 20_000, currency: 'EUR' },
    }));
    let runId = '';
    try {
      ({ runId } = await t.operator.campaigns.plan.mutate({ id: campaign.id }));
      await waitAtGate(t, runId, 'strategy_sheet');
    } finally {
      stack.llm.setFixture('StrategySheet', undefined);
    }
    // The strategy's budget is in the campaign's currency, and the prompt names both markets.
    const strategy = requests('StrategySheet')[0];
    expect(JSON.stringify(strategy?.jsonSchema)).toContain('"enum":["EUR"]');
    expect(strategy?.text).toContain(
      '2 markets: (market US; language en-US; currency USD) and (market DE; language de-DE; currency EUR); ' +
        'campaign budget currency EUR',
    );
    await review(stack, t.operator, { runId, gate: 'strategy_sheet', decision: 'approve' });
    await stack.waitForRunStatus(t.orgId, runId, 'completed');

    const [specRow] = await stack.db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.workflowRunId, runId), eq(artifacts.type, 'experiment_spec')));
    const specs = ExperimentSpecSet.parse(specRow?.data).experimentSpecs;
    const [briefRow] = await stack.db
      .select()
      .from(artifacts)
      .where(and(eq(artifacts.workflowRunId, runId), eq(artifacts.type, 'asset_brief')));
    const briefs = AssetBriefSet.parse(briefRow?.data).assetBriefs;
    // One model call writes the briefs; code writes each arm once per market, the arms of a market together.
    expect(requests('AssetBriefSet')).toHaveLength(1);
    expect(requests('AssetBriefSet')[0]?.text).toContain('Code copies every brief once per market');
    const expected = specs.flatMap((s) =>
      ['us', 'de'].flatMap((m) => s.variants.map((v) => `${s.id}-${v.id}-${m}-brief`)),
    );
    expect(briefs.map((b) => b.id)).toEqual(expected);
    const us = briefs.filter((b) => b.market.countries[0] === 'US');
    const de = briefs.filter((b) => b.market.countries[0] === 'DE');
    expect(us).toHaveLength(expected.length / 2);
    expect(de).toHaveLength(expected.length / 2);
    for (const b of us) expect(b.market).toEqual({ countries: ['US'], language: 'en-US', currency: 'USD' });
    for (const b of de) expect(b.market).toEqual({ countries: ['DE'], language: 'de-DE', currency: 'EUR' });
    for (const b of briefs) {
      // Prices only in the brief's currency, never converted.
      for (const p of b.pricePoints) expect(p.currency).toBe(b.market.currency);
      const serum = b.offerId === 'barrier-reset-serum';
      if (serum) expect(b.pricePoints.map((p) => p.amount)).toEqual([b.market.currency === 'EUR' ? 36 : 38]);
      // The SPF has no EUR price: its German briefs say so and quote none.
      const unpriced = b.offerId === 'daily-shield-spf30' && b.market.currency === 'EUR';
      expect(b.constraints[0] === noPriceNote(b.market)).toBe(unpriced);
      if (unpriced) expect(b.pricePoints).toEqual([]);
    }
    expect(de.some((b) => b.offerId === 'daily-shield-spf30')).toBe(true);
    expect(de.some((b) => b.offerId === 'barrier-reset-serum')).toBe(true);
    // Within a market, each arm differs from the control only in the tested variable; the markets share concepts.
    for (const b of de) {
      const twin = us.find((u) => u.experimentId === b.experimentId && u.variantId === b.variantId);
      expect({ ...b, id: '', market: null, pricePoints: [], constraints: [] }).toEqual({
        ...twin,
        id: '',
        market: null,
        pricePoints: [],
        constraints: [],
      });
    }
  }, 60_000);

  it('refuses to plan before onboarding is approved', async () => {
    const t = await stack.newTenant();
    const client = await t.createClient();
    const campaign = await t.createCampaign(client.id);
    await expect(t.operator.campaigns.plan.mutate({ id: campaign.id })).rejects.toThrow(
      /approved client canon/,
    );
  });
});
