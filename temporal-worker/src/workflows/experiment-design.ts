import type { CampaignInput } from '@mos/db/contracts';
import { acts, llmActs } from './shared/activities';
import { type ItemDraft, itemGate } from './shared/gate';
import { trackedRun } from './shared/run';
import { joinFeedback, llmStep } from './shared/step-failure';

export interface ExperimentDesignResult {
  experimentSpecArtifactId: string;
  approvedSpecIds: string[];
  rejectedSpecIds: string[];
  experimentIds: string[];
}

/**
 * Designs a campaign's experiments (reference §4.4): an ExperimentSpecSet draft, each spec's plan computed by code
 * into it (sample per arm, expected days, baseline, prior) → gate `experiments`, decided per spec. Approved specs
 * become planned `experiments` rows (once) with their plan locked as phase 1; rejected ones are recorded in the
 * run's log; an edit replaces the set with a validated human version (specs already decided must stay as they
 * were), planned again. The run finishes when every spec is decided.
 */
export async function ExperimentDesign(
  input: CampaignInput,
): Promise<ExperimentDesignResult | { stopped: true }> {
  return trackedRun(input, async (state) => {
    const ref = {
      orgId: input.orgId,
      runId: input.runId,
      clientId: input.clientId,
      campaignId: input.campaignId,
    };
    /** Spec ids that already have their experiments row (the rows point at the set they were approved in). */
    const experimentIds: string[] = [];
    /** Pre-registration: code computes each spec's plan into the draft before the gate shows it. */
    const planSpecs = (artifactId: string, keepSpecIds: string[] = []) =>
      state.runStep(
        'plan_experiments',
        () => acts.planExperimentSpecs({ ...ref, artifactId, keepSpecIds }),
        (r) => r,
        { artifactId },
      );

    const result = await itemGate(state, {
      gate: 'experiments',
      generate: async (feedback, attempt): Promise<ItemDraft> => {
        const previousArtifactId = attempt > 1 ? (state.snapshot.draftArtifactIds[0] ?? null) : null;
        const set = await llmStep(state, {
          step: 'build_experiment_specs',
          artifactType: 'experiment_spec',
          stepKey: `experiments:draft:${attempt}`,
          run: (retryFeedback) =>
            state.runStep(
              'build_experiment_specs',
              () =>
                llmActs.buildExperimentSpecsDraft({
                  ...ref,
                  stepKey: `experiments:draft:${attempt}`,
                  feedback: joinFeedback(feedback, retryFeedback),
                  previousArtifactId,
                }),
              (r) => ({ artifactId: r.artifactId, specIds: r.specs.map((s) => s.id) }),
              { attempt, feedback },
            ),
        });
        await planSpecs(set.artifactId);
        return { itemIds: set.specs.map((s) => s.id), artifactIds: [set.artifactId] };
      },
      approve: async (ids, draft, review) => {
        const artifactId = draft.artifactIds[0] ?? '';
        const out = await state.runStep(
          'approve_experiments',
          () =>
            acts.createPlannedExperiments({
              orgId: input.orgId,
              clientId: input.clientId,
              campaignId: input.campaignId,
              artifactId,
              specIds: ids,
              approvalId: review.approvalId,
            }),
          (r) => r,
          { approvalId: review.approvalId, specIds: ids },
        );
        experimentIds.push(...out.experiments.map((e) => e.experimentId));
      },
      reject: async (ids, draft, review) => {
        await state.runStep(
          'reject_experiments',
          async () => null,
          () => ({ rejectedSpecIds: ids }),
          {
            approvalId: review.approvalId,
            artifactId: draft.artifactIds[0] ?? null,
            specIds: ids,
            feedback: review.feedback,
          },
        );
      },
      edit: async (draft, review, decided) => {
        const saved = await state.runStep(
          'edit_experiments',
          () =>
            acts.saveGateEdit({
              ...ref,
              gate: 'experiments',
              edited: review.edited,
              approvalId: review.approvalId,
              locked: { artifactId: draft.artifactIds[0] ?? '', itemIds: [...decided.keys()] },
            }),
          (r) => r,
          { approvalId: review.approvalId },
        );
        if (!saved.ok) return saved;
        // A person's version gets its plans computed too (what they changed may change the numbers).
        await planSpecs(saved.artifactId, [...decided.keys()]);
        return { ok: true, draft: { itemIds: saved.itemIds, artifactIds: [saved.artifactId] } };
      },
    });

    return {
      experimentSpecArtifactId: result.draft.artifactIds[0] ?? '',
      approvedSpecIds: result.approvedIds,
      rejectedSpecIds: result.rejectedIds,
      experimentIds,
    };
  });
}
