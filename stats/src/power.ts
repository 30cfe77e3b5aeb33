/**
 * Power, sample size and duration for the tests `decide()` runs: the relative lift (t − c) / c with its
 * delta-method variance (as gbstats), read either once at a fixed horizon or at every poll against GrowthBook's
 * asymptotic confidence sequence. Pure: no I/O, no clock, no randomness.
 */
import { normalCdf, normalQuantile } from './dist';
import { sequentialHalfWidth, sequentialTuningFor } from './sequential';
import type { Direction, TestMethod } from './types';

/** An input the calculation cannot use; `field` names it so callers can point at it without reading the text. */
export class PowerInputError extends RangeError {
  readonly reason = 'invalid_input' as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'PowerInputError';
  }
}

export interface SampleSizeInput {
  kind: 'proportion' | 'mean' | 'ratio';
  /** Control's mean: a rate in (0, 1) for proportions, the metric's value for means and ratios. */
  baseline: number;
  /**
   * Variance of one unit (MetricSummary.unitVariance; delta method for ratios). Required for means and ratios;
   * proportions use p(1 − p). Both arms are assumed to share it.
   */
  unitVariance?: number;
  /** Minimum detectable effect, relative (0.2 = a 20 % change in the metric's good direction). */
  mde: number;
  /** Two-sided, family-wise over the treatments (each comparison runs at alpha / treatments, Bonferroni). */
  alpha: number;
  /** Chance that a true effect of exactly `mde` ends in a ship (0.8 = 80 %). */
  power: number;
  /** Arms including control. */
  arms: number;
  method: TestMethod;
  /** The metric's good direction (CPA: lower); the effect is baseline × (1 ± mde). Default 'higher'. */
  direction?: Direction;
  /**
   * Sequential only: how many equally spaced reads reach the planned sample (daily ad snapshots: the days).
   * Default: continuous monitoring (the cycle polls every minute, so a funnel's arms are read all the time).
   */
  looks?: number;
  /**
   * Sequential only, instead of `looks`: units per arm between two reads (the cycle's cadence, e.g. a day of
   * traffic for daily snapshots). The looks then follow from the sample itself.
   */
  unitsPerLook?: number;
  /** The scale of the test: relative lift (what decide() tests, default) or the absolute difference. */
  scale?: 'relative' | 'absolute';
}

/**
 * The sequence's boundary in Brownian-motion units for a plan of `perArm` units per arm: at information fraction
 * t (N = 2·perArm·t units in the comparison) the CS excludes 0 exactly when |S(t)| > b(t), where
 * S(t) = estimate / sd(estimate at t = 1) · t is a Brownian motion with drift θ = effect / sd(estimate at t = 1).
 * b(t) = √t · halfWidth / sd(estimate at t).
 */
export function sequentialBoundary(alpha: number, perArm: number): (t: number) => number {
  const tuning = sequentialTuningFor(perArm);
  return (t: number) => {
    const totalN = 2 * perArm * t;
    // With Var(estimate) = 1 the half-width is the multiplier of the estimate's sd at t.
    const multiplier = sequentialHalfWidth(1, totalN, alpha, tuning);
    return Math.sqrt(t) * multiplier;
  };
}

/** Siegmund's constant: reading a Brownian motion every Δt misses crossings as if the boundary were 0.5826·√Δt higher. */
const SIEGMUND_RHO = 0.5826;
/** Steps of the numerical integration; more looks than this are handled with Siegmund's correction. */
const MAX_STEPS = 100;
/** Grid bins per step standard deviation. */
const BINS_PER_SD = 5;

/**
 * P(a Brownian motion with drift θ on [0, 1], read at `looks` equally spaced times (Infinity: continuously), is
 * above `upper(t)` at some read, before it is below −upper(t) when `lower` is set). Numerical integration of the
 * density on a grid (Armitage–McPherson–Rowe recursion), accurate to about 1e-3.
 */
