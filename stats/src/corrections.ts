/**
 * Multiple-comparison adjustments, returned in the input's order. Compare an adjusted p-value with alpha.
 * - Holm (step-down Bonferroni): family-wise error ≤ alpha, valid under any dependence; the decision rule uses it
 *   across treatments.
 * - Benjamini–Hochberg: false discovery rate ≤ alpha (independent or positively dependent tests); for
 *   multiple-metric reports where stated.
 * Non-finite p-values (NaN) stay NaN and do not count as tests.
 */
export function holm(pValues: number[]): number[] {
  const order = rankedIndices(pValues);
  const m = order.length;
  const out = pValues.map(() => Number.NaN);
  let running = 0;
  for (const [rank, i] of order.entries()) {
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[i] ?? Number.NaN)));
    out[i] = running;
  }
  return out;
}

export function benjaminiHochberg(pValues: number[]): number[] {
  const order = rankedIndices(pValues);
  const m = order.length;
  const out = pValues.map(() => Number.NaN);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const i = order[rank] ?? 0;
    running = Math.min(running, Math.min(1, ((pValues[i] ?? Number.NaN) * m) / (rank + 1)));
    out[i] = running;
  }
  return out;
}

/** Indices of the finite p-values, ascending by p (stable). */
function rankedIndices(pValues: number[]): number[] {
  return pValues
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => Number.isFinite(p))
    .sort((a, b) => a.p - b.p || a.i - b.i)
    .map(({ i }) => i);
}
