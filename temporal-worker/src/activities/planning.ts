import {
  type CampaignWithClient,
  ensurePlannedExperiments,
  getCampaign,
  getPlaybook,
  type Queryable,
} from '@mos/db';
import {
  type AssetBrief,
  AssetBriefSet,
  type AssetRequirement,
  assetBriefSetOutput,
  type ClientCanon,
  type ExperimentSpec,
  ExperimentSpecSet,
  type ExperimentVariant,
  experimentSpecSetOutput,
  type MetricSchema,
  Playbook,
  SLUG_PATTERN,
  StrategySheetOutput,
} from '@mos/db/artifacts';
import { type ActivityDeps, NotFoundError, ValidationError } from './deps';
import { approvedDoc, findStepArtifact, issuesText, loadDoc, metricIds } from './shared/documents';
import { asStored, generateStep, saveDraftArtifact } from './shared/llm-step';
import { renderFrom, truncate } from './shared/prompts';
import type { DraftRef } from './shared/types';

export interface CampaignRef {
  orgId: string;
  runId: string;
  clientId: string;
  campaignId: string;
}

export interface CampaignDraftInput extends CampaignRef {
  feedback: string | null;
  attempt: number;
  previousArtifactId: string | null;
}

export interface ExperimentSpecsInput extends CampaignRef {
  /** Idempotency key of the artifact, e.g. `experiment_specs` or `experiments:draft:2`. */
  stepKey: string;
  feedback: string | null;
  previousArtifactId: string | null;
}

export interface SpecSummary {
  id: string;
  name: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** What every campaign build step starts from: the campaign and the client's approved canon and metric schema. */
interface CampaignContext {
  campaign: CampaignWithClient;
  canon: ClientCanon;
  metricSchema: MetricSchema;
}

async function loadCampaignContext(db: Queryable, ref: CampaignRef): Promise<CampaignContext> {
  const campaign = await getCampaign(db, ref.orgId, ref.campaignId);
  if (!campaign || campaign.clientId !== ref.clientId) throw new NotFoundError(`campaign ${ref.campaignId}`);
  const key = { clientId: ref.clientId, campaignId: null };
  const canon = await approvedDoc(db, ref.orgId, { ...key, type: 'client_canon' });
  if (!canon) throw new NotFoundError("the client's approved client canon");
  const metricSchema = await approvedDoc(db, ref.orgId, { ...key, type: 'metric_schema' });
  if (!metricSchema) throw new NotFoundError("the client's approved metric schema");
  return { campaign, canon: canon.data, metricSchema: metricSchema.data };
}

/** The campaign as prompts read it: goal, target, budget and timeframe, nulls meaning "not set". */
function campaignBrief(c: CampaignWithClient) {
  return {
    id: c.id,
    name: c.name,
    client: c.clientName,
    goal: c.goalDescription,
    objectiveType: c.objectiveType,
    numericTarget: c.numericTarget,
    baseline: c.baseline,
    timeframeDays: c.timeframeDays,
    budgetMin: c.budgetMin,
    budgetMax: c.budgetMax,
  };
}

function budgetText(c: CampaignWithClient): string {
  if (c.budgetMin === null && c.budgetMax === null) return 'not set';
  if (c.budgetMin !== null && c.budgetMax !== null) return `${c.budgetMin} to ${c.budgetMax}`;
  return c.budgetMax !== null ? `up to ${c.budgetMax}` : `at least ${c.budgetMin}`;
}

/** Variables every campaign prompt may use (each template declares the ones it reads). */
function campaignVars(ref: CampaignRef, ctx: CampaignContext): Record<string, string> {
  const c = ctx.campaign;
  return {
    CLIENT_ID: ref.clientId,
    CAMPAIGN_ID: ref.campaignId,
    CLIENT_NAME: c.clientName,
    CAMPAIGN_NAME: c.name,
    CAMPAIGN_JSON: json(campaignBrief(c)),
    CAMPAIGN_GOAL: c.goalDescription ?? 'not stated',
    BUDGET: budgetText(c),
    TIMEFRAME_DAYS: c.timeframeDays === null ? 'not set' : String(c.timeframeDays),
    CANON_JSON: json(ctx.canon),
    METRIC_SCHEMA_JSON: json(ctx.metricSchema),
    METRIC_IDS: [...metricIds(ctx.metricSchema)].join(', '),
  };
}

/** The client's and the agency's playbook sections, as the strategy prompt reads them. */
async function playbookNotes(db: Queryable, orgId: string, clientId: string): Promise<string> {
  const notes: string[] = [];
  for (const scope of [clientId, null]) {
    const found = await getPlaybook(db, orgId, scope);
    const doc = found.playbook ? Playbook.safeParse(found.playbook.data) : null;
    if (!doc?.success) continue;
    for (const section of doc.data.sections) {
      notes.push(
        `### ${section.title}${scope === null ? ' (agency-wide)' : ''}\n${truncate(section.content, 1500)}`,
      );
    }
  }
  return notes.length > 0 ? notes.slice(0, 20).join('\n\n') : 'No playbook learnings have been recorded yet.';
}

/** What the model writes of a brief; the rest is set from the specs and the canon. */
type WrittenBrief = Pick<
  AssetBrief,
  'experimentId' | 'variantId' | 'creativeConcept' | 'requirements' | 'visualGuidelines'
>;

/** The ids a brief may name: the specs' experiments, variants and channels (enums of the schema sent). */
export function briefContext(specs: ExperimentSpec[]) {
  return {
    experimentIds: specs.map((s) => s.id),
    variantIds: specs.flatMap((s) => s.variants.map((v) => v.id)),
    channels: specs.flatMap((s) => s.variants.flatMap((v) => v.channels)),
  };
}

const VIDEO_CHANNELS = new Set([
  'meta',
  'facebook',
  'instagram',
  'tiktok',
  'youtube',
  'snapchat',
  'paid_social',
]);

/** A slug id no longer than the schema allows, unique within `taken`. */
function briefId(spec: ExperimentSpec, variant: ExperimentVariant, taken: Set<string>): string {
  const base = `${spec.id}-${variant.id}`.slice(0, 94).replace(/[-._:]+$/, '');
  let id = `${base}-brief`;
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 90)}-${n}-brief`;
  taken.add(id);
  return SLUG_PATTERN.test(id) ? id : `brief-${taken.size}`;
}

/** Requirements straight from the variant when the model wrote none for it: one per channel (reference §4.9). */
function requirementsFromVariant(variant: ExperimentVariant): AssetRequirement[] {
  return variant.channels.map((channel) => ({
    channel,
    format: VIDEO_CHANNELS.has(channel) ? 'video_30s' : 'single_image',
    angle: truncate(variant.name, 300),
    hook: variant.description ? truncate(variant.description, 500) : null,
    funnelStage: null,
  }));
}

/** The canon's voice as brief guidelines: every "do", then every "don't" marked as such. */
export function toneFromCanon(canon: ClientCanon): string[] {
  const tone = canon.brand.toneOfVoice;
  return [...tone.do, ...tone.dont.map((d) => `Don't: ${d}`)].map((t) => truncate(t, 300)).slice(0, 30);
}

