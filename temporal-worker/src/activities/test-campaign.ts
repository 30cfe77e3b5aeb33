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
  strategySheetOutput,
} from '@mos/db/artifacts';
import type { z } from 'zod';
import type { RenderedPrompt } from '../prompts/render';
import type { ActivityDeps } from './deps';
import { NotFoundError, ValidationError } from './deps';
import {
  briefOutputContext,
  campaignBrief,
  campaignBudget,
  campaignMarketsText,
  canonForExperiments,
  clientMarket,
  completeBriefs,
  completeStrategy,
  marketText,
  specSetFromAnswer,
} from './planning';
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

/** The client's markets and languages as the market of the chain reads them (the intake's first). */
function marketClient(ctx: SmokeContext) {
  const { markets, languages } = marketsOf(ctx);
  return { primaryMarkets: markets, primaryLanguages: languages };
}

/** The markets and languages the chain writes for: the intake's when it names them, else the client's. */
function marketsOf(ctx: SmokeContext) {
  const markets = ctx.intake?.primaryMarkets.length ? ctx.intake.primaryMarkets : ctx.client.primaryMarkets;
  const languages = ctx.intake?.primaryLanguages.length
    ? ctx.intake.primaryLanguages
    : ctx.client.primaryLanguages;
  return { markets, languages };
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
    prompt: RenderedPrompt,
    type: K,
    fill: (answer: T) => unknown,
  ): Promise<ArtifactData<K>> {
    const { data } = await generateStep(llm, {
      orgId: ref.orgId,
      runId: ref.runId,
      step,
      schemaName,
      output,
      prompt,
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
            renderFrom('build/client_canon', {
              CLIENT_ID: input.clientId,
              CLIENT_NAME: ctx.client.name,
              INTAKE_JSON: json(intakeOrClient(ctx)),
              OFFERS_JSON: offersJson(ctx.offers),
              MARKETS_JSON: json(marketClient(ctx)),
              RESEARCH_MODE: 'No research was run: this is a test campaign.',
              RESEARCH_DOCUMENTS: 'None.',
              EVIDENCE_TABLE: 'No evidence records.',
            }),
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
          const { markets, languages } = marketsOf(ctx);
          const vars = {
            CLIENT_ID: input.clientId,
            CANON_JSON: json(canon.data),
            MARKETS: markets.join(', ') || 'not stated',
            LANGUAGES: languages.join(', ') || 'not stated',
            FUNNEL_NOTES: ctx.intake?.funnelNotes ?? 'not stated',
            BUSINESS_MODEL:
              ctx.intake?.businessModel ??
              (ctx.offers.map((o) => o.businessModel).join('; ') || 'not stated'),
          };
          return generate(
            input,
            'test_build_metric_schema',
            'MetricSchema',
            MetricSchemaOutput,
            renderFrom('build/metric_schema', vars),
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
          const market = clientMarket(marketClient(ctx), ctx.offers, canon.data);
          const { data } = await generateStep(llm, {
            orgId: input.orgId,
            runId: input.runId,
            step: 'test_build_strategy_sheet',
            schemaName: 'StrategySheet',
            output: strategySheetOutput({
              currency: campaignBudget(ctx.campaign, market).currency,
              icpIds: canon.data.icps.map((i) => i.id),
            }),
            prompt: renderFrom('build/strategy_sheet', {
              CLIENT_ID: input.clientId,
              CAMPAIGN_ID: input.campaignId,
              CAMPAIGN_JSON: json(campaignBrief(ctx.campaign)),
              CLIENT_MARKET: campaignMarketsText([market], campaignBudget(ctx.campaign, market).currency),
              CANON_JSON: json(canon.data),
              METRIC_SCHEMA_JSON: json(metricSchema.data),
              PLAYBOOK_NOTES: notes || 'No playbook learnings yet for this client.',
            }),
            feedback: input.feedback ?? null,
            complete: (sheet) =>
              completeStrategy(sheet, input, campaignBudget(ctx.campaign, market), canon.data),
          });
          return data;
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
          const vars = {
            CLIENT_ID: input.clientId,
            CAMPAIGN_ID: input.campaignId,
            CAMPAIGN_JSON: json(campaignBrief(ctx.campaign)),
            STRATEGY_JSON: json(strategy.data),
            CANON_JSON: json(canonForExperiments(canon.data)),
            METRIC_SCHEMA_JSON: json(metricSchema.data),
          };
          return generate(
            input,
            'test_build_experiment_specs',
            'ExperimentSpecSet',
            experimentSpecSetOutput([...known]),
            renderFrom('build/experiment_specs', vars),
            'experiment_spec',
            (set) => specSetFromAnswer(set, input),
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
          // This run's strategy draft (found by its step key, so the workflow's inputs stay as recorded).
          const strategyRow = await findStepArtifact(db, input.orgId, input.runId, 'test:strategy_sheet');
          const strategy = strategyRow
            ? (await loadDoc(db, input.orgId, strategyRow.id, 'strategy_sheet')).data
            : 'No strategy sheet was drafted in this run.';
          const market = clientMarket(marketClient(ctx), ctx.offers, canon.data);
          const experimentSpecs = specs.data.experimentSpecs;
          const { data } = await generateStep(llm, {
            orgId: input.orgId,
            runId: input.runId,
            step: 'test_build_asset_briefs',
            schemaName: 'AssetBriefSet',
            output: assetBriefSetOutput(briefOutputContext(experimentSpecs, canon.data)),
            prompt: renderFrom('build/asset_briefs', {
              CLIENT_ID: input.clientId,
              CAMPAIGN_ID: input.campaignId,
              STRATEGY_JSON: typeof strategy === 'string' ? strategy : json(strategy),
              EXPERIMENT_SPECS_JSON: json(experimentSpecs),
              CANON_JSON: json(canon.data),
              CLIENT_MARKET: marketText(market),
            }),
            feedback: input.feedback ?? null,
            complete: (written) => completeBriefs(input, experimentSpecs, canon.data, market, written),
          });
          return data;
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
