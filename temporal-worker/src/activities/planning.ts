import {
  type CampaignWithClient,
  type ClientRow,
  ensurePlannedExperiments,
  getCampaign,
  getClient,
  getPlaybook,
  listOffers,
  type OfferWithPrices,
  type Queryable,
} from '@mos/db';
import {
  type AssetBrief,
  AssetBriefSet,
  type AssetBriefSetOutput,
  type AssetRequirement,
  assetBriefSetOutput,
  type BriefMarket,
  type BriefPricePoint,
  type CampaignBudget,
  type ClientCanon,
  checkStrategyAudiences,
  checkStrategyBudget,
  type ExperimentSpec,
  ExperimentSpecSet,
  type ExperimentSpecSetOutput,
  type ExperimentVariant,
  experimentSpecSetOutput,
  feedbackIssue,
  type MetricSchema,
  Playbook,
  SLUG_PATTERN,
  type StrategySheetOutput,
  strategySheetOutput,
  type TestedVariable,
} from '@mos/db/artifacts';
import { CURRENCY_BY_MARKET, LANGUAGE_BY_MARKET, marketCode } from '@mos/db/contracts';
import { LlmSchemaError } from '../llm/types';
import { type ActivityDeps, NotFoundError, ValidationError } from './deps';
import { lockApprovedPlans } from './experiment-plans';
import { approvedDoc, findStepArtifact, loadDoc, metricIds } from './shared/documents';
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

/** What every campaign build step starts from: the campaign, its markets and its client's approved canon and metrics. */
interface CampaignContext {
  campaign: CampaignWithClient;
  canon: ClientCanon;
  metricSchema: MetricSchema;
  /** The campaign's markets, in its order (one: the client's first market when the campaign names none). */
  markets: ClientMarket[];
  /** The budget's currency: the campaign's, else its first market's. */
  currency: string | null;
}

async function loadCampaignContext(db: Queryable, ref: CampaignRef): Promise<CampaignContext> {
  const campaign = await getCampaign(db, ref.orgId, ref.campaignId);
  if (!campaign || campaign.clientId !== ref.clientId) throw new NotFoundError(`campaign ${ref.campaignId}`);
  const key = { clientId: ref.clientId, campaignId: null };
  const canon = await approvedDoc(db, ref.orgId, { ...key, type: 'client_canon' });
  if (!canon) throw new NotFoundError("the client's approved client canon");
  const metricSchema = await approvedDoc(db, ref.orgId, { ...key, type: 'metric_schema' });
  if (!metricSchema) throw new NotFoundError("the client's approved metric schema");
  const markets = await loadCampaignMarkets(db, ref.orgId, campaign, canon.data);
  const currency = campaignCurrency(campaign, markets);
  return { campaign, canon: canon.data, metricSchema: metricSchema.data, markets, currency };
}

/** The campaign as prompts read it: goal, target, budget and timeframe, nulls meaning "not set". */
export function campaignBrief(c: CampaignWithClient) {
  return {
    id: c.id,
    name: c.name,
    client: c.clientName,
    goal: c.goalDescription,
    objectiveType: c.objectiveType,
    numericTarget: c.numericTarget,
    // `{ metric, value }`; a bare number from before baselines named their metric says so.
    baseline:
      c.baseline ?? (c.legacyBaseline === null ? null : { metric: 'not stated', value: c.legacyBaseline }),
    timeframeDays: c.timeframeDays,
    budgetMin: c.budgetMin,
    budgetMax: c.budgetMax,
  };
}

// ------------------------------------------------------------------------------------------- client market

/** A price point of the client's offers, with the canon offer it belongs to (matched by name). */
export interface MarketPricePoint extends BriefPricePoint {
  offerId: string | null;
}

/** Where a campaign's ads run: one market (country), its language and currency, and its prices in that currency. */
export interface ClientMarket {
  market: BriefMarket;
  pricePoints: MarketPricePoint[];
  /** Canon offer ids that have prices, none of them in the market's currency (briefs say so, never convert). */
  unpricedOfferIds: string[];
}

const nameKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * One market as briefs and the strategy read it: the client's first primary market unless `country` names another
 * (a test runs in one market), the primary language spoken there (else the client's first one; with
 * `preferSpoken`, the market's language before the client's first), the market's currency (else the prices' most
 * common one), and the price points in that currency as structured data, each tied to the canon offer of the same
 * name.
 */
export function clientMarket(
  client: Pick<ClientRow, 'primaryMarkets' | 'primaryLanguages'>,
  offers: readonly Pick<OfferWithPrices, 'name' | 'pricePoints'>[],
  canon: Pick<ClientCanon, 'offers'>,
  opts: { country?: string; preferSpoken?: boolean } = {},
): ClientMarket {
  const country = opts.country ?? client.primaryMarkets.map((m) => m.trim()).find((m) => m !== '') ?? null;
  const code = country?.toUpperCase() ?? '';
  const counts = new Map<string, number>();
  for (const p of offers.flatMap((o) => o.pricePoints))
    counts.set(p.currency, (counts.get(p.currency) ?? 0) + 1);
  const commonest = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const currency = CURRENCY_BY_MARKET[code] ?? commonest;
  const spoken = LANGUAGE_BY_MARKET[code];
  const languages = client.primaryLanguages.map((l) => l.trim()).filter((l) => l !== '');
  const own = languages.find((l) => spoken !== undefined && l.toLowerCase().split(/[-_]/)[0] === spoken);
  // With several markets, en-GB is the UK's and en-US the US's, and a market speaks its own language.
  const regional = languages.find((l) => l.toUpperCase().split(/[-_]/)[1] === code);
  const language = opts.preferSpoken
    ? (regional ?? own ?? spoken ?? languages[0] ?? null)
    : (own ?? languages[0] ?? spoken ?? null);
  const canonIds = new Map(canon.offers.map((o) => [nameKey(o.name), o.id]));
  const pricePoints = offers.flatMap((o) =>
    o.pricePoints
      .filter((p) => currency === null || p.currency === currency)
      .map(
        (p): MarketPricePoint => ({
          offerId: canonIds.get(nameKey(o.name)) ?? null,
          offerName: truncate(o.name, 200),
          label: truncate(p.label, 200),
          amount: p.amountCents / 100,
          currency: p.currency,
        }),
      ),
  );
  const unpricedOfferIds = offers.flatMap((o) => {
    const id = canonIds.get(nameKey(o.name));
    const priced = o.pricePoints.length > 0 && o.pricePoints.every((p) => p.currency !== currency);
    return id !== undefined && currency !== null && priced ? [id] : [];
  });
  return {
    market: {
      countries: country ? [truncate(country, 60)] : [],
      language: language ? truncate(language, 35) : null,
      currency: currency && /^[A-Z]{3}$/.test(currency) ? currency : null,
    },
    pricePoints: pricePoints.slice(0, 50),
    unpricedOfferIds,
  };
}

/**
 * The markets of a campaign: each market it names, else the client's first market. One market keeps the client's
 * own spelling of it ("USA"), so a one-market campaign reads exactly as before markets existed; several are named
 * by their ISO codes, each written in its own language.
 */
export function campaignMarketsOf(
  campaign: Pick<CampaignWithClient, 'markets'>,
  client: Pick<ClientRow, 'primaryMarkets' | 'primaryLanguages'>,
  offers: readonly Pick<OfferWithPrices, 'name' | 'pricePoints'>[],
  canon: Pick<ClientCanon, 'offers'>,
): ClientMarket[] {
  if (campaign.markets.length === 0) return [clientMarket(client, offers, canon)];
  const [only] = campaign.markets;
  if (only !== undefined && campaign.markets.length === 1) {
    const own = client.primaryMarkets.find((m) => marketCode(m) === only)?.trim();
    return [clientMarket(client, offers, canon, { country: own ?? only })];
  }
  return campaign.markets.map((code) =>
    clientMarket(client, offers, canon, { country: code, preferSpoken: true }),
  );
}

export async function loadClientMarket(
  db: Queryable,
  orgId: string,
  clientId: string,
  canon: Pick<ClientCanon, 'offers'>,
): Promise<ClientMarket> {
  const client = await getClient(db, orgId, clientId);
  if (!client) throw new NotFoundError(`client ${clientId}`);
  const offers = await listOffers(db, orgId, { clientId, limit: 50 });
  return clientMarket(client, offers.items, canon);
}

