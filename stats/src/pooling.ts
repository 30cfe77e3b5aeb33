/**
 * Empirical-Bayes pooling of finished experiments' relative lifts by group (a vertical across an org's clients),
 * normal–normal, with DerSimonian–Laird moment estimates of the variances. The result per group is a prior for
 * the next experiment in it: where the group's own evidence is thin it borrows from the other groups.
 *
 * Two levels: experiments within a group scatter around the group's mean (τ²_within, one value pooled over the
 * groups, as a subgroup meta-analysis does), and group means scatter around the overall mean (τ², between groups).
 */
import { normalCdf } from './dist';
import type { Direction } from './types';

export interface EffectInput {
  group: string;
  /** Relative lift of a treatment over its control. */
  lift: number;
  /** Its standard error. Effects without a positive, finite se (or a finite lift) are left out. */
  se: number;
}

export interface PooledGroup {
  /** Shrunken mean of the group's lifts: its own estimate pulled toward the overall mean. */
  mean: number;
  /** Prior sd of the next experiment's true lift in the group (the group mean's uncertainty + τ²_within). */
  sd: number;
  /** Between-group variance of the group means (DerSimonian–Laird). 0: the groups do not differ. */
  tau2: number;
  /** Effects of the group that were used. */
  k: number;
  /** The group's own (random-effects) estimate and its standard error, before shrinkage. */
  own: { mean: number; se: number };
  /** Weight of the overall mean in `mean` (0: the group's own estimate, 1: the overall mean). */
  shrinkage: number;
  /** Variance of true lifts between experiments within a group (pooled over groups). */
  withinTau2: number;
}

/** DerSimonian–Laird: τ² = max(0, (Q − df) / (Σw − Σw²/Σw)) over one or more sets sharing τ². */
function dlTau2(sets: { y: number; v: number }[][]): number {
  let q = 0;
  let df = 0;
  let c = 0;
  for (const set of sets) {
    if (set.length < 2) continue;
    let sw = 0;
    let sw2 = 0;
    let swy = 0;
    for (const { y, v } of set) {
      const w = 1 / v;
      sw += w;
      sw2 += w * w;
      swy += w * y;
    }
    const mean = swy / sw;
    for (const { y, v } of set) q += (y - mean) ** 2 / v;
    df += set.length - 1;
    c += sw - sw2 / sw;
  }
  if (df === 0 || !(c > 0)) return 0;
  return Math.max(0, (q - df) / c);
}

/** Inverse-variance mean of ys with variances vs (+ tau2) and its variance. */
function weightedMean(set: { y: number; v: number }[], tau2: number): { mean: number; variance: number } {
  let sw = 0;
  let swy = 0;
  for (const { y, v } of set) {
    const w = 1 / (v + tau2);
    sw += w;
    swy += w * y;
  }
  return { mean: swy / sw, variance: 1 / sw };
}

/**
 * Pool lifts by group. Each group's own estimate (random-effects mean of its lifts) is shrunk toward the overall
 * mean by B = se²/(se² + τ²): with τ² = 0 every group gets the overall mean, as se → 0 each keeps its own.
 * The sd adds the uncertainty of the overall mean the group borrowed (Morris), of τ² itself, and the
 * within-group spread.
 */
export function pooledEffects(effects: EffectInput[]): Map<string, PooledGroup> {
  const byGroup = new Map<string, { y: number; v: number }[]>();
  for (const e of effects) {
    if (!Number.isFinite(e.lift) || !(e.se > 0) || !Number.isFinite(e.se)) continue;
    const set = byGroup.get(e.group) ?? [];
    set.push({ y: e.lift, v: e.se * e.se });
    byGroup.set(e.group, set);
  }
  const result = new Map<string, PooledGroup>();
  if (byGroup.size === 0) return result;
  const withinTau2 = dlTau2([...byGroup.values()]);
  const own = new Map<string, { y: number; v: number }>();
  for (const [group, set] of byGroup) {
    const { mean, variance } = weightedMean(set, withinTau2);
    own.set(group, { y: mean, v: variance });
  }
  const groupEstimates = [...own.values()];
  const tau2 = dlTau2([groupEstimates]);
  const overall = weightedMean(groupEstimates, tau2);
  // τ² is itself uncertain, so a group far from the overall mean is shrunk by a weight that could well be
  // different: Morris' term 2/(k − 3)·B²(y − μ)² (k groups), or with ≤ 3 groups Kackar–Harville's
  // (∂mean/∂τ²)²·Var(τ²), Var(τ²) ≈ 2 / Σ (v_g + τ²)⁻². Without it the 90 % intervals cover ~84 %.
  const groups = groupEstimates.length;
  const tau2Variance = 2 / groupEstimates.reduce((sum, g) => sum + 1 / (g.v + tau2) ** 2, 0);
  for (const [group, estimate] of own) {
    const shrinkage = tau2 > 0 ? estimate.v / (estimate.v + tau2) : 1;
    const distance = estimate.y - overall.mean;
    const mean = overall.mean + (1 - shrinkage) * distance;
    const weightUncertainty =
      groups > 3
        ? (2 / (groups - 3)) * shrinkage ** 2 * distance ** 2
        : (distance * (estimate.v / (estimate.v + tau2) ** 2)) ** 2 * tau2Variance;
    const meanVariance = (1 - shrinkage) * estimate.v + shrinkage ** 2 * overall.variance + weightUncertainty;
    result.set(group, {
      mean,
      sd: Math.sqrt(meanVariance + withinTau2),
      tau2,
      k: byGroup.get(group)?.length ?? 0,
      own: { mean: estimate.y, se: Math.sqrt(estimate.v) },
      shrinkage,
      withinTau2,
    });
  }
  return result;
}

export interface SuggestMdeOptions {
  /** The metric's good direction (CPA: lower). Default 'higher'. */
  direction?: Direction;
  /** Bounds of the suggestion (default 0.02 … 1). */
  min?: number;
  max?: number;
}

/**
 * An MDE from a prior on the relative lift: the mean effect of the ideas that work, E[θ | θ better than 0] under
 * N(mean, sd²) (a truncated-normal mean), so the test is sized for the lift a winner in this vertical has had.
 * Rounded to half a percent and clamped to [min, max]; null without a usable prior (sd = 0 or not finite).
 */
export function suggestMde(prior: { mean: number; sd: number }, opts: SuggestMdeOptions = {}): number | null {
  const { mean, sd } = prior;
  if (!(sd > 0) || !Number.isFinite(sd) || !Number.isFinite(mean)) return null;
  const m = opts.direction === 'lower' ? -mean : mean;
  const z = m / sd;
  const p = normalCdf(z);
  // Deep in the bad tail the ratio φ/Φ is z-asymptotic (−z); avoid 0/0.
  const mills = p > 1e-300 ? Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) / p : -z;
  const expected = m + sd * mills;
  const min = opts.min ?? 0.02;
  const max = opts.max ?? 1;
  const rounded = Math.round(expected * 200) / 200;
  return Math.min(max, Math.max(min, rounded));
}
