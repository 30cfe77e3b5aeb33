import { type ArtifactRow, listClientSwipes, type Queryable } from '@mos/db';
import {
  type EvidenceRecord,
  evidenceRef,
  isStale,
  longText,
  RESEARCH_HANDOFF_MAX,
  RESEARCH_PROMPT_IDS,
  RESEARCH_STEP_KEYS,
  RESEARCH_STEP_TITLES,
  ResearchSource,
  ResearchStep,
  type ResearchStepKey,
  researchStepOutput,
} from '@mos/db/artifacts';
import { z } from 'zod';
import { type ActivityDeps, ValidationError } from './deps';
import { findStepArtifact, loadOnboardingContext, type StoredIntake } from './shared/documents';
import { asStored, generateStep, saveDraftArtifact } from './shared/llm-step';
import { json, renderFrom, truncate } from './shared/prompts';

export { RESEARCH_PROMPT_IDS } from '@mos/db/artifacts';
export {
  findStepArtifact,
  loadOnboardingContext,
  type OnboardingContext,
  StoredIntake,
} from './shared/documents';
export { HEARTBEAT_INTERVAL_MS, withHeartbeat } from './shared/heartbeat';
export { renderFrom, truncate } from './shared/prompts';

/**
 * Which earlier steps each step reads in full (reference §4.2, where the original passed capped summaries);
 * 04 runs the prompt 03 wrote. Every step also reads the evidence table of all steps before it.
 */
export const RESEARCH_INPUTS: { readonly [K in ResearchStepKey]: readonly ResearchStepKey[] } = {
  '01': [],
  '03': ['01'],
  '04': ['03'],
  '06': ['04'],
  '07': ['04', '06'],
  '08': ['04', '06', '07'],
  '09': ['04', '06', '07', '08'],
};

/** Steps that research the open web (when the provider offers a search tool). */
export const WEB_SEARCH_STEPS: ReadonlySet<ResearchStepKey> = new Set(['01', '04']);

/** Used only when a research template names no system prompt of its own. */
const RESEARCH_SYSTEM =
  'You are a senior market researcher at a performance-marketing agency. You research one client business at a ' +
  'time and write for strategists who will build its brand canon and campaigns. Be specific and factual; never ' +
  'invent statistics, URLs or quotes. Answer with one ResearchStep JSON document.';

/** What the research prompts say about the web, so the model neither pretends to search nor to cite. */
export function researchMode(
  step: ResearchStepKey,
  opts: { webSearch: boolean; earlierSearched: boolean },
): string {
  if (WEB_SEARCH_STEPS.has(step)) {
    return opts.webSearch
      ? 'Web search is ON for this step. Search before you write, and give every evidence record the URL of the page you read it on.'
      : 'Web search is OFF for this run: you cannot search. Work from what you know, set `url` only for pages you are certain exist (else null), and say in the summary that this research is from model knowledge, not searched.';
  }
  return opts.earlierSearched
    ? 'This step does not search the web; it builds on the earlier research below, which was web-searched.'
    : 'This step does not search the web, and the earlier research below was not web-searched either: it is from model knowledge. Say so in the summary and treat its facts as unverified.';
}