/** The canon's legal and compliance rules, plus its banned phrases and topics, as brief constraints. */
export function constraintsFromCanon(canon: ClientCanon): string[] {
  const c = canon.constraints;
  const lists = [
    c.bannedPhrases.length > 0 ? `Never use these phrases: ${c.bannedPhrases.join(', ')}` : null,
    c.bannedTopics.length > 0 ? `Never touch these topics: ${c.bannedTopics.join('; ')}` : null,
  ].filter((x): x is string => x !== null);
  return [...c.legal, ...c.compliance, ...lists].map((t) => truncate(t, 1000)).slice(0, 30);
}

/**
 * One brief per (experiment, variant): the model's creative work for the pair when it wrote one, with ids,
 * tone and constraints set from the specs and the canon (the brief's rules are the canon's, not the model's).
 */
export function assembleBriefs(
  ref: { clientId: string; campaignId: string },
  specs: ExperimentSpec[],
  canon: ClientCanon,
  written: WrittenBrief[],
): { briefs: AssetBrief[]; derived: string[] } {
  const byPair = new Map<string, WrittenBrief>();
  for (const b of written)
    if (b.experimentId && b.variantId) byPair.set(`${b.experimentId}\n${b.variantId}`, b);
  const taken = new Set<string>();
  const tone = toneFromCanon(canon);
  const constraints = constraintsFromCanon(canon);
  const derived: string[] = [];
  const briefs = specs.flatMap((spec) =>
    spec.variants.map((variant): AssetBrief => {
      const w = byPair.get(`${spec.id}\n${variant.id}`);
      const requirements = (w?.requirements ?? []).filter((r) => variant.channels.includes(r.channel));
      if (!w) derived.push(`${spec.id}/${variant.id}`);
      return {
        id: briefId(spec, variant, taken),
        clientId: ref.clientId,
        campaignId: ref.campaignId,
        experimentId: spec.id,
        variantId: variant.id,
        creativeConcept: w?.creativeConcept ?? variant.description ?? spec.hypothesis,
        requirements: requirements.length > 0 ? requirements : requirementsFromVariant(variant),
        constraints,
        toneGuidelines: tone,
        visualGuidelines: w?.visualGuidelines ?? [],
      };
    }),
  );
  return { briefs: briefs.slice(0, 50), derived };
}

