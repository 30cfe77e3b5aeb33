import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../src/dist';
import {
  crossingProbability,
  detectableMde,
  expectedDays,
  expectedZ,
  PowerInputError,
  powerAt,
  type SampleSizeInput,
  sampleSizePerArm,
  sequentialBoundary,
} from '../src/power';
import { mulberry32, normal } from '../src/random';
import fixtures from './fixtures/power-gbstats.json';

const Z975 = normalQuantile(0.975);
const Z80 = normalQuantile(0.8);

const conversion: SampleSizeInput = {
  kind: 'proportion',
  baseline: 0.05,
  mde: 0.2,
  alpha: 0.05,
  power: 0.8,
  arms: 2,
  method: 'fixed',
};

describe('sample size, fixed horizon', () => {
  it('on the absolute scale agrees with the classic two-proportion size', () => {
    // (z.975 + z.8)² (p1q1 + p2q2) / (p2 − p1)² = 8,154.99 for 5 % → 6 % and 902.62 for 15 % → 20 %; R's
    // power.prop.test (p pooled under H0) gives 8,157.7 and 905.4. The classic formula takes the z-statistic's
    // spread as 1; on the absolute scale it is 0.997 here, so the sizes agree to 0.3 %.
    const near = (n: number, classic: number) => Math.abs(n - classic) / classic;
    expect(near(sampleSizePerArm({ ...conversion, scale: 'absolute' }), 8154.99)).toBeLessThan(3e-3);
    expect(near(sampleSizePerArm({ ...conversion, scale: 'absolute' }), 8157.7)).toBeLessThan(3e-3);
    expect(
      near(sampleSizePerArm({ ...conversion, baseline: 0.15, mde: 1 / 3, scale: 'absolute' }), 902.62),
    ).toBeLessThan(3e-3);
  });

  it('predicts the exact power of gbstats’ fixed test on proportions (binomial enumeration, to 1 %)', () => {
    for (const c of fixtures.exactPower) {
      const predicted = powerAt({
        kind: 'proportion',
        baseline: c.baseline,
        mde: c.lift,
        alpha: c.alpha,
        arms: 2,
        method: 'fixed',
        samplePerArm: c.n,
      });
      expect(Math.abs(predicted - c.power)).toBeLessThan(0.01);
    }
  });

  it('sizes the relative test (what decide() runs) so that it has the power, not 4 points more', () => {
    // 5 % → +20 %: the textbook normal formula on the relative scale (z spread 1) asks 9,796 per arm, at which
    // gbstats' test has an exact power of 83.8 %; the z-statistic spreads by ~0.82 there, and 8,800 give 79.4 %.
    const n = sampleSizePerArm(conversion);
    expect(n).toBe(8800);
    const exactAt = (m: number) => fixtures.exactPower.find((c) => c.n === m && c.baseline === 0.05)?.power;
    expect(Math.abs((exactAt(8800) ?? 0) - 0.8)).toBeLessThan(0.01);
    const p = 0.05;
    const q = p * 1.2;
    const perUnit = (q * (1 - q) + 1.2 ** 2 * p * (1 - p)) / p ** 2;
    expect(Math.ceil(((Z975 + Z80) ** 2 * perUnit) / 0.04)).toBe(9796);
    expect(exactAt(9796) ?? 0).toBeGreaterThan(0.83);
    const { spread } = expectedZ({ ...conversion, samplePerArm: n });
    expect(spread).toBeGreaterThan(0.8);
    expect(spread).toBeLessThan(0.85);
  });

  it('centres z where gbstats does for every fixture (proportions and means, both directions)', () => {
    for (const c of fixtures.cases) {
      const { z, alpha } = expectedZ({
        kind: c.kind as 'proportion' | 'mean',
        baseline: c.baseline,
        mde: Math.abs(c.change),
        direction: c.change < 0 ? 'lower' : 'higher',
        unitVariance: c.unitVariance ?? undefined,
        alpha: c.alpha,
        arms: 2,
        method: 'fixed',
        samplePerArm: c.n,
      });
      expect(z).toBeCloseTo(Math.abs(c.z), 6);
      expect(alpha).toBe(c.alpha);
    }
  });

  it('is monotone: a smaller MDE, a smaller alpha, more power or more arms need more units', () => {
    const base = sampleSizePerArm(conversion);
    expect(sampleSizePerArm({ ...conversion, mde: 0.1 })).toBeGreaterThan(base);
    expect(sampleSizePerArm({ ...conversion, mde: 0.3 })).toBeLessThan(base);
    expect(sampleSizePerArm({ ...conversion, alpha: 0.01 })).toBeGreaterThan(base);
    expect(sampleSizePerArm({ ...conversion, alpha: 0.1 })).toBeLessThan(base);
    expect(sampleSizePerArm({ ...conversion, power: 0.9 })).toBeGreaterThan(base);
    expect(sampleSizePerArm({ ...conversion, power: 0.7 })).toBeLessThan(base);
    // Three arms: two comparisons, each at alpha / 2 (Bonferroni) — the same as alpha 0.025 with two arms.
    expect(sampleSizePerArm({ ...conversion, arms: 3 })).toBe(
      sampleSizePerArm({ ...conversion, alpha: 0.025 }),
    );
    expect(sampleSizePerArm({ ...conversion, arms: 3 })).toBeGreaterThan(base);
  });

  it('means and ratios use the unit variance; a lower-is-better metric is sized for a decrease', () => {
    const mean = {
      kind: 'mean' as const,
      baseline: 40,
      unitVariance: 250,
      mde: 0.2,
      alpha: 0.05,
      power: 0.8,
    };
    const at = { ...mean, arms: 2, method: 'fixed' as const, samplePerArm: 1000 };
    // Var·n = σ²(1 + (1 ± m)²)/μ²: a decrease shrinks the treated mean's weight in the relative variance.
    expect(expectedZ(at).z).toBeCloseTo(0.2 * Math.sqrt(1000 / ((250 * (1 + 1.44)) / 1600)), 9);
    expect(expectedZ({ ...at, direction: 'lower' }).z).toBeCloseTo(
      0.2 * Math.sqrt(1000 / ((250 * (1 + 0.64)) / 1600)),
      9,
    );
    const up = sampleSizePerArm({ ...mean, arms: 2, method: 'fixed' });
    expect(sampleSizePerArm({ ...mean, arms: 2, method: 'fixed', direction: 'lower' })).toBeLessThan(up);
    expect(sampleSizePerArm({ ...mean, kind: 'ratio', arms: 2, method: 'fixed' })).toBe(up);
  });

  it('refuses inputs it cannot size, naming the field', () => {
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof PowerInputError ? e.field : 'other';
      }
      return null;
    };
    expect(fieldOf(() => sampleSizePerArm({ ...conversion, kind: 'mean' }))).toBe('unitVariance');
    expect(fieldOf(() => sampleSizePerArm({ ...conversion, baseline: 0.9, mde: 0.2 }))).toBe('mde');
    expect(fieldOf(() => sampleSizePerArm({ ...conversion, baseline: 0 }))).toBe('baseline');
    expect(fieldOf(() => sampleSizePerArm({ ...conversion, power: 1 }))).toBe('power');
    expect(fieldOf(() => sampleSizePerArm({ ...conversion, arms: 1 }))).toBe('arms');
    expect(fieldOf(() => sampleSizePerArm({ ...conversion, method: 'sequential', looks: 0 }))).toBe('looks');
  });
});

