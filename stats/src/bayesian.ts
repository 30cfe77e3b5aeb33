import { normalCdf, normalQuantile } from './dist';
import { relativeLift } from './frequentist';
import { summarize } from './metrics';
import type { BayesianResult, Direction, LiftPrior, MetricData } from './types';

/**
 * The Bayesian view of treatment against control, as gbstats 0.8.0 `EffectBayesianABTest` computes it on the
 * relative scale: the data's lift is normal with the delta-method variance; with a prior N(m, v) on the lift
 * (pooled effects of earlier experiments) the posterior is the precision-weighted normal, without one (flat) the
 * posterior is the data's. Chance to win is P(lift > 0) for `higher` metrics and P(lift < 0) for `lower` ones;
 * risk is the expected relative loss of choosing each side (E[max(lift, 0)] for control, E[max(−lift, 0)] for
 * treatment, swapped for `lower`). null when not computable (an empty arm, a control mean of 0, zero variance).
 */
export function compareBayesian(
  control: MetricData,
  treatment: MetricData,
  opts: { alpha?: number; prior?: LiftPrior | null; direction?: Direction } = {},
): BayesianResult | null {
  const alpha = opts.alpha ?? 0.05;
  const rel = relativeLift(summarize(control), summarize(treatment));
  if (!rel) return null;
  const prior = opts.prior;
  let mean = rel.lift;
  let variance = rel.variance;
  if (prior && prior.variance > 0) {
    const precision = 1 / rel.variance + 1 / prior.variance;
    mean = (rel.lift / rel.variance + prior.mean / prior.variance) / precision;
    variance = 1 / precision;
  }
  const sd = Math.sqrt(variance);
  const z = normalQuantile(1 - alpha / 2);
  const pPositive = normalCdf(mean / sd);
  const lossIfControl = expectedPositivePart(mean, sd);
  const lossIfTreatment = expectedPositivePart(-mean, sd);
  const lower = opts.direction === 'lower';
  return {
    lift: mean,
    chanceToWin: lower ? 1 - pPositive : pPositive,
    risk: lower
      ? { control: lossIfTreatment, treatment: lossIfControl }
      : { control: lossIfControl, treatment: lossIfTreatment },
    ci: [mean - z * sd, mean + z * sd],
  };
}

/** E[max(X, 0)] for X ~ N(mu, sd²): mu·Φ(mu/sd) + sd·φ(mu/sd). */
function expectedPositivePart(mu: number, sd: number): number {
  const k = mu / sd;
  const pdf = Math.exp(-0.5 * k * k) / Math.sqrt(2 * Math.PI);
  return Math.max(0, mu * normalCdf(k) + sd * pdf);
}
