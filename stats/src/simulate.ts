/**
 * Seeded simulations of the decision rule (`@mos/stats/simulate`): what the tests assert and what
 * `pnpm bench:stats` prints. Pure and deterministic: the same options give the same numbers everywhere.
 *
 * An experiment is simulated at the cycle's cadence: every poll each arm gains `perPoll` units (clicks or
 * visitors) with Binomial(perPoll, rate) conversions, and the rule is read after every poll, as the cycle does.
 */

import { type DecideResult, decide } from './decide';
import { normalCdf } from './dist';
import { binomial, mulberry32, normal } from './random';
import type { ArmData, Direction, MetricData, StopRule } from './types';

export interface SimulationOptions {
  /** Independent experiments (default 2,000). */
  runs?: number;
  /** Seed of the run (default 1). */
  seed?: number;
  /** True conversion rate per arm, control first. */
  rates: number[];
  /** Units per arm per poll (the cycle's cadence). */
  perPoll: number;
  /** Polls per experiment (the rule is read after each). */
  polls: number;
  stopRule: StopRule;
}

/** A simulated proportion with its Monte-Carlo standard error √(p(1 − p)/runs). */
export interface SimulatedRate {
  rate: number;
  standardError: number;
  count: number;
}

export interface SimulationResult {
  runs: number;
  polls: number;
  perPoll: number;
  stopRule: StopRule;
  /** Runs the rule shipped (any treatment). */
  ship: SimulatedRate;
  /** Runs the rule shipped per arm id (`arm1`, `arm2`, … for the treatments). */
  shipByArm: Record<string, SimulatedRate>;
  /** Runs stopped because every treatment was surely worse. */
  allWorse: SimulatedRate;
  /** Runs stopped at the horizon without a difference. */
  noDifference: SimulatedRate;
  /** Runs still undecided after the last poll. */
  undecided: SimulatedRate;
  /** Mean units per arm when the rule shipped (null when it never did). */
  meanUnitsPerArmAtShip: number | null;
  /**
   * The replaced rule (see `oldRuleWinner`) on the same data: runs in which it called a winner at some poll; null
   * for data it could not read (anything but proportions).
   */
  oldRule: SimulatedRate | null;
}

const armIdOf = (i: number) => (i === 0 ? 'control' : `arm${i}`);

function rateOf(count: number, runs: number): SimulatedRate {
  const rate = runs > 0 ? count / runs : 0;
  return { rate, standardError: runs > 0 ? Math.sqrt((rate * (1 - rate)) / runs) : 0, count };
}

/**
 * Runs `runs` experiments and reads decide() after every poll until it ships or stops; the replaced rule is read
 * on the same data at every poll until it calls a winner.
 */
export function simulateDecide(opts: SimulationOptions): SimulationResult {
  if (opts.rates.length < 2) throw new RangeError('simulateDecide: at least two arms');
  return simulateRule({
    ...opts,
    arms: opts.rates.length,
    direction: 'higher',
    weights: opts.rates.map(() => 1),
    draw: (rng, arm) => ({
      kind: 'proportion',
      n: opts.perPoll,
      sum: binomial(rng, opts.perPoll, opts.rates[arm] ?? 0),
    }),
  });
}

export interface RuleSimulationOptions {
  runs?: number;
  seed?: number;
  /** Number of arms, control first. */
  arms: number;
  polls: number;
  stopRule: StopRule;
  direction: Direction;
  /** Planned split for the SRM check ([] = none, as for ad arms). */
  weights: number[];
  /** One poll's new data for an arm (sufficient statistics, added to what the arm had). */
  draw: (rng: () => number, arm: number) => MetricData;
  /** Units per arm per poll, reported back (default: the first draw's n). */
  perPoll?: number;
}

/**
 * The general simulation: any metric kind, any number of arms, data drawn per poll by `draw`. The replaced rule is
 * measured only on proportion data (it knew nothing else).
 */
