/**
 * The cycle's numbers, by code: a poll's `ExperimentReading` from `decide()`, the facts a rationale may cite, the
 * report's metric values, the decision applied to funnel weights and asset statuses, and a plan for experiments
 * from before plans were locked. Pure: no I/O, no clock.
 */
import type { ExperimentSpec, MetricValue } from '@mos/db/artifacts';
import {
  type AppliedChanges,
  type AssetStatus,
  DECISION_METRIC_INFO,
  type DecisionMetricId,
  DecisionMetricId as DecisionMetricIdSchema,
  ExperimentPlan,
  type ExperimentReading,
  type Guardrail,
} from '@mos/db/contracts';
import {
  type ArmData,
  compareFrequentist,
  type DecideResult,
  type Direction,
  type MetricData,
  normalQuantile,
  PowerInputError,
  sampleSizePerArm,
  summarize,
} from '@mos/stats';

/** Units per arm before any decision when a row has no locked plan (the old cycle's minimum sample). */
export const LEGACY_MIN_PER_ARM = 100;
/** The MDE and power an unlocked row is planned with: a 20 % relative lift at 80 % power. */
const LEGACY_MDE = 0.2;
const LEGACY_POWER = 0.8;
/** A conversion-rate baseline for an unlocked row whose campaign names none (only its planned sample depends on it). */
const LEGACY_BASELINE: Record<DecisionMetricId, number> = {
  ctr: 0.01,
  cvr: 0.03,
  cpa: 30,
  roas: 2,
  revenue_per_visitor: 1,
  aov: 50,
};

/** A spec's metric ids as the old model wrote them, mapped onto the metrics an experiment can be decided on. */
const LEGACY_METRIC_IDS: Record<string, DecisionMetricId> = {
  ctr: 'ctr',
  click_through_rate: 'ctr',
  cvr: 'cvr',
  conversion_rate: 'cvr',
  cac: 'cpa',
  cpa: 'cpa',
  cost_per_acquisition: 'cpa',
  cost_per_conversion: 'cpa',
  roas: 'roas',
  aov: 'aov',
  revenue_per_visitor: 'revenue_per_visitor',
  rpv: 'revenue_per_visitor',
};

/**
 * The plan of an experiment row that has none (created before plans were locked): the plan code computed for the
 * spec at the design gate when it has one; else the spec's primary metric (or its first metric id, mapped), its
 * guardrails, MDE and stop rule, the arms with the control first and an even split at 5 %, and a planned sample at
 * 80 % power from the campaign's baseline when it names that metric.
 */
export function planFromSpec(
  spec: ExperimentSpec,
  campaignBaseline: { metric: string; value: number } | null,
): ExperimentPlan {
  const computed = ExperimentPlan.safeParse(spec.plan);
  if (computed.success) return { ...computed.data, phase: 1 };
  const metric: DecisionMetricId =
    spec.primaryMetric ??
    spec.metricIds.map((m) => LEGACY_METRIC_IDS[m.toLowerCase()]).find((m) => m !== undefined) ??
    'cvr';
  const ids = spec.variants.map((v) => v.id);
  const control = spec.controlVariantId ?? ids[0] ?? 'control';
  const arms = [control, ...ids.filter((id) => id !== control)];
  const info = DECISION_METRIC_INFO[metric];
  const baselineValue =
    campaignBaseline && campaignBaseline.metric === metric && campaignBaseline.value > 0
      ? campaignBaseline.value
      : LEGACY_BASELINE[metric];
  const alpha = 0.05;
  const mde = spec.mde ?? LEGACY_MDE;
  const fixed = spec.stopRule === 'fixed';
  const planned = Math.max(
    plannedSample(
      info.kind,
      baselineValue,
      arms.length,
      alpha,
      info.direction,
      mde,
      fixed ? 'fixed' : 'sequential',
    ),
    LEGACY_MIN_PER_ARM,
  );
  return {
    phase: 1,
    hypothesis: spec.hypothesis ?? spec.name,
    primaryMetric: metric,
    guardrails: spec.guardrails.filter((g) => g.metric !== metric),
    arms,
    controlArmId: control,
    weights: arms.map(() => 1),
    baseline: { metric, value: info.kind === 'proportion' ? Math.min(baselineValue, 0.99) : baselineValue },
    mde,
    power: LEGACY_POWER,
    stopRule: fixed
      ? { kind: 'fixed', alpha, samplePerArm: planned }
      : { kind: 'sequential', alpha, minPerArm: LEGACY_MIN_PER_ARM, plannedPerArm: planned },
    samplePerArm: planned,
    expectedDays: null,
    traffic: { source: 'none', unitsPerDay: 0, from: null, to: null },
    prior: null,
    bandit: { enabled: false, floor: 0.1 },
  };
}

