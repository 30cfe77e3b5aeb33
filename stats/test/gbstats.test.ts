import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type BayesianResult,
  compareBayesian,
  compareFrequentist,
  type Direction,
  type FrequentistResult,
  type LiftPrior,
  type MetricData,
  srmCheck,
  summarize,
} from '../src/index';

/**
 * Cross-check against GrowthBook's gbstats 0.8.0 on generated fixtures (stats/scripts/gbstats-fixtures.py wrote
 * test/fixtures/gbstats.json; committed as data). Where the methods coincide the numbers agree to 1e-6.
 */
type Freq = { lift: number; ci: [number, number]; pValue: number; se: number } | { error: string };
type Bayes =
  | { lift: number; ci: [number, number]; chanceToWin: number; risk: [number, number]; sd: number }
  | { error: string };
interface Fixture {
  gbstats: string;
  cases: {
    name: string;
    control: MetricData;
    treatment: MetricData;
    summaries: { mean: number; unitVariance: number }[];
    fixed: { alpha: number; result: Freq }[];
    sequential: { alpha: number; tuning: number; result: Freq }[];
    bayesian: { prior: LiftPrior | null; direction: Direction; alpha: number; result: Bayes }[];
  }[];
  srm: { observed: number[]; weights: number[]; pValue: number }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/gbstats.json', import.meta.url), 'utf8'),
) as Fixture;

const TOL = 1e-6;
function close(actual: number | undefined, expected: number, what: string): void {
  const tol = TOL * Math.max(1, Math.abs(expected));
  if (actual === undefined || !(Math.abs(actual - expected) <= tol)) {
    expect.fail(`${what}: ${actual} vs gbstats ${expected} (tolerance ${tol})`);
  }
}

/**
 * What both views share: null where gbstats could not compute, else lift and interval to 1e-6. Returns the result
 * to check further, or null when there is nothing more to compare.
 */
function checkLiftAndInterval<A extends { lift: number; ci: [number, number] }>(
  actual: A | null,
  expected: { lift: number; ci: [number, number] } | { error: string },
  what: string,
): A | null {
  if ('error' in expected) {
    expect(actual, `${what} (gbstats: ${expected.error})`).toBeNull();
    return null;
  }
  if (!actual) throw new Error(`${what}: null, gbstats computed it`);
  close(actual.lift, expected.lift, `${what} lift`);
  close(actual.ci[0], expected.ci[0], `${what} ci low`);
  close(actual.ci[1], expected.ci[1], `${what} ci high`);
  return actual;
}

function checkFrequentist(actual: FrequentistResult | null, expected: Freq, what: string): void {
  const checked = checkLiftAndInterval(actual, expected, what);
  if (!checked || 'error' in expected) return;
  close(checked.pValue, expected.pValue, `${what} p`);
}

function checkBayesian(actual: BayesianResult | null, expected: Bayes, what: string): void {
  const checked = checkLiftAndInterval(actual, expected, what);
  if (!checked || 'error' in expected) return;
  close(checked.chanceToWin, expected.chanceToWin, `${what} chance to win`);
  close(checked.risk.control, expected.risk[0], `${what} risk of control`);
  close(checked.risk.treatment, expected.risk[1], `${what} risk of treatment`);
}

describe(`gbstats ${fixture.gbstats} cross-check`, () => {
  it('has the fixtures of every kind, including the not-computable ones', () => {
    expect(fixture.gbstats).toBe('0.8.0');
    const kinds = new Set(fixture.cases.map((c) => c.control.kind));
    expect([...kinds].sort()).toEqual(['mean', 'proportion', 'ratio']);
    expect(fixture.cases.filter((c) => 'error' in (c.fixed[0]?.result ?? {})).length).toBeGreaterThanOrEqual(
      3,
    );
  });

  for (const c of fixture.cases) {
    describe(c.name, () => {
      it('summaries: mean and unit variance (delta method for ratios)', () => {
        const [sc, st] = c.summaries;
        if (!sc || !st) throw new Error('fixture without summaries');
        close(summarize(c.control).mean, sc.mean, 'control mean');
        close(summarize(c.treatment).mean, st.mean, 'treatment mean');
        // gbstats lets rounding leave a tiny negative variance where @mos/stats reports 0.
        close(summarize(c.control).unitVariance, Math.max(0, sc.unitVariance), 'control variance');
        close(summarize(c.treatment).unitVariance, Math.max(0, st.unitVariance), 'treatment variance');
      });

      it('fixed horizon: TwoSidedTTest', () => {
        for (const f of c.fixed) {
          checkFrequentist(
            compareFrequentist(c.control, c.treatment, { method: 'fixed', alpha: f.alpha }),
            f.result,
            `fixed α=${f.alpha}`,
          );
        }
      });

      it('confidence sequence: SequentialTwoSidedTTest', () => {
        for (const s of c.sequential) {
          checkFrequentist(
            compareFrequentist(c.control, c.treatment, {
              method: 'sequential',
              alpha: s.alpha,
              sequentialTuning: s.tuning,
            }),
            s.result,
            `sequential α=${s.alpha} η=${s.tuning}`,
          );
        }
      });

      it('Bayesian: EffectBayesianABTest on the relative lift', () => {
        for (const b of c.bayesian) {
          checkBayesian(
            compareBayesian(c.control, c.treatment, {
              alpha: b.alpha,
              prior: b.prior,
              direction: b.direction,
            }),
            b.result,
            `bayesian ${b.direction} prior=${JSON.stringify(b.prior)}`,
          );
        }
      });
    });
  }

  it('SRM: check_srm', () => {
    for (const s of fixture.srm) {
      close(srmCheck(s.observed, s.weights).pValue, s.pValue, `srm ${JSON.stringify(s.observed)}`);
    }
  });
});
