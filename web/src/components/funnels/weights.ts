/** Weights are relative shares of a page's traffic: whole numbers from 0 to 100, at least one above 0. */
export const MAX_WEIGHT = 100;

/** The weight typed into a field, or the reason it is refused. */
export function parseWeight(text: string): { ok: true; value: number } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '') return { ok: false, error: 'is required' };
  if (!/^\d+$/.test(t)) return { ok: false, error: 'must be a whole number' };
  const value = Number(t);
  if (value > MAX_WEIGHT) return { ok: false, error: `must be at most ${MAX_WEIGHT}` };
  return { ok: true, value };
}

/**
 * How a page's traffic splits, as the publisher weighs it: each variant's weight is a percentage and the page as
 * it is keeps the rest (100 − their sum, at least 0); shares are relative to the total, so they sum to 1.
 */
export function trafficShares(variantWeights: readonly number[]): { base: number; variants: number[] } {
  const sum = variantWeights.reduce((s, w) => s + w, 0);
  const base = variantWeights.length === 0 ? 100 : Math.max(0, 100 - sum);
  const total = base + sum;
  if (total === 0) return { base: 1, variants: variantWeights.map(() => 0) };
  return { base: base / total, variants: variantWeights.map((w) => w / total) };
}

/** What to tell the author about a page's weights, or null when they split as written. */
export function weightsNote(variantWeights: readonly number[]): string | null {
  const sum = variantWeights.reduce((s, w) => s + w, 0);
  if (variantWeights.length > 0 && sum === 0)
    return 'Every variant weighs 0: visitors all get the page as it is.';
  if (sum >= 100) return 'The variants add up to 100 or more: the page as it is gets no traffic.';
  return null;
}
