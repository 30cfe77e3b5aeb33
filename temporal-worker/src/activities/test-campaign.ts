import {
  type CampaignWithClient,
  type ClientRow,
  getCampaign,
  getClient,
  getPlaybook,
  insertArtifactVersion,
  listOffers,
  type OfferWithPrices,
  type Queryable,
} from '@mos/db';
import {
  type ArtifactData,
  type ArtifactType,
  assetBriefSetOutput,
  ClientCanonOutput,
  experimentSpecSetOutput,
  MetricSchemaOutput,
  Playbook,
  parseArtifactData,
  StrategySheetOutput,
} from '@mos/db/artifacts';
import type { z } from 'zod';
import type { ActivityDeps } from './deps';
import { NotFoundError, ValidationError } from './deps';
import { assembleBriefs, briefContext } from './planning';
import {
  findStepArtifact,
  issuesText,
  loadDoc,
  loadOnboardingContext,
  metricIds,
  type StoredIntake,
} from './shared/documents';
import { asStored, generateStep } from './shared/llm-step';
import { renderFrom, truncate } from './shared/prompts';
import type { DraftRef } from './shared/types';

/**
 * TestCampaign's build steps: the whole chain without gates, every document saved as a draft of this run.
 * Unlike onboarding and planning, each step reads the drafts the previous steps of this run wrote (nothing here
 * is approved), and the canon may be built without an onboarding intake, from the client record and its offers.
 */