export function crossingProbability(
  theta: number,
  upper: (t: number) => number,
  looks: number,
  opts: { lower?: boolean } = {},
): number {
  if (!(looks >= 1)) throw new PowerInputError('looks', 'looks must be at least 1');
  const finite = Number.isFinite(looks);
  const steps = finite && looks <= MAX_STEPS ? Math.round(looks) : MAX_STEPS;
  // More reads than steps (or continuous reading) move the boundary instead (Siegmund's correction).
  const shift =
    steps === Math.round(looks)
      ? 0
      : SIEGMUND_RHO * ((finite ? 1 / Math.sqrt(looks) : 0) - 1 / Math.sqrt(steps));
  const lower = opts.lower ?? true;
  const dt = 1 / steps;
  const sd = Math.sqrt(dt);
  const mu = theta * dt;
  const h = sd / BINS_PER_SD;
  // The lattice itself adds h²/12 of variance per step; take it out of the kernel.
  const kernelSd = Math.sqrt(sd * sd - (h * h) / 12);
  const bounds = Array.from({ length: steps }, (_, i) => upper((i + 1) / steps) + shift);
  const top = Math.max(...bounds);
  // Bin centres at (k − origin)·h so that S = 0, where every path starts, is a centre.
  const origin = Math.ceil((lower ? top : top + 10) / h) + 1;
  const bins = origin + Math.ceil(top / h) + 2;
  const bottom = -(origin + 0.5) * h;
  const centre = (k: number) => (k - origin) * h;
  // Kernel by offset: mass moving from a bin centre to the bin `d` bins away, d within 6 sd of the drift.
  const reach = Math.ceil((6 * sd) / h);
  const centreShift = Math.round(mu / h);
  const kernel = new Float64Array(2 * reach + 1);
  for (let i = 0; i <= 2 * reach; i++) {
    const d = centreShift + i - reach;
    kernel[i] = normalCdf(((d + 0.5) * h - mu) / kernelSd) - normalCdf(((d - 0.5) * h - mu) / kernelSd);
  }
  let mass = new Float64Array(bins);
  mass[origin] = 1;
  let crossed = 0;
  for (let i = 0; i < steps; i++) {
    const b = bounds[i] ?? top;
    const next = new Float64Array(bins);
    let up = 0;
    for (let j = 0; j < bins; j++) {
      const m = mass[j] ?? 0;
      if (m < 1e-15) continue;
      const x = centre(j);
      // Mass above the boundary, exactly (the continuous kernel, not the lattice).
      up += m * normalCdf((x + mu - b) / sd);
      const offset = j + centreShift - reach;
      const from = Math.max(0, offset);
      const to = Math.min(bins - 1, offset + 2 * reach);
      for (let k = from; k <= to; k++) next[k] = (next[k] ?? 0) + m * (kernel[k - offset] ?? 0);
    }
    crossed += up;
    // Keep only the bins inside the boundaries (a straddling bin keeps the share below b).
    for (let k = 0; k < bins; k++) {
      const lo = bottom + k * h;
      const hi = lo + h;
      if (lo >= b || (lower && hi <= -b)) next[k] = 0;
      else if (hi > b) next[k] = (next[k] ?? 0) * ((b - lo) / h);
      else if (lower && lo < -b) next[k] = (next[k] ?? 0) * ((hi + b) / h);
    }
    mass = next;
  }
  return Math.min(1, Math.max(0, crossed));
}

interface Normalised {
  /** Bonferroni-adjusted two-sided alpha of one comparison. */
  alpha: number;
  /** Per-unit variance of the estimate (relative lift or absolute difference) with equal arms. */
  unitVariance: number;
  /** The effect on the test's scale. */
  effect: number;
  /**
   * Standard deviation of the test's z-statistic under the alternative. Not 1: the z divides by a standard error
   * estimated from the same data, and for the relative lift that error moves with the numerator (a high control
   * mean shrinks both), so z spreads less than N(θ, 1) — 0.82 at 5 % → +20 % — and a plan sized with 1 would
   * promise 80 % and deliver 84 %. Delta method on z itself; a mean metric's sample variance is held fixed.
   */
  zSpread: number;
}