function plannedSample(
  kind: 'proportion' | 'mean' | 'ratio',
  baseline: number,
  arms: number,
  alpha: number,
  direction: Direction,
  mde: number,
  method: 'sequential' | 'fixed',
): number {
  // A mean or ratio without a measured variance: a coefficient of variation of 1 per unit (variance = mean²).
  const unitVariance = kind === 'proportion' ? undefined : baseline * baseline;
  try {
    const n = sampleSizePerArm({
      kind,
      baseline,
      ...(unitVariance === undefined ? {} : { unitVariance }),
      mde,
      alpha,
      power: LEGACY_POWER,
      arms,
      method,
      direction,
    });
    return Number.isFinite(n) && n > 0 ? Math.ceil(n) : LEGACY_MIN_PER_ARM;
  } catch (err) {
    // A baseline the calculation cannot use (e.g. a rate that a 20 % lift pushes past 1): the minimum stands.
    if (err instanceof PowerInputError) return LEGACY_MIN_PER_ARM;
    throw err;
  }
}

/** An arm with nothing measured yet, in the metric's shape. */
export function emptyData(metric: DecisionMetricId): MetricData {
  const kind = DECISION_METRIC_INFO[metric].kind;
  if (kind === 'proportion') return { kind, n: 0, sum: 0 };
  if (kind === 'mean') return { kind, n: 0, sum: 0, sumSquares: 0 };
  return { kind, n: 0, numSum: 0, numSumSquares: 0, denSum: 0, denSumSquares: 0, crossSum: 0 };
}

/** The plan's arms, in its order, each with its data (empty where nothing was read). */
export function armsInPlan(
  plan: ExperimentPlan,
  metric: DecisionMetricId,
  read: Record<string, MetricData>,
): ArmData[] {
  return plan.arms.map((armId) => ({ armId, data: read[armId] ?? emptyData(metric) }));
}

/** The metric's value from its data: a rate, a mean, or Σnum / Σden for a ratio; null with no units. */
export function metricValue(data: MetricData): number | null {
  if (data.n <= 0) return null;
  if (data.kind === 'ratio') return data.denSum > 0 ? data.numSum / data.denSum : null;
  return summarize(data).mean;
}

const round = (v: number, digits = 8) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
const finiteOrNull = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? null : round(v);
const intervalOrNull = (ci: readonly [number, number] | null | undefined): [number, number] | null =>
  ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? [round(ci[0]), round(ci[1])] : null;

/** Sufficient statistics as a flat record (what `ArmReading.data` stores). */
function dataRecord(data: MetricData): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, typeof v === 'number' ? round(v, 10) : v]),
  );
}

/** A stored `ArmReading.data` back as MetricData (for the effects' standard errors and the report). */
export function metricDataOf(record: Record<string, string | number>): MetricData | null {
  const kind = record.kind;
  const num = (k: string) => (typeof record[k] === 'number' ? (record[k] as number) : 0);
  if (kind === 'proportion') return { kind, n: num('n'), sum: num('sum') };
  if (kind === 'mean') return { kind, n: num('n'), sum: num('sum'), sumSquares: num('sumSquares') };
  if (kind === 'ratio')
    return {
      kind,
      n: num('n'),
      numSum: num('numSum'),
      numSumSquares: num('numSumSquares'),
      denSum: num('denSum'),
      denSumSquares: num('denSumSquares'),
      crossSum: num('crossSum'),
    };
  return null;
}

