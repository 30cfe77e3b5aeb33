/**
 * Experiment statistics, computed by code (never by the LLM): per-variant rates, a two-proportion z-test of
 * the best variant's conversion rate against the other variants pooled, relative lift, a 95% confidence
 * interval of the difference, and the sample each variant needs. Pure functions: no I/O, no clock.
 *
 * Conversion rate = conversions / clicks (clicks are the visitors who reached the landing page), so clicks
 * are the trials of the test and "sample" means clicks.
 */

export interface VariantTotals {
  variantId: string;
  impressions: number;
  clicks: number;
  conversions: number;
  /** In the account's currency, major units. */
  spend: number;
  /** Snapshot rows that were summed into these totals. */
  snapshots: number;
}

export interface VariantStats extends VariantTotals {
  /** clicks / impressions; null without impressions. */
  ctr: number | null;
  /** conversions / clicks; null without clicks. */
  conversionRate: number | null;
  /** spend / conversions; null without conversions. */
  costPerConversion: number | null;
}

export interface ZTest {
  z: number;
  /** Two-sided. */
  pValue: number;
}

export interface ComparisonStats extends ZTest {
  bestVariantId: string;
  /** The variants pooled as "the rest". */
  restVariantIds: string[];
  bestRate: number;
  restRate: number;
  /** Relative lift of the best over the rest, (best - rest) / rest; null when the rest converted nothing. */
  lift: number | null;
  /** best - rest, absolute. */
  absoluteDifference: number;
  /** 95% confidence interval of the absolute difference (unpooled standard error). */
  ci95: [number, number];
  /** Clicks per variant needed to detect the observed difference at alpha 0.05 with 80% power; null when no difference. */
  requiredSamplePerVariant: number | null;
}

export type StatsDecision = 'winner' | 'continue';

export interface ExperimentStats {
  variants: VariantStats[];
  comparison: ComparisonStats | null;
  alpha: number;
  minSamplePerVariant: number;
  /** Every variant reached minSamplePerVariant clicks. */
  minSampleReached: boolean;
  significant: boolean;
  /** Set when the comparison is significant at alpha and the minimum sample is reached. */
  winnerVariantId: string | null;
  decision: StatsDecision;
}

/** Clicks per variant required before any winner is called, when the spec gives no sample size. */
export const DEFAULT_MIN_SAMPLE_PER_VARIANT = 100;
export const DEFAULT_ALPHA = 0.05;

/**
 * erfc(x) with fractional error below 1.2e-7 everywhere (Chebyshev fit, Numerical Recipes `erfcc`), which is
 * far below what a p-value is read to.
 */
const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  // Horner's scheme over the coefficients, highest power last.
  let poly = 0;
  for (let i = ERFC_COEFFICIENTS.length - 1; i >= 0; i--) poly = (ERFC_COEFFICIENTS[i] ?? 0) + t * poly;
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p must be in (0, 1)');
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0] = a;
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0] = b;
  const [c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0] = c;
  const [d0 = 0, d1 = 0, d2 = 0, d3 = 0] = d;
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

/**
 * Two-proportion z-test with the pooled standard error: successes x1 of n1 against x2 of n2. Two-sided.
 * Undefined (z 0, p 1) when either group is empty or the pooled rate is 0 or 1.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTest {
  if (n1 <= 0 || n2 <= 0) return { z: 0, pValue: 1 };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (p1 - p2) / se;
  return { z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

/**
 * Sample per group needed to detect p1 vs p2 with a two-sided test at `alpha` and the given power
 * (the standard formula for two independent proportions).
 */
export function requiredSamplePerGroup(
  p1: number,
  p2: number,
  alpha = DEFAULT_ALPHA,
  power = 0.8,
): number | null {
  const delta = Math.abs(p1 - p2);
  if (delta === 0) return null;
  const zAlpha = normalQuantile(1 - alpha / 2);
  const zBeta = normalQuantile(power);
  const pBar = (p1 + p2) / 2;
  const n =
    (zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 /
    delta ** 2;
  return Math.ceil(n);
}

const rate = (num: number, den: number): number | null => (den > 0 ? num / den : null);

export function variantStats(t: VariantTotals): VariantStats {
  return {
    ...t,
    ctr: rate(t.clicks, t.impressions),
    conversionRate: rate(t.conversions, t.clicks),
    costPerConversion: rate(t.spend, t.conversions),
  };
}

/**
 * The experiment's statistics and the decision they support: `winner` when the best variant's conversion rate
 * differs from the pooled rest with p < alpha and every variant has at least `minSamplePerVariant` clicks;
 * otherwise `continue` (the cycle decides what running out of polls means).
 */
export function evaluateExperiment(
  totals: VariantTotals[],
  opts: { minSamplePerVariant: number; alpha?: number },
): ExperimentStats {
  const alpha = opts.alpha ?? DEFAULT_ALPHA;
  const variants = totals.map(variantStats);
  const measured = variants.filter((v) => v.clicks > 0);
  const minSampleReached =
    variants.length >= 2 && variants.every((v) => v.clicks >= opts.minSamplePerVariant);
  const comparison = measured.length >= 2 ? compareBestToRest(measured, alpha) : null;
  const significant = comparison !== null && comparison.pValue < alpha;
  const winnerVariantId = significant && minSampleReached && comparison ? comparison.bestVariantId : null;
  return {
    variants,
    comparison,
    alpha,
    minSamplePerVariant: opts.minSamplePerVariant,
    minSampleReached,
    significant,
    winnerVariantId,
    decision: winnerVariantId ? 'winner' : 'continue',
  };
}

function compareBestToRest(measured: VariantStats[], alpha: number): ComparisonStats | null {
  const sorted = [...measured].sort(
    (a, b) => (b.conversionRate ?? 0) - (a.conversionRate ?? 0) || a.variantId.localeCompare(b.variantId),
  );
  const [best, runnerUp] = sorted;
  // A tie at the top has no "best" to test.
  if (!best || !runnerUp || best.conversionRate === runnerUp.conversionRate) return null;
  const rest = sorted.slice(1);
  const restConversions = rest.reduce((s, v) => s + v.conversions, 0);
  const restClicks = rest.reduce((s, v) => s + v.clicks, 0);
  const bestRate = best.conversions / best.clicks;
  const restRate = restConversions / restClicks;
  const test = twoProportionZTest(best.conversions, best.clicks, restConversions, restClicks);
  const diff = bestRate - restRate;
  const seDiff = Math.sqrt(
    (bestRate * (1 - bestRate)) / best.clicks + (restRate * (1 - restRate)) / restClicks,
  );
  const zCi = normalQuantile(0.975);
  return {
    ...test,
    bestVariantId: best.variantId,
    restVariantIds: rest.map((v) => v.variantId),
    bestRate,
    restRate,
    lift: restRate > 0 ? diff / restRate : null,
    absoluteDifference: diff,
    ci95: [diff - zCi * seDiff, diff + zCi * seDiff],
    requiredSamplePerVariant: requiredSamplePerGroup(bestRate, restRate, alpha),
  };
}
