export { createLlmClient, type LlmClientOptions, MAX_SCHEMA_ATTEMPTS } from './client';
export { DEFAULT_PRICING, estimateCostUsd, type LlmPricing, type ModelPrice, priceOf } from './pricing';
export { promptSha256 } from './prompt-hash';
export * from './types';
