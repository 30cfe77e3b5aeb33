/**
 * The experiment engine's contracts (issue 11): the decision metrics and how each is measured, the locked plan of
 * a phase, a poll's reading, a proposed decision and what applying it changed, CSV snapshot mapping and the Meta
 * connector's settings. zod only (browser-, Workers- and workflow-safe).
 */
import * as z from 'zod';

/**
 * The metrics an experiment can be decided on, each with the statistic that fits it:
 * - ctr: clicks / impressions, a proportion per impression (ad snapshots);
 * - cvr: conversions / units, a proportion per visitor (funnel: leads / visitors) or per click (ad snapshots);
 * - cpa: spend / conversions (CAC), a ratio tested with the delta method over days of an ad; lower is better;
 * - roas: revenue / spend, a ratio over days; higher is better;
 * - revenue_per_visitor: a mean per visitor (funnel: lead value);
 * - aov: revenue / orders, a ratio per visitor.
 */
export const DECISION_METRICS = ['ctr', 'cvr', 'cpa', 'roas', 'revenue_per_visitor', 'aov'] as const;
export const DecisionMetricId = z.enum(DECISION_METRICS);
export type DecisionMetricId = z.infer<typeof DecisionMetricId>;

export interface DecisionMetricInfo {
  label: string;
  kind: 'proportion' | 'mean' | 'ratio';
  direction: 'higher' | 'lower';
  /** What one unit is (the denominator of a proportion, the unit of a mean or ratio). */
  unit: string;
  /** How the value reads: a rate (0..1, shown as %), money, or a multiple. */
  format: 'percent' | 'money' | 'multiple';
  /** Where it can be measured. */
  sources: ReadonlyArray<'funnel' | 'ads'>;
}

export const DECISION_METRIC_INFO: Record<DecisionMetricId, DecisionMetricInfo> = {
  ctr: {
    label: 'Click-through rate',
    kind: 'proportion',
    direction: 'higher',
    unit: 'impression',
    format: 'percent',
    sources: ['ads'],
  },
  cvr: {
    label: 'Conversion rate',
    kind: 'proportion',
    direction: 'higher',
    unit: 'visitor (funnel) or click (ads)',
    format: 'percent',
    sources: ['funnel', 'ads'],
  },
  cpa: {
    label: 'Cost per acquisition (CAC)',
    kind: 'ratio',
    direction: 'lower',
    unit: 'day of an ad',
    format: 'money',
    sources: ['ads'],
  },
  roas: {
    label: 'Return on ad spend',
    kind: 'ratio',
    direction: 'higher',
    unit: 'day of an ad',
    format: 'multiple',
    sources: ['ads'],
  },
  revenue_per_visitor: {
    label: 'Revenue per visitor',
    kind: 'mean',
    direction: 'higher',
    unit: 'visitor',
    format: 'money',
    sources: ['funnel', 'ads'],
  },
  aov: {
    label: 'Average order value',
    kind: 'ratio',
    direction: 'higher',
    unit: 'visitor',
    format: 'money',
    sources: ['funnel', 'ads'],
  },
};

/**
 * A campaign's baseline: a value of a named metric (a rate in (0, 1) for ctr/cvr, money for cpa/aov/revenue per
 * visitor, a multiple for roas), never a bare number.
 */