function normalise(input: Omit<SampleSizeInput, 'power' | 'mde'>, mde: number): Normalised {
  const { kind, baseline, alpha, arms } = input;
  if (!(baseline > 0) || !Number.isFinite(baseline)) {
    throw new PowerInputError('baseline', 'baseline must be a positive number');
  }
  if (kind === 'proportion' && !(baseline < 1)) {
    throw new PowerInputError('baseline', 'a proportion baseline is a rate in (0, 1)');
  }
  if (!(mde > 0) || !Number.isFinite(mde)) throw new PowerInputError('mde', 'mde must be a positive number');
  if (!(alpha > 0 && alpha < 1)) throw new PowerInputError('alpha', 'alpha must be in (0, 1)');
  if (!(Number.isInteger(arms) && arms >= 2))
    throw new PowerInputError('arms', 'arms must be an integer ≥ 2');
  const sign = input.direction === 'lower' ? -1 : 1;
  const ratio = 1 + sign * mde;
  if (!(ratio > 0)) throw new PowerInputError('mde', 'a decrease of 100 % or more cannot be detected');
  const treated = baseline * ratio;
  let varianceOf: (mean: number) => number;
  if (kind === 'proportion') {
    if (!(treated < 1)) throw new PowerInputError('mde', 'baseline × (1 + mde) must stay below 1 for a rate');
    varianceOf = (m) => m * (1 - m);
  } else {
    const v = input.unitVariance;
    if (v === undefined || !(v > 0) || !Number.isFinite(v)) {
      throw new PowerInputError('unitVariance', `a ${kind} metric needs its unit variance`);
    }
    varianceOf = () => v;
  }
  const relative = (input.scale ?? 'relative') === 'relative';
  // Per-unit variance of the estimate at arm means (c, t): gbstats' delta method for (t − c) / c,
  // σ_t²/μ_c² + σ_c²·μ_t²/μ_c⁴, or σ_c² + σ_t² for t − c.
  const estimateVariance = (c: number, t: number) =>
    relative ? varianceOf(t) / c ** 2 + (varianceOf(c) * t ** 2) / c ** 4 : varianceOf(c) + varianceOf(t);
  const estimate = (c: number, t: number) => (relative ? t / c - 1 : t - c);
  // z / √n as a function of the arm means; its gradient gives the spread of z (central differences).
  const zOverRootN = (c: number, t: number) => estimate(c, t) / Math.sqrt(estimateVariance(c, t));
  // Steps small against the mean and, for a rate, against the distance to 1.
  const step = (m: number) => 1e-6 * (kind === 'proportion' ? Math.min(m, 1 - m) : Math.abs(m));
  const hc = step(baseline);
  const ht = step(treated);
  const dc = (zOverRootN(baseline + hc, treated) - zOverRootN(baseline - hc, treated)) / (2 * hc);
  const dt = (zOverRootN(baseline, treated + ht) - zOverRootN(baseline, treated - ht)) / (2 * ht);
  return {
    alpha: alpha / (arms - 1),
    unitVariance: estimateVariance(baseline, treated),
    effect: estimate(baseline, treated),
    zSpread: Math.sqrt(dc * dc * varianceOf(baseline) + dt * dt * varianceOf(treated)),
  };
}

function checkPower(power: number): void {
  if (!(power > 0 && power < 1)) throw new PowerInputError('power', 'power must be in (0, 1)');
}

/** Reads up to the planned sample `perArm`: `looks`, or the sample over `unitsPerLook`, or continuous. */
function looksFor(input: { looks?: number; unitsPerLook?: number }, perArm: number): number {
  if (input.looks !== undefined) {
    if (!(input.looks >= 1)) throw new PowerInputError('looks', 'looks must be at least 1');
    return input.looks;
  }
  if (input.unitsPerLook !== undefined) {
    if (!(input.unitsPerLook > 0)) throw new PowerInputError('unitsPerLook', 'unitsPerLook must be positive');
    return Math.max(1, Math.ceil(perArm / input.unitsPerLook));
  }
  return Number.POSITIVE_INFINITY;
}

