import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  binomial,
  chiSquareSurvival,
  compareBayesian,
  compareFrequentist,
  holm,
  mulberry32,
  normal,
  normalCdf,
  normalQuantile,
  type RatioData,
  relativeLift,
  sequentialHalfWidth,
  sequentialPValue,
  srmCheck,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedTail,
  summarize,
} from '../src/index';

const prop = (n: number, sum: number) => ({ kind: 'proportion', n, sum }) as const;

/** Sufficient statistics of raw (numerator, denominator) rows, as the SQL aggregates them. */
function ratioOf(rows: [number, number][]): RatioData {
  return {
    kind: 'ratio',
    n: rows.length,
    numSum: rows.reduce((s, [m]) => s + m, 0),
    numSumSquares: rows.reduce((s, [m]) => s + m * m, 0),
    denSum: rows.reduce((s, [, d]) => s + d, 0),
    denSumSquares: rows.reduce((s, [, d]) => s + d * d, 0),
    crossSum: rows.reduce((s, [m, d]) => s + m * d, 0),
  };
}

describe('summarize', () => {
  it('proportion: p and p(1 − p)', () => {
    expect(summarize(prop(200, 10))).toEqual({ n: 200, mean: 0.05, unitVariance: 0.05 * 0.95 });
    expect(summarize(prop(0, 0))).toEqual({ n: 0, mean: 0, unitVariance: 0 });
  });

  it('mean: the sample variance with n − 1', () => {
    const s = summarize({ kind: 'mean', n: 4, sum: 10, sumSquares: 30 });
    expect(s.mean).toBe(2.5);
    expect(s.unitVariance).toBeCloseTo(5 / 3, 12);
  });

  it('ratio: the delta method matches the variance of the ratio of means over resampled units', () => {
    // Rows of (spend, conversions): compare the delta-method variance of the ratio of means with the
    // empirical variance of that ratio over many seeded bootstrap resamples.
    const rng = mulberry32(7);
    const rows: [number, number][] = Array.from({ length: 400 }, () => {
      const d = 5 + Math.floor(rng() * 10);
      return [d * (20 + 5 * normal(rng)), d];
    });
    const s = summarize(ratioOf(rows));
    expect(s.mean).toBeCloseTo(rows.reduce((a, r) => a + r[0], 0) / rows.reduce((a, r) => a + r[1], 0), 10);
    const ratios: number[] = [];
    for (let b = 0; b < 2000; b++) {
      let m = 0;
      let d = 0;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[Math.floor(rng() * rows.length)] ?? [0, 1];
        m += row[0];
        d += row[1];
      }
      ratios.push(m / d);
    }
    const mu = ratios.reduce((a, x) => a + x, 0) / ratios.length;
    const bootVar = ratios.reduce((a, x) => a + (x - mu) ** 2, 0) / (ratios.length - 1);
    expect(s.unitVariance / s.n / bootVar).toBeGreaterThan(0.85);
    expect(s.unitVariance / s.n / bootVar).toBeLessThan(1.15);
  });

  it('ratio with one unit or a zero denominator has no variance', () => {
    expect(summarize(ratioOf([[3, 2]])).unitVariance).toBe(0);
    expect(
      summarize(
        ratioOf([
          [3, 0],
          [4, 0],
        ]),
      ).mean,
    ).toBe(0);
  });
});

describe('Student t', () => {
  // Reference values from scipy.stats.t.
  it('quantile and cdf', () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 10);
    expect(studentTQuantile(0.99, 3.5)).toBeCloseTo(4.060711359300081, 9);
    expect(studentTQuantile(0.975, 123456.7)).toBeCloseTo(1.9599832001362323, 9);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 10);
    expect(studentTQuantile(0.9999, 1.2) / 866.2006155333052).toBeCloseTo(1, 10);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 9);
    expect(studentTQuantile(0.999999, 3.3)).toBeCloseTo(73.7907597169549, 8);
    expect(studentTCdf(1.5, 7.3)).toBeCloseTo(0.912218453598457, 10);
    expect(studentTTwoSidedTail(2.1, 250.7)).toBeCloseTo(0.03672835207125158, 10);
  });
});