describe('the confidence sequence boundary', () => {
  it('is gbstats’ SequentialTwoSidedTTest half-width (tuning = the comparison’s planned total)', () => {
    for (const c of fixtures.cases) {
      const boundary = sequentialBoundary(c.alpha, c.n);
      // At t = 1 the half-width is b(1)·sd(estimate).
      const halfWidth = boundary(1) * Math.sqrt(c.variance);
      expect(Math.abs(halfWidth - c.sequentialHalfWidth) / c.sequentialHalfWidth).toBeLessThan(1e-6);
    }
  });

  it('does not depend on the plan’s size (the tuning scales with it), only on alpha', () => {
    const small = sequentialBoundary(0.05, 500);
    const large = sequentialBoundary(0.05, 5_000_000);
    for (const t of [0.01, 0.3, 1]) expect(small(t)).toBeCloseTo(large(t), 9);
    // Wider than the fixed test's 1.96 at the horizon, by the price of reading at every look.
    expect(small(1)).toBeGreaterThan(3);
    expect(sequentialBoundary(0.01, 500)(1)).toBeGreaterThan(small(1));
  });
});

describe('crossing probability (numerical integration)', () => {
  it('with one look is the normal tail', () => {
    const boundary = sequentialBoundary(0.05, 1000);
    for (const theta of [1, 3, 4.5]) {
      // Only the upper side ships; below −b the test stops (all worse).
      expect(crossingProbability(theta, boundary, 1)).toBeCloseTo(1 - normalCdf(boundary(1) - theta), 6);
    }
  });

  it('monitored continuously, matches the closed form for a flat boundary', () => {
    // P(max over [0,1] of W(t) + θt ≥ b) = 1 − Φ(b − θ) + e^{2θb} Φ(−b − θ).
    const b = 2.5;
    for (const theta of [0, 1, 2, 3]) {
      const exact = 1 - normalCdf(b - theta) + Math.exp(2 * theta * b) * normalCdf(-b - theta);
      expect(
        Math.abs(crossingProbability(theta, () => b, Number.POSITIVE_INFINITY, { lower: false }) - exact),
      ).toBeLessThan(2e-3);
    }
  });

  it('with ten looks at the CS boundary agrees with a Monte Carlo of the same walk', () => {
    const boundary = sequentialBoundary(0.05, 1000);
    const theta = boundary(1) + Z80;
    const rng = mulberry32(11);
    const runs = 40_000;
    let shipped = 0;
    for (let r = 0; r < runs; r++) {
      let s = 0;
      for (let i = 1; i <= 10; i++) {
        s += theta / 10 + Math.sqrt(0.1) * normal(rng);
        const b = boundary(i / 10);
        if (s > b) {
          shipped++;
          break;
        }
        if (s < -b) break;
      }
    }
    const p = shipped / runs;
    const se = Math.sqrt((p * (1 - p)) / runs);
    expect(Math.abs(crossingProbability(theta, boundary, 10) - p)).toBeLessThan(4 * se + 1e-3);
  });
});

