import type { FunnelPageDraftInput } from '@mos/db/contracts';
import { llmActs } from './shared/activities';
import { trackedRun } from './shared/run';
import { llmStep } from './shared/step-failure';
import { stoppable } from './shared/stoppable';

export interface FunnelPageDraftResult {
  versionId: string;
  created: boolean;
  blocks: number;
}

/**
 * "Generate page": drafts a page (or a variant of it) from the canon, an offer and an experiment arm through the
 * one LLM-step pipeline, saved as a `source=ai` draft version for review in the editor. When the model's answers
 * use up their attempts (or the provider refuses), the run waits at `step_failed`: retry, edit (a page document)
 * or stop.
 */
export async function FunnelPageDraft(
  input: FunnelPageDraftInput,
): Promise<FunnelPageDraftResult | { stopped: true }> {
  return trackedRun(input, async (state) => {
    const draft = await llmStep(state, {
      step: 'draft_page',
      artifactType: null,
      stepKey: `funnel_page:${input.pageId}:${input.variantId ?? ''}`,
      run: (feedback) =>
        state.runStep(
          'draft_page',
          () =>
            stoppable(state, () =>
              llmActs.draftFunnelPage({
                orgId: input.orgId,
                runId: input.runId,
                clientId: input.clientId,
                funnelId: input.funnelId,
                pageId: input.pageId,
                variantId: input.variantId,
                offerId: input.offerId,
                experimentId: input.experimentId,
                experimentVariantId: input.experimentVariantId,
                instructions: input.instructions,
                feedback,
              }),
            ),
          (r) => r,
        ),
    });
    state.snapshot.draftArtifactIds = [draft.versionId];
    return draft;
  });
}