/** One poll's reading, in the contract's shape, from what was read and what `decide()` said. */
export function buildReading(input: {
  plan: ExperimentPlan;
  source: 'funnel' | 'ads';
  arms: ArmData[];
  result: DecideResult;
  guardrails: Guardrail[];
  skipped: number;
}): ExperimentReading {
  const { plan, result } = input;
  const byArm = new Map(result.comparisons.map((c) => [c.armId, c]));
  return {
    phase: plan.phase,
    metric: plan.primaryMetric,
    method: plan.stopRule.kind,
    alpha: plan.stopRule.alpha,
    source: input.source,
    arms: input.arms.map((a) => {
      const c = byArm.get(a.armId);
      return {
        armId: a.armId,
        units: a.data.n,
        value: finiteOrNull(metricValue(a.data)),
        data: dataRecord(a.data),
        lift: finiteOrNull(c?.frequentist?.lift),
        ci: intervalOrNull(c?.frequentist?.ci),
        pValue: finiteOrNull(c?.adjustedPValue ?? c?.frequentist?.pValue),
        chanceToWin: finiteOrNull(c?.bayesian?.chanceToWin),
        risk: finiteOrNull(c?.bayesian?.risk.treatment),
        credibleInterval: intervalOrNull(c?.bayesian?.ci),
      };
    }),
    srm: {
      chiSquare: finiteOrNull(result.srm.chiSquare) ?? 0,
      pValue: finiteOrNull(result.srm.pValue) ?? 1,
      mismatch: result.srm.mismatch,
    },
    guardrails: result.guardrails.map((g) => ({
      metric: DecisionMetricIdSchema.catch('cvr').parse(g.metricId),
      armId: g.armId,
      lift: finiteOrNull(g.result?.lift),
      ci: intervalOrNull(g.result?.ci),
      breached: g.breached,
    })),
    minDataReached: result.minDataReached,
    action: result.action,
    reason: result.reason,
    winningArmId: result.winningArmId,
    skipped: input.skipped,
  };
}

/**
 * The cycle's guardrail policy on top of `decide()`: a guardrail breached by every treatment stops the test (the
 * treatments harm what the plan protects), even without a winner on the primary metric; `decide()` alone keeps
 * reading until the horizon. SRM and missing data still block: they say the numbers cannot be trusted yet.
 */
export function withGuardrailStop(result: DecideResult, controlArmId: string): DecideResult {
  if (result.action !== 'continue' || result.reason === 'srm' || result.reason === 'min_data') return result;
  const breached = new Set(result.guardrails.filter((g) => g.breached).map((g) => g.armId));
  const treatments = result.comparisons.map((c) => c.armId).filter((id) => id !== controlArmId);
  if (treatments.length === 0 || !treatments.every((id) => breached.has(id))) return result;
  return { ...result, action: 'stop', reason: 'guardrail', winningArmId: null };
}

