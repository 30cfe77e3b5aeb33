import { artifacts, assets, createOnboardingPayload } from '@mos/db';
import { AssetBriefSet, ExperimentSpecSet, QAReport } from '@mos/db/artifacts';
import type { WorkflowStatusSnapshot } from '@mos/db/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCampaignResult } from '../src/workflows/test-campaign';
import { recordHistory } from './support/histories';
import { generatedAssets, SERUM_GUARANTEE, SERUM_PRICE_CENTS } from './support/production';
import { exampleIntake, type Stack, startStack, type Tenant } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  stack.llm.setFixture('GeneratedAssetSet', generatedAssets);
}, 120_000);
afterAll(async () => {
  await stack?.close();
}, 60_000);

async function clientWithOffer(t: Tenant) {
  const client = await t.createClient();
  await t.admin.offers.create.mutate({
    clientId: client.id,
    name: 'Barrier Reset Serum',
    description: null,
    businessModel: 'One-off purchase',
    guaranteeText: SERUM_GUARANTEE,
    pricePoints: [{ label: 'One-off', amountCents: SERUM_PRICE_CENTS, currency: 'USD' }],
  });
  const campaign = await t.createCampaign(client.id, {
    goalDescription: 'Smoke-test the serum launch chain',
  });
  return { client, campaign };
}

const runArtifacts = (runId: string) =>
  stack.db.select().from(artifacts).where(eq(artifacts.workflowRunId, runId)).orderBy(artifacts.createdAt);

describe('TestCampaign end to end (campaigns.testRun)', () => {
  it('runs the whole chain without gates from the onboarding intake and saves every draft', async () => {
    const t = await stack.newTenant();
    const { client, campaign } = await clientWithOffer(t);
    const intake = exampleIntake();
    await createOnboardingPayload(stack.db, t.orgId, { clientId: client.id, data: intake, createdBy: null });
    const since = stack.llm.requests.length;

    const { runId, workflowId } = await t.operator.campaigns.testRun.mutate({ id: campaign.id });
    expect(workflowId).toMatch(new RegExp(`^test-campaign-${campaign.id}-`));
    await stack.waitForRunStatus(t.orgId, runId, 'completed', { timeoutMs: 45_000 });

    const handle = await stack.handleOf(t.orgId, runId);
    const result = (await handle.result()) as TestCampaignResult;
    const rows = await runArtifacts(runId);
    expect(rows.map((r) => [r.type, r.stepKey, r.status])).toEqual([
      ['client_canon', 'test:canon', 'draft'],
      ['metric_schema', 'test:metric_schema', 'draft'],
      ['strategy_sheet', 'test:strategy_sheet', 'draft'],
      ['experiment_spec', 'test:experiment_specs', 'draft'],
      ['asset_brief', 'test:asset_briefs', 'draft'],
      ['qa_report', `qa_report:1:${result.briefId}`, 'draft'],
    ]);
    const byType = new Map(rows.map((r) => [r.type, r]));
    expect(result).toMatchObject({
      canonArtifactId: byType.get('client_canon')?.id,
      metricSchemaArtifactId: byType.get('metric_schema')?.id,
      strategySheetArtifactId: byType.get('strategy_sheet')?.id,
      experimentSpecArtifactId: byType.get('experiment_spec')?.id,
      assetBriefArtifactId: byType.get('asset_brief')?.id,
      qaReportArtifactId: byType.get('qa_report')?.id,
    });
    // Client-level documents are the client's; campaign documents are the campaign's.
    expect(byType.get('client_canon')).toMatchObject({ clientId: client.id, campaignId: null });
    expect(byType.get('strategy_sheet')).toMatchObject({ clientId: client.id, campaignId: campaign.id });
    const specs = ExperimentSpecSet.parse(byType.get('experiment_spec')?.data);
    expect(result.experimentIds).toEqual(specs.experimentSpecs.map((s) => s.id));
    const briefs = AssetBriefSet.parse(byType.get('asset_brief')?.data).assetBriefs;
    expect(result.briefId).toBe(briefs[0]?.id);

    // Assets of the first brief only, QA'd: the clean variant passes, the one with a banned phrase and a wrong price fails.
    const rowsOfRun = await stack.db
      .select()
      .from(assets)
      .where(sql`${assets.content} @> ${JSON.stringify({ generation: { runId } })}::jsonb`);
    expect(rowsOfRun.map((r) => r.id).sort()).toEqual([...result.assetIds].sort());
    expect(rowsOfRun.every((r) => r.conceptId === result.briefId && r.experimentId === null)).toBe(true);
    expect(result.assetsPassed).toBe(rowsOfRun.filter((r) => r.status === 'qa_passed').length);
    expect(result.assetsPassed).toBe(result.assetIds.length / 2);
    expect(result.assetsFailed).toBe(result.assetIds.length / 2);
    const qa = QAReport.parse(byType.get('qa_report')?.data);
    expect(qa.checklist.map((c) => c.assetId).sort()).toEqual([...result.assetIds].sort());

    // Every build step asked the LLM; the canon prompt read the intake.
    const asked = stack.llm.requests.slice(since).map((r) => r.schemaName);
    expect(asked).toEqual(
      expect.arrayContaining([
        'ClientCanon',
        'MetricSchema',
        'StrategySheet',
        'ExperimentSpecSet',
        'AssetBriefSet',
        'GeneratedAssetSet',
        'QAReport',
      ]),
    );
    const canonPrompt =
      stack.llm.requests.slice(since).find((r) => r.schemaName === 'ClientCanon')?.text ?? '';
    expect(canonPrompt).toContain(intake.brandStory.slice(0, 50));
    // No gate anywhere: the run never waited for a person.
    const detail = await t.operator.workflows.get.query({ runId });
    expect(detail.logs.some((l: { step: string }) => l.step.startsWith('wait:'))).toBe(false);
    expect(detail.approvals).toEqual([]);
    await recordHistory(handle, 'test-campaign');
  }, 60_000);

  it('builds the canon from the client and its offers without an intake, and stops between steps', async () => {
    const t = await stack.newTenant();
    const { campaign } = await clientWithOffer(t);
    const since = stack.llm.requests.length;
    stack.llm.setDelay(5_000);
    try {
      const { runId } = await t.operator.campaigns.testRun.mutate({ id: campaign.id });
      await stack.waitForStatus(t.orgId, runId, (s: WorkflowStatusSnapshot) => s.step === 'build_canon');
      const canonPrompt = await stack.waitFor(
        () => stack.llm.requests.slice(since).find((r) => r.schemaName === 'ClientCanon')?.text,
        { what: 'the canon request' },
      );
      expect(canonPrompt).toContain('No onboarding intake was submitted');
      expect(canonPrompt).toContain('Barrier Reset Serum');

      await t.operator.workflows.stop.mutate({ runId });
      await stack.waitForRunStatus(t.orgId, runId, 'cancelled', { timeoutMs: 10_000 });
      const handle = await stack.handleOf(t.orgId, runId);
      expect(await handle.result()).toEqual({ stopped: true });
      // Nothing after the stop ran.
      expect(stack.llm.requests.slice(since).map((r) => r.schemaName)).toEqual(['ClientCanon']);
      await recordHistory(handle, 'test-campaign-stopped');
    } finally {
      stack.llm.setDelay(0);
    }
  }, 60_000);
});
