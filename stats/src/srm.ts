import { chiSquareSurvival } from './dist';
import type { SrmResult } from './types';

/**
 * Sample-ratio mismatch: Pearson's chi-square of the observed units per arm against the planned split (gbstats
 * `check_srm`). `mismatch` when p < threshold (0.001, as GrowthBook flags it): the assignment is broken and no
 * decision may be taken on the data. Arms with weight 0 are left out of the expectation; one of them holding
 * units is a mismatch by itself. No units, fewer than two weighted arms, or no weights at all (ad arms are not
 * randomised by MOS): p = 1, no mismatch.
 */
export function srmCheck(observed: number[], weights: number[], threshold = 0.001): SrmResult {
  const none: SrmResult = { chiSquare: 0, df: 0, pValue: 1, mismatch: false };
  if (weights.length === 0) return none;
  if (weights.length !== observed.length)
    throw new RangeError('srmCheck: observed and weights differ in length');
  const total = observed.reduce((s, o) => s + o, 0);
  if (!(total > 0)) return none;
  const totalWeight = weights.reduce((s, w) => s + Math.max(w, 0), 0);
  let chiSquare = 0;
  let weighted = 0;
  let unplannedUnits = 0;
  for (const [i, o] of observed.entries()) {
    const w = weights[i] ?? 0;
    if (!(w > 0)) {
      unplannedUnits += o;
      continue;
    }
    weighted += 1;
    const e = (w / totalWeight) * total;
    chiSquare += (o - e) ** 2 / e;
  }
  if (unplannedUnits > 0)
    return { chiSquare: Number.POSITIVE_INFINITY, df: weighted - 1, pValue: 0, mismatch: true };
  const df = weighted - 1;
  if (df < 1) return none;
  const pValue = chiSquareSurvival(chiSquare, df);
  return { chiSquare, df, pValue, mismatch: pValue < threshold };
}