/** A short, stable digest of what was read (FNV-1a), so polls without new data are recognised. */
export function fingerprintOf(parts: unknown): string {
  const text = JSON.stringify(parts);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${text.length.toString(36)}-${h.toString(16)}`;
}

/** How a value of the metric reads in words: a percentage, money, or a multiple. */
export function formatValue(metric: DecisionMetricId, value: number | null): string {
  if (value === null) return 'n/a';
  const format = DECISION_METRIC_INFO[metric].format;
  if (format === 'percent') return `${(value * 100).toFixed(2)} %`;
  if (format === 'multiple') return `${value.toFixed(2)}×`;
  return value.toFixed(2);
}

/** A p-value as people read it: `p = 0.032`, or `p < 0.0001` below that. */
const pText = (p: number) => (p < 0.0001 ? 'p < 0.0001' : `p = ${p.toPrecision(2)}`);

const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %`;

export interface Fact {
  id: string;
  text: string;
}

/**
 * The numbers a rationale may cite, worded by code: each arm's value and units, each treatment's lift with its
 * interval and p-value and its chance to beat control, SRM, guardrails, the rule's verdict. The LLM cites ids.
 */
export function factsOf(reading: ExperimentReading, plan: ExperimentPlan): Fact[] {
  const facts: Fact[] = [];
  const label = DECISION_METRIC_INFO[reading.metric].label;
  const level = `${((1 - reading.alpha) * 100).toFixed(0)} %`;
  for (const a of reading.arms) {
    const role = a.armId === plan.controlArmId ? 'control' : 'treatment';
    facts.push({
      id: `value:${a.armId}`,
      text: `${a.armId} (${role}): ${label} ${formatValue(reading.metric, a.value)} over ${a.units} units`,
    });
    if (a.lift !== null && a.ci) {
      facts.push({
        id: `lift:${a.armId}`,
        text:
          `${a.armId} vs ${plan.controlArmId}: relative lift ${pct(a.lift)}, ${level} ` +
          `${reading.method === 'sequential' ? 'confidence sequence' : 'confidence interval'} ` +
          `[${pct(a.ci[0])}, ${pct(a.ci[1])}]` +
          (a.pValue === null ? '' : `, ${pText(a.pValue)} (corrected across arms)`),
      });
    }
    if (a.chanceToWin !== null) {
      facts.push({
        id: `bayes:${a.armId}`,
        text: `${a.armId}: chance to beat ${plan.controlArmId} ${(a.chanceToWin * 100).toFixed(1)} %`,
      });
    }
  }
  facts.push({
    id: 'srm',
    text: `sample ratio check: chi-square ${reading.srm.chiSquare.toFixed(2)}, ${pText(reading.srm.pValue)}${reading.srm.mismatch ? ' (mismatch: the split is not the planned one)' : ''}`,
  });
  for (const g of reading.guardrails) {
    facts.push({
      id: `guardrail:${g.metric}:${g.armId}`,
      text:
        `guardrail ${DECISION_METRIC_INFO[g.metric].label} on ${g.armId}: lift ${g.lift === null ? 'n/a' : pct(g.lift)}` +
        (g.ci ? ` [${pct(g.ci[0])}, ${pct(g.ci[1])}]` : '') +
        (g.breached ? ' (breached)' : ' (within the allowed harm)'),
    });
  }
  facts.push({
    id: 'rule',
    text:
      `rule: ${reading.method} test at alpha ${reading.alpha}, ${plan.stopRule.kind === 'sequential' ? `planned ${plan.stopRule.plannedPerArm} units per arm (minimum ${plan.stopRule.minPerArm})` : `read once at ${plan.stopRule.samplePerArm} units per arm`}; ` +
      `verdict ${reading.action} (${reading.reason})${reading.winningArmId ? `, arm ${reading.winningArmId}` : ''}`,
  });
  return facts;
}

/**
 * The report's numbers from the reading: the decision metric per arm first, each treatment's lift, interval and
 * p-value, then units, the Bayesian view, SRM and guardrails.
 */
export function reportMetrics(
  reading: ExperimentReading,
  plan: ExperimentPlan,
): {
  primary: MetricValue[];
  secondary: MetricValue[];
} {
  const unit = DECISION_METRIC_INFO[reading.metric].format === 'percent' ? 'ratio' : null;
  const value = (metricId: string, variantId: string | null, v: number | null, u: string | null) =>
    v === null || !Number.isFinite(v) ? [] : [{ metricId, variantId, value: round(v, 6), unit: u }];
  const primary: MetricValue[] = [];
  const secondary: MetricValue[] = [];
  for (const a of reading.arms) primary.push(...value(reading.metric, a.armId, a.value, unit));
  for (const a of reading.arms) {
    if (a.armId === plan.controlArmId) continue;
    primary.push(...value('lift', a.armId, a.lift, 'ratio'));
    primary.push(...value('lift_ci_low', a.armId, a.ci?.[0] ?? null, 'ratio'));
    primary.push(...value('lift_ci_high', a.armId, a.ci?.[1] ?? null, 'ratio'));
    primary.push(...value('p_value', a.armId, a.pValue, null));
  }
  for (const a of reading.arms) {
    secondary.push(...value('units', a.armId, a.units, 'count'));
    if (a.armId === plan.controlArmId) continue;
    secondary.push(...value('chance_to_win', a.armId, a.chanceToWin, 'ratio'));
    secondary.push(...value('risk', a.armId, a.risk, 'ratio'));
    secondary.push(...value('credible_low', a.armId, a.credibleInterval?.[0] ?? null, 'ratio'));
    secondary.push(...value('credible_high', a.armId, a.credibleInterval?.[1] ?? null, 'ratio'));
  }
  secondary.push(...value('srm_p_value', null, reading.srm.pValue, null));
  for (const g of reading.guardrails) {
    secondary.push(...value(`guardrail_${g.metric}_lift`, g.armId, g.lift, 'ratio'));
  }
  secondary.push(
    ...value(
      'planned_per_arm',
      null,
      plan.stopRule.kind === 'sequential' ? plan.stopRule.plannedPerArm : plan.stopRule.samplePerArm,
      'count',
    ),
  );
  return { primary: primary.slice(0, 50), secondary: secondary.slice(0, 100) };
}

/**
 * Each treatment's relative lift over control with its standard error (fixed-horizon delta method: the
 * sequence's width is for decisions, the effect pooled later needs the plain standard error).
 */
export function effectsOf(
  reading: ExperimentReading,
  plan: ExperimentPlan,
): { armId: string; lift: number; se: number; ci: [number, number] }[] {
  const control = reading.arms.find((a) => a.armId === plan.controlArmId);
  const controlData = control ? metricDataOf(control.data) : null;
  if (!controlData) return [];
  const direction: Direction = DECISION_METRIC_INFO[reading.metric].direction;
  const z = normalQuantile(0.975);
  return reading.arms.flatMap((a) => {
    if (a.armId === plan.controlArmId) return [];
    const data = metricDataOf(a.data);
    if (!data) return [];
    const r = compareFrequentist(controlData, data, { method: 'fixed', alpha: 0.05, direction });
    if (!r) return [];
    const se = (r.ci[1] - r.ci[0]) / (2 * z);
    if (!Number.isFinite(se) || !Number.isFinite(r.lift)) return [];
    return [{ armId: a.armId, lift: r.lift, se, ci: r.ci }];
  });
}

/** A funnel variant of the experiment, with the arm it serves (null: not tied to an arm). */
export interface ArmVariant {
  id: string;
  armId: string | null;
  weight: number;
}

/** An asset of the experiment with its arm and status. */
export interface ArmAsset {
  id: string;
  armId: string | null;
  status: AssetStatus;
}

/**
 * What applying a decision changes. Ship: the winner's variant gets weight 100 and every other variant 0 (when the
 * winner is the page itself, its variants all go to 0 and the page takes every visitor). Stop: the treatments'
 * variants go to 0 (a control served as a variant gets 100). Assets of the arms that lost (ship) or of every
 * treatment (stop) are set `rejected`, the assets status enum's state for "do not run"; the kept arm's stay.
 */
export function changesFor(input: {
  action: 'ship' | 'stop';
  winningArmId: string | null;
  controlArmId: string;
  variants: ArmVariant[];
  assets: ArmAsset[];
}): AppliedChanges {
  const kept = input.action === 'ship' ? (input.winningArmId ?? input.controlArmId) : input.controlArmId;
  const variantWeights = input.variants.flatMap((v) => {
    if (v.armId === null) return [];
    const to = v.armId === kept ? 100 : 0;
    return to === v.weight ? [] : [{ variantId: v.id, armId: v.armId, from: v.weight, to }];
  });
  const assetStatuses = input.assets.flatMap((a) => {
    if (a.armId === null || a.armId === kept || a.status === 'rejected') return [];
    return [{ assetId: a.id, armId: a.armId, from: a.status, to: 'rejected' as const }];
  });
  return { variantWeights, assetStatuses };
}

/**
 * Integer weights (percent) for the variants from a bandit's shares per arm; the page itself (an arm no variant
 * serves) takes what is left, since publish gives the page 100 − Σ variant weights. Largest remainder, so the
 * variants' weights and the page's share add up to 100.
 */
export function banditVariantWeights(
  shares: { armId: string; weight: number }[],
  variants: ArmVariant[],
): { variantId: string; armId: string; weight: number }[] {
  const raw = shares.map((s) => ({ armId: s.armId, exact: s.weight * 100 }));
  const floors = raw.map((r) => ({ ...r, w: Math.floor(r.exact), rest: r.exact - Math.floor(r.exact) }));
  let left = 100 - floors.reduce((s, r) => s + r.w, 0);
  for (const r of [...floors].sort((a, b) => b.rest - a.rest || a.armId.localeCompare(b.armId))) {
    if (left <= 0) break;
    r.w += 1;
    left -= 1;
  }
  const byArm = new Map(floors.map((r) => [r.armId, r.w]));
  return variants.flatMap((v) =>
    v.armId !== null && byArm.has(v.armId)
      ? [{ variantId: v.id, armId: v.armId, weight: byArm.get(v.armId) ?? 0 }]
      : [],
  );
}
