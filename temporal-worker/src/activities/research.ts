import {
  type ArtifactRow,
  artifacts,
  type ClientRow,
  getClient,
  insertArtifactVersion,
  listClientSwipes,
  listOffers,
  type OfferWithPrices,
  onboardingPayloads,
  type Queryable,
} from '@mos/db';
import {
  RESEARCH_HANDOFF_MAX,
  RESEARCH_STEP_TITLES,
  RESEARCH_SUMMARY_MAX,
  ResearchSource,
  ResearchStep,
  type ResearchStepKey,
} from '@mos/db/artifacts';
import { asyncLocalStorage } from '@temporalio/activity';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { loadPrompt, type RenderedPrompt, renderPrompt } from '../prompts/render';
import { type ActivityDeps, NotFoundError, ValidationError } from './deps';

/** How often a long activity tells Temporal it is alive (its heartbeat timeout is 15 s). */
export const HEARTBEAT_INTERVAL_MS = 3_000;

/**
 * Runs `work` while heartbeating, so a worker that dies mid-call is noticed within the heartbeat timeout.
 * Outside an activity (unit tests of helpers) it just runs `work`.
 */
export async function withHeartbeat<T>(work: () => Promise<T>): Promise<T> {
  const ctx = asyncLocalStorage.getStore();
  if (!ctx) return work();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), HEARTBEAT_INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * The onboarding intake as stored (worker-api validated it strictly at submission). Read leniently, so an
 * intake stored by an earlier API version still onboards; only what the workflow cannot do without is required.
 */
export const StoredIntake = z.looseObject({
  businessType: z.string().default('new'),
  brandStory: z.string().min(1),
  offers: z.array(z.string()).default([]),
  constraints: z.string().nullable().default(null),
  competitorDomains: z.array(z.string()).default([]),
  funnelNotes: z.string().nullable().default(null),
  businessModel: z.string().nullable().default(null),
  primaryMarkets: z.array(z.string()).default([]),
  primaryLanguages: z.array(z.string()).default([]),
  goals: z.string().nullable().default(null),
  notes: z.string().nullable().default(null),
});
export type StoredIntake = z.infer<typeof StoredIntake>;

export interface OnboardingContext {
  client: ClientRow;
  intake: StoredIntake;
  offers: OfferWithPrices[];
}

/** The client, its intake (by payload id) and its offers; missing rows fail non-retryably. */
export async function loadOnboardingContext(
  db: Queryable,
  orgId: string,
  clientId: string,
  onboardingPayloadId: string,
): Promise<OnboardingContext> {
  const client = await getClient(db, orgId, clientId);
  if (!client) throw new NotFoundError(`client ${clientId}`);
  const [payload] = await db
    .select()
    .from(onboardingPayloads)
    .where(
      and(
        eq(onboardingPayloads.orgId, orgId),
        eq(onboardingPayloads.id, onboardingPayloadId),
        eq(onboardingPayloads.clientId, clientId),
      ),
    )
    .limit(1);
  if (!payload) throw new NotFoundError(`onboarding payload ${onboardingPayloadId}`);
  const intake = StoredIntake.safeParse(payload.data);
  if (!intake.success) {
    const what = intake.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ValidationError(`onboarding intake ${onboardingPayloadId} is unusable: ${what}`);
  }
  const offers = await listOffers(db, orgId, { clientId, limit: 50 });
  return { client, intake: intake.data, offers: offers.items };
}

/** The row an earlier attempt of the same (run, step) wrote, if any: a retried step reuses it. */
export async function findStepArtifact(
  db: Queryable,
  orgId: string,
  runId: string,
  stepKey: string,
): Promise<ArtifactRow | undefined> {
  const [row] = await db
    .select()
    .from(artifacts)
    .where(
      and(eq(artifacts.orgId, orgId), eq(artifacts.workflowRunId, runId), eq(artifacts.stepKey, stepKey)),
    )
    .limit(1);
  return row;
}

/**
 * Renders a prompt with the variables its template declares, picked from what the activity knows. A required
 * placeholder the activity cannot fill is still an error naming it.
 */
export function renderFrom(id: string, available: Readonly<Record<string, string | null>>): RenderedPrompt {
  const template = loadPrompt(id);
  const declared = new Set([...template.placeholders, ...template.optional]);
  const vars: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(available)) if (declared.has(name)) vars[name] = value;
  return renderPrompt(id, vars);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

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
}

export interface ResearchStepOutput {
  stepKey: ResearchStepKey;
  artifactId: string;
  summary: string;
  handoff: string | null;
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
      const prompt = renderFrom(RESEARCH_PROMPT_IDS[input.stepKey], vars);
      const webSearch = WEB_SEARCH_STEPS.has(input.stepKey);
      const result = await withHeartbeat(() =>
        llm.generate({
          orgId: input.orgId,
          runId: input.parentRunId,
          activity: stepKey,
          schemaName: 'ResearchStep',
          schema: ResearchStep,
          system: prompt.system || RESEARCH_SYSTEM,
          prompt: prompt.text,
          webSearch,
          ...(input.stepKey === '04' ? { maxOutputTokens: 64_000 } : {}),
        }),
      );
      const answer = result.data;
      // Computed fields are ours, whatever the model wrote: the step, the exact prompt and the model that ran.
      const handoff =
        input.stepKey === '03'
          ? truncate((answer.handoff ?? answer.content).trim(), RESEARCH_HANDOFF_MAX)
          : null;
      // Sources: what the model listed plus what the provider cited, deduplicated; unusable URLs are dropped.
      const cited = new Map<string, ResearchSource>();
      for (const s of [...answer.sources, ...result.citations]) {
        const source = ResearchSource.safeParse({
          url: s.url,
          title: s.title ? truncate(s.title, 300) : null,
        });
        if (source.success && !cited.has(source.data.url)) cited.set(source.data.url, source.data);
      }
      const step = ResearchStep.safeParse({
        ...answer,
        stepKey: input.stepKey,
        title: RESEARCH_STEP_TITLES[input.stepKey],
        handoff,
        promptSha256: prompt.sha256,
        model: result.model,
        webSearchUsed: result.webSearchCalls > 0,
        sources: [...cited.values()].slice(0, 100),
      });
      if (!step.success) {
        const what = step.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        throw new ValidationError(`research step ${input.stepKey} produced an invalid document: ${what}`);
      }
      const row = await insertArtifactVersion(db, {
        orgId: input.orgId,
        clientId: input.clientId,
        campaignId: null,
        type: 'research_step',
        data: step.data,
        source: 'ai',
        status: 'draft',
        workflowRunId: input.parentRunId,
        stepKey,
      });
      return researchOutput(input.stepKey, row);
    },
  };
}

function researchOutput(stepKey: ResearchStepKey, row: ArtifactRow): ResearchStepOutput {
  const data = ResearchStep.parse(row.data);
  return { stepKey, artifactId: row.id, summary: data.summary, handoff: data.handoff };
}
