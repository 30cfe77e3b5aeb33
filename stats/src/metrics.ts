import type { MetricData, MetricSummary } from './types';

/**
 * Mean of a metric and the variance of one unit, from sufficient statistics, as gbstats 0.8.0 computes them:
 * proportion p(1 − p) (no n − 1 correction), mean the sample variance, ratio the delta method
 * Var(m/d) ≈ Var(m)/μd² − 2·Cov(m,d)·μm/μd³ + μm²·Var(d)/μd⁴ over units. Var(mean) = unitVariance / n.
 * A variance that rounding made negative is reported as 0 (the tests then refuse to compare).
 */
export function summarize(data: MetricData): MetricSummary {
  const n = data.n;
  switch (data.kind) {
    case 'proportion': {
      const mean = n > 0 ? data.sum / n : 0;
      return { n, mean, unitVariance: Math.max(0, mean * (1 - mean)) };
    }
    case 'mean': {
      const mean = n > 0 ? data.sum / n : 0;
      return { n, mean, unitVariance: sampleVariance(n, data.sum, data.sumSquares) };
    }
    case 'ratio': {
      const mean = data.denSum !== 0 ? data.numSum / data.denSum : 0;
      if (n <= 1) return { n, mean, unitVariance: 0 };
      const meanNum = data.numSum / n;
      const meanDen = data.denSum / n;
      if (meanDen === 0) return { n, mean, unitVariance: 0 };
      const varNum = sampleVariance(n, data.numSum, data.numSumSquares);
      const varDen = sampleVariance(n, data.denSum, data.denSumSquares);
      const cov = (data.crossSum - (data.numSum * data.denSum) / n) / (n - 1);
      const unitVariance =
        varNum / meanDen ** 2 - (2 * cov * meanNum) / meanDen ** 3 + (meanNum ** 2 * varDen) / meanDen ** 4;
      return { n, mean, unitVariance: Math.max(0, unitVariance) };
    }
  }
}

function sampleVariance(n: number, sum: number, sumSquares: number): number {
  if (n <= 1) return 0;
  return Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
}

/** Number of units of an arm (visitors, clicks, impressions, snapshot rows): what SRM and minimum data count. */
export function unitsOf(data: MetricData): number {
  return data.n;
}