/** The evidence of research steps as a table a model reads and cites by ref (`<step>:<id>`). */
export function evidenceTable(steps: readonly ResearchStep[]): string {
  const rows = steps.flatMap((s) => s.evidence.map((e) => evidenceRow(s.stepKey, e)));
  if (rows.length === 0) return 'No evidence records yet.';
  return [
    '| ref | kind | source type | source | published | stale | provenance | url | text |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function evidenceRow(step: ResearchStepKey, e: EvidenceRecord): string {
  const cell = (v: string | null) => (v === null ? '—' : v.replace(/\|/g, '\\|').replace(/\s+/g, ' '));
  return `| ${evidenceRef(step, e.id)} | ${e.kind} | ${e.sourceType} | ${cell(e.sourceName)} | ${cell(e.publishedAt)} | ${e.stale ? 'STALE' : 'no'} | ${e.provenance} | ${cell(e.url)} | ${cell(e.text)} |`;
}

/** A research step in full as later steps and the canon read it: the document and its structured part. */
export function researchDocument(step: ResearchStep): string {
  const parts = {
    competitorTraction: step.competitorTraction,
    landingPageMap: step.landingPageMap,
    quoteBank: step.quoteBank,
    avatars: step.avatars,
    offerBrief: step.offerBrief,
    necessaryBeliefs: step.necessaryBeliefs,
    iBelieveStatements: step.iBelieveStatements,
  };
  const structured = Object.entries(parts).filter(([, v]) => v !== null);
  return [
    `### Step ${step.stepKey}: ${step.title}${step.fromModelKnowledge ? ' (from model knowledge, not searched)' : ''}`,
    `Summary: ${step.summary}`,
    step.content,
    ...structured.map(([name, value]) => `#### ${name} (structured)\n\`\`\`json\n${json(value)}\n\`\`\``),
  ].join('\n\n');
}

/** The research steps already stored for an onboarding run, by step. */
async function storedSteps(
  db: Queryable,
  orgId: string,
  parentRunId: string,
  keys: readonly ResearchStepKey[],
): Promise<Map<ResearchStepKey, ResearchStep>> {
  const out = new Map<ResearchStepKey, ResearchStep>();
  for (const key of keys) {
    const row = await findStepArtifact(db, orgId, parentRunId, researchStepKey(key));
    if (row) out.set(key, ResearchStep.parse(row.data));
  }
  return out;
}

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
  /**
   * Summaries the workflow hands on (kept for workflow histories); the step reads the earlier steps in full from
   * their artifacts instead.
   */
  summaries: Partial<Record<ResearchStepKey, string>>;
  /** Step 04 only: the deep-research prompt step 03 wrote (read from step 03's artifact when absent). */
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
export function researchActivities({ db, llm, clock }: ActivityDeps) {
  return {
    async runResearchStep(input: ResearchStepInput): Promise<ResearchStepOutput> {
      const stepKey = researchStepKey(input.stepKey);
      const done = await findStepArtifact(db, input.orgId, input.parentRunId, stepKey);
      if (done) return researchOutput(input.stepKey, done);

      const ctx = await loadOnboardingContext(db, input.orgId, input.clientId, input.onboardingPayloadId);
      const before = RESEARCH_STEP_KEYS.slice(0, RESEARCH_STEP_KEYS.indexOf(input.stepKey));
      const earlier = await storedSteps(db, input.orgId, input.parentRunId, before);
      const reads = RESEARCH_INPUTS[input.stepKey].map((k) => {
        const step = earlier.get(k);
        if (!step)
          throw new ValidationError(`research step ${input.stepKey} needs step ${k}, which is not stored`);
        return step;
      });
      const handoff = input.stepKey === '04' ? (input.handoff ?? reads[0]?.handoff ?? null) : null;
      if (input.stepKey === '04' && !handoff) {
        throw new ValidationError('research step 04 needs the prompt step 03 wrote');
      }
      const webSearch = WEB_SEARCH_STEPS.has(input.stepKey) && llm.webSearchAvailable !== false;
      const earlierSearched = reads.some((r) => !r.fromModelKnowledge);
      // Exactly what each template declares (renderFrom refuses a variable its template does not use).
      const common = {
        BUSINESS_CONTEXT: businessContext(ctx.intake),
        RESEARCH_MODE: researchMode(input.stepKey, { webSearch, earlierSearched }),
      };
      const full = {
        CATEGORY_NICHE: ctx.client.industry?.trim() || 'general',
        INTAKE_JSON: json(ctx.intake),
      };
      const earlierDocs = reads.map(researchDocument).join('\n\n');
      const table = evidenceTable([...earlier.values()]);
      const ads = () => adsContext(db, input.orgId, input.clientId);
      const vars: Record<string, string> =
        input.stepKey === '01'
          ? { ...common, ...full, ADS_CONTEXT: await ads() }
          : input.stepKey === '03'
            ? { ...common, ...full, EARLIER_STEPS: earlierDocs, EVIDENCE_TABLE: table }
            : input.stepKey === '04'
              ? {
                  ...common,
                  DEEP_RESEARCH_PROMPT: handoff ?? '',
                  ADS_CONTEXT: await ads(),
                  EVIDENCE_TABLE: table,
                }
              : {
                  ...common,
                  INTAKE_JSON: full.INTAKE_JSON,
                  EARLIER_STEPS: earlierDocs,
                  EVIDENCE_TABLE: table,
                };
      const sent = researchStepOutput(input.stepKey);
      // What code accepts: a handoff written on a step that has none is repaired (set to null), not refused.
      const accepted =
        input.stepKey === '03'
          ? sent
          : z.strictObject({ ...sent.shape, handoff: longText(RESEARCH_HANDOFF_MAX).nullable() });
      const researchedAt = clock().toISOString().slice(0, 10);
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
          let handoffOut = answer.handoff;
          if (input.stepKey !== '03' && handoffOut !== null) {
            repairs.push(`handoff: set to null (only step 03 hands off; step ${input.stepKey} wrote one)`);
            handoffOut = null;
          }
          // Sources are what the provider's search returned and the answer cited, never URLs the model only wrote.
          const cited = new Map<string, ResearchSource>();
          for (const c of meta.citations) {
            const source = ResearchSource.safeParse({
              url: c.url,
              title: c.title ? truncate(c.title, 300) : null,
            });
            if (source.success && !cited.has(source.data.url)) cited.set(source.data.url, source.data);
          }
          const evidence = answer.evidence.map((e) => ({
            ...e,
            provenance:
              e.url !== null && cited.has(e.url) ? ('provider_citation' as const) : ('model_stated' as const),
            stale: isStale(e.publishedAt, researchedAt),
          }));
          const webSearchUsed = meta.webSearchCalls > 0;
          return asStored(
            'research_step',
            {
              ...answer,
              evidence,
              stepKey: input.stepKey,
              title: RESEARCH_STEP_TITLES[input.stepKey],
              handoff: handoffOut === null ? null : truncate(handoffOut.trim(), RESEARCH_HANDOFF_MAX),
              promptSha256: prompt.sha256,
              model: meta.model,
              webSearchUsed,
              fromModelKnowledge: !webSearchUsed && !earlierSearched,
              researchedAt,
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