describe('compareFrequentist', () => {
  it('fixed: Welch t-test on the relative lift (gbstats TwoSidedTTest values)', () => {
    const r = compareFrequentist(prop(1000, 50), prop(1000, 70), { method: 'fixed' });
    expect(r).not.toBeNull();
    expect(r?.lift).toBeCloseTo(0.4, 12);
    expect(r?.ci[0]).toBeCloseTo(-0.09334522054425382, 8);
    expect(r?.ci[1]).toBeCloseTo(0.893345220544254, 8);
    expect(r?.pValue).toBeCloseTo(0.11197242238689631, 8);
    expect(r?.absoluteEffect).toBeCloseTo(0.02, 12);
    expect(r?.standardError).toBeCloseTo(Math.sqrt((0.05 * 0.95 + 0.07 * 0.93) / 1000), 12);
  });

  it('the delta-method variance of the relative lift', () => {
    const rel = relativeLift(summarize(prop(1000, 50)), summarize(prop(1000, 70)));
    expect(Math.sqrt(rel?.variance ?? 0)).toBeCloseTo(0.251555162936482, 12);
  });

  it('sequential: p < alpha exactly when the sequence excludes 0, and it is wider than the fixed interval', () => {
    for (const sum of [50, 60, 66, 67, 70, 75, 90]) {
      const r = compareFrequentist(prop(2000, 50), prop(2000, sum), {
        method: 'sequential',
        sequentialTuning: 4000,
      });
      const f = compareFrequentist(prop(2000, 50), prop(2000, sum), { method: 'fixed' });
      if (!r || !f) throw new Error('not computable');
      expect(r.pValue < 0.05).toBe(r.ci[0] > 0 || r.ci[1] < 0);
      expect(r.ci[1] - r.ci[0]).toBeGreaterThan(f.ci[1] - f.ci[0]);
      expect(r.pValue).toBeGreaterThanOrEqual(f.pValue);
    }
  });

  it('sequential: the tuning parameter moves where the sequence is tightest', () => {
    const width = (n: number, tuning: number) => sequentialHalfWidth(1 / n, n, 0.05, tuning) * Math.sqrt(n);
    // Scaled by √N the width is smallest near N = tuning.
    expect(width(1000, 1000)).toBeLessThan(width(1000, 100000));
    expect(width(100000, 100000)).toBeLessThan(width(100000, 1000));
    expect(sequentialPValue(0, 1, 100, 0.05, 100)).toBe(1);
  });

  it('is null when it cannot be computed', () => {
    expect(compareFrequentist(prop(0, 0), prop(10, 1), { method: 'fixed' })).toBeNull();
    expect(compareFrequentist(prop(100, 0), prop(100, 3), { method: 'fixed' })).toBeNull();
    expect(compareFrequentist(prop(100, 3), prop(100, 0), { method: 'sequential' })).toBeNull();
    expect(
      compareFrequentist({ kind: 'mean', n: 1, sum: 2, sumSquares: 4 }, prop(10, 1), { method: 'fixed' }),
    ).toBeNull();
  });
});

