import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../src/dist';
import {
  addData,
  oldRuleWinner,
  simulateAA,
  simulateAB,
  simulateCpaAA,
  simulateDecide,
} from '../src/simulate';

/**
 * Seeded simulations of the cycle's rule at the cycle's cadence (50 units per arm per poll, the rule read after
 * every poll, minimum 100 units per arm), 2,000 experiments each. Every number is a Monte-Carlo estimate; the
 * bounds leave room for its standard error only where the claim is "at most".
 */
/** 2,000 simulated experiments take seconds, more on a loaded machine. */
const SIMULATION_TIMEOUT = 120_000;

describe('A/A: identical arms, read at every poll', { timeout: SIMULATION_TIMEOUT }, () => {
  it.each([100, 300])(
    'over %i polls decide() ships in ≤ 5 % of runs; the replaced z-test rule in > 30 %',
    (polls) => {
      const r = simulateAA({ polls, runs: 2000, seed: 11, rate: 0.05, perPoll: 50 });
      expect(r.runs).toBe(2000);
      // The claim: a "winner" (ship) in at most 5 % of A/A experiments.
      expect(r.falsePositiveRate).toBeLessThanOrEqual(0.05);
      // Stronger: every wrong call (shipping an arm or stopping it as surely worse) together stays within alpha.
      expect(r.ship.rate + r.allWorse.rate).toBeLessThanOrEqual(0.05);
      // Every run ends: at the horizon (the last poll) without a difference when nothing was called earlier.
      expect(r.undecided.count).toBe(0);
      expect(r.ship.count + r.allWorse.count + r.noDifference.count).toBe(2000);
      // The rule it replaces, on the same simulated data: the issue measured 34 % (100 polls) and 45 % (300).
      expect(r.oldRuleFalsePositiveRate).toBeGreaterThan(0.3);
      console.info(
        `A/A ${polls} polls × 50/arm, 2,000 runs: decide() ships ${pct(r.falsePositiveRate)} (± ${pct(r.ship.standardError)}), ` +
          `stops as worse ${pct(r.allWorse.rate)}; the old z-test at every poll: ${pct(r.oldRuleFalsePositiveRate)}`,
      );
    },
  );

  it('three identical arms (Holm across two treatments) stay within 5 % too', () => {
    const r = simulateAA({ polls: 100, runs: 2000, seed: 12, arms: 3 });
    expect(r.ship.rate + r.allWorse.rate).toBeLessThanOrEqual(0.05);
    expect(r.oldRuleFalsePositiveRate).toBeGreaterThan(0.3);
  });
});

describe('A/A for a ratio metric (CPA from daily ad snapshots, delta method, lower is better)', {
  timeout: SIMULATION_TIMEOUT,
}, () => {
  it.each([
    [60, 7],
    [90, 3],
  ])(
    'over %i days with a minimum of %i rows per arm, read daily: ≤ 5 % shipped, ≤ 5 % wrong calls',
    (polls, minPerArm) => {
      const r = simulateCpaAA({ polls, minPerArm, runs: 2000, seed: 31 });
      expect(r.falsePositiveRate).toBeLessThanOrEqual(0.05);
      expect(r.ship.rate + r.allWorse.rate).toBeLessThanOrEqual(0.05);
      expect(r.oldRule).toBeNull();
      expect(r.ship.count + r.allWorse.count + r.noDifference.count + r.undecided.count).toBe(2000);
      console.info(
        `A/A CPA ${polls} days, min ${minPerArm} rows: ships ${pct(r.ship.rate)} (± ${pct(r.ship.standardError)}), ` +
          `stops as worse ${pct(r.allWorse.rate)}`,
      );
    },
  );
});