/** Solve f(x) = 0 for an increasing f on [lo, hi] with f(lo) < 0 < f(hi) (Illinois regula falsi). */
function solveIncreasing(f: (x: number) => number, lo: number, hi: number, tol = 1e-7, ftol = 1e-9): number {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  let side = 0;
  for (let i = 0; i < 60 && b - a > tol; i++) {
    const c = (a * fb - b * fa) / (fb - fa);
    const fc = f(c);
    if (Math.abs(fc) < ftol) return c;
    if (fc < 0) {
      a = c;
      fa = fc;
      if (side === -1) fb /= 2;
      side = -1;
    } else {
      b = c;
      fb = fc;
      if (side === 1) fa /= 2;
      side = 1;
    }
  }
  return (a + b) / 2;
}

/**
 * θ = effect / sd(estimate at the planned sample) that the test needs for `power`, the z-statistic spreading by
 * `spread` around it. Fixed: z(1 − α/2) + spread·z(power). Sequential: the drift at which the CS, read at every
 * look up to the planned sample, excludes 0 in the good direction with probability `power` — more than the fixed
 * test needs, less than reading the CS once at the end (a plan that counted only the last look would promise
 * less power than the monitoring delivers).
 */
function requiredDrift(
  alpha: number,
  power: number,
  method: TestMethod,
  looks: number,
  spread: number,
): number {
  if (method === 'fixed') return normalQuantile(1 - alpha / 2) + spread * normalQuantile(power);
  const key = `${alpha}|${power}|${looks}|${spread}`;
  const known = driftCache.get(key);
  if (known !== undefined) return known;
  const boundary = scaledBoundary(alpha, spread);
  const lastLookOnly = boundary(1) + normalQuantile(power);
  // On the probit scale the power is nearly linear in the drift (exactly, for one look): few evaluations.
  const target = normalQuantile(power);
  const seen = new Map<number, number>();
  const gap = (drift: number) => {
    const known = seen.get(drift);
    if (known !== undefined) return known;
    const p = crossingProbability(drift, boundary, looks);
    const g = normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, p))) - target;
    seen.set(drift, g);
    return g;
  };
  // Reading continuously instead of once saves ~6 % of the drift at alpha 0.05: a tight bracket, few evaluations.
  const near = 0.85 * lastLookOnly;
  const lo = near > normalQuantile(power) && gap(near) < 0 ? near : Math.max(0, normalQuantile(power));
  // θ to 1e-6 is n to about 1e-6 relative; the probit to 1e-7 is far below the integration's own error.
  const theta = spread * solveIncreasing(gap, lo, lastLookOnly + 1e-9, 1e-6, 1e-7);
  if (driftCache.size > 500) driftCache.clear();
  driftCache.set(key, theta);
  return theta;
}

/** The drift depends only on (alpha, power, looks, spread) and costs ~50 ms to solve: plans ask for the same few. */
const driftCache = new Map<string, number>();

/**
 * The CS boundary for S(t)/spread, a standard Brownian motion with drift θ/spread. It does not depend on the
 * plan's size (N ρ² = K·t with the tuning at the plan's own total), so any size serves.
 */
function scaledBoundary(alpha: number, spread: number): (t: number) => number {
  const boundary = sequentialBoundary(alpha, 1e6);
  return (t: number) => boundary(t) / spread;
}

/**
 * Units per arm so that a true effect of `mde` ends in a ship with probability `power` (equal split; with more
 * than two arms each comparison runs at alpha / (arms − 1)). Sequential plans are sized for the confidence
 * sequence read at every look up to this sample, the sequence tuned at this plan's own total.
 */
