import type { ArtifactType, TestCampaignInput } from '@mos/db/contracts';
import { produceBrief } from './creative-production';
import { acts, llmActs } from './shared/activities';
import { trackedRun } from './shared/run';
import { llmStep } from './shared/step-failure';
import { stoppable } from './shared/stoppable';

export interface TestCampaignResult {
  canonArtifactId: string;
  metricSchemaArtifactId: string;
  strategySheetArtifactId: string;
  experimentSpecArtifactId: string;
  assetBriefArtifactId: string;
  qaReportArtifactId: string;
  experimentIds: string[];
  briefIds: string[];
  /** The brief the assets were generated for (the first one). */
  briefId: string;
  assetIds: string[];
  assetsPassed: number;
  assetsFailed: number;
}

/**
 * A smoke test of the whole chain without gates (reference §4.8, built for real): canon (from the onboarding
 * intake when given, else from the client and its offers) → metric schema → strategy sheet → experiment specs →
 * asset briefs → assets for the first brief → brand QA → compliance QA, every document saved as a draft of this
 * run, the assets with their QA outcome. `stop` ends it between steps.
 */
export async function TestCampaign(
  input: TestCampaignInput,
): Promise<TestCampaignResult | { stopped: true }> {
  return trackedRun(input, async (state) => {
    const ref = {
      orgId: input.orgId,
      runId: input.runId,
      clientId: input.clientId,
      campaignId: input.campaignId,
    };
    const onboardingPayloadId = input.onboardingPayloadId ?? null;
    const log = (d: { artifactId: string; version: number }) => ({
      artifactId: d.artifactId,
      version: d.version,
    });
    const drafts: string[] = [];
    const keep = <T extends { artifactId: string }>(d: T): T => {
      drafts.push(d.artifactId);
      state.snapshot.draftArtifactIds = [...drafts];
      return d;
    };

    // Each build step waits at step_failed when it cannot go on (retry or edit continues the chain).
    const step = <T>(
      name: string,
      artifactType: ArtifactType,
      stepKey: string,
      body: (feedback: string | null) => Promise<T>,
      describe: (r: T) => unknown,
    ) =>
      llmStep(state, {
        step: name,
        artifactType,
        stepKey,
        run: (feedback) => state.runStep(name, () => stoppable(state, () => body(feedback)), describe),
      });

    const canon = keep(
      await step(
        'build_canon',
        'client_canon',
        'test:canon',
        (feedback) => llmActs.buildTestCanon({ ...ref, feedback, onboardingPayloadId }),
        log,
      ),
    );
    const metricSchema = keep(
      await step(
        'build_metric_schema',
        'metric_schema',
        'test:metric_schema',
        (feedback) =>
          llmActs.buildTestMetricSchema({
            ...ref,
            feedback,
            onboardingPayloadId,
            canonArtifactId: canon.artifactId,
          }),
        log,
      ),
    );
    const docs = {
      onboardingPayloadId,
      canonArtifactId: canon.artifactId,
      metricSchemaArtifactId: metricSchema.artifactId,
    };
    const strategy = keep(
      await step(
        'build_strategy_sheet',
        'strategy_sheet',
        'test:strategy_sheet',
        (feedback) => llmActs.buildTestStrategy({ ...ref, feedback, ...docs }),
        log,
      ),
    );
    const specs = keep(
      await step(
        'build_experiment_specs',
        'experiment_spec',
        'test:experiment_specs',
        (feedback) =>
          llmActs.buildTestExperimentSpecs({
            ...ref,
            feedback,
            ...docs,
            strategyArtifactId: strategy.artifactId,
          }),
        (r) => ({ ...log(r), specIds: r.specIds }),
      ),
    );
    const briefs = keep(
      await step(
        'build_asset_briefs',
        'asset_brief',
        'test:asset_briefs',
        (feedback) =>
          llmActs.buildTestBriefs({ ...ref, feedback, ...docs, specArtifactId: specs.artifactId }),
        (r) => ({ ...log(r), briefIds: r.briefIds }),
      ),
    );
    const selected = await state.runStep(
      'select_brief',
      () => acts.selectProductionBriefs({ ...ref, briefArtifactId: briefs.artifactId, experimentIds: [] }),
      (r) => ({ briefId: r.briefs[0]?.brief.id ?? null }),
    );
    const first = selected.briefs[0];
    if (!first) throw new Error('the brief set has no brief');
    // A smoke test's assets belong to no experiment, whatever the campaign's real experiments are.
    const produced = await produceBrief(
      state,
      ref,
      briefs.artifactId,
      { brief: first.brief, experimentRowId: null },
      1,
      null,
      null,
      canon.artifactId,
    );
    keep({ artifactId: produced.qaReportArtifactId });

    return {
      canonArtifactId: canon.artifactId,
      metricSchemaArtifactId: metricSchema.artifactId,
      strategySheetArtifactId: strategy.artifactId,
      experimentSpecArtifactId: specs.artifactId,
      assetBriefArtifactId: briefs.artifactId,
      qaReportArtifactId: produced.qaReportArtifactId,
      experimentIds: specs.specIds,
      briefIds: briefs.briefIds,
      briefId: first.brief.id,
      assetIds: produced.assetIds,
      assetsPassed: produced.passedIds.length,
      assetsFailed: produced.assetIds.length - produced.passedIds.length,
    };
  });
}
