/**
 * Seeded simulations of the decision rule (`@mos/stats/simulate`): what the tests assert and what
 * `pnpm bench:stats` prints. Pure and deterministic: the same options give the same numbers everywhere.
 *
 * An experiment is simulated at the cycle's cadence: every poll each arm gains `perPoll` units (clicks or
 * visitors) with Binomial(perPoll, rate) conversions, and the rule is read after every poll, as the cycle does.
 */

import { type DecideResult, decide } from './decide';
import { normalCdf } from './dist';
import { binomial, mulberry32 } from './random';
import type { ArmData, StopRule } from './types';

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
  /** The replaced rule (see `oldRuleWinner`) on the same data: runs in which it called a winner at some poll. */
  oldRule: SimulatedRate;
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
  const runs = opts.runs ?? 2000;
  const rng = mulberry32(opts.seed ?? 1);
  const k = opts.rates.length;
  if (k < 2) throw new RangeError('simulateDecide: at least two arms');
  const weights = opts.rates.map(() => 1);
  let ship = 0;
  let allWorse = 0;
  let noDifference = 0;
  let undecided = 0;
  let oldWinners = 0;
  let unitsAtShip = 0;
  const shipByArm = new Map<string, number>();
  const n = new Array<number>(k).fill(0);
  const conversions = new Array<number>(k).fill(0);
  for (let run = 0; run < runs; run++) {
    n.fill(0);
    conversions.fill(0);
    let decided: DecideResult | null = null;
    let unitsAtDecision = 0;
    let oldCalled = false;
    for (let poll = 0; poll < opts.polls && !(decided && oldCalled); poll++) {
      for (let i = 0; i < k; i++) {
        n[i] = (n[i] ?? 0) + opts.perPoll;
        conversions[i] = (conversions[i] ?? 0) + binomial(rng, opts.perPoll, opts.rates[i] ?? 0);
      }
      if (!oldCalled && oldRuleWinner(conversions, n) !== null) oldCalled = true;
      if (!decided) {
        const arms: ArmData[] = n.map((units, i) => ({
          armId: armIdOf(i),
          data: { kind: 'proportion', n: units, sum: conversions[i] ?? 0 },
        }));
        const r = decide({
          arms,
          controlArmId: 'control',
          direction: 'higher',
          stopRule: opts.stopRule,
          weights,
        });
        if (r.action !== 'continue') {
          decided = r;
          unitsAtDecision = n[0] ?? 0;
        }
      }
    }
    if (oldCalled) oldWinners += 1;
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
    perPoll: opts.perPoll,
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
    oldRule: rateOf(oldWinners, runs),
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
  return { ...r, falsePositiveRate: r.ship.rate, oldRuleFalsePositiveRate: r.oldRule.rate };
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
