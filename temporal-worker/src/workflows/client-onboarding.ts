import type { ClientOnboardingInput, ClientResearchInput } from '@mos/db/contracts';
import { condition, startChild, workflowInfo } from '@temporalio/workflow';
import { ClientResearch, type ClientResearchResult } from './client-research';
import { llmActs } from './shared/activities';
import {
  type ArtifactRef,
  approveDraftStep,
  artifactDraft,
  draftLog,
  editDraftStep,
  humanGate,
} from './shared/gate';
import { type RunState, StopRequested, trackedRun } from './shared/run';
import { joinFeedback, llmStep } from './shared/step-failure';

export interface ClientOnboardingResult {
  researchArtifactIds: string[];
  canonArtifactId: string;
  metricSchemaArtifactId: string;
}

/**
 * Onboards a client (reference §4.1, built for real): market research (child workflow) → client canon draft →
 * gate `canon` → metric schema draft → gate `metric_schema` → done. Approving marks the draft approved; an
 * edit is stored as an approved human version; a rejection regenerates the draft with the reviewer's feedback.
 */
export async function ClientOnboarding(
  input: ClientOnboardingInput,
): Promise<ClientOnboardingResult | { stopped: true }> {
  return trackedRun(input, async (state) => {
    // A research step that fails waits here (the child ends; retry or edit runs it again, and the steps it
    // already stored are found again, keyed by this run).
    let researchRuns = 0;
    const research = await llmStep(state, {
      step: 'research',
      stepFromFailure: true,
      artifactType: 'research_step',
      stepKey: (failure) => (failure.step.startsWith('research:') ? failure.step : null),
      run: (feedback) =>
        state.runStep(
          'research',
          () => runResearch(state, input, ++researchRuns, feedback),
          (r) => ({ artifactIds: r.artifactIds }),
        ),
    });

    const canon = await humanGate<ArtifactRef>(state, {
      gate: 'canon',
      generate: (feedback, attempt) => {
        const previousArtifactId = attempt > 1 ? (state.snapshot.draftArtifactIds[0] ?? null) : null;
        return llmStep(state, {
          step: 'build_canon',
          artifactType: 'client_canon',
          stepKey: `canon:draft:${attempt}`,
          run: (retryFeedback) =>
            state.runStep(
              'build_canon',
              () =>
                llmActs.buildCanonDraft({
                  orgId: input.orgId,
                  runId: input.runId,
                  clientId: input.clientId,
                  onboardingPayloadId: input.onboardingPayloadId,
                  researchArtifactIds: research.artifactIds,
                  feedback: joinFeedback(feedback, retryFeedback),
                  attempt,
                  previousArtifactId,
                }),
              draftLog,
              { attempt, feedback },
            ),
        }).then(artifactDraft);
      },
      approve: (draft, review) => approveDraftStep(state, 'approve_canon', draft, review),
      edit: (_draft, review) => editDraftStep(state, 'canon', review),
    });

    const metricSchema = await humanGate<ArtifactRef>(state, {
      gate: 'metric_schema',
      generate: (feedback, attempt) => {
        const previousArtifactId = attempt > 1 ? (state.snapshot.draftArtifactIds[0] ?? null) : null;
        return llmStep(state, {
          step: 'build_metric_schema',
          artifactType: 'metric_schema',
          stepKey: `metric_schema:draft:${attempt}`,
          run: (retryFeedback) =>
            state.runStep(
              'build_metric_schema',
              () =>
                llmActs.buildMetricSchemaDraft({
                  orgId: input.orgId,
                  runId: input.runId,
                  clientId: input.clientId,
                  onboardingPayloadId: input.onboardingPayloadId,
                  canonArtifactId: canon.data.artifactId,
                  feedback: joinFeedback(feedback, retryFeedback),
                  attempt,
                  previousArtifactId,
                }),
              draftLog,
              { attempt, feedback },
            ),
        }).then(artifactDraft);
      },
      approve: (draft, review) => approveDraftStep(state, 'approve_metric_schema', draft, review),
      edit: (_draft, review) => editDraftStep(state, 'metric_schema', review),
    });

    return {
      researchArtifactIds: research.artifactIds,
      canonArtifactId: canon.data.artifactId,
      metricSchemaArtifactId: metricSchema.data.artifactId,
    };
  });
}

/**
 * Runs ClientResearch as a child (id `<this workflow id>-research`, `-research-N` when run again after a failed
 * step) and gives up on it when a stop arrives.
 */
async function runResearch(
  state: RunState,
  input: ClientOnboardingInput,
  n: number,
  feedback: string | null,
): Promise<ClientResearchResult> {
  const childInput: ClientResearchInput = {
    orgId: input.orgId,
    runId: input.runId,
    parentRunId: input.runId,
    clientId: input.clientId,
    campaignId: null,
    startedBy: input.startedBy,
    onboardingPayloadId: input.onboardingPayloadId,
    ...(feedback ? { feedback } : {}),
  };
  const child = await startChild(ClientResearch, {
    workflowId: `${workflowInfo().workflowId}-research${n > 1 ? `-${n}` : ''}`,
    args: [childInput],
  });
  // On stop the parent finishes as cancelled; the default parent-close policy terminates the child with it.
  const result = await Promise.race([child.result(), condition(() => state.stopRequested).then(() => null)]);
  state.throwIfStopped();
  if (result === null || 'stopped' in result) throw new StopRequested();
  return result;
}