describe('compareBayesian', () => {
  it('flat prior: the posterior is the data (normal on the relative lift)', () => {
    const rel = relativeLift(summarize(prop(1000, 50)), summarize(prop(1000, 70)));
    const b = compareBayesian(prop(1000, 50), prop(1000, 70));
    if (!rel || !b) throw new Error('not computable');
    const sd = Math.sqrt(rel.variance);
    expect(b.lift).toBeCloseTo(0.4, 12);
    expect(b.chanceToWin).toBeCloseTo(normalCdf(0.4 / sd), 9);
    expect(b.ci[0]).toBeCloseTo(0.4 - normalQuantile(0.975) * sd, 9);
    expect(b.ci[1]).toBeCloseTo(0.4 + normalQuantile(0.975) * sd, 9);
  });

  it('risk is the expected loss of each choice (numerical integration)', () => {
    const b = compareBayesian(prop(1000, 50), prop(1000, 58));
    const rel = relativeLift(summarize(prop(1000, 50)), summarize(prop(1000, 58)));
    if (!rel || !b) throw new Error('not computable');
    const sd = Math.sqrt(rel.variance);
    let pos = 0;
    let neg = 0;
    const h = sd / 2000;
    for (let x = rel.lift - 10 * sd; x < rel.lift + 10 * sd; x += h) {
      const dens = Math.exp(-0.5 * ((x - rel.lift) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
      if (x > 0) pos += x * dens * h;
      else neg += -x * dens * h;
    }
    expect(b.risk.control).toBeCloseTo(pos, 5);
    expect(b.risk.treatment).toBeCloseTo(neg, 5);
  });

  it('lower-is-better metrics flip the chance to win and the risks', () => {
    const hi = compareBayesian(prop(1000, 50), prop(1000, 58), { direction: 'higher' });
    const lo = compareBayesian(prop(1000, 50), prop(1000, 58), { direction: 'lower' });
    if (!hi || !lo) throw new Error('not computable');
    expect(lo.chanceToWin).toBeCloseTo(1 - hi.chanceToWin, 12);
    expect(lo.risk).toEqual({ control: hi.risk.treatment, treatment: hi.risk.control });
  });

  it('a normal prior shrinks the lift toward the prior mean by precision', () => {
    const rel = relativeLift(summarize(prop(1000, 50)), summarize(prop(1000, 70)));
    const b = compareBayesian(prop(1000, 50), prop(1000, 70), { prior: { mean: 0, variance: 0.01 } });
    if (!rel || !b) throw new Error('not computable');
    const w = 1 / rel.variance / (1 / rel.variance + 100);
    expect(b.lift).toBeCloseTo(0.4 * w, 12);
    expect(b.ci[1] - b.ci[0]).toBeCloseTo(
      2 * normalQuantile(0.975) * Math.sqrt(1 / (1 / rel.variance + 100)),
      9,
    );
  });
});

describe('srmCheck', () => {
  it('chi-square against the planned split (scipy chi2.sf reference)', () => {
    const r = srmCheck([5000, 5200], [1, 1]);
    expect(r.chiSquare).toBeCloseTo(3.9215686274509802, 12);
    expect(r.df).toBe(1);
    expect(r.pValue).toBeCloseTo(0.0476703806561615, 9);
    expect(r.mismatch).toBe(false);
    expect(srmCheck([5000, 5400], [1, 1]).mismatch).toBe(true);
    expect(srmCheck([5000, 10000], [1, 2]).mismatch).toBe(false);
    expect(srmCheck([5000, 10000], [1, 1]).mismatch).toBe(true);
  });

  it('threshold, zero weights, no data, no weights', () => {
    expect(srmCheck([5000, 5200], [1, 1], 0.05).mismatch).toBe(true);
    expect(srmCheck([100, 100, 3], [1, 1, 0]).mismatch).toBe(true);
    expect(srmCheck([100, 100, 0], [1, 1, 0])).toMatchObject({ df: 1, mismatch: false });
    expect(srmCheck([0, 0], [1, 1])).toMatchObject({ pValue: 1, mismatch: false });
    expect(srmCheck([10, 5000], [])).toMatchObject({ pValue: 1, mismatch: false });
  });
});

function expectCloseAll(actual: number[], expected: number[], digits: number): void {
  expect(actual).toHaveLength(expected.length);
  for (const [i, v] of expected.entries()) expect(actual[i]).toBeCloseTo(v, digits);
}

describe('corrections', () => {
  // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm" / "BH")
  it('Holm', () => {
    const adj = holm([0.01, 0.04, 0.03, 0.005]);
    expectCloseAll(adj, [0.03, 0.06, 0.06, 0.02], 12);
    expect(holm([0.5, 0.9])).toEqual([1, 1]);
  });

  it('Benjamini–Hochberg', () => {
    const adj = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    expectCloseAll(adj, [0.02, 0.04, 0.04, 0.02], 12);
    const adj2 = benjaminiHochberg([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205]);
    expectCloseAll(adj2, [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.0845714285714, 0.205], 9);
  });

  it('NaN stays NaN and does not count as a test', () => {
    const adj = holm([0.01, Number.NaN, 0.02]);
    expect(adj[1]).toBeNaN();
    expect(adj[0]).toBeCloseTo(0.02, 12);
    expect(adj[2]).toBeCloseTo(0.02, 12);
  });
});

describe('generators', () => {
  it('mulberry32 is seeded and uniform', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 20000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });

  it('normal has mean 0 and variance 1', () => {
    const rng = mulberry32(1);
    const xs = Array.from({ length: 40000 }, () => normal(rng));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(v - 1)).toBeLessThan(0.03);
  });

  it.each([
    [10, 0.3],
    [50, 0.05],
    [1000, 0.02],
    [200000, 0.05],
    [100, 0.97],
  ])('binomial(%i, %f) has mean np and variance np(1 − p)', (n, p) => {
    const rng = mulberry32(n);
    const draws = 20000;
    const xs = Array.from({ length: draws }, () => binomial(rng, n, p));
    const mean = xs.reduce((s, x) => s + x, 0) / draws;
    const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (draws - 1);
    const sd = Math.sqrt(n * p * (1 - p));
    // Mean within 4 standard errors; variance within 6 %.
    expect(Math.abs(mean - n * p)).toBeLessThan((4 * sd) / Math.sqrt(draws));
    expect(v / (n * p * (1 - p))).toBeGreaterThan(0.94);
    expect(v / (n * p * (1 - p))).toBeLessThan(1.06);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
  });

  it('binomial pmf matches the exact one (chi-square goodness of fit), on both sides of the n < 16 switch', () => {
    for (const [n, p] of [
      [12, 0.3],
      [40, 0.3],
    ] as const) {
      const rng = mulberry32(99 + n);
      const counts = new Array<number>(n + 1).fill(0);
      const draws = 50000;
      for (let i = 0; i < draws; i++) {
        const k = binomial(rng, n, p);
        counts[k] = (counts[k] ?? 0) + 1;
      }
      let pmf = (1 - p) ** n;
      let chi = 0;
      let cells = 0;
      for (let k = 0; k <= n; k++) {
        if (k > 0) pmf *= ((n - k + 1) / k) * (p / (1 - p));
        const expected = pmf * draws;
        if (expected < 5) continue;
        chi += ((counts[k] ?? 0) - expected) ** 2 / expected;
        cells += 1;
      }
      expect(chiSquareSurvival(chi, cells - 1)).toBeGreaterThan(0.001);
    }
  });
});
