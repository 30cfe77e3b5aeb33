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

/** Each variant's share of the page's traffic (the base page included), as fractions summing to 1. */
export function trafficShares(weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => (total > 0 ? w / total : 0));
}

/** A set of weights a page can serve with: some traffic must go somewhere. */
export function weightsProblem(weights: readonly number[]): string | null {
  return weights.every((w) => w === 0) ? 'at least one weight must be above 0' : null;
}
