import { describe, expect, it } from 'vitest';
import { betaDraw, thompsonWeights } from '../src/bandit';
import { normalCdf } from '../src/dist';
import { mulberry32 } from '../src/random';

const sum = (xs: { weight: number }[]) => xs.reduce((s, x) => s + x.weight, 0);

describe('thompsonWeights', () => {
  it('sum to 1, respect the floor and favour the better arm', () => {
    const arms = [
      { armId: 'control', successes: 50, trials: 1000 },
      { armId: 'better', successes: 80, trials: 1000 },
      { armId: 'worse', successes: 30, trials: 1000 },
    ];
    const weights = thompsonWeights(arms, { floor: 0.1, rng: mulberry32(1) });
    expect(sum(weights)).toBeCloseTo(1, 12);
    for (const w of weights) expect(w.weight).toBeGreaterThanOrEqual(0.1);
    const by = Object.fromEntries(weights.map((w) => [w.armId, w.weight]));
    // 8 % vs 5 % on 1,000 each: P(better is best) ≈ 0.999, so it takes nearly all that is not floor.
    expect(by.better).toBeGreaterThan(0.79);
    expect(by.control).toBeLessThan(0.11);
    expect(by.worse).toBeCloseTo(0.1, 3);
  });

  it('splits evenly between identical arms and with no data', () => {
    for (const trials of [0, 2000]) {
      const arms = ['a', 'b', 'c', 'd'].map((armId) => ({ armId, successes: trials / 20, trials }));
      const weights = thompsonWeights(arms, { floor: 0.05, draws: 20_000, rng: mulberry32(7) });
      expect(sum(weights)).toBeCloseTo(1, 12);
      // Each arm's win share is binomial over 20,000 draws: sd ≈ 0.003, weighted by 0.8.
      for (const w of weights) expect(Math.abs(w.weight - 0.25)).toBeLessThan(0.012);
    }
  });

  it('tracks the posterior probability of being best', () => {
    // Close arms: P(B > A) for Beta(41, 961) vs Beta(51, 951) is about 0.84 (normal approximation).
    const arms = [
      { armId: 'a', successes: 40, trials: 1000 },
      { armId: 'b', successes: 50, trials: 1000 },
    ];
    const weights = thompsonWeights(arms, { floor: 0, draws: 40_000, rng: mulberry32(3) });
    const pa = 41 / 1002;
    const pb = 51 / 1002;
    const sd = Math.sqrt((pa * (1 - pa)) / 1003 + (pb * (1 - pb)) / 1003);
    const z = (pb - pa) / sd;
    const phi = normalCdf(z);
    expect(weights[1]?.weight ?? 0).toBeGreaterThan(phi - 0.02);
    expect(weights[1]?.weight ?? 1).toBeLessThan(phi + 0.02);
  });

  it('is deterministic for a seed and refuses a floor the arms cannot all get', () => {
    const arms = [
      { armId: 'a', successes: 3, trials: 40 },
      { armId: 'b', successes: 5, trials: 40 },
    ];
    expect(thompsonWeights(arms, { floor: 0.2, rng: mulberry32(9) })).toEqual(
      thompsonWeights(arms, { floor: 0.2, rng: mulberry32(9) }),
    );
    expect(() => thompsonWeights(arms, { floor: 0.6, rng: mulberry32(9) })).toThrow(RangeError);
    expect(thompsonWeights(arms, { floor: 0.5, rng: mulberry32(9) }).map((w) => w.weight)).toEqual([
      0.5, 0.5,
    ]);
    expect(thompsonWeights([], { floor: 0.1, rng: mulberry32(9) })).toEqual([]);
  });
});

describe('betaDraw', () => {
  it('has the Beta distribution’s mean and variance, also for shapes below 1', () => {
    for (const [a, b] of [
      [2, 5],
      [0.5, 0.5],
      [300, 9000],
    ] as const) {
      const rng = mulberry32(5);
      const n = 40_000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = betaDraw(rng, a, b);
        s += x;
        s2 += x * x;
      }
      const mean = s / n;
      const variance = s2 / n - mean * mean;
      const m = a / (a + b);
      const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
      expect(Math.abs(mean - m)).toBeLessThan(5 * Math.sqrt(v / n));
      expect(Math.abs(variance - v) / v).toBeLessThan(0.05);
    }
  });
});