export const Baseline = z
  .strictObject(
    {
      metric: DecisionMetricId,
      value: z.number().positive('must be greater than 0').finite(),
    },
    {
      // A bare number (the old shape) says nothing of its metric: the message says what to send instead.
      error: (iss) =>
        iss.code === 'invalid_type'
          ? 'give the baseline as { metric, value }, e.g. { "metric": "cvr", "value": 0.035 }: a bare number does not say which metric it is'
          : undefined,
    },
  )
  .superRefine((b, ctx) => {
    if (DECISION_METRIC_INFO[b.metric].kind === 'proportion' && !(b.value < 1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${b.metric} is a rate: give it as a fraction between 0 and 1 (e.g. 0.035 for 3.5 %)`,
      });
    }
  });
export type Baseline = z.infer<typeof Baseline>;

/** A guardrail: a metric that must not get worse by more than `maxRelativeHarm` (e.g. 0.1 = 10 %). */
export const Guardrail = z.strictObject({
  metric: DecisionMetricId,
  maxRelativeHarm: z.number().positive().max(1),
});
export type Guardrail = z.infer<typeof Guardrail>;

/**
 * The pre-registered stop rule (mirrors @mos/stats `StopRule`). A plain union of strict objects with literal kinds
 * (same parse as a discriminated union): its JSON Schema is an `anyOf`, which structured outputs accept, so a plan
 * can sit inside an artifact.
 */
export const PlanStopRule = z.union([
  z.strictObject({
    kind: z.literal('sequential'),
    alpha: z.number().gt(0).lt(0.5),
    minPerArm: z.number().int().positive(),
    plannedPerArm: z.number().int().positive(),
  }),
  z.strictObject({
    kind: z.literal('fixed'),
    alpha: z.number().gt(0).lt(0.5),
    samplePerArm: z.number().int().positive(),
  }),
]);
export type PlanStopRule = z.infer<typeof PlanStopRule>;

/** Where the design's traffic and baseline were measured. */
export const TrafficEstimate = z.strictObject({
  source: z.enum(['funnel', 'snapshots', 'campaign', 'none']),
  /** Units (visitors, clicks or impressions, per the metric) per day over all arms. */
  unitsPerDay: z.number().nonnegative(),
  /** The window measured (ISO dates), null when nothing was measured. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type TrafficEstimate = z.infer<typeof TrafficEstimate>;

/** A prior from effects pooled by vertical (empirical Bayes) that the design showed and used. */
export const PlanPrior = z.strictObject({
  vertical: z.string(),
  metric: DecisionMetricId,
  /** Shrunken mean and standard deviation of the relative lift. */
  mean: z.number(),
  sd: z.number().nonnegative(),
  experiments: z.number().int().nonnegative(),
});
export type PlanPrior = z.infer<typeof PlanPrior>;

/**
 * The locked plan of one phase: what the LLM wrote (hypothesis, primary metric, guardrails, stop rule kind) and
 * what code computed (sample, duration, traffic, baseline, prior). Immutable once locked; a change is a new phase.
 */
export const ExperimentPlan = z.strictObject({
  phase: z.number().int().positive(),
  hypothesis: z.string().min(1),
  primaryMetric: DecisionMetricId,
  guardrails: z.array(Guardrail).max(5),
  /** Arm ids of the spec; the control first. */
  arms: z.array(z.string().min(1)).min(2).max(10),
  controlArmId: z.string().min(1),
  /** Planned split of units over the arms (relative weights, same order as `arms`): the SRM check's expectation. */
  weights: z.array(z.number().positive()).min(2).max(10),
  baseline: Baseline,
  /** Minimum detectable effect, relative (0.2 = 20 %). */
  mde: z.number().positive().max(10),
  power: z.number().gt(0).lt(1),
  stopRule: PlanStopRule,
  /** Computed by code: units per arm and the days the traffic needs for them. */
  samplePerArm: z.number().int().positive(),
  expectedDays: z.number().nonnegative().nullable(),
  traffic: TrafficEstimate,
  prior: PlanPrior.nullable(),
  /** Thompson sampling over funnel variants (off by default), with a floor share per arm. */
  bandit: z.strictObject({ enabled: z.boolean(), floor: z.number().min(0).max(0.5) }),
});
export type ExperimentPlan = z.infer<typeof ExperimentPlan>;

/** One arm at one poll: data, the metric's value and the comparison with control (null for control). */
export const ArmReading = z.strictObject({
  armId: z.string(),
  units: z.number().nonnegative(),
  /** The primary metric's value (rate, money or multiple). */
  value: z.number().nullable(),
  /** Sufficient statistics as read (`MetricData` of @mos/stats). */
  data: z.record(z.string(), z.union([z.string(), z.number()])),
  /** Frequentist comparison with control under the plan's rule (corrected across arms). */
  lift: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  pValue: z.number().nullable(),
  /** Bayesian view. */
  chanceToWin: z.number().nullable(),
  risk: z.number().nullable(),
  credibleInterval: z.tuple([z.number(), z.number()]).nullable(),
});
export type ArmReading = z.infer<typeof ArmReading>;

export const GuardrailReading = z.strictObject({
  metric: DecisionMetricId,
  armId: z.string(),
  lift: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  /** The interval shows harm beyond the allowed `maxRelativeHarm`. */
  breached: z.boolean(),
});
export type GuardrailReading = z.infer<typeof GuardrailReading>;

/** A poll's numbers (stored per poll in experiment_readings, cited by proposals and reports). */
export const ExperimentReading = z.strictObject({
  phase: z.number().int().positive(),
  metric: DecisionMetricId,
  method: z.enum(['sequential', 'fixed']),
  alpha: z.number(),
  source: z.enum(['funnel', 'ads']),
  arms: z.array(ArmReading),
  srm: z.strictObject({
    chiSquare: z.number(),
    pValue: z.number(),
    mismatch: z.boolean(),
  }),
  guardrails: z.array(GuardrailReading),
  minDataReached: z.boolean(),
  /** What the rule says now. */
  action: z.enum(['ship', 'stop', 'continue']),
  reason: z.string(),
  winningArmId: z.string().nullable(),
  /** Snapshot rows or events skipped as unreadable. */
  skipped: z.number().int().nonnegative(),
});
export type ExperimentReading = z.infer<typeof ExperimentReading>;

export const DECISION_STATUSES = ['proposed', 'approved', 'rejected', 'applied'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** What applying a decision changed, with the previous values (so a person can see and undo it). */
export const AppliedChanges = z.strictObject({
  variantWeights: z.array(
    z.strictObject({ variantId: z.string(), armId: z.string(), from: z.number(), to: z.number() }),
  ),
  assetStatuses: z.array(
    z.strictObject({ assetId: z.string(), armId: z.string(), from: z.string(), to: z.string() }),
  ),
});
export type AppliedChanges = z.infer<typeof AppliedChanges>;

/** CSV columns a snapshot upload maps onto (the header names of the file). */
export const SNAPSHOT_CSV_FIELDS = [
  'date',
  'dateTo',
  'adId',
  'assetId',
  'impressions',
  'clicks',
  'conversions',
  'spend',
  'revenue',
] as const;
export type SnapshotCsvField = (typeof SNAPSHOT_CSV_FIELDS)[number];

export const SnapshotCsvMapping = z
  .strictObject({
    /** Column of the day (YYYY-MM-DD) or the window start. */
    date: z.string().min(1),
    /** Column of the window end (inclusive day); absent: one-day windows. */
    dateTo: z.string().min(1).nullable(),
    /** Column of the platform's ad id (matched through asset_platform_ads) or of MOS asset ids. */
    adId: z.string().min(1).nullable(),
    assetId: z.string().min(1).nullable(),
    impressions: z.string().min(1).nullable(),
    clicks: z.string().min(1).nullable(),
    conversions: z.string().min(1).nullable(),
    spend: z.string().min(1).nullable(),
    revenue: z.string().min(1).nullable(),
    /** The attribution window the export counted conversions under (kept with each row). */
    attributionWindow: z.string().max(40).nullable(),
  })
  .refine((m) => m.adId !== null || m.assetId !== null, {
    path: ['adId'],
    message: 'map a column of ad ids or of asset ids',
  });
export type SnapshotCsvMapping = z.infer<typeof SnapshotCsvMapping>;

export interface CsvRowError {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  field: string;
  message: string;
  /** Set when a person can fix the row in place: the ad id is not linked to any of the client's assets. */
  reason?: 'ad_not_linked';
}

export const META_ATTRIBUTION_WINDOWS = ['1d_click', '7d_click', '28d_click', '1d_view', '7d_view'] as const;
export const META_DEFAULT_CONVERSION_ACTIONS = ['purchase', 'lead'] as const;

/** A client's Meta Marketing API connection. The token is an org secret, by name. */
export const MetaConnectorSettings = z.strictObject({
  /** `act_<digits>`. */
  adAccountId: z.string().regex(/^act_\d{1,30}$/, 'must look like act_1234567890'),
  tokenSecret: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be a secret name (upper case letters, digits, _)'),
  attributionWindows: z.array(z.enum(META_ATTRIBUTION_WINDOWS)).min(1).max(3),
  /** Days re-pulled on every pull, since Meta revises recent days late. */
  trailingDays: z.number().int().min(1).max(28),
  /** Graph API version, e.g. v21.0. */
  apiVersion: z.string().regex(/^v\d{2}\.\d$/, 'must look like v21.0'),
  /**
   * Meta action types that count as a conversion, in priority order: a day's conversions (and revenue) are those
   * of the first type present (they overlap, e.g. `purchase` includes the pixel's purchases). Absent:
   * META_DEFAULT_CONVERSION_ACTIONS.
   */
  conversionActionTypes: z
    .array(z.string().regex(/^[a-z][a-z0-9_.]{0,99}$/, 'must be a Meta action type, e.g. purchase'))
    .min(1)
    .max(5)
    .optional(),
});
export type MetaConnectorSettings = z.infer<typeof MetaConnectorSettings>;

export interface ConnectorPullSummary {
  from: string;
  to: string;
  pages: number;
  rows: number;
  inserted: number;
  revised: number;
  unmatchedAds: number;
  /** Times the pull waited because the platform said it was near its rate limit. */
  waits: number;
  error: string | null;
  /** The error's kind (`ConnectorPullErrorReason`), set with `error`. */
  errorReason?: ConnectorPullErrorReason | null;
}

export const CONNECTOR_PULL_ERROR_REASONS = [
  'no_connector',
  'disabled',
  'settings_invalid',
  'secret_missing',
  'token_invalid',
  'permission',
  'rate_limited',
  'platform_error',
  'network',
] as const;
export type ConnectorPullErrorReason = (typeof CONNECTOR_PULL_ERROR_REASONS)[number];