export interface TestCampaignRef {
  orgId: string;
  runId: string;
  clientId: string;
  campaignId: string;
  /** A person's words on a retry after a step failed. */
  feedback?: string | null;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

interface SmokeContext {
  client: ClientRow;
  campaign: CampaignWithClient;
  offers: OfferWithPrices[];
  intake: StoredIntake | null;
}

async function loadContext(
  db: Queryable,
  ref: TestCampaignRef,
  onboardingPayloadId: string | null,
): Promise<SmokeContext> {
  const campaign = await getCampaign(db, ref.orgId, ref.campaignId);
  if (!campaign || campaign.clientId !== ref.clientId) throw new NotFoundError(`campaign ${ref.campaignId}`);
  if (onboardingPayloadId) {
    const ctx = await loadOnboardingContext(db, ref.orgId, ref.clientId, onboardingPayloadId);
    return { ...ctx, campaign };
  }
  const client = await getClient(db, ref.orgId, ref.clientId);
  if (!client) throw new NotFoundError(`client ${ref.clientId}`);
  const offers = await listOffers(db, ref.orgId, { clientId: ref.clientId, limit: 50 });
  return { client, campaign, offers: offers.items, intake: null };
}

/** What the canon prompt reads as the intake when there is none: the client record itself. */
function intakeOrClient(ctx: SmokeContext): unknown {
  if (ctx.intake) return ctx.intake;
  return {
    note: 'No onboarding intake was submitted for this client; build the canon from the client record and its offers.',
    name: ctx.client.name,
    industry: ctx.client.industry,
    primaryMarkets: ctx.client.primaryMarkets,
    primaryLanguages: ctx.client.primaryLanguages,
    offers: ctx.offers.map((o) => o.name),
  };
}

function offersJson(offers: OfferWithPrices[]) {
  return json(
    offers.map((o) => ({
      name: o.name,
      description: o.description,
      businessModel: o.businessModel,
      guarantee: o.guaranteeText,
      differentiation: o.differentiationBullets,
      pricePoints: o.pricePoints.map((p) => ({
        label: p.label,
        amount: p.amountCents / 100,
        currency: p.currency,
      })),
    })),
  );
}

function campaignJson(c: CampaignWithClient) {
  return json({
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
  });
}

/** Every variable a build prompt of the chain may declare; `renderFrom` keeps the ones each template names. */
function chainVars(
  ref: TestCampaignRef,
  ctx: SmokeContext,
  docs: Record<string, unknown>,
): Record<string, string> {
  const markets = ctx.intake?.primaryMarkets.length ? ctx.intake.primaryMarkets : ctx.client.primaryMarkets;
  const languages = ctx.intake?.primaryLanguages.length
    ? ctx.intake.primaryLanguages
    : ctx.client.primaryLanguages;
  const c = ctx.campaign;
  const vars: Record<string, string> = {
    CLIENT_ID: ref.clientId,
    CLIENT_NAME: ctx.client.name,
    CATEGORY_NICHE: ctx.client.industry?.trim() || 'general',
    BUSINESS_CONTEXT: ctx.intake?.offers.find((o) => o.trim()) ?? ctx.offers[0]?.name ?? ctx.client.name,
    INTAKE_JSON: json(intakeOrClient(ctx)),
    OFFERS_JSON: offersJson(ctx.offers),
    RESEARCH_SUMMARIES: 'No research was run: this is a test campaign.',
    RESEARCH_MODE: 'No research was run: this is a test campaign.',
    RESEARCH_DOCUMENTS: 'None.',
    EVIDENCE_TABLE: 'No evidence records.',
    MARKETS_JSON: json({ primaryMarkets: markets, primaryLanguages: languages }),
    MARKETS: markets.join(', ') || 'not stated',
    LANGUAGES: languages.join(', ') || 'not stated',
    FUNNEL_NOTES: ctx.intake?.funnelNotes ?? 'not stated',
    BUSINESS_MODEL:
      ctx.intake?.businessModel ?? (ctx.offers.map((o) => o.businessModel).join('; ') || 'not stated'),
    CAMPAIGN_ID: ref.campaignId,
    CAMPAIGN_NAME: c.name,
    CAMPAIGN_JSON: campaignJson(c),
    CAMPAIGN_GOAL: c.goalDescription ?? 'not stated',
    TIMEFRAME_DAYS: c.timeframeDays === null ? 'not set' : String(c.timeframeDays),
    BUDGET:
      c.budgetMin === null && c.budgetMax === null
        ? 'not set'
        : `${c.budgetMin ?? '?'} to ${c.budgetMax ?? '?'}`,
  };
  for (const [name, doc] of Object.entries(docs)) vars[name] = typeof doc === 'string' ? doc : json(doc);
  return vars;
}

export function testCampaignActivities({ db, llm }: ActivityDeps) {
  async function once<K extends ArtifactType>(
    ref: TestCampaignRef & { campaignLevel: boolean },
    type: K,
    stepKey: string,
    build: () => Promise<ArtifactData<K>>,
  ): Promise<DraftRef & { data: ArtifactData<K> }> {
    const done = await findStepArtifact(db, ref.orgId, ref.runId, stepKey);
    if (done)
      return {
        artifactId: done.id,
        version: done.version,
        data: (await loadDoc(db, ref.orgId, done.id, type)).data,
      };
    const data = await build();
    const parsed = parseArtifactData(type, data);
    if (!parsed.success) throw new ValidationError(`${type} is invalid: ${issuesText(parsed.error.issues)}`);
    const row = await insertArtifactVersion(db, {
      orgId: ref.orgId,
      clientId: ref.clientId,
      campaignId: ref.campaignLevel ? ref.campaignId : null,
      type,
      data: parsed.data,
      source: 'ai',
      status: 'draft',
      workflowRunId: ref.runId,
      stepKey,
    });
    return { artifactId: row.id, version: row.version, data: parsed.data };
  }

  /** The shared LLM-step pipeline; `fill` adds what code knows and the stored schema's rules are fed back. */
  async function generate<T, K extends ArtifactType>(
    ref: TestCampaignRef,
    step: string,
    schemaName: string,
    output: z.ZodType<T>,
    promptId: string,
    vars: Record<string, string>,
    type: K,
    fill: (answer: T) => unknown,
  ): Promise<ArtifactData<K>> {
    const { data } = await generateStep(llm, {
      orgId: ref.orgId,
      runId: ref.runId,
      step,
      schemaName,
      output,
      prompt: renderFrom(promptId, vars),
      feedback: ref.feedback ?? null,
      complete: (answer) => asStored(type, fill(answer)),
    });
    return data;
  }

  return {
    /** A canon draft from the onboarding intake when one is given, else from the client record and its offers. */
    async buildTestCanon(input: TestCampaignRef & { onboardingPayloadId: string | null }): Promise<DraftRef> {
      const { artifactId, version } = await once(
        { ...input, campaignLevel: false },
        'client_canon',
        'test:canon',
        async () => {
          const ctx = await loadContext(db, input, input.onboardingPayloadId);
          return generate(
            input,
            'test_build_canon',
            'ClientCanon',
            ClientCanonOutput,
            'build/client_canon',
            chainVars(input, ctx, {}),
            'client_canon',
            (canon) => ({
              ...canon,
              clientId: input.clientId,
              // No research here: quotes cite nothing and there are no research beliefs to carry.
              voiceOfCustomer: {
                ...canon.voiceOfCustomer,
                quotes: canon.voiceOfCustomer.quotes.map((q) => ({
                  quote: q.quote,
                  sourceUrl: null,
                  evidenceRef: null,
                })),
              },
              beliefs: { necessary: [], iBelieve: [] },
              // A test canon is written without research (so its quotes need no evidence).
              research: null,
            }),
          );
        },
      );
      return { artifactId, version };
    },

    async buildTestMetricSchema(
      input: TestCampaignRef & { onboardingPayloadId: string | null; canonArtifactId: string },
    ): Promise<DraftRef> {
      const { artifactId, version } = await once(
        { ...input, campaignLevel: false },
        'metric_schema',
        'test:metric_schema',
        async () => {
          const ctx = await loadContext(db, input, input.onboardingPayloadId);
          const canon = await loadDoc(db, input.orgId, input.canonArtifactId, 'client_canon');
          const vars = chainVars(input, ctx, { CANON_JSON: canon.data });
          const markets = ctx.intake?.primaryMarkets.length
            ? ctx.intake.primaryMarkets
            : ctx.client.primaryMarkets;
          const languages = ctx.intake?.primaryLanguages.length
            ? ctx.intake.primaryLanguages
            : ctx.client.primaryLanguages;
          return generate(
            input,
            'test_build_metric_schema',
            'MetricSchema',
            MetricSchemaOutput,
            'build/metric_schema',
            vars,
            'metric_schema',
            (schema) => ({
              ...schema,
              clientId: input.clientId,
              markets:
                markets.length > 0 ? markets.map((m) => truncate(m, 100)).slice(0, 50) : schema.markets,
              languages:
                languages.length > 0 ? languages.map((l) => truncate(l, 50)).slice(0, 30) : schema.languages,
            }),
          );
        },
      );
      return { artifactId, version };
    },

    async buildTestStrategy(
      input: TestCampaignRef & {
        onboardingPayloadId: string | null;
        canonArtifactId: string;
        metricSchemaArtifactId: string;
      },
    ): Promise<DraftRef> {
      const { artifactId, version } = await once(
        { ...input, campaignLevel: true },
        'strategy_sheet',
        'test:strategy_sheet',
        async () => {
          const ctx = await loadContext(db, input, input.onboardingPayloadId);
          const canon = await loadDoc(db, input.orgId, input.canonArtifactId, 'client_canon');
          const metricSchema = await loadDoc(db, input.orgId, input.metricSchemaArtifactId, 'metric_schema');
          const playbook = await getPlaybook(db, input.orgId, input.clientId);
          const parsedPlaybook = playbook.playbook ? Playbook.safeParse(playbook.playbook.data) : null;
          const notes = parsedPlaybook?.success
            ? parsedPlaybook.data.sections.map((s) => `- ${s.title}: ${truncate(s.content, 400)}`).join('\n')
            : 'No playbook learnings yet for this client.';
          const vars = chainVars(input, ctx, {
            CANON_JSON: canon.data,
            METRIC_SCHEMA_JSON: metricSchema.data,
            METRIC_IDS: [...metricIds(metricSchema.data)].join(', '),
            PLAYBOOK_NOTES: notes || 'No playbook learnings yet for this client.',
          });
          return generate(
            input,
            'test_build_strategy_sheet',
            'StrategySheet',
            StrategySheetOutput,
            'build/strategy_sheet',
            vars,
            'strategy_sheet',
            (sheet) => ({ ...sheet, clientId: input.clientId, campaignId: input.campaignId }),
          );
        },
      );
      return { artifactId, version };
    },

    async buildTestExperimentSpecs(
      input: TestCampaignRef & {
        onboardingPayloadId: string | null;
        canonArtifactId: string;
        metricSchemaArtifactId: string;
        strategyArtifactId: string;
      },
    ): Promise<DraftRef & { specIds: string[] }> {
      const saved = await once(
        { ...input, campaignLevel: true },
        'experiment_spec',
        'test:experiment_specs',
        async () => {
          const ctx = await loadContext(db, input, input.onboardingPayloadId);
          const canon = await loadDoc(db, input.orgId, input.canonArtifactId, 'client_canon');
          const metricSchema = await loadDoc(db, input.orgId, input.metricSchemaArtifactId, 'metric_schema');
          const strategy = await loadDoc(db, input.orgId, input.strategyArtifactId, 'strategy_sheet');
          const known = metricIds(metricSchema.data);
          const vars = chainVars(input, ctx, {
            CANON_JSON: canon.data,
            METRIC_SCHEMA_JSON: metricSchema.data,
            METRIC_IDS: [...known].join(', '),
            STRATEGY_JSON: strategy.data,
          });
          return generate(
            input,
            'test_build_experiment_specs',
            'ExperimentSpecSet',
            experimentSpecSetOutput([...known]),
            'build/experiment_specs',
            vars,
            'experiment_spec',
            (set) => ({ ...set, clientId: input.clientId, campaignId: input.campaignId }),
          );
        },
      );
      return {
        artifactId: saved.artifactId,
        version: saved.version,
        specIds: saved.data.experimentSpecs.map((s) => s.id),
      };
    },

    /** One brief per (experiment, variant), tone and constraints from the run's canon (as CampaignPlanning does). */
    async buildTestBriefs(
      input: TestCampaignRef & {
        onboardingPayloadId: string | null;
        canonArtifactId: string;
        specArtifactId: string;
      },
    ): Promise<DraftRef & { briefIds: string[] }> {
      const saved = await once(
        { ...input, campaignLevel: true },
        'asset_brief',
        'test:asset_briefs',
        async () => {
          const ctx = await loadContext(db, input, input.onboardingPayloadId);
          const canon = await loadDoc(db, input.orgId, input.canonArtifactId, 'client_canon');
          const specs = await loadDoc(db, input.orgId, input.specArtifactId, 'experiment_spec');
          const pairs = specs.data.experimentSpecs.flatMap((s) =>
            s.variants.map((v) => ({ experimentId: s.id, variantId: v.id, channels: v.channels })),
          );
          const vars = chainVars(input, ctx, {
            CANON_JSON: canon.data,
            EXPERIMENT_SPECS_JSON: specs.data.experimentSpecs,
            BRIEF_PAIRS_JSON: pairs,
            STRATEGY_JSON: 'See the experiments; this is a test campaign.',
            TONE_GUIDELINES:
              canon.data.brand.toneOfVoice.do.map((t) => `- ${t}`).join('\n') || '- (none stated)',
            CONSTRAINTS: canon.data.constraints.legal.map((t) => `- ${t}`).join('\n') || '- (none stated)',
          });
          return generate(
            input,
            'test_build_asset_briefs',
            'AssetBriefSet',
            assetBriefSetOutput(briefContext(specs.data.experimentSpecs)),
            'build/asset_briefs',
            vars,
            'asset_brief',
            (written) => ({
              clientId: input.clientId,
              campaignId: input.campaignId,
              assetBriefs: assembleBriefs(input, specs.data.experimentSpecs, canon.data, written.assetBriefs)
                .briefs,
            }),
          );
        },
      );
      return {
        artifactId: saved.artifactId,
        version: saved.version,
        briefIds: saved.data.assetBriefs.map((b) => b.id),
      };
    },
  };
}
