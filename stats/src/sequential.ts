/**
 * GrowthBook's asymptotic confidence sequence (Waudby-Smith et al. 2023, arXiv 2103.06476v7, eq. 9, 155, 161),
 * as gbstats 0.8.0 `SequentialTwoSidedTTest` computes it. The interval holds its coverage at every look, so the
 * cycle may read it at every poll.
 *
 * The tuning parameter η (gbstats `sequential_tuning_parameter`, default 5000) is the total sample (both arms of
 * the comparison) at which the sequence is tightest; a wrong η costs width, never validity. MOS's default rule:
 * η = the plan's planned total for one comparison, i.e. 2 × plannedPerArm (see `sequentialTuningFor`).
 */

/** gbstats' default tuning parameter, used when no plan gives one. */
export const GBSTATS_DEFAULT_TUNING = 5000;

/** MOS's tuning rule: the planned units of one treatment-vs-control comparison (control + treatment). */
export function sequentialTuningFor(plannedPerArm: number): number {
  return Math.max(1, 2 * plannedPerArm);
}

/** ρ of the normal mixture, chosen so the sequence is tightest at N = tuning (eq. 161). */
export function sequentialRho(alpha: number, tuning: number): number {
  const l = -2 * Math.log(alpha);
  return Math.sqrt((l + Math.log(l + 1)) / tuning);
}

/**
 * Half-width of the confidence sequence at N units in total for an estimate whose variance is `variance`
 * (Var(estimate), e.g. the delta-method variance of the relative lift). Eq. 9 with s² = variance · N.
 */
export function sequentialHalfWidth(variance: number, totalN: number, alpha: number, tuning: number): number {
  const rho = sequentialRho(alpha, tuning);
  const s2 = variance * totalN;
  const nr2 = totalN * rho * rho;
  return (
    Math.sqrt(s2) * Math.sqrt((2 * (nr2 + 1) * Math.log(Math.sqrt(nr2 + 1) / alpha)) / (totalN * rho) ** 2)
  );
}

/**
 * Always-valid p-value (eq. 155): 1 / e-value of the mixture martingale, capped at 1. p < alpha exactly when the
 * sequence at alpha (same tuning) excludes 0.
 */
export function sequentialPValue(
  estimate: number,
  variance: number,
  totalN: number,
  alpha: number,
  tuning: number,
): number {
  const rho = sequentialRho(alpha, tuning);
  const st2 = (estimate * estimate * totalN) / variance;
  const tr2p1 = totalN * rho * rho + 1;
  const logE = (rho * rho * st2) / (2 * tr2p1) - 0.5 * Math.log(tr2p1);
  return Math.min(1, Math.exp(-logE));
}
