/**
 * Golden client fixtures: a client's inputs (as MOS has them: client, markets, offers with price points, campaign),
 * the drafts a model wrote for it (recorded outputs, with the defects real drafts have) and the versions a
 * strategist approved. Recorded drafts are the approved ones with each defect put back (`defects`): every defect
 * names what the strategist changed and which validator, if any, is expected to catch it.
 */
import type {
  AssetBriefSet,
  ClientCanon,
  ExperimentSpecSet,
  GeneratedAsset,
  MetricSchema,
  ResearchStep,
  ResearchStepKey,
  StrategySheet,
} from '@mos/db/artifacts';

export interface GoldenMarket {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** BCP 47, e.g. `en-US`, `de-DE`. */
  language: string;
  /** ISO 4217. */
  currency: string;
}

export interface GoldenPricePoint {
  label: string;
  amount: number;
  currency: string;
  /** Renewal interval of a subscription price (`month`, `8 weeks`); null for a one-off price. */
  interval: string | null;
}

export interface GoldenOffer {
  id: string;
  name: string;
  subscription: boolean;
  pricePoints: GoldenPricePoint[];
}

export interface GoldenInput {
  client: {
    name: string;
    industry: string;
    /** The client's own domain: landing pages and the brand's own sources live here. */
    domain: string;
    /** The vertical the compliance packs apply (the compliance contract's list). */
    vertical: 'skincare' | 'supplements' | 'finance' | 'b2b_saas' | 'ecommerce' | 'other';
  };
  markets: GoldenMarket[];
  offers: GoldenOffer[];
  campaign: {
    name: string;
    goal: string;
    budgetMin: number;
    budgetMax: number;
    /** The client's currency the budget is in. */
    currency: string;
    timeframeDays: number;
    /** Meta special ad category declared on the campaign (credit, employment, housing), else null. */
    specialAdCategory: 'credit' | 'employment' | 'housing' | null;
  };
}

/** One generated asset: for the requirement at `requirement` of brief `briefId`. */
export interface GoldenAsset {
  id: string;
  briefId: string;
  requirement: number;
  asset: GeneratedAsset;
}

export interface GoldenDrafts {
  research: ResearchStep[];
  /** Per research step, the URLs the provider's web search returned (its `url_citation` annotations). */
  citations: Partial<Record<ResearchStepKey, string[]>>;
  canon: ClientCanon;
  metricSchema: MetricSchema;
  strategySheet: StrategySheet;
  experimentSpecs: ExperimentSpecSet;
  assetBriefs: AssetBriefSet;
  assets: GoldenAsset[];
}

export const VALIDATOR_IDS = [
  'schema',
  'format',
  'market_currency',
  'quote_provenance',
  'url_provenance',
  'metric_ids',
  'budget',
  'one_variable',
  'audiences',
] as const;
export type ValidatorId = (typeof VALIDATOR_IDS)[number];

/** A defect of the recorded draft: what the model wrote that the strategist changed. */
export interface Defect {
  id: string;
  what: string;
  /** The validator expected to catch it; null for a defect no validator checks (judgement, style). */
  caughtBy: ValidatorId | null;
  /** Puts the defect back into (a copy of) the approved drafts. */
  apply(drafts: GoldenDrafts): void;
}

export interface GoldenFixture {
  id: string;
  title: string;
  input: GoldenInput;
  approved: GoldenDrafts;
  defects: Defect[];
}

/** The recorded drafts: the approved ones with every defect put back. */
export function recordedDrafts(fixture: GoldenFixture, defects = fixture.defects): GoldenDrafts {
  const drafts = structuredClone(fixture.approved);
  for (const d of defects) d.apply(drafts);
  return drafts;
}
