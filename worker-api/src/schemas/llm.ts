import * as z from 'zod';
import { Id } from './common';

export const LLM_USAGE_GROUPS = ['day', 'model', 'activity'] as const;
export const LlmUsageGroup = z.enum(LLM_USAGE_GROUPS);
export type LlmUsageGroup = z.infer<typeof LlmUsageGroup>;

/** Longest range one usage query may cover. */
export const MAX_USAGE_RANGE_DAYS = 366;
export const DEFAULT_USAGE_RANGE_DAYS = 30;

/** A calendar day (`2025-03-01`, the whole day in UTC) or an instant with an offset (`2025-03-01T12:00:00Z`). */
const IsoDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be an ISO date (YYYY-MM-DD) or date-time',
});

export const LlmUsage = z.strictObject({
  /** Inclusive; defaults to 30 days before `to`. */
  from: IsoDate.optional(),
  /** Inclusive for a calendar day, exclusive for a date-time; defaults to now. */
  to: IsoDate.optional(),
  groupBy: LlmUsageGroup.default('day'),
  clientId: Id.optional(),
  runId: Id.optional(),
});
export type LlmUsage = z.infer<typeof LlmUsage>;

/** The largest monthly budget an org may set (US dollars): a typo of extra zeros is refused, not spent. */
export const MAX_LLM_MONTHLY_BUDGET_USD = 100_000;

/** An org's monthly LLM budget in US dollars (cents precision); null goes back to the default. */
export const LlmSetBudget = z.strictObject({
  limitUsd: z
    .number({ error: 'must be a number of US dollars' })
    .finite()
    .min(0, { error: 'must be 0 or more' })
    .max(MAX_LLM_MONTHLY_BUDGET_USD, { error: `may be at most ${MAX_LLM_MONTHLY_BUDGET_USD} US dollars` })
    .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { error: 'must be whole cents' })
    .nullable(),
});
export type LlmSetBudget = z.infer<typeof LlmSetBudget>;
