import { describe, expect, it } from 'vitest';
import { type EffectInput, pooledEffects, suggestMde } from '../src/pooling';
import { mulberry32, normal } from '../src/random';

const groupOf = (pooled: ReturnType<typeof pooledEffects>, g: string) => {
  const r = pooled.get(g);
  if (!r) throw new Error(`no group ${g}`);
  return r;
};

describe('pooledEffects (empirical Bayes, DerSimonian–Laird)', () => {
  it('with no heterogeneity (τ² = 0) every group gets the plain mean of all lifts', () => {
    // Lifts that scatter less than their standard errors: Q < df at both levels.
    const effects: EffectInput[] = [
      { group: 'dental', lift: 0.05, se: 0.1 },
      { group: 'dental', lift: 0.07, se: 0.1 },
      { group: 'legal', lift: 0.04, se: 0.1 },
      { group: 'legal', lift: 0.08, se: 0.1 },
      { group: 'roofing', lift: 0.06, se: 0.1 },
    ];
    const pooled = pooledEffects(effects);
    const plain = effects.reduce((s, e) => s + e.lift, 0) / effects.length;
    for (const g of ['dental', 'legal', 'roofing']) {
      const r = groupOf(pooled, g);
      expect(r.tau2).toBe(0);
      expect(r.withinTau2).toBe(0);
      expect(r.shrinkage).toBe(1);
      expect(r.mean).toBeCloseTo(plain, 12);
    }
    expect(groupOf(pooled, 'dental').k).toBe(2);
    expect(groupOf(pooled, 'roofing').k).toBe(1);
    // The sd holds at least the uncertainty of the overall mean (0.1 / √5 with equal errors), a little more for
    // a group away from it (τ² = 0 is an estimate too).
    expect(groupOf(pooled, 'dental').sd).toBeGreaterThanOrEqual(0.1 / Math.sqrt(5) - 1e-15);
    expect(groupOf(pooled, 'roofing').sd).toBeCloseTo(0.1 / Math.sqrt(5), 12);
    expect(groupOf(pooled, 'dental').sd).toBeLessThan(0.06);
  });

  it('as standard errors go to 0, each group keeps its own estimate', () => {
    const se = 1e-6;
    const effects: EffectInput[] = [
      { group: 'dental', lift: 0.3, se },
      { group: 'dental', lift: 0.3, se },
      { group: 'legal', lift: -0.1, se },
      { group: 'roofing', lift: 0.05, se },
      { group: 'roofing', lift: 0.05, se },
    ];
    const pooled = pooledEffects(effects);
    expect(groupOf(pooled, 'dental').mean).toBeCloseTo(0.3, 6);
    expect(groupOf(pooled, 'legal').mean).toBeCloseTo(-0.1, 6);
    expect(groupOf(pooled, 'roofing').mean).toBeCloseTo(0.05, 6);
    expect(groupOf(pooled, 'legal').shrinkage).toBeLessThan(1e-6);
    expect(groupOf(pooled, 'legal').tau2).toBeGreaterThan(0.01);
  });

  it('shrinks a noisy group toward the others more than a precise one, never past the overall mean', () => {
    const effects: EffectInput[] = [
      { group: 'a', lift: 0.02, se: 0.02 },
      { group: 'a', lift: 0.04, se: 0.02 },
      { group: 'b', lift: 0.2, se: 0.02 },
      { group: 'b', lift: 0.22, se: 0.02 },
      { group: 'c', lift: 0.5, se: 0.3 },
      { group: 'd', lift: 0.1, se: 0.02 },
    ];
    const pooled = pooledEffects(effects);
    const c = groupOf(pooled, 'c');
    const b = groupOf(pooled, 'b');
    expect(c.tau2).toBeGreaterThan(0);
    expect(c.shrinkage).toBeGreaterThan(b.shrinkage);
    // c's own 0.5 is pulled down toward the others but stays above their mean.
    expect(c.mean).toBeLessThan(0.5);
    expect(c.mean).toBeGreaterThan(0.1);
    expect(c.own.mean).toBeCloseTo(0.5, 12);
    expect(Math.abs(b.mean - b.own.mean)).toBeLessThan(Math.abs(c.mean - c.own.mean));
  });

  it('computes DerSimonian–Laird τ² by hand on a one-effect-per-group set', () => {
    // y = 0, 0.3, 0.6 with se 0.1: w = 100, ȳ = 0.3, Q = 100·(0.09 + 0 + 0.09) = 18, df = 2,
    // C = 300 − 30000/300 = 200 → τ² = 16/200 = 0.08; B = 0.01 / 0.09.
    const pooled = pooledEffects([
      { group: 'x', lift: 0, se: 0.1 },
      { group: 'y', lift: 0.3, se: 0.1 },
      { group: 'z', lift: 0.6, se: 0.1 },
    ]);
    const x = groupOf(pooled, 'x');
    expect(x.tau2).toBeCloseTo(0.08, 12);
    expect(x.shrinkage).toBeCloseTo(0.01 / 0.09, 12);
    expect(x.mean).toBeCloseTo(0.3 - (1 - 0.01 / 0.09) * 0.3, 12);
    expect(groupOf(pooled, 'y').mean).toBeCloseTo(0.3, 12);
  });

  it('leaves out effects without a usable standard error', () => {
    const pooled = pooledEffects([
      { group: 'a', lift: 0.1, se: 0 },
      { group: 'a', lift: Number.NaN, se: 0.1 },
      { group: 'b', lift: 0.1, se: 0.05 },
    ]);
    expect(pooled.has('a')).toBe(false);
    expect(groupOf(pooled, 'b').k).toBe(1);
    expect(pooledEffects([]).size).toBe(0);
  });
});

