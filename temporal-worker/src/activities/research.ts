import { type ArtifactRow, listClientSwipes, type Queryable } from '@mos/db';
import {
  longText,
  RESEARCH_HANDOFF_MAX,
  RESEARCH_STEP_TITLES,
  RESEARCH_SUMMARY_MAX,
  ResearchSource,
  ResearchStep,
  type ResearchStepKey,
  researchStepOutput,
} from '@mos/db/artifacts';
import { z } from 'zod';
import { type ActivityDeps, ValidationError } from './deps';
import { findStepArtifact, loadOnboardingContext, type StoredIntake } from './shared/documents';
import { asStored, generateStep, saveDraftArtifact } from './shared/llm-step';
import { renderFrom, truncate } from './shared/prompts';

export {
  findStepArtifact,
  loadOnboardingContext,
  type OnboardingContext,
  StoredIntake,
} from './shared/documents';
export { HEARTBEAT_INTERVAL_MS, withHeartbeat } from './shared/heartbeat';
export { renderFrom, truncate } from './shared/prompts';

/** What earlier steps hand on: summaries are capped (1,200 characters; 1,500 for the deep research). */
export function summaryCap(step: ResearchStepKey): number {
  return step === '04' ? RESEARCH_SUMMARY_MAX : 1200;
}

/** Which earlier summaries each step reads (reference §4.2); 04 reads the prompt step 03 wrote instead. */
export const RESEARCH_INPUTS: { readonly [K in ResearchStepKey]: readonly ResearchStepKey[] } = {
  '01': [],
  '03': ['01'],
  '04': [],
  '06': ['04'],
  '07': ['04', '06'],
  '08': ['04', '06', '07'],
  '09': ['04', '06', '07', '08'],
};

export const RESEARCH_PROMPT_IDS: { readonly [K in ResearchStepKey]: string } = {
  '01': 'research/01_competitor_research',
  '03': 'research/03_deep_research_prompt',
  '04': 'research/04_deep_research_execution',
  '06': 'research/06_avatar_brief',
  '07': 'research/07_offer_brief',
  '08': 'research/08_necessary_beliefs',
  '09': 'research/09_i_believe_statements',
};

/** Steps that research the open web (when the provider offers a search tool). */
const WEB_SEARCH_STEPS: ReadonlySet<ResearchStepKey> = new Set(['01', '04']);

/** Used only when a research template names no system prompt of its own. */
const RESEARCH_SYSTEM =
  'You are a senior market researcher at a performance-marketing agency. You research one client business at a ' +
  'time and write for strategists who will build its brand canon and campaigns. Be specific and factual; name ' +
  'sources when you used web search; never invent statistics. Answer with one ResearchStep JSON document: ' +
  '`summary` is what later steps read (at most 1,200 characters), `content` is the full markdown document, and ' +
  '`handoff` is set only when the task asks for a hand-off prompt (otherwise null).';

/** BUSINESS_CONTEXT of the original: the first offer, else the first line of the brand story, else the business type. */
export function businessContext(intake: StoredIntake): string {
  const firstOffer = intake.offers.find((o) => o.trim() !== '');
  if (firstOffer) return firstOffer.trim();
  const firstLine = intake.brandStory.split('\n').find((l) => l.trim() !== '');
  return firstLine?.trim() ?? intake.businessType;
}

/** The client's saved swipes (ads it wants to learn from), as the ADS_CONTEXT of the research prompts. */
async function adsContext(db: Queryable, orgId: string, clientId: string): Promise<string> {
  const swipes = await listClientSwipes(db, orgId, { clientId, limit: 20 });
  if (swipes.items.length === 0) {
    return "No ads have been saved to this client's swipe file yet; rely on web research for ad examples.";
  }
  return swipes.items
    .map((s, i) => {
      const title = s.customTitle ?? s.companySwipe?.title ?? 'untitled';
      const brand = s.companySwipe?.brandName ? ` (${s.companySwipe.brandName})` : '';
      const parts = [
        `${i + 1}. ${title}${brand}`,
        s.customChannel ? `channel: ${s.customChannel}` : null,
        (s.customFormat ?? s.companySwipe?.displayFormat)
          ? `format: ${s.customFormat ?? s.companySwipe?.displayFormat}`
          : null,
        s.isGoodExample === false ? 'marked as a bad example' : null,
        s.customBody ? `copy: ${truncate(s.customBody, 300)}` : null,
        s.notes ? `notes: ${truncate(s.notes, 200)}` : null,
      ];
      return parts.filter((p) => p !== null).join('; ');
    })
    .join('\n');
}

export interface ResearchStepInput {
  orgId: string;
  /** The onboarding run: artifacts are keyed (parentRunId, `research:NN`), LLM calls are recorded on it. */
  parentRunId: string;
  clientId: string;
  onboardingPayloadId: string;
  stepKey: ResearchStepKey;
  /** Summaries of the earlier steps this step reads (RESEARCH_INPUTS). */
  summaries: Partial<Record<ResearchStepKey, string>>;
  /** Step 04 only: the deep-research prompt step 03 wrote. */
  handoff: string | null;
  /** A person's words on a retry after the step failed. */
  feedback?: string | null;
}

