/**
 * Power, sample size and duration for the tests `decide()` runs: the relative lift (t − c) / c with its
 * delta-method variance (as gbstats), read either once at a fixed horizon or at every poll against GrowthBook's
 * asymptotic confidence sequence. Pure: no I/O, no clock, no randomness.
 */
import { normalCdf, normalQuantile } from './dist';
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

// ---------------------------------------------------------------------------------------------------------
// Confidence sequence (GrowthBook's asymptotic CS, gbstats 0.8.0 SequentialTwoSidedTTest). Private until the
// engine's sequential.ts lands on main; then these two are imported from there so there is one formula.

/** MOS's tuning rule: the planned units of one comparison (control + treatment). */
function sequentialTuningFor(plannedPerArm: number): number {
  return Math.max(1, 2 * plannedPerArm);
}

/** Half-width of the CS at N units in total for an estimate with variance `variance` (eq. 9, eq. 161 for ρ). */
function sequentialHalfWidth(variance: number, totalN: number, alpha: number, tuning: number): number {
  const l = -2 * Math.log(alpha);
  const rho2 = (l + Math.log(l + 1)) / tuning;
  const nr2 = totalN * rho2;
  return (
    Math.sqrt(variance * totalN) *
    Math.sqrt((2 * (nr2 + 1) * Math.log(Math.sqrt(nr2 + 1) / alpha)) / (totalN * nr2))
  );
}
// ---------------------------------------------------------------------------------------------------------

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
const MAX_STEPS = 200;
/** Grid bins per step standard deviation. */
const BINS_PER_SD = 6;

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
  // Kernel by offset: mass moving from a bin centre to the bin `d` bins away.
  const reach = Math.ceil((6 * sd) / h);
  const kernel = new Float64Array(2 * reach + 1);
  for (let d = -reach; d <= reach; d++) {
    kernel[d + reach] =
      normalCdf(((d + 0.5) * h - mu) / kernelSd) - normalCdf(((d - 0.5) * h - mu) / kernelSd);
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
      const from = Math.max(0, j - reach);
      const to = Math.min(bins - 1, j + reach);
      for (let k = from; k <= to; k++) next[k] = (next[k] ?? 0) + m * (kernel[k - j + reach] ?? 0);
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
  let varianceA: number;
  let varianceB: number;
  if (kind === 'proportion') {
    if (!(treated < 1)) throw new PowerInputError('mde', 'baseline × (1 + mde) must stay below 1 for a rate');
    varianceA = baseline * (1 - baseline);
    varianceB = treated * (1 - treated);
  } else {
    const v = input.unitVariance;
    if (v === undefined || !(v > 0) || !Number.isFinite(v)) {
      throw new PowerInputError('unitVariance', `a ${kind} metric needs its unit variance`);
    }
    varianceA = v;
    varianceB = v;
  }
  const comparisonAlpha = alpha / (arms - 1);
  if ((input.scale ?? 'relative') === 'absolute') {
    return { alpha: comparisonAlpha, unitVariance: varianceA + varianceB, effect: treated - baseline };
  }
  // gbstats' delta method for (t − c) / c with n units per arm: Var·n = σ_t²/μ_c² + σ_c²·μ_t²/μ_c⁴.
  return {
    alpha: comparisonAlpha,
    unitVariance: varianceB / baseline ** 2 + (varianceA * ratio ** 2) / baseline ** 2,
    effect: ratio - 1,
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
function solveIncreasing(f: (x: number) => number, lo: number, hi: number, tol = 1e-7): number {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  let side = 0;
  for (let i = 0; i < 60 && b - a > tol; i++) {
    const c = (a * fb - b * fa) / (fb - fa);
    const fc = f(c);
    if (Math.abs(fc) < 1e-9) return c;
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
 * θ = effect / sd(estimate at the planned sample) that the test needs for `power`. Fixed: z(1 − α/2) + z(power).
 * Sequential: the drift at which the CS, read at every look up to the planned sample, excludes 0 in the good
 * direction with probability `power` — more than the fixed test needs, less than reading the CS once at the end
 * (a plan that only counted the last look would promise less power than the monitoring delivers).
 */
function requiredDrift(alpha: number, power: number, method: TestMethod, looks: number): number {
  if (method === 'fixed') return normalQuantile(1 - alpha / 2) + normalQuantile(power);
  const key = `${alpha}|${power}|${looks}`;
  const known = driftCache.get(key);
  if (known !== undefined) return known;
  // The boundary does not depend on the plan's size: N ρ² = K·t with the tuning at the plan's own total.
  const boundary = sequentialBoundary(alpha, 1e6);
  const lastLookOnly = boundary(1) + normalQuantile(power);
  const gap = (theta: number) => crossingProbability(theta, boundary, looks) - power;
  const theta = solveIncreasing(gap, Math.max(0, normalQuantile(power)), lastLookOnly + 1e-9);
  if (driftCache.size > 500) driftCache.clear();
  driftCache.set(key, theta);
  return theta;
}

/** The drift depends only on (alpha, power, looks) and costs ~50 ms to solve: plans ask for the same few. */
const driftCache = new Map<string, number>();

/**
 * Units per arm so that a true effect of `mde` ends in a ship with probability `power` (equal split; with more
 * than two arms each comparison runs at alpha / (arms − 1)). Sequential plans are sized for the confidence
 * sequence read at every look up to this sample, the sequence tuned at this plan's own total.
 */
export function sampleSizePerArm(input: SampleSizeInput): number {
  checkPower(input.power);
  const { alpha, unitVariance, effect } = normalise(input, input.mde);
  const sampleFor = (looks: number) => {
    const theta = requiredDrift(alpha, input.power, input.method, looks);
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
  const { alpha, unitVariance, effect } = normalise(input, input.mde);
  const theta = Math.abs(effect) * Math.sqrt(input.samplePerArm / unitVariance);
  if (input.method === 'fixed') return normalCdf(theta - normalQuantile(1 - alpha / 2));
  return crossingProbability(theta, sequentialBoundary(alpha, input.samplePerArm), looks);
}

/**
 * The smallest relative effect the plan detects with `power` at `samplePerArm` units per arm, or null when no
 * effect below `maxMde` (default 10 = +1,000 %) is detectable (a rate cannot grow past 1).
 */
export function detectableMde(
  input: Omit<SampleSizeInput, 'mde'> & { samplePerArm: number; maxMde?: number },
): number | null {
  checkPower(input.power);
  if (!(input.samplePerArm > 0)) throw new PowerInputError('samplePerArm', 'samplePerArm must be positive');
  const looks = looksFor(input, input.samplePerArm);
  const probe = normalise(input, 0.01);
  const theta = requiredDrift(probe.alpha, input.power, input.method, looks);
  // θ(mde) = |effect| √(n / unitVariance(mde)) increases with mde; find where it reaches the required drift.
  const drift = (mde: number) => {
    const { unitVariance, effect } = normalise(input, mde);
    return Math.abs(effect) * Math.sqrt(input.samplePerArm / unitVariance) - theta;
  };
  let hi = Math.min(input.maxMde ?? 10, input.direction === 'lower' ? 0.999999 : Number.POSITIVE_INFINITY);
  if (input.kind === 'proportion' && input.direction !== 'lower')
    hi = Math.min(hi, (1 - 1e-9) / input.baseline - 1);
  if (!(hi > 0) || drift(hi) < 0) return null;
  return solveIncreasing(drift, 1e-9, hi, 1e-9);
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