/** CampaignPlanning's and ExperimentDesign's build steps. */
export function planningActivities({ db, llm }: ActivityDeps) {
  const saveDraft = async (
    ref: CampaignRef,
    type: 'strategy_sheet' | 'experiment_spec' | 'asset_brief',
    stepKey: string,
    data: unknown,
  ): Promise<DraftRef> => {
    const saved = await saveDraftArtifact(db, ref, type, stepKey, data);
    return { artifactId: saved.artifactId, version: saved.version };
  };

  return {
    /** A StrategySheet draft from the approved canon and metric schema and the campaign's goal, budget and timeframe. */
    async buildStrategySheetDraft(input: CampaignDraftInput): Promise<DraftRef> {
      const stepKey = `strategy_sheet:draft:${input.attempt}`;
      const done = await findStepArtifact(db, input.orgId, input.runId, stepKey);
      if (done) return { artifactId: done.id, version: done.version };
      const ctx = await loadCampaignContext(db, input);
      const previous = input.previousArtifactId
        ? (await loadDoc(db, input.orgId, input.previousArtifactId, 'strategy_sheet')).data
        : null;
      const { data } = await generateStep(llm, {
        orgId: input.orgId,
        runId: input.runId,
        step: 'build_strategy_sheet',
        schemaName: 'StrategySheet',
        output: StrategySheetOutput,
        prompt: renderFrom('build/strategy_sheet', {
          ...campaignVars(input, ctx),
          PLAYBOOK_NOTES: await playbookNotes(db, input.orgId, input.clientId),
          FEEDBACK: input.feedback,
          PREVIOUS_DRAFT_JSON: previous ? json(previous) : null,
        }),
        feedback: input.feedback,
        system: STRATEGY_SYSTEM,
        complete: (sheet) =>
          asStored('strategy_sheet', { ...sheet, clientId: input.clientId, campaignId: input.campaignId }),
      });
      return saveDraft(input, 'strategy_sheet', stepKey, data);
    },

    /**
     * An ExperimentSpecSet from the campaign's approved strategy sheet (when there is one), the canon and the metric
     * schema; specs may only measure the client's declared metrics.
     */
    async buildExperimentSpecsDraft(
      input: ExperimentSpecsInput,
    ): Promise<DraftRef & { specs: SpecSummary[] }> {
      const done = await findStepArtifact(db, input.orgId, input.runId, input.stepKey);
      const summarize = (data: unknown) =>
        ExperimentSpecSet.parse(data).experimentSpecs.map((s) => ({ id: s.id, name: s.name }));
      if (done) return { artifactId: done.id, version: done.version, specs: summarize(done.data) };
      const ctx = await loadCampaignContext(db, input);
      const strategy = await approvedDoc(db, input.orgId, {
        clientId: input.clientId,
        campaignId: input.campaignId,
        type: 'strategy_sheet',
      });
      const previous = input.previousArtifactId
        ? (await loadDoc(db, input.orgId, input.previousArtifactId, 'experiment_spec')).data
        : null;
      const known = [...metricIds(ctx.metricSchema)];
      const { data } = await generateStep(llm, {
        orgId: input.orgId,
        runId: input.runId,
        step: 'build_experiment_specs',
        schemaName: 'ExperimentSpecSet',
        // Specs may only measure the client's declared metrics: an enum in the schema sent.
        output: experimentSpecSetOutput(known),
        prompt: renderFrom('build/experiment_specs', {
          ...campaignVars(input, ctx),
          STRATEGY_JSON: strategy
            ? json(strategy.data)
            : 'No strategy sheet has been approved for this campaign yet.',
          FEEDBACK: input.feedback,
          PREVIOUS_DRAFT_JSON: previous ? json(previous) : null,
        }),
        feedback: input.feedback,
        system: EXPERIMENT_SYSTEM,
        complete: (set) =>
          asStored('experiment_spec', { ...set, clientId: input.clientId, campaignId: input.campaignId }),
      });
      const ref = await saveDraft(input, 'experiment_spec', input.stepKey, data);
      return { ...ref, specs: summarize(data) };
    },

    /**
     * `experiments` rows (planned) for the given specs of a spec set, once: a spec that already has a row for this
     * artifact keeps it (retries and repeated decisions create nothing twice).
     */
    async createPlannedExperiments(input: {
      orgId: string;
      clientId: string;
      campaignId: string;
      artifactId: string;
      specIds: string[];
    }): Promise<{ experiments: { specId: string; experimentId: string; created: boolean }[] }> {
      const { data } = await loadDoc(db, input.orgId, input.artifactId, 'experiment_spec');
      const specs = new Map(data.experimentSpecs.map((s) => [s.id, s]));
      const missing = input.specIds.filter((id) => !specs.has(id));
      if (missing.length > 0)
        throw new ValidationError(`no such experiment spec in the set: ${missing.join(', ')}`);
      if (input.specIds.length === 0) return { experiments: [] };
      const experiments = await ensurePlannedExperiments(db, input.orgId, {
        clientId: input.clientId,
        campaignId: input.campaignId,
        artifactId: input.artifactId,
        specs: input.specIds.map((id) => ({ id, name: specs.get(id)?.name ?? id })),
      });
      return { experiments };
    },

    /**
     * An AssetBriefSet with one brief per (experiment, variant) of a spec set: the model writes the creative
     * concept, requirements and visual guidelines; tone comes from the canon's do/don't and constraints from its
     * legal and compliance rules. Pairs the model skipped are asked for once more, then built from the variant.
     */
    async buildAssetBriefs(
      input: CampaignRef & { specArtifactId: string; stepKey: string; feedback?: string | null },
    ): Promise<DraftRef & { briefIds: string[]; derivedPairs: string[] }> {
      const done = await findStepArtifact(db, input.orgId, input.runId, input.stepKey);
      if (done) {
        const briefIds = AssetBriefSet.parse(done.data).assetBriefs.map((b) => b.id);
        return { artifactId: done.id, version: done.version, briefIds, derivedPairs: [] };
      }
      const ctx = await loadCampaignContext(db, input);
      const specs = (await loadDoc(db, input.orgId, input.specArtifactId, 'experiment_spec')).data
        .experimentSpecs;
      const strategy = await approvedDoc(db, input.orgId, {
        clientId: input.clientId,
        campaignId: input.campaignId,
        type: 'strategy_sheet',
      });
      // `note` asks again for pairs a previous answer left out; the specs shown carry only those variants.
      const ask = async (shown: ExperimentSpec[], note: string | null) => {
        const { data } = await generateStep(llm, {
          orgId: input.orgId,
          runId: input.runId,
          step: 'build_asset_briefs',
          schemaName: 'AssetBriefSet',
          output: assetBriefSetOutput(briefContext(shown)),
          prompt: renderFrom('build/asset_briefs', {
            ...campaignVars(input, ctx),
            STRATEGY_JSON: strategy
              ? json(strategy.data)
              : 'No strategy sheet has been approved for this campaign.',
            EXPERIMENT_SPECS_JSON: json(shown),
            FEEDBACK: note,
          }),
          feedback: [input.feedback, note].filter((t) => t?.trim()).join('\n\n') || null,
          system: BRIEF_SYSTEM,
        });
        return data.assetBriefs;
      };
      let written = await ask(specs, null);
      const first = assembleBriefs(input, specs, ctx.canon, written);
      if (first.derived.length > 0) {
        const left = new Set(first.derived);
        const shown = specs
          .map((spec) => ({ ...spec, variants: spec.variants.filter((v) => left.has(`${spec.id}/${v.id}`)) }))
          .filter((spec) => spec.variants.length > 0);
        const note =
          'The previous answer left out these (experimentId/variantId) pairs; write exactly one brief for each: ' +
          `${first.derived.join(', ')}.`;
        written = [...written, ...(await ask(shown, note))];
      }
      const { briefs, derived } = assembleBriefs(input, specs, ctx.canon, written);
      const set = AssetBriefSet.safeParse({
        clientId: input.clientId,
        campaignId: input.campaignId,
        assetBriefs: briefs,
      });
      if (!set.success)
        throw new ValidationError(`asset briefs are invalid: ${issuesText(set.error.issues)}`);
      const ref = await saveDraft(input, 'asset_brief', input.stepKey, set.data);
      return { ...ref, briefIds: set.data.assetBriefs.map((b) => b.id), derivedPairs: derived };
    },
  };
}

/** Used only when a template names no system prompt of its own. */
const STRATEGY_SYSTEM =
  'You are a performance-marketing strategist. You turn a client canon, its metric schema and a campaign goal ' +
  'into a strategy sheet: goal, hypothesis, channel plan with budget splits, messaging pillars, risks and mitigations.';
const EXPERIMENT_SYSTEM =
  "You are a media and experiment architect. Propose 2-3 experiments that test the strategy's riskiest " +
  "assumptions, each with a decision metric from the client's metric schema and at least two variants.";
const BRIEF_SYSTEM =
  'You are a creative director. You write one asset brief per experiment variant: a creative concept, the assets ' +
  "each channel needs, and visual guidelines, within the client's voice and constraints.";