export interface ResearchStepOutput {
  stepKey: ResearchStepKey;
  artifactId: string;
  summary: string;
  handoff: string | null;
  /** What code repaired in the model's answer (logged with the step). */
  repairs?: string[];
}

export const researchStepKey = (step: ResearchStepKey) => `research:${step}`;

/** Pre-canon market research (reference §4.2), one activity per step; outputs are `research_step` artifacts. */
export function researchActivities({ db, llm }: ActivityDeps) {
  return {
    async runResearchStep(input: ResearchStepInput): Promise<ResearchStepOutput> {
      const stepKey = researchStepKey(input.stepKey);
      const done = await findStepArtifact(db, input.orgId, input.parentRunId, stepKey);
      if (done) return researchOutput(input.stepKey, done);

      const ctx = await loadOnboardingContext(db, input.orgId, input.clientId, input.onboardingPayloadId);
      const vars: Record<string, string | null> = {
        ORG_ID: input.orgId,
        CLIENT_ID: input.clientId,
        ONBOARDING_PAYLOAD_ID: input.onboardingPayloadId,
        BUSINESS_CONTEXT: businessContext(ctx.intake),
        BUSINESS_CONTEXT_JSON: JSON.stringify(ctx.intake, null, 2),
        INTAKE_JSON: JSON.stringify(ctx.intake, null, 2),
        CATEGORY_NICHE: ctx.client.industry?.trim() || 'general',
        ADS_CONTEXT: await adsContext(db, input.orgId, input.clientId),
      };
      for (const earlier of RESEARCH_INPUTS[input.stepKey]) {
        const summary = input.summaries[earlier];
        if (summary === undefined) {
          throw new ValidationError(`research step ${input.stepKey} needs the summary of step ${earlier}`);
        }
        vars[`STEP${earlier}_SUMMARY`] = truncate(summary, summaryCap(earlier));
      }
      if (input.stepKey === '04') {
        if (!input.handoff) throw new ValidationError('research step 04 needs the prompt step 03 wrote');
        vars.DEEP_RESEARCH_PROMPT = input.handoff;
      }
      const sent = researchStepOutput(input.stepKey);
      // What code accepts: a handoff written on a step that has none is repaired (set to null), not refused.
      const accepted =
        input.stepKey === '03'
          ? sent
          : z.strictObject({ ...sent.shape, handoff: longText(RESEARCH_HANDOFF_MAX).nullable() });
      const { data, result } = await generateStep(llm, {
        orgId: input.orgId,
        runId: input.parentRunId,
        step: stepKey,
        schemaName: 'ResearchStep',
        output: accepted,
        sent,
        prompt: renderFrom(RESEARCH_PROMPT_IDS[input.stepKey], vars),
        feedback: input.feedback ?? null,
        system: RESEARCH_SYSTEM,
        webSearch: WEB_SEARCH_STEPS.has(input.stepKey),
        ...(input.stepKey === '04' ? { maxOutputTokens: 64_000 } : {}),
        complete: (answer, meta, prompt) => {
          const repairs: string[] = [];
          let handoff = answer.handoff;
          if (input.stepKey !== '03' && handoff !== null) {
            repairs.push(`handoff: set to null (only step 03 hands off; step ${input.stepKey} wrote one)`);
            handoff = null;
          }
          // Sources: what the model listed plus what the provider cited, deduplicated; unusable URLs are dropped.
          const cited = new Map<string, ResearchSource>();
          for (const s of [...answer.sources, ...meta.citations]) {
            const source = ResearchSource.safeParse({
              url: s.url,
              title: s.title ? truncate(s.title, 300) : null,
            });
            if (source.success && !cited.has(source.data.url)) cited.set(source.data.url, source.data);
          }
          return asStored(
            'research_step',
            {
              ...answer,
              stepKey: input.stepKey,
              title: RESEARCH_STEP_TITLES[input.stepKey],
              handoff: handoff === null ? null : truncate(handoff.trim(), RESEARCH_HANDOFF_MAX),
              promptSha256: prompt.sha256,
              model: meta.model,
              webSearchUsed: meta.webSearchCalls > 0,
              sources: [...cited.values()].slice(0, 100),
            },
            repairs,
          );
        },
      });
      const saved = await saveDraftArtifact(
        db,
        { orgId: input.orgId, runId: input.parentRunId, clientId: input.clientId, campaignId: null },
        'research_step',
        stepKey,
        data,
      );
      return {
        stepKey: input.stepKey,
        artifactId: saved.artifactId,
        summary: data.summary,
        handoff: data.handoff,
        ...(result.repairs.length > 0 ? { repairs: result.repairs } : {}),
      };
    },
  };
}

function researchOutput(stepKey: ResearchStepKey, row: ArtifactRow): ResearchStepOutput {
  const data = ResearchStep.parse(row.data);
  return { stepKey, artifactId: row.id, summary: data.summary, handoff: data.handoff };
}