async function loadCampaignMarkets(
  db: Queryable,
  orgId: string,
  campaign: CampaignWithClient,
  canon: Pick<ClientCanon, 'offers'>,
): Promise<ClientMarket[]> {
  const client = await getClient(db, orgId, campaign.clientId);
  if (!client) throw new NotFoundError(`client ${campaign.clientId}`);
  const offers = await listOffers(db, orgId, { clientId: campaign.clientId, limit: 50 });
  return campaignMarketsOf(campaign, client, offers.items, canon);
}

/** The campaign's budget currency: its own, else its first market's (today's one-market rule). */
export function campaignCurrency(
  campaign: Pick<CampaignWithClient, 'currency'>,
  markets: readonly ClientMarket[],
): string | null {
  return campaign.currency ?? markets[0]?.market.currency ?? null;
}

/** The market as the prompts state it. */
export function marketText(m: ClientMarket): string {
  const { countries, language, currency } = m.market;
  return [
    `market ${countries.join(', ') || 'not stated'}`,
    `language ${language ?? 'not stated'}`,
    `currency ${currency ?? 'not stated (use the currency of the campaign budget)'}`,
  ].join('; ');
}

/**
 * The campaign's markets and budget currency as the strategy prompt states them: one market whose currency is the
 * budget's reads exactly as `marketText`; otherwise every market, then the budget's currency.
 */
export function campaignMarketsText(markets: readonly ClientMarket[], currency: string | null): string {
  const [only] = markets;
  if (only && markets.length === 1 && only.market.currency === currency) return marketText(only);
  const each = markets.map((m) => `(${marketText(m)})`).join(' and ');
  const count = `${markets.length} market${markets.length === 1 ? '' : 's'}`;
  return `${count}: ${each}; campaign budget currency ${currency ?? 'not stated'}`;
}

/**
 * The markets as the brief prompt states them: one market exactly as `marketText`; several, each, and that code
 * writes every arm once per market (its language, currency and prices), so the briefs stay market-neutral.
 */
export function briefMarketsText(markets: readonly ClientMarket[]): string {
  const [only] = markets;
  if (only && markets.length === 1) return marketText(only);
  const each = markets.map((m) => `(${marketText(m)})`).join(' and ');
  return (
    `${markets.length} markets: ${each}. Code copies every brief once per market with that market's language, ` +
    "currency and prices, and the ads are written natively for each market: keep concepts, angles and hooks free of one market's language, prices and idioms"
  );
}

/** The campaign's budget range and currency (its own, else its market's), as the strategy checks read them. */
export function campaignBudget(c: CampaignWithClient, m: ClientMarket | string | null): CampaignBudget {
  return {
    budgetMin: c.budgetMin,
    budgetMax: c.budgetMax,
    timeframeDays: c.timeframeDays,
    currency: typeof m === 'string' || m === null ? m : (c.currency ?? m.market.currency),
  };
}

/** Code's part of a strategy sheet: ids, then the stored schema's rules and the campaign's budget and canon. */
export function completeStrategy(
  answer: StrategySheetOutput,
  ref: { clientId: string; campaignId: string },
  campaign: CampaignBudget,
  canon: Pick<ClientCanon, 'icps'>,
) {
  const stored = asStored('strategy_sheet', {
    ...answer,
    clientId: ref.clientId,
    campaignId: ref.campaignId,
  });
  if (!stored.ok) return stored;
  const issues = [
    ...checkStrategyBudget(stored.data, campaign),
    ...checkStrategyAudiences(
      stored.data,
      canon.icps.map((i) => i.id),
    ),
  ];
  return issues.length > 0 ? { ok: false as const, issues: issues.map(feedbackIssue) } : stored;
}

/**
 * A spec set as stored from the model's answer: the run's ids, and on every spec what code fills (no plan yet,
 * no sample guess: the design's plan step computes the plan).
 */
export function specSetFromAnswer(
  answer: ExperimentSpecSetOutput,
  ref: { clientId: string; campaignId: string },
) {
  return {
    ...answer,
    clientId: ref.clientId,
    campaignId: ref.campaignId,
    experimentSpecs: answer.experimentSpecs.map((s) => ({
      ...s,
      sampleSizeEstimate: null,
      plan: null,
      planIssue: null,
    })),
  };
}