describe('pooledEffects on simulated verticals (seeded)', () => {
  it('estimates group means better than each group alone, and its 90 % interval holds the next experiment', () => {
    // 8 verticals, true means N(0.05, 0.04²); 3 experiments each, true effects spread 0.02 around their vertical's
    // mean, measured with se 0.02 … 0.10. 400 replications.
    const rng = mulberry32(42);
    let ownError = 0;
    let pooledError = 0;
    let covered = 0;
    let count = 0;
    for (let rep = 0; rep < 400; rep++) {
      const truth = new Map<string, number>();
      const effects: EffectInput[] = [];
      for (let g = 0; g < 8; g++) {
        const group = `v${g}`;
        const mean = 0.05 + 0.04 * normal(rng);
        truth.set(group, mean);
        for (let e = 0; e < 3; e++) {
          const se = 0.02 + 0.08 * rng();
          effects.push({ group, lift: mean + 0.02 * normal(rng) + se * normal(rng), se });
        }
      }
      const pooled = pooledEffects(effects);
      for (const [group, mean] of truth) {
        const r = pooled.get(group);
        if (!r) throw new Error(`no ${group}`);
        ownError += (r.own.mean - mean) ** 2;
        pooledError += (r.mean - mean) ** 2;
        // The next experiment in this vertical: inside the prior's 90 % interval as often as it says?
        const next = mean + 0.02 * normal(rng);
        if (Math.abs(next - r.mean) < 1.645 * r.sd) covered += 1;
        count += 1;
      }
    }
    // Shrinkage must pay: a clearly smaller mean squared error than the groups' own estimates (here −28 %).
    expect(pooledError).toBeLessThan(0.8 * ownError);
    // Calibrated within a few points with 8 groups × 3 experiments (here 87 %; 84 % without τ²'s uncertainty).
    expect(covered / count).toBeGreaterThan(0.85);
    expect(covered / count).toBeLessThan(0.95);
  });
});

describe('suggestMde', () => {
  it('is the mean lift of the ideas that work: E[θ | θ > 0] under the prior', () => {
    // Centred prior: E[θ | θ > 0] = sd·√(2/π).
    expect(suggestMde({ mean: 0, sd: 0.1 })).toBe(Math.round(0.1 * Math.sqrt(2 / Math.PI) * 200) / 200);
    // A positive mean raises it; a lower-is-better metric reads the prior's negative side.
    expect(suggestMde({ mean: 0.05, sd: 0.1 }) ?? 0).toBeGreaterThan(suggestMde({ mean: 0, sd: 0.1 }) ?? 1);
    expect(suggestMde({ mean: 0.05, sd: 0.1 }, { direction: 'lower' }) ?? 1).toBeLessThan(
      suggestMde({ mean: 0, sd: 0.1 }) ?? 0,
    );
  });

  it('is clamped and needs a usable prior', () => {
    expect(suggestMde({ mean: 0, sd: 0.001 })).toBe(0.02);
    expect(suggestMde({ mean: 3, sd: 1 })).toBe(1);
    expect(suggestMde({ mean: -5, sd: 0.1 })).toBe(0.02);
    expect(suggestMde({ mean: 0.1, sd: 0 })).toBeNull();
  });
});