describe('sample size, sequential', () => {
  const sequential: SampleSizeInput = { ...conversion, method: 'sequential' };

  it('read once at the end it is the fixed formula with the CS half-width in place of z(1 − α/2)', () => {
    const p = 0.05;
    const q = p * 1.2;
    const perUnit = (q * (1 - q) + 1.2 ** 2 * p * (1 - p)) / p ** 2;
    const boundary = sequentialBoundary(0.05, 1000)(1);
    const { spread } = expectedZ({ ...sequential, samplePerArm: 1000 });
    expect(sampleSizePerArm({ ...sequential, looks: 1 })).toBe(
      Math.ceil(((boundary + spread * Z80) ** 2 * perUnit) / 0.04),
    );
  });

  it('costs more than the fixed test, and less the more often it is read (early ships count)', () => {
    const fixed = sampleSizePerArm(conversion);
    const once = sampleSizePerArm({ ...sequential, looks: 1 });
    const daily = sampleSizePerArm({ ...sequential, looks: 14 });
    const continuous = sampleSizePerArm(sequential);
    expect(once).toBeGreaterThan(daily);
    expect(daily).toBeGreaterThan(continuous);
    expect(continuous).toBeGreaterThan(fixed);
  });

  it('delivers the promised power at the planned sample, for each cadence', () => {
    for (const extra of [{}, { looks: 14 }, { unitsPerLook: 50 }, { looks: 1 }]) {
      const input = { ...sequential, ...extra };
      const n = sampleSizePerArm(input);
      const achieved = powerAt({ ...input, samplePerArm: n });
      expect(achieved).toBeGreaterThanOrEqual(0.8 - 1e-6);
      expect(achieved).toBeLessThan(0.8 + 1e-3);
      expect(powerAt({ ...input, samplePerArm: Math.round(n * 0.9) })).toBeLessThan(0.8);
    }
  });

  it('is monotone in MDE, alpha, power and arms', () => {
    const base = sampleSizePerArm(sequential);
    expect(sampleSizePerArm({ ...sequential, mde: 0.1 })).toBeGreaterThan(base);
    expect(sampleSizePerArm({ ...sequential, alpha: 0.01 })).toBeGreaterThan(base);
    expect(sampleSizePerArm({ ...sequential, power: 0.9 })).toBeGreaterThan(base);
    expect(sampleSizePerArm({ ...sequential, arms: 4 })).toBeGreaterThan(base);
  });
});

describe('power, detectable effect and duration', () => {
  it('powerAt grows with the sample and with the effect', () => {
    for (const method of ['fixed', 'sequential'] as const) {
      const at = (samplePerArm: number, mde = 0.2) => powerAt({ ...conversion, method, mde, samplePerArm });
      expect(at(2000)).toBeLessThan(at(8000));
      expect(at(8000)).toBeLessThan(at(30000));
      expect(at(8000, 0.1)).toBeLessThan(at(8000, 0.2));
    }
  });

  it('detectableMde inverts sampleSizePerArm', () => {
    for (const method of ['fixed', 'sequential'] as const) {
      const n = sampleSizePerArm({ ...conversion, method });
      const mde = detectableMde({ ...conversion, method, samplePerArm: n });
      expect(mde).not.toBeNull();
      expect(mde ?? 0).toBeLessThanOrEqual(0.2 + 1e-6);
      expect(mde ?? 0).toBeGreaterThan(0.199);
    }
    // 50 visitors per arm cannot show any lift on a 5 % rate (it would have to pass 100 %).
    expect(detectableMde({ ...conversion, samplePerArm: 50 })).toBeNull();
  });

  it('expectedDays: the smallest arm sets the pace; no traffic, no estimate', () => {
    expect(expectedDays(1000, 2, 100)).toBe(20);
    expect(expectedDays(1000, 2, 101)).toBe(20);
    expect(expectedDays(1000, 2, 99)).toBe(21);
    expect(expectedDays(1000, 2, 100, [1, 3])).toBe(40);
    expect(expectedDays(1000, 3, 0)).toBeNull();
    expect(expectedDays(1000, 3, Number.NaN)).toBeNull();
  });
});