/** The canon as the experiment-design prompt needs it: offers, audiences and compliance constraints. */
export function canonForExperiments(canon: ClientCanon) {
  return { offers: canon.offers, icps: canon.icps, constraints: canon.constraints };
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

// ------------------------------------------------------------------------------------------- briefs

/** Channels every arm of a spec runs on (a clean test shows each arm in the same places); else all of them. */
function sharedChannels(spec: ExperimentSpec): string[] {
  const [first, ...rest] = spec.variants;
  const common = (first?.channels ?? []).filter((c) => rest.every((v) => v.channels.includes(c)));
  return common.length > 0 ? common : [...new Set(spec.variants.flatMap((v) => v.channels))];
}

/**
 * What each experiment tests. Specs stored before issue 8 do not say, and briefs cannot be written so that only
 * that differs: the step waits at the `step_failed` gate naming the specs (a person writes the briefs there, or
 * stops and states the tested variable and control in the spec set first). Nothing is asked of the model.
 */
function withStatedTests(
  specs: readonly ExperimentSpec[],
): (ExperimentSpec & { testedVariable: TestedVariable })[] {
  const stated = specs.filter(
    (s): s is ExperimentSpec & { testedVariable: TestedVariable } => s.testedVariable !== null,
  );
  if (stated.length === specs.length) return stated;
  const issues = specs.flatMap((s, i) =>
    s.testedVariable === null
      ? [
          {
            path: `experimentSpecs.${i}.testedVariable`,
            message: `experiment spec "${s.id}" does not state its testedVariable (written before specs did); state it and controlVariantId in the experiment specs`,
          },
        ]
      : [],
  );
  throw new LlmSchemaError(issues.map((i) => i.message).join('; '), issues);
}

/** The request-specific ids of the brief schema: per experiment what it tests and its arms, the canon's ids. */
export function briefOutputContext(
  specs: readonly ExperimentSpec[],
  canon: Pick<ClientCanon, 'offers' | 'icps'>,
) {
  return {
    experiments: withStatedTests(specs).map((s) => ({
      id: s.id,
      testedVariable: s.testedVariable,
      variantIds: s.variants.map((v) => v.id),
      channels: sharedChannels(s),
    })),
    offerIds: canon.offers.map((o) => o.id),
    icpIds: canon.icps.map((i) => i.id),
  };
}

/**
 * A slug id no longer than the schema allows, unique within `taken`; `market` (a country, lower-cased) is part of
 * it when the campaign runs in several markets, so the briefs of one arm in two markets keep distinct ids.
 */
function briefId(
  spec: ExperimentSpec,
  variant: ExperimentVariant,
  taken: Set<string>,
  market: string | null = null,
): string {
  const tail = market === null ? '' : `-${market.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const base = `${spec.id}-${variant.id}`.slice(0, 94 - tail.length).replace(/[-._:]+$/, '') + tail;
  let id = `${base}-brief`;
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 90)}-${n}-brief`;
  taken.add(id);
  return SLUG_PATTERN.test(id) ? id : `brief-${taken.size}`;
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

/** One experiment's part of the model's answer, read field by field (its shape depends on the tested variable). */
type WrittenExperiment = AssetBriefSetOutput['experiments'][string];
type Loose = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** What a brief says when its offer has prices, none in its market's currency: no price, and no conversion. */
export function noPriceNote(market: BriefMarket): string {
  const where = market.countries.join(', ') || 'this market';
  return (
    `This offer has no price in ${market.currency ?? "the market's currency"} for ${where}: quote no price, and ` +
    'never convert a price from another currency.'
  );
}

/**
 * One brief per (experiment, variant) — per (experiment, market, variant) when the campaign runs in several
 * markets — from the model's answer, written per experiment: the shared part on every arm, the arm's tested value
 * on top; code sets the ids, the test's statement (hypothesis, tested variable, control, constants), the market,
 * its language, currency and prices, tone, the canon's constraints and the variant's own guardrails (both: a
 * test-specific guardrail such as "State the renewal interval" must survive next to the canon's rules).
 */
export function assembleBriefs(
  ref: { clientId: string; campaignId: string },
  specs: readonly ExperimentSpec[],
  canon: ClientCanon,
  markets: ClientMarket | readonly ClientMarket[],
  written: AssetBriefSetOutput,
): AssetBrief[] {
  const list: readonly ClientMarket[] = Array.isArray(markets) ? markets : [markets as ClientMarket];
  const several = list.length > 1;
  const taken = new Set<string>();
  const tone = toneFromCanon(canon);
  const constraints = constraintsFromCanon(canon);
  const pricesOf = (market: ClientMarket, offerId: string | null) =>
    offerId === null
      ? []
      : market.pricePoints
          .filter((p) => p.offerId === offerId)
          .map(({ offerId: _, ...p }) => p)
          .slice(0, 20);
  return specs
    .flatMap((spec) => {
      const shared = (written.experiments[spec.id] ?? {}) as WrittenExperiment & Loose;
      const arms = (shared.arms ?? {}) as Record<string, Loose>;
      return list.flatMap((market) =>
        spec.variants.map((variant): AssetBrief => {
          const arm = arms[variant.id] ?? {};
          const pick = (key: string) => (key in arm ? arm[key] : (shared as Loose)[key]);
          const offerId = str(pick('offerId'));
          const requirements = ((shared.requirements ?? []) as Loose[]).map(
            (r): AssetRequirement => ({
              channel: String(r.channel),
              format: String(arm.format ?? r.format),
              angle: str(arm.angle ?? r.angle),
              hook: str(arm.hook ?? r.hook),
              funnelStage: (r.funnelStage ?? null) as AssetRequirement['funnelStage'],
            }),
          );
          const unpriced = offerId !== null && market.unpricedOfferIds.includes(offerId);
          return {
            id: briefId(spec, variant, taken, several ? (market.market.countries[0] ?? null) : null),
            clientId: ref.clientId,
            campaignId: ref.campaignId,
            experimentId: spec.id,
            variantId: variant.id,
            hypothesis: spec.hypothesis,
            testedVariable: spec.testedVariable,
            controlVariantId: spec.controlVariantId,
            constants: spec.constants,
            market: market.market,
            offerId,
            pricePoints: pricesOf(market, offerId),
            audienceIcpId: str(pick('audienceIcpId')),
            landingPage: str(pick('landingPage')),
            creativeConcept: str(arm.creativeConcept) ?? variant.description ?? spec.hypothesis,
            requirements,
            constraints: unpriced ? [noPriceNote(market.market), ...constraints].slice(0, 30) : constraints,
            guardrails: variant.guardrails,
            toneGuidelines: tone,
            visualGuidelines: (shared.visualGuidelines ?? []) as string[],
          };
        }),
      );
    })
    .slice(0, 50);
}

/** Code's part of a brief set: assembled briefs, checked by the stored schema (arms differ only as tested). */
export function completeBriefs(
  ref: { clientId: string; campaignId: string },
  specs: readonly ExperimentSpec[],
  canon: ClientCanon,
  markets: ClientMarket | readonly ClientMarket[],
  written: AssetBriefSetOutput,
) {
  return asStored('asset_brief', {
    clientId: ref.clientId,
    campaignId: ref.campaignId,
    assetBriefs: assembleBriefs(ref, specs, canon, markets, written),
  });
}

/** CampaignPlanning's and ExperimentDesign's build steps. */
export function planningActivities({ db, llm, clock }: ActivityDeps) {
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
    /**
     * A StrategySheet draft from the approved canon and metric schema and the campaign's goal, budget and
     * timeframe, in the client's currency; budgets outside the campaign's range are fed back to the model.
     */
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
        output: strategySheetOutput({
          currency: ctx.currency,
          icpIds: ctx.canon.icps.map((i) => i.id),
        }),
        prompt: renderFrom('build/strategy_sheet', {
          CLIENT_ID: input.clientId,
          CAMPAIGN_ID: input.campaignId,
          CAMPAIGN_JSON: json(campaignBrief(ctx.campaign)),
          CLIENT_MARKET: campaignMarketsText(ctx.markets, ctx.currency),
          CANON_JSON: json(ctx.canon),
          METRIC_SCHEMA_JSON: json(ctx.metricSchema),
          PLAYBOOK_NOTES: await playbookNotes(db, input.orgId, input.clientId),
          FEEDBACK: input.feedback,
          PREVIOUS_DRAFT_JSON: previous ? json(previous) : null,
        }),
        feedback: input.feedback,
        system: STRATEGY_SYSTEM,
        complete: (sheet) =>
          completeStrategy(sheet, input, campaignBudget(ctx.campaign, ctx.currency), ctx.canon),
      });
      return saveDraft(input, 'strategy_sheet', stepKey, data);
    },

    /**
     * An ExperimentSpecSet from the campaign's approved strategy sheet (when there is one), the canon (offers,
     * audiences, compliance constraints for the variants and guardrails) and the metric schema; specs may only
     * measure the client's declared metrics.
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
          CLIENT_ID: input.clientId,
          CAMPAIGN_ID: input.campaignId,
          CAMPAIGN_JSON: json(campaignBrief(ctx.campaign)),
          STRATEGY_JSON: strategy
            ? json(strategy.data)
            : 'No strategy sheet has been approved for this campaign yet.',
          CANON_JSON: json(canonForExperiments(ctx.canon)),
          METRIC_SCHEMA_JSON: json(ctx.metricSchema),
          FEEDBACK: input.feedback,
          PREVIOUS_DRAFT_JSON: previous ? json(previous) : null,
        }),
        feedback: input.feedback,
        system: EXPERIMENT_SYSTEM,
        complete: (set) => asStored('experiment_spec', specSetFromAnswer(set, input)),
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
      /** The gate decision that approved the specs (recorded on the locked phase). */
      approvalId?: string | null;
    }): Promise<{
      experiments: {
        specId: string;
        experimentId: string;
        created: boolean;
        planLocked: boolean;
        planIssue: string | null;
      }[];
    }> {
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
      // Pre-registration: each approved spec's plan is locked as phase 1 (once; a retry locks nothing again).
      const locks = await lockApprovedPlans(
        db,
        input,
        experiments.flatMap((e) => {
          const spec = specs.get(e.specId);
          return spec ? [{ experimentId: e.experimentId, spec }] : [];
        }),
        { approvalId: input.approvalId ?? null, now: clock() },
      );
      return {
        experiments: experiments.map((e) => ({
          ...e,
          planLocked: locks.get(e.experimentId)?.locked ?? false,
          planIssue: locks.get(e.experimentId)?.issue ?? null,
        })),
      };
    },

    /**
     * An AssetBriefSet with one brief per (experiment, variant) of a spec set, written per experiment so the arms
     * differ only in the tested variable (checked, fed back to the model): the model writes the shared
     * requirements and each arm's concept and tested value; code adds the approved strategy's context to the
     * prompt and sets the test's statement, market and prices, tone, the canon's constraints and the variant's
     * guardrails on every brief. `derivedPairs` stays empty: the schema asks for every pair.
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
      const { data } = await generateStep(llm, {
        orgId: input.orgId,
        runId: input.runId,
        step: 'build_asset_briefs',
        schemaName: 'AssetBriefSet',
        output: assetBriefSetOutput(briefOutputContext(specs, ctx.canon)),
        prompt: renderFrom('build/asset_briefs', {
          CLIENT_ID: input.clientId,
          CAMPAIGN_ID: input.campaignId,
          STRATEGY_JSON: strategy
            ? json(strategy.data)
            : 'No strategy sheet has been approved for this campaign.',
          EXPERIMENT_SPECS_JSON: json(specs),
          CANON_JSON: json(ctx.canon),
          CLIENT_MARKET: briefMarketsText(ctx.markets),
          FEEDBACK: input.feedback ?? null,
        }),
        feedback: input.feedback ?? null,
        system: BRIEF_SYSTEM,
        complete: (written) => completeBriefs(input, specs, ctx.canon, ctx.markets, written),
      });
      const ref = await saveDraft(input, 'asset_brief', input.stepKey, data);
      return { ...ref, briefIds: data.assetBriefs.map((b) => b.id), derivedPairs: [] };
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