export function simulateRule(opts: RuleSimulationOptions): SimulationResult {
  const runs = opts.runs ?? 2000;
  const rng = mulberry32(opts.seed ?? 1);
  const k = opts.arms;
  let ship = 0;
  let allWorse = 0;
  let noDifference = 0;
  let undecided = 0;
  let oldWinners = 0;
  let unitsAtShip = 0;
  let perPoll = opts.perPoll ?? 0;
  let oldMeasured = false;
  const shipByArm = new Map<string, number>();
  for (let run = 0; run < runs; run++) {
    const data: (MetricData | null)[] = new Array<MetricData | null>(k).fill(null);
    let decided: DecideResult | null = null;
    let unitsAtDecision = 0;
    let oldCalled = false;
    for (let poll = 0; poll < opts.polls && !(decided && oldCalled); poll++) {
      for (let i = 0; i < k; i++) {
        const more = opts.draw(rng, i);
        if (perPoll === 0) perPoll = more.n;
        const had = data[i];
        data[i] = had ? addData(had, more) : more;
      }
      const all = data.filter((d): d is MetricData => d !== null);
      const measurable = all.length === k && all.every((d) => d.kind === 'proportion');
      if (measurable) oldMeasured = true;
      if (!oldCalled && measurable) {
        const clicks = all.map((d) => d.n);
        const conversions = all.map((d) => (d.kind === 'proportion' ? d.sum : 0));
        if (oldRuleWinner(conversions, clicks) !== null) {
          oldCalled = true;
          oldWinners += 1;
        }
      }
      // Keep polling after a decision only while the replaced rule is still being read.
      if (!measurable) oldCalled = true;
      if (!decided) {
        const arms: ArmData[] = all.map((d, i) => ({ armId: armIdOf(i), data: d }));
        const r = decide({
          arms,
          controlArmId: 'control',
          direction: opts.direction,
          stopRule: opts.stopRule,
          weights: opts.weights,
        });
        if (r.action !== 'continue') {
          decided = r;
          unitsAtDecision = all[0]?.n ?? 0;
        }
      }
    }
    if (!decided) undecided += 1;
    else if (decided.action === 'ship') {
      ship += 1;
      unitsAtShip += unitsAtDecision;
      const id = decided.winningArmId ?? '?';
      shipByArm.set(id, (shipByArm.get(id) ?? 0) + 1);
    } else if (decided.reason === 'all_worse') allWorse += 1;
    else noDifference += 1;
  }
  return {
    runs,
    polls: opts.polls,
    perPoll,
    stopRule: opts.stopRule,
    ship: rateOf(ship, runs),
    shipByArm: Object.fromEntries(
      Array.from({ length: k - 1 }, (_, i) => armIdOf(i + 1)).map((id) => [
        id,
        rateOf(shipByArm.get(id) ?? 0, runs),
      ]),
    ),
    allWorse: rateOf(allWorse, runs),
    noDifference: rateOf(noDifference, runs),
    undecided: rateOf(undecided, runs),
    meanUnitsPerArmAtShip: ship > 0 ? unitsAtShip / ship : null,
    oldRule: oldMeasured ? rateOf(oldWinners, runs) : null,
  };
}

/**
 * The rule this package replaces (temporal-worker/src/activities/stats.ts `evaluateExperiment` at dd794c8): the
 * best variant's conversion rate against the other variants pooled, a pooled two-proportion z-test read at
 * every poll, a winner the first time p < alpha once every variant has `minSample` clicks. Returns the winning
 * index or null. Kept here only to measure it.
 */
export function oldRuleWinner(
  conversions: number[],
  clicks: number[],
  minSample = 100,
  alpha = 0.05,
): number | null {
  if (clicks.length < 2 || clicks.some((c) => c < minSample)) return null;
  const order = clicks
    .map((c, i) => ({ i, rate: (conversions[i] ?? 0) / c }))
    .sort((a, b) => b.rate - a.rate || a.i - b.i);
  const [best, runnerUp] = order;
  if (!best || !runnerUp || best.rate === runnerUp.rate) return null;
  const x1 = conversions[best.i] ?? 0;
  const n1 = clicks[best.i] ?? 0;
  let x2 = 0;
  let n2 = 0;
  for (const { i } of order.slice(1)) {
    x2 += conversions[i] ?? 0;
    n2 += clicks[i] ?? 0;
  }
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return null;
  const z = (x1 / n1 - x2 / n2) / se;
  const p = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return p < alpha ? best.i : null;
}

export interface AAOptions {
  runs?: number;
  seed?: number;
  /** Conversion rate of every arm (default 0.05). */
  rate?: number;
  /** Arms, all identical (default 2). */
  arms?: number;
  /** Units per arm per poll (default 50, the cadence the issue measured). */
  perPoll?: number;
  /** Polls (default 100). */
  polls?: number;
  /** The rule's alpha (default 0.05). */
  alpha?: number;
  /** Minimum units per arm before a decision (default 100, the old rule's minimum). */
  minPerArm?: number;
  /** The plan's sample per arm (default perPoll × polls: the horizon is the last poll). */
  plannedPerArm?: number;
}

export interface AAResult extends SimulationResult {
  /** Runs in which decide() shipped an arm although every arm is the same. */
  falsePositiveRate: number;
  /** Runs in which the replaced rule called a winner at some poll. */
  oldRuleFalsePositiveRate: number;
}

/** A/A experiments read at every poll: how often the sequential rule (and the replaced rule) call a winner. */
export function simulateAA(opts: AAOptions = {}): AAResult {
  const perPoll = opts.perPoll ?? 50;
  const polls = opts.polls ?? 100;
  const r = simulateDecide({
    runs: opts.runs ?? 2000,
    seed: opts.seed ?? 1,
    rates: new Array<number>(opts.arms ?? 2).fill(opts.rate ?? 0.05),
    perPoll,
    polls,
    stopRule: {
      kind: 'sequential',
      alpha: opts.alpha ?? 0.05,
      minPerArm: opts.minPerArm ?? 100,
      plannedPerArm: opts.plannedPerArm ?? perPoll * polls,
    },
  });
  return { ...r, falsePositiveRate: r.ship.rate, oldRuleFalsePositiveRate: r.oldRule?.rate ?? Number.NaN };
}