describe('A/B: a true lift', { timeout: SIMULATION_TIMEOUT }, () => {
  it('the fixed rule read once at its own sample size reaches at least 80 % power (and the textbook size falls short)', () => {
    // 5 % → 6 %, two-sided alpha 0.05, 80 % power. decide() tests the RELATIVE lift with the delta-method variance
    // σt²/μc² + σc²·μt²/μc⁴ (per unit), which is larger than the absolute difference's when the lift is positive,
    // so the sample that delivers the power is that test's, not the textbook two-proportion formula's.
    const p1 = 0.05;
    const p2 = 0.06;
    const za = normalQuantile(0.975);
    const zb = normalQuantile(0.8);
    const relVariance = (p2 * (1 - p2)) / p1 ** 2 + (p1 * (1 - p1) * p2 ** 2) / p1 ** 4;
    const n = Math.ceil(((za + zb) ** 2 * relVariance) / 0.2 ** 2);
    const r = simulateAB({
      plannedPerArm: n,
      perPoll: n,
      baseline: p1,
      lift: 0.2,
      method: 'fixed',
      runs: 2000,
      seed: 21,
    });
    // At least the promised power. The normal approximation behind the formula is conservative for a ratio: a
    // 200,000-run numpy simulation of the same Wald test at this n gives 83.8 %, which the rule must match.
    expect(r.power).toBeGreaterThan(0.8 - 2 * r.powerStandardError);
    expect(Math.abs(r.power - 0.838)).toBeLessThan(3 * r.powerStandardError);
    expect(r.ship.count).toBe(r.shipByArm.arm1?.count);
    const pBar = (p1 + p2) / 2;
    const textbook = Math.ceil(
      (za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 /
        (p2 - p1) ** 2,
    );
    const short = simulateAB({
      plannedPerArm: textbook,
      perPoll: textbook,
      lift: 0.2,
      method: 'fixed',
      runs: 2000,
      seed: 21,
    });
    expect(short.power).toBeLessThan(0.8 - 2 * short.powerStandardError);
    console.info(
      `A/B fixed, 5 % → 6 %: ${n}/arm gives power ${pct(r.power)}; the textbook ${textbook}/arm ${pct(short.power)}`,
    );
  });

  it('the sequential rule ships the better arm, earlier than the horizon on average, never the worse one', () => {
    const r = simulateAB({
      plannedPerArm: 20000,
      perPoll: 250,
      baseline: 0.05,
      lift: 0.2,
      runs: 500,
      seed: 22,
    });
    expect(r.power).toBeGreaterThan(0.8);
    expect(r.meanUnitsPerArmAtShip).toBeLessThan(20000);
    expect(r.allWorse.count).toBe(0);
  });
});

describe('simulation plumbing', { timeout: SIMULATION_TIMEOUT }, () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const opts = { rates: [0.1, 0.1], perPoll: 50, polls: 40, runs: 300, stopRule: ruleOf(2000) };
    expect(simulateDecide({ ...opts, seed: 5 })).toEqual(simulateDecide({ ...opts, seed: 5 }));
    expect(simulateDecide({ ...opts, seed: 5 }).oldRule?.count).not.toBe(
      simulateDecide({ ...opts, seed: 6 }).oldRule?.count,
    );
  });

  it('adds sufficient statistics of each kind, and refuses to mix kinds', () => {
    expect(addData({ kind: 'proportion', n: 10, sum: 2 }, { kind: 'proportion', n: 5, sum: 1 })).toEqual({
      kind: 'proportion',
      n: 15,
      sum: 3,
    });
    expect(
      addData({ kind: 'mean', n: 2, sum: 3, sumSquares: 5 }, { kind: 'mean', n: 1, sum: 4, sumSquares: 16 }),
    ).toEqual({ kind: 'mean', n: 3, sum: 7, sumSquares: 21 });
    const row = {
      kind: 'ratio',
      n: 1,
      numSum: 2,
      numSumSquares: 4,
      denSum: 3,
      denSumSquares: 9,
      crossSum: 6,
    } as const;
    expect(addData(row, row)).toEqual({
      kind: 'ratio',
      n: 2,
      numSum: 4,
      numSumSquares: 8,
      denSum: 6,
      denSumSquares: 18,
      crossSum: 12,
    });
    expect(() => addData(row, { kind: 'proportion', n: 1, sum: 1 })).toThrow(RangeError);
  });

  it('the replaced rule: best against the pooled rest, only once every variant has 100 clicks', () => {
    expect(oldRuleWinner([5, 30], [99, 500])).toBeNull();
    expect(oldRuleWinner([5, 60], [100, 500])).toBe(1);
    expect(oldRuleWinner([5, 6], [100, 100])).toBeNull();
    expect(oldRuleWinner([30, 10, 12], [300, 300, 300])).toBe(0);
  });
});

function ruleOf(plannedPerArm: number) {
  return { kind: 'sequential', alpha: 0.05, minPerArm: 100, plannedPerArm } as const;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)} %`;
}
