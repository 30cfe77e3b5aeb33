import { describe, expect, it } from 'vitest';
import {
  erfc,
  evaluateExperiment,
  normalCdf,
  normalQuantile,
  requiredSamplePerGroup,
  twoProportionZTest,
  type VariantTotals,
} from '../src/activities/stats';

const totals = (
  variantId: string,
  clicks: number,
  conversions: number,
  extra: Partial<VariantTotals> = {},
) => ({
  variantId,
  impressions: clicks * 20,
  clicks,
  conversions,
  spend: clicks * 0.5,
  snapshots: 1,
  ...extra,
});

describe('normal distribution helpers', () => {
  it('match reference values', () => {
    // Reference values from Python's math.erfc / statistics.NormalDist.
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1)).toBeCloseTo(0.157299207, 7);
    expect(erfc(-1)).toBeCloseTo(1.842700793, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalCdf(-1.6448536)).toBeCloseTo(0.05, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621234, 7);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 6);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('two-proportion z-test', () => {
  it('matches hand-computed values (pooled standard error, two-sided)', () => {
    // 200/1000 vs 150/1000: pooled p = 0.175, SE = 0.0169926, z = 2.94245, p = 0.0032563
    const a = twoProportionZTest(200, 1000, 150, 1000);
    expect(a.z).toBeCloseTo(2.9424494, 5);
    expect(a.pValue).toBeCloseTo(0.0032563, 6);
    // 120/2000 vs 100/2000: z = 1.38708, p = 0.165416 (not significant)
    const b = twoProportionZTest(120, 2000, 100, 2000);
    expect(b.z).toBeCloseTo(1.387084, 5);
    expect(b.pValue).toBeCloseTo(0.1654162, 6);
    // 60/500 vs 40/500: z = 2.10819, p = 0.035015
    const c = twoProportionZTest(60, 500, 40, 500);
    expect(c.pValue).toBeCloseTo(0.035015, 6);
  });

  it('is symmetric and degenerate cases give p = 1', () => {
    const ab = twoProportionZTest(60, 500, 40, 500);
    const ba = twoProportionZTest(40, 500, 60, 500);
    expect(ba.z).toBeCloseTo(-ab.z, 10);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 10);
    expect(twoProportionZTest(0, 0, 5, 100)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(0, 100, 0, 100)).toEqual({ z: 0, pValue: 1 });
  });

  it('required sample per group matches the closed-form formula', () => {
    // (1.95996·√(2·0.175·0.825) + 0.84162·√(0.2·0.8 + 0.15·0.85))² / 0.05² = 905.37 → 906
    expect(requiredSamplePerGroup(0.2, 0.15)).toBe(906);
    expect(requiredSamplePerGroup(0.12, 0.1)).toBe(3841);
    expect(requiredSamplePerGroup(0.1, 0.1)).toBeNull();
  });
});

describe('evaluateExperiment', () => {
  it('calls a winner when significant and every variant reached the minimum sample', () => {
    const stats = evaluateExperiment([totals('a', 1000, 150), totals('b', 1000, 200)], {
      minSamplePerVariant: 500,
    });
    expect(stats.decision).toBe('winner');
    expect(stats.winnerVariantId).toBe('b');
    expect(stats.comparison?.bestVariantId).toBe('b');
    expect(stats.comparison?.restVariantIds).toEqual(['a']);
    expect(stats.comparison?.pValue).toBeCloseTo(0.0032563, 6);
    expect(stats.comparison?.lift).toBeCloseTo(1 / 3, 10);
    expect(stats.comparison?.absoluteDifference).toBeCloseTo(0.05, 10);
    const [lo = 0, hi = 0] = stats.comparison?.ci95 ?? [];
    // unpooled SE = √(0.2·0.8/1000 + 0.15·0.85/1000) = 0.016956; ±1.95996·SE
    expect(lo).toBeCloseTo(0.05 - 1.959964 * 0.0169558, 5);
    expect(hi).toBeCloseTo(0.05 + 1.959964 * 0.0169558, 5);
    const b = stats.variants.find((v) => v.variantId === 'b');
    expect(b?.conversionRate).toBeCloseTo(0.2, 10);
    expect(b?.ctr).toBeCloseTo(0.05, 10);
    expect(b?.costPerConversion).toBeCloseTo(2.5, 10);
  });

  it('keeps going below the minimum sample even when p < 0.05', () => {
    const stats = evaluateExperiment([totals('a', 1000, 150), totals('b', 1000, 200)], {
      minSamplePerVariant: 1001,
    });
    expect(stats.significant).toBe(true);
    expect(stats.minSampleReached).toBe(false);
    expect(stats.decision).toBe('continue');
    expect(stats.winnerVariantId).toBeNull();
  });

  it('keeps going when the difference is not significant', () => {
    const stats = evaluateExperiment([totals('a', 2000, 100), totals('b', 2000, 120)], {
      minSamplePerVariant: 100,
    });
    expect(stats.comparison?.pValue).toBeCloseTo(0.1654162, 6);
    expect(stats.decision).toBe('continue');
  });

  it('pools the rest when there are more than two variants', () => {
    const stats = evaluateExperiment([totals('a', 500, 40), totals('b', 500, 60), totals('c', 500, 45)], {
      minSamplePerVariant: 100,
    });
    expect(stats.comparison?.bestVariantId).toBe('b');
    expect(stats.comparison?.restVariantIds.sort()).toEqual(['a', 'c']);
    const expected = twoProportionZTest(60, 500, 85, 1000);
    expect(stats.comparison?.pValue).toBeCloseTo(expected.pValue, 12);
    expect(stats.comparison?.restRate).toBeCloseTo(0.085, 12);
  });

  it('has nothing to compare with fewer than two measured variants or a tie at the top', () => {
    expect(
      evaluateExperiment([totals('a', 500, 40), totals('b', 0, 0)], { minSamplePerVariant: 1 }).comparison,
    ).toBeNull();
    expect(
      evaluateExperiment([totals('a', 500, 40), totals('b', 500, 40)], { minSamplePerVariant: 1 }).comparison,
    ).toBeNull();
    expect(evaluateExperiment([], { minSamplePerVariant: 1 }).decision).toBe('continue');
  });
});
