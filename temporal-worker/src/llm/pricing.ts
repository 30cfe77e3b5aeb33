/** USD per one million tokens. */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}

/** Model name (or name prefix before a `-date` / `-variant` suffix) → list price. */
export type LlmPricing = Readonly<Record<string, ModelPrice>>;

/**
 * List prices of the models MOS is configured with, for cost *estimates* in `llm_calls` (cached-input discounts
 * and web-search tool fees are not included). Override per deployment with `createLlmClient({ pricing })`.
 */
export const DEFAULT_PRICING: LlmPricing = {
  'gpt-5.2': { inputPerMTok: 1.75, outputPerMTok: 14 },
  'gpt-5.1': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2 },
  'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  o3: { inputPerMTok: 2, outputPerMTok: 8 },
  'o4-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'o3-deep-research': { inputPerMTok: 10, outputPerMTok: 40 },
};

/**
 * The price entry of `model`: an exact name, else the longest entry that `model` extends with `-…`
 * (`gpt-5.2-2025-12-11` → `gpt-5.2`, `gpt-5-mini-2025-08-07` → `gpt-5-mini`, never `gpt-5`).
 */
export function priceOf(model: string, pricing: LlmPricing = DEFAULT_PRICING): ModelPrice | null {
  const exact = pricing[model];
  if (exact) return exact;
  let best: string | null = null;
  for (const key of Object.keys(pricing)) {
    if (model.startsWith(`${key}-`) && (best === null || key.length > best.length)) best = key;
  }
  return best === null ? null : (pricing[best] ?? null);
}

/** Estimated USD cost of one call, rounded to the 6 decimals `llm_calls.cost_usd` stores; unknown model → 0. */
export function estimateCostUsd(
  model: string,
  inputTokens: number,
  outputTokens: number,
  pricing: LlmPricing = DEFAULT_PRICING,
): number {
  const price = priceOf(model, pricing);
  if (!price) return 0;
  const usd = (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
  return Math.round(usd * 1_000_000) / 1_000_000;
}
