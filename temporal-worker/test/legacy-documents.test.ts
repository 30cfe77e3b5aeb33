import { randomUUID } from 'node:crypto';
import {
  artifacts,
  createClient,
  createWorkflowRun,
  type Database,
  ensureOrg,
  insertArtifactVersion,
  insertCampaign,
} from '@mos/db';
import { ExperimentSpecSet, StrategySheet } from '@mos/db/artifacts';
import { STEP_FAILED_FAILURE_TYPE, StepFailure } from '@mos/db/contracts';
import { createDb, migrate } from '@mos/db/node';
import {
  v1ClientCanonExample,
  v1ExperimentSpecSetExample,
  v1MetricSchemaExample,
  v1StrategySheetExample,
} from '@mos/db/testing';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities/index';
import type { DraftRef } from '../src/activities/shared/types';
import { createLlmClient } from '../src/llm/client';
import { type OpenAiStandIn, startOpenAiStandIn } from '../src/testing/openai-stand-in';

/**
 * A client whose canon, metric schema and strategy sheet an earlier MOS version approved (v1, before issue 8):
 * the planning steps read them in the current shape and put what they say in front of the model.
 */
let database: Database;
let standIn: OpenAiStandIn;
beforeAll(async () => {
  database = await createDb('pglite:memory');
  await migrate(database);
  standIn = await startOpenAiStandIn();
});
afterAll(async () => {
  await standIn?.close();
  await database?.close();
});

const env = () =>
  new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR', () => undefined) });

async function legacyClient() {
  const db = database.db;
  const org = await ensureOrg(db, { externalId: `org_${randomUUID()}`, name: 'Agency' });
  const client = await createClient(db, org.id, {
    name: 'Lumen & Moss',
    primaryMarkets: ['US'],
    primaryLanguages: ['en-US'],
  });
  const campaign = await insertCampaign(db, org.id, {
    clientId: client.id,
    name: 'Q3 launch',
    goalDescription: 'Win 1,200 serum subscribers by September',
  });
  const run = await createWorkflowRun(db, {
    id: randomUUID(),
    orgId: org.id,
    clientId: client.id,
    campaignId: campaign.id,
    kind: 'campaign_planning',
    temporalWorkflowId: `legacy-${randomUUID()}`,
    temporalRunId: randomUUID(),
    input: {},
    startedBy: null,
  });
  // Stored as v1 wrote them: straight into `artifacts`, unvalidated.
  const store = (
    type: 'client_canon' | 'metric_schema' | 'strategy_sheet' | 'experiment_spec',
    data: object,
    campaignId: string | null,
  ) =>
    insertArtifactVersion(db, {
      orgId: org.id,
      clientId: client.id,
      campaignId,
      type,
      data: { ...structuredClone(data), clientId: client.id, ...(campaignId ? { campaignId } : {}) },
      source: 'ai',
      status: 'approved',
    });
  await store('client_canon', v1ClientCanonExample, null);
  await store('metric_schema', v1MetricSchemaExample, null);
  const llm = createLlmClient({ db, apiKey: 'sk-test-stand-in', baseURL: standIn.baseURL, model: 'gpt-5.2' });
  const ref = { orgId: org.id, runId: run.id, clientId: client.id, campaignId: campaign.id };
  return { db, ref, store, planning: createActivities({ db, llm, clock: () => new Date() }) };
}

const promptOf = (schemaName: string, since: number) =>
  standIn.requests
    .slice(since)
    .filter((r) => r.schemaName === schemaName)
    .map((r) => r.text)
    .join('\n');

describe('planning on documents stored by MOS v1', () => {
  it('drafts the strategy from an approved v1 canon, and the experiments from an approved v1 strategy sheet', async () => {
    const { db, ref, store, planning } = await legacyClient();
    const since = standIn.requests.length;

    const draft: DraftRef = await env().run(planning.buildStrategySheetDraft, {
      ...ref,
      feedback: null,
      attempt: 1,
      previousArtifactId: null,
    });
    const [sheetRow] = await db.select().from(artifacts).where(eq(artifacts.id, draft.artifactId));
    expect(StrategySheet.parse(sheetRow?.data)).toMatchObject({
      clientId: ref.clientId,
      campaignId: ref.campaignId,
    });
    // The v1 canon reached the model in the current shape: its verbatim quotes, story and rules.
    const strategyPrompt = promptOf('StrategySheet', since);
    for (const quote of v1ClientCanonExample.voiceOfCustomer.quotes)
      expect(strategyPrompt).toContain(`"quote": ${JSON.stringify(quote)}`);
    expect(strategyPrompt).toContain(v1ClientCanonExample.brand.story.slice(0, 80));
    expect(strategyPrompt).toContain(JSON.stringify(v1ClientCanonExample.constraints.compliance[0]));
    expect(strategyPrompt).toContain('"awarenessLevel": null');

    // An approved v1 strategy sheet is what the experiment design reads.
    await store('strategy_sheet', v1StrategySheetExample, ref.campaignId);
    const specs: DraftRef = await env().run(planning.buildExperimentSpecsDraft, {
      ...ref,
      stepKey: 'experiment_specs',
      feedback: null,
      previousArtifactId: null,
    });
    const [specRow] = await db.select().from(artifacts).where(eq(artifacts.id, specs.artifactId));
    expect(ExperimentSpecSet.parse(specRow?.data).experimentSpecs.length).toBeGreaterThan(0);
    const specPrompt = promptOf('ExperimentSpecSet', since);
    expect(specPrompt).toContain(v1StrategySheetExample.hypothesis.slice(0, 80));
    expect(specPrompt).toContain(JSON.stringify(v1StrategySheetExample.risks[1]));
    expect(specPrompt).toContain('"budget": null');
  });

  it('waits at step_failed instead of writing briefs from v1 specs that do not say what they test', async () => {
    const { ref, store, planning } = await legacyClient();
    const specs = await store('experiment_spec', v1ExperimentSpecSetExample, ref.campaignId);
    const since = standIn.requests.length;
    const error = await env()
      .run(planning.buildAssetBriefs, { ...ref, specArtifactId: specs.id, stepKey: 'asset_briefs' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    // The failure the workflow turns into the step_failed gate (a person writes the briefs or stops the run).
    expect(error).toBeInstanceOf(ApplicationFailure);
    const failure = error as ApplicationFailure;
    expect(failure.type).toBe(STEP_FAILED_FAILURE_TYPE);
    const details = StepFailure.parse(failure.details?.[0]);
    expect(details).toMatchObject({ step: 'buildAssetBriefs', artifactType: 'asset_brief', attempts: 0 });
    expect(details.problems).toEqual(
      v1ExperimentSpecSetExample.experimentSpecs.map(
        (s, i) =>
          `experimentSpecs.${i}.testedVariable: experiment spec "${s.id}" does not state its testedVariable (written before specs did); state it and controlVariantId in the experiment specs`,
      ),
    );
    // Nothing was asked of the model.
    expect(promptOf('AssetBriefSet', since)).toBe('');
  });
});
