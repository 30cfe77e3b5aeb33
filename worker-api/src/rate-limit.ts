/**
 * Rate limits on the mutations that start LLM work, per user and per org: the Workers Rate Limiting binding in
 * production (declared in wrangler.toml with the same rules as LLM_START_LIMITS) and an in-memory fixed window on
 * Node. The limiter itself is the one the public funnel ingest uses (`@mos/db/funnel-runtime`).
 */
import {
  bindingRateLimiter,
  isRateLimitBinding,
  memoryRateLimiter,
  type RateLimiter,
  type RateLimitRule,
} from '@mos/db/funnel-runtime';

export {
  bindingRateLimiter,
  isRateLimitBinding,
  type RateLimitBinding,
  type RateLimiter,
  type RateLimitOutcome,
  type RateLimitRule,
} from '@mos/db/funnel-runtime';

/** The two limiters a start of LLM work must pass. */
export interface LlmStartLimiters {
  user: RateLimiter;
  org: RateLimiter;
}

/** Keep in step with the `[[ratelimits]]` entries in wrangler.toml (a test compares them). */
export const LLM_START_LIMITS = {
  user: { limit: 10, periodSeconds: 60 },
  org: { limit: 30, periodSeconds: 60 },
} as const satisfies Record<keyof LlmStartLimiters, RateLimitRule>;

/** The Workers binding names of LLM_START_LIMITS. */
export const LLM_START_LIMIT_BINDINGS = {
  user: 'LLM_START_LIMIT_USER',
  org: 'LLM_START_LIMIT_ORG',
} as const satisfies Record<keyof LlmStartLimiters, string>;

const MAX_KEYS = 10_000;

/** A fixed window per key, like the binding's; `now` is injectable for tests. */
export const createMemoryRateLimiter = (rule: RateLimitRule, now: () => number = Date.now): RateLimiter =>
  memoryRateLimiter(rule, now, MAX_KEYS);

export function createMemoryLlmStartLimiters(
  rules: Record<keyof LlmStartLimiters, RateLimitRule> = LLM_START_LIMITS,
): LlmStartLimiters {
  return { user: createMemoryRateLimiter(rules.user), org: createMemoryRateLimiter(rules.org) };
}

/** The binding limiters when the request's environment (Workers bindings) carries both, else null. */
export function bindingLlmStartLimiters(bindings: unknown): LlmStartLimiters | null {
  if (typeof bindings !== 'object' || bindings === null) return null;
  const env = bindings as Record<string, unknown>;
  const user = env[LLM_START_LIMIT_BINDINGS.user];
  const org = env[LLM_START_LIMIT_BINDINGS.org];
  if (!isRateLimitBinding(user) || !isRateLimitBinding(org)) return null;
  return {
    user: bindingRateLimiter(user, LLM_START_LIMITS.user),
    org: bindingRateLimiter(org, LLM_START_LIMITS.org),
  };
}