export interface ABOptions {
  runs?: number;
  seed?: number;
  /** Control conversion rate (default 0.05). */
  baseline?: number;
  /** True relative lift of the treatment (default 0.2). */
  lift?: number;
  /** The plan's sample per arm (e.g. from sampleSizePerArm); the experiment runs until every arm has it. */
  plannedPerArm: number;
  /** Units per arm per poll (default 50). */
  perPoll?: number;
  alpha?: number;
  minPerArm?: number;
  /** The pre-registered rule (default 'sequential'); 'fixed' reads once at plannedPerArm. */
  method?: 'sequential' | 'fixed';
}

export interface ABResult extends SimulationResult {
  /** Runs that shipped the better arm: the power the plan promised. */
  power: number;
  powerStandardError: number;
}

/** A/B experiments with a true lift, run to the plan's sample: how often the rule ships the better arm. */
export function simulateAB(opts: ABOptions): ABResult {
  const perPoll = opts.perPoll ?? 50;
  const baseline = opts.baseline ?? 0.05;
  const alpha = opts.alpha ?? 0.05;
  const stopRule: StopRule =
    (opts.method ?? 'sequential') === 'sequential'
      ? { kind: 'sequential', alpha, minPerArm: opts.minPerArm ?? 100, plannedPerArm: opts.plannedPerArm }
      : { kind: 'fixed', alpha, samplePerArm: opts.plannedPerArm };
  const r = simulateDecide({
    runs: opts.runs ?? 2000,
    seed: opts.seed ?? 1,
    rates: [baseline, Math.min(1, baseline * (1 + (opts.lift ?? 0.2)))],
    perPoll,
    polls: Math.ceil(opts.plannedPerArm / perPoll),
    stopRule,
  });
  const better = r.shipByArm.arm1 ?? rateOf(0, r.runs);
  return { ...r, power: better.rate, powerStandardError: better.standardError };
}

/** Sufficient statistics of two batches of units together. */
export function addData(a: MetricData, b: MetricData): MetricData {
  if (a.kind === 'proportion' && b.kind === 'proportion')
    return { kind: 'proportion', n: a.n + b.n, sum: a.sum + b.sum };
  if (a.kind === 'mean' && b.kind === 'mean') {
    return { kind: 'mean', n: a.n + b.n, sum: a.sum + b.sum, sumSquares: a.sumSquares + b.sumSquares };
  }
  if (a.kind === 'ratio' && b.kind === 'ratio') {
    return {
      kind: 'ratio',
      n: a.n + b.n,
      numSum: a.numSum + b.numSum,
      numSumSquares: a.numSumSquares + b.numSumSquares,
      denSum: a.denSum + b.denSum,
      denSumSquares: a.denSumSquares + b.denSumSquares,
      crossSum: a.crossSum + b.crossSum,
    };
  }
  throw new RangeError(`addData: ${a.kind} and ${b.kind} do not add`);
}

export interface CpaAAOptions {
  runs?: number;
  seed?: number;
  /** Days (polls): one snapshot row per arm per poll, as a daily ad snapshot (default 60). */
  polls?: number;
  /** Rows per arm before a decision (default 7: a week of one ad). */
  minPerArm?: number;
  /** Clicks per row are uniform in [minClicks, minClicks + 100) (default 150). */
  minClicks?: number;
  /** Conversion rate per click (default 0.05) and mean cost per click (default 0.8). */
  cvr?: number;
  cpc?: number;
  alpha?: number;
}

/**
 * A/A for a RATIO metric from ad snapshots: CPA = spend / conversions over rows (one day of one ad), the delta
 * method, lower is better. Both arms are the same ad economics; a row is clicks ~ U[minClicks, minClicks + 100),
 * conversions ~ Binomial(clicks, cvr), spend = clicks × cpc × lognormal(0, 0.2). Read at every poll (day).
 */
export function simulateCpaAA(opts: CpaAAOptions = {}): SimulationResult & { falsePositiveRate: number } {
  const polls = opts.polls ?? 60;
  const minClicks = opts.minClicks ?? 150;
  const cvr = opts.cvr ?? 0.05;
  const cpc = opts.cpc ?? 0.8;
  const r = simulateRule({
    runs: opts.runs ?? 2000,
    seed: opts.seed ?? 1,
    arms: 2,
    polls,
    direction: 'lower',
    weights: [],
    stopRule: {
      kind: 'sequential',
      alpha: opts.alpha ?? 0.05,
      minPerArm: opts.minPerArm ?? 7,
      plannedPerArm: polls,
    },
    perPoll: 1,
    draw: (rng) => {
      const clicks = minClicks + Math.floor(rng() * 100);
      const d = binomial(rng, clicks, cvr);
      const m = clicks * cpc * Math.exp(0.2 * normal(rng));
      return {
        kind: 'ratio',
        n: 1,
        numSum: m,
        numSumSquares: m * m,
        denSum: d,
        denSumSquares: d * d,
        crossSum: m * d,
      };
    },
  });
  return { ...r, falsePositiveRate: r.ship.rate };
}
