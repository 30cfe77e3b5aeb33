import type { CampaignInput } from '@mos/db/contracts';
import { acts, llmActs } from './shared/activities';
import {
  type ArtifactRef,
  approveDraftStep,
  artifactDraft,
  draftLog,
  editDraftStep,
  humanGate,
} from './shared/gate';
import { trackedRun } from './shared/run';
import { joinFeedback, llmStep } from './shared/step-failure';

export interface CampaignPlanningResult {
  strategySheetArtifactId: string;
  experimentSpecArtifactId: string;
  experimentIds: string[];
  assetBriefArtifactId: string;
  briefIds: string[];
}

/**
 * Plans a campaign (reference §4.3): strategy sheet → gate `strategy_sheet` → experiment specs (one
 * ExperimentSpecSet artifact, plus a planned `experiments` row per spec) → asset briefs (one per experiment
 * variant) → done. The API set the campaign to `planning` when it started the run; the workflow leaves the status
 * there, since the campaign runs only once its experiments are started (ExperimentCycle).
 */
export async function CampaignPlanning(
  input: CampaignInput,
): Promise<CampaignPlanningResult | { stopped: true }> {
  return trackedRun(input, async (state) => {
    const ref = {
      orgId: input.orgId,
      runId: input.runId,
      clientId: input.clientId,
      campaignId: input.campaignId,
    };

    const strategy = await humanGate<ArtifactRef>(state, {
      gate: 'strategy_sheet',
      generate: (feedback, attempt) => {
        const previousArtifactId = attempt > 1 ? (state.snapshot.draftArtifactIds[0] ?? null) : null;
        return llmStep(state, {
          step: 'build_strategy_sheet',
          artifactType: 'strategy_sheet',
          stepKey: `strategy_sheet:draft:${attempt}`,
          run: (retryFeedback) =>
            state.runStep(
              'build_strategy_sheet',
              () =>
                llmActs.buildStrategySheetDraft({
                  ...ref,
                  feedback: joinFeedback(feedback, retryFeedback),
                  attempt,
                  previousArtifactId,
                }),
              draftLog,
              { attempt, feedback },
            ),
        }).then(artifactDraft);
      },
      approve: (draft, review) => approveDraftStep(state, 'approve_strategy_sheet', draft, review),
      edit: (_draft, review) => editDraftStep(state, 'strategy_sheet', review),
    });

    const specs = await llmStep(state, {
      step: 'build_experiment_specs',
      artifactType: 'experiment_spec',
      stepKey: 'experiment_specs',
      run: (feedback) =>
        state.runStep(
          'build_experiment_specs',
          () =>
            llmActs.buildExperimentSpecsDraft({
              ...ref,
              stepKey: 'experiment_specs',
              feedback,
              previousArtifactId: null,
            }),
          (r) => ({ artifactId: r.artifactId, specIds: r.specs.map((s) => s.id) }),
        ),
    });
    state.snapshot.draftArtifactIds = [specs.artifactId];

    const created = await state.runStep(
      'create_experiments',
      () =>
        acts.createPlannedExperiments({
          orgId: input.orgId,
          clientId: input.clientId,
          campaignId: input.campaignId,
          artifactId: specs.artifactId,
          specIds: specs.specs.map((s) => s.id),
        }),
      (r) => r,
    );

    const briefs = await llmStep(state, {
      step: 'build_asset_briefs',
      artifactType: 'asset_brief',
      stepKey: 'asset_briefs',
      run: (feedback) =>
        state.runStep(
          'build_asset_briefs',
          () =>
            llmActs.buildAssetBriefs({
              ...ref,
              specArtifactId: specs.artifactId,
              stepKey: 'asset_briefs',
              feedback,
            }),
          (r) => ({ artifactId: r.artifactId, briefIds: r.briefIds, derivedPairs: r.derivedPairs }),
        ),
    });
    state.snapshot.draftArtifactIds = [strategy.data.artifactId, specs.artifactId, briefs.artifactId];

    return {
      strategySheetArtifactId: strategy.data.artifactId,
      experimentSpecArtifactId: specs.artifactId,
      experimentIds: created.experiments.map((e) => e.experimentId),
      assetBriefArtifactId: briefs.artifactId,
      briefIds: briefs.briefIds,
    };
  });
}
