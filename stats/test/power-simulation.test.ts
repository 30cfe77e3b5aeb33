import { describe, expect, it } from 'vitest';
import { sampleSizePerArm } from '../src/power';
import { normal } from '../src/random';
import { simulateAB, simulateDecide, simulateRule } from '../src/simulate';

/**
 * The plan keeps its promise: a true +20 % lift on a 5 % conversion rate, the plan's sample from
 * sampleSizePerArm at 80 % power, decide() read after every poll at the cycle's cadence (50 units per arm per
 * poll, minimum 100 per arm) until the planned sample. 2,000 seeded experiments per claim; the tolerance is the
 * simulation's own standard error at the promised power, √(0.8·0.2/2000) ≈ 0.9 points, on both sides: a share
 * far above 80 % would mean the plan asks for more traffic than it needs.
 */
const RUNS = 2000;
const PROMISED = 0.8;
const SE = Math.sqrt((PROMISED * (1 - PROMISED)) / RUNS);
const plan = {
  kind: 'proportion' as const,
  baseline: 0.05,
  mde: 0.2,
  alpha: 0.05,
  power: PROMISED,
  arms: 2,
};

describe('A/B: the promised power, under the cycle’s rule and cadence', { timeout: 120_000 }, () => {
  it('sequential: ships the better arm in 80 % of experiments (±2 SE), rarely stops it as worse', () => {
    const plannedPerArm = sampleSizePerArm({ ...plan, method: 'sequential', unitsPerLook: 50 });
    const r = simulateAB({ plannedPerArm, perPoll: 50, baseline: 0.05, lift: 0.2, runs: RUNS, seed: 31 });
    console.info(
      `A/B sequential, 5 % → +20 %, plan ${plannedPerArm}/arm read every 50/arm: shipped ${pct(r.power)} ` +
        `(± ${pct(r.powerStandardError)}), promised ${pct(PROMISED)}; mean units/arm at ship ${Math.round(r.meanUnitsPerArmAtShip ?? 0)}`,
    );
    expect(r.runs).toBe(RUNS);
    expect(Math.abs(r.power - PROMISED)).toBeLessThanOrEqual(2 * SE);
    expect(r.ship.count).toBe(r.shipByArm.arm1?.count);
    // Stopping the better arm as "surely worse" is an error the sequence bounds by alpha; it is far rarer here.
    expect(r.allWorse.rate).toBeLessThan(0.01);
    expect(r.undecided.count).toBe(0);
    // Reading at every poll pays: a winner is shipped well before the planned sample on average.
    expect(r.meanUnitsPerArmAtShip ?? plannedPerArm).toBeLessThan(0.75 * plannedPerArm);
  });

  it('a plan that counted only the last look would ask for more traffic than the promise needs', () => {
    // Reading the sequence once at the end needs 17,369/arm; read at every poll, that plan ships far above 80 %.
    const lastLookOnly = sampleSizePerArm({ ...plan, method: 'sequential', looks: 1 });
    expect(lastLookOnly).toBeGreaterThan(
      sampleSizePerArm({ ...plan, method: 'sequential', unitsPerLook: 50 }),
    );
    const r = simulateAB({ plannedPerArm: lastLookOnly, perPoll: 50, runs: RUNS, seed: 32 });
    console.info(`A/B sequential with the last-look plan (${lastLookOnly}/arm): shipped ${pct(r.power)}`);
    expect(r.power).toBeGreaterThan(PROMISED + 3 * SE);
  });

  it('fixed horizon: read once at the planned sample, ships in 80 % of experiments (±2 SE)', () => {
    const plannedPerArm = sampleSizePerArm({ ...plan, method: 'fixed' });
    const r = simulateAB({ plannedPerArm, perPoll: plannedPerArm, method: 'fixed', runs: RUNS, seed: 33 });
    console.info(
      `A/B fixed, plan ${plannedPerArm}/arm read once: shipped ${pct(r.power)} (± ${pct(r.powerStandardError)})`,
    );
    expect(Math.abs(r.power - PROMISED)).toBeLessThanOrEqual(2 * SE);
  });
});

describe('the promise holds beyond two arms and proportions', { timeout: 120_000 }, () => {
  it('three arms (Bonferroni in the plan, Holm in the rule): the better treatment ships in 80 % (±2 SE)', () => {
    const plannedPerArm = sampleSizePerArm({ ...plan, arms: 3, method: 'sequential', unitsPerLook: 50 });
    const r = simulateDecide({
      rates: [0.05, 0.06, 0.05],
      perPoll: 50,
      polls: Math.ceil(plannedPerArm / 50),
      stopRule: { kind: 'sequential', alpha: 0.05, minPerArm: 100, plannedPerArm },
      runs: RUNS,
      seed: 34,
    });
    const power = r.shipByArm.arm1?.rate ?? 0;
    console.info(`A/B/C sequential, plan ${plannedPerArm}/arm: the +20 % arm shipped in ${pct(power)}`);
    expect(Math.abs(power - PROMISED)).toBeLessThanOrEqual(2 * SE);
    // The null treatment ships only as a family-wise false positive.
    expect(r.shipByArm.arm2?.rate ?? 1).toBeLessThan(0.025);
  });

  it('a mean metric (revenue per visitor, normal with sd = mean): +10 % ships in 80 % (±2 SE)', () => {
    const mean = 10;
    const variance = 100;
    const plannedPerArm = sampleSizePerArm({
      kind: 'mean',
      baseline: mean,
      unitVariance: variance,
      mde: 0.1,
      alpha: 0.05,
      power: PROMISED,
      arms: 2,
      method: 'sequential',
      unitsPerLook: 50,
    });
    const r = simulateRule({
      arms: 2,
      polls: Math.ceil(plannedPerArm / 50),
      stopRule: { kind: 'sequential', alpha: 0.05, minPerArm: 100, plannedPerArm },
      direction: 'higher',
      weights: [1, 1],
      draw: (rng, arm) => {
        const mu = arm === 0 ? mean : mean * 1.1;
        let sum = 0;
        let sumSquares = 0;
        for (let i = 0; i < 50; i++) {
          const x = mu + Math.sqrt(variance) * normal(rng);
          sum += x;
          sumSquares += x * x;
        }
        return { kind: 'mean', n: 50, sum, sumSquares };
      },
      runs: RUNS,
      seed: 35,
    });
    const power = r.shipByArm.arm1?.rate ?? 0;
    console.info(`A/B mean, plan ${plannedPerArm}/arm: shipped ${pct(power)}`);
    expect(Math.abs(power - PROMISED)).toBeLessThanOrEqual(2 * SE);
  });
});

function pct(x: number): string {
  return `${(100 * x).toFixed(2)} %`;
}