export function sampleSizePerArm(input: SampleSizeInput): number {
  checkPower(input.power);
  const { alpha, unitVariance, effect, zSpread } = normalise(input, input.mde);
  const sampleFor = (looks: number) => {
    const theta = requiredDrift(alpha, input.power, input.method, looks, zSpread);
    return Math.ceil((theta * theta * unitVariance) / (effect * effect));
  };
  if (input.method === 'fixed' || input.looks !== undefined || input.unitsPerLook === undefined) {
    return sampleFor(looksFor(input, 0));
  }
  // The reads depend on the sample and the sample (weakly) on the reads: iterate to the fixed point.
  let n = sampleFor(Number.POSITIVE_INFINITY);
  for (let i = 0; i < 8; i++) {
    const next = sampleFor(looksFor(input, n));
    if (Math.abs(next - n) <= 1) return Math.max(n, next);
    n = next;
  }
  return n;
}

export type PowerAtInput = Omit<SampleSizeInput, 'power'> & { samplePerArm: number };

/** The chance that a true effect of `mde` ends in a ship when the plan stops at `samplePerArm` units per arm. */
export function powerAt(input: PowerAtInput): number {
  if (!(input.samplePerArm > 0)) throw new PowerInputError('samplePerArm', 'samplePerArm must be positive');
  const looks = looksFor(input, input.samplePerArm);
  const { alpha, unitVariance, effect, zSpread } = normalise(input, input.mde);
  const theta = Math.abs(effect) * Math.sqrt(input.samplePerArm / unitVariance);
  if (input.method === 'fixed') return normalCdf((theta - normalQuantile(1 - alpha / 2)) / zSpread);
  return crossingProbability(theta / zSpread, scaledBoundary(alpha, zSpread), looks);
}

/**
 * The test's z-statistic at the plan's end under a true effect of `mde`: its centre (gbstats' z at the expected
 * data) and its spread (see `Normalised.zSpread`), with the alpha of one comparison.
 */
export function expectedZ(input: PowerAtInput): { z: number; spread: number; alpha: number } {
  if (!(input.samplePerArm > 0)) throw new PowerInputError('samplePerArm', 'samplePerArm must be positive');
  const { alpha, unitVariance, effect, zSpread } = normalise(input, input.mde);
  return { z: Math.abs(effect) * Math.sqrt(input.samplePerArm / unitVariance), spread: zSpread, alpha };
}

/**
 * The smallest relative effect the plan detects with `power` at `samplePerArm` units per arm, or null when no
 * effect below `maxMde` (default 10 = +1,000 %; a rate cannot pass 1, a decrease 100 %) is detectable.
 */
export function detectableMde(
  input: Omit<SampleSizeInput, 'mde'> & { samplePerArm: number; maxMde?: number },
): number | null {
  checkPower(input.power);
  if (!(input.samplePerArm > 0)) throw new PowerInputError('samplePerArm', 'samplePerArm must be positive');
  let hi = input.maxMde ?? 10;
  if (input.direction === 'lower') hi = Math.min(hi, 1 - 1e-6);
  else if (input.kind === 'proportion') hi = Math.min(hi, 0.999 / input.baseline - 1);
  if (!(hi > 0)) return null;
  const target = normalQuantile(input.power);
  const gap = (mde: number) =>
    normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, powerAt({ ...input, mde })))) - target;
  if (gap(hi) < 0) return null;
  return solveIncreasing(gap, 1e-6, hi, 1e-6);
}

/**
 * Days until every arm has `samplePerArm` units when `unitsPerDay` arrive over all arms, split by `weights`
 * (default equal): the smallest arm sets the pace. Whole days, rounded up; null without traffic.
 */
export function expectedDays(
  samplePerArm: number,
  arms: number,
  unitsPerDay: number,
  weights?: number[],
): number | null {
  if (!(unitsPerDay > 0) || !Number.isFinite(unitsPerDay) || !(arms >= 1)) return null;
  const w = weights && weights.length > 0 ? weights : Array.from({ length: arms }, () => 1);
  const total = w.reduce((s, x) => s + x, 0);
  const smallest = Math.min(...w);
  if (!(smallest > 0) || !(total > 0)) return null;
  return Math.ceil(samplePerArm / (unitsPerDay * (smallest / total)));
}
