/**
 * The sticky A/B rule, the same on the edge and in the funnel proxy: a visitor's variant is a pure function of
 * the visitor id, the experiment (or the page when the variants test no named experiment) and the weights of
 * the publication being served, so every request of that visitor gets the same rendering and nothing flickers.
 */
export interface WeightedChoice {
  variantId: string | null;
  weight: number;
}

/** FNV-1a, 32 bits: fast, dependency-free, and evenly spread over the visitor ids we generate. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // A final avalanche (murmur3's fmix32) so ids differing in their last characters spread over the whole range.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * Picks one of `choices` (in their stored order) with probability proportional to its weight. Choices with
 * weight 0 are never picked unless every weight is 0, in which case the first (the page itself) is served.
 */
export function chooseVariant<T extends WeightedChoice>(
  choices: readonly T[],
  visitorId: string,
  scope: string,
): T {
  const first = choices[0];
  if (!first) throw new Error('chooseVariant needs at least one choice');
  const total = choices.reduce((sum, c) => sum + Math.max(0, c.weight), 0);
  if (choices.length === 1 || total <= 0) return first;
  const point = (fnv1a32(`${scope}:${visitorId}`) / 0x1_0000_0000) * total;
  let acc = 0;
  for (const choice of choices) {
    acc += Math.max(0, choice.weight);
    if (point < acc) return choice;
  }
  return choices[choices.length - 1] ?? first;
}
