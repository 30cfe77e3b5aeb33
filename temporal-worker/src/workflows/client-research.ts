import type { ResearchStepKey } from '@mos/db/artifacts';
import type { ClientResearchInput } from '@mos/db/contracts';
import { deepResearchActs, llmActs } from './shared/activities';
import { trackedRun } from './shared/run';

/**
 * The research steps in order and the earlier summaries each reads (reference §4.2). Step 04 runs the
 * deep-research prompt step 03 wrote; step 02 (ads context) is an input of the prompts, not a stored step.
 */
export const RESEARCH_PLAN: readonly { step: ResearchStepKey; reads: readonly ResearchStepKey[] }[] = [
  { step: '01', reads: [] },
  { step: '03', reads: ['01'] },
  { step: '04', reads: [] },
  { step: '06', reads: ['04'] },
  { step: '07', reads: ['04', '06'] },
  { step: '08', reads: ['04', '06', '07'] },
  { step: '09', reads: ['04', '06', '07', '08'] },
];

export interface ClientResearchResult {
  /** The research_step artifacts, in step order. */
  artifactIds: string[];
  steps: { stepKey: ResearchStepKey; artifactId: string }[];
}

/**
 * Pre-canon market research, run as ClientOnboarding's child. Each step is one activity that renders its prompt,
 * asks the LLM for a ResearchStep and stores it as a `research_step` artifact keyed (onboarding run, step), so a
 * retried or replayed step never writes twice. As a child (runId = parentRunId) it logs its steps on the
 * onboarding run and leaves that run's status to the parent; started on its own, it tracks its own run.
 */
export async function ClientResearch(
  input: ClientResearchInput,
): Promise<ClientResearchResult | { stopped: true }> {
  const asChild = input.runId === input.parentRunId;
  return trackedRun(
    input,
    async (state) => {
      const summaries: Partial<Record<ResearchStepKey, string>> = {};
      const steps: ClientResearchResult['steps'] = [];
      let handoff: string | null = null;
      for (const { step, reads } of RESEARCH_PLAN) {
        const stub = step === '04' ? deepResearchActs : llmActs;
        const given: Partial<Record<ResearchStepKey, string>> = {};
        for (const r of reads) given[r] = summaries[r];
        const out = await state.runStep(
          `research:${step}`,
          () =>
            stub.runResearchStep({
              orgId: input.orgId,
              parentRunId: input.parentRunId,
              clientId: input.clientId,
              onboardingPayloadId: input.onboardingPayloadId,
              stepKey: step,
              summaries: given,
              handoff: step === '04' ? handoff : null,
              feedback: input.feedback ?? null,
            }),
          (r) => ({ artifactId: r.artifactId, ...(r.repairs?.length ? { repairs: r.repairs } : {}) }),
        );
        summaries[step] = out.summary;
        if (step === '03') handoff = out.handoff;
        steps.push({ stepKey: step, artifactId: out.artifactId });
        state.snapshot.draftArtifactIds = steps.map((s) => s.artifactId);
      }
      return { artifactIds: steps.map((s) => s.artifactId), steps };
    },
    asChild ? { recordStatus: false, logPrefix: 'research/' } : {},
  );
}
