/**
 * Rate limits on the mutations that start LLM work, per user and per org. One small interface with two
 * implementations: the Workers Rate Limiting binding in production (declared in wrangler.toml with the same
 * rules as LLM_START_LIMITS) and an in-memory fixed window on Node (one process, so one counter).
 */
export type RateLimitOutcome = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one use of `key` and answers whether it was allowed. */
  limit(key: string): Promise<RateLimitOutcome>;
}

export interface RateLimitRule {
  limit: number;
  /** Seconds; the Workers binding supports only 10 or 60. */
  periodSeconds: 10 | 60;
}

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
export function createMemoryRateLimiter(rule: RateLimitRule, now: () => number = Date.now): RateLimiter {
  const periodMs = rule.periodSeconds * 1000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async limit(key) {
      const at = now();
      if (windows.size >= MAX_KEYS) {
        for (const [k, w] of windows) if (at - w.start >= periodMs) windows.delete(k);
        // Still full of live windows: forget them rather than grow without bound.
        if (windows.size >= MAX_KEYS) windows.clear();
      }
      let w = windows.get(key);
      if (!w || at - w.start >= periodMs) {
        w = { start: at, count: 0 };
        windows.set(key, w);
      }
      if (w.count >= rule.limit) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + periodMs - at) / 1000)) };
      }
      w.count++;
      return { ok: true };
    },
  };
}

/** The Workers Rate Limiting binding's API (`env.NAME.limit({ key })`). */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export function isRateLimitBinding(value: unknown): value is RateLimitBinding {
  return (
    typeof value === 'object' && value !== null && typeof (value as { limit?: unknown }).limit === 'function'
  );
}

/** The binding answers only yes or no; the window's length is the honest upper bound on when to retry. */
export function bindingRateLimiter(binding: RateLimitBinding, rule: RateLimitRule): RateLimiter {
  return {
    async limit(key) {
      const { success } = await binding.limit({ key });
      return success ? { ok: true } : { ok: false, retryAfterSeconds: rule.periodSeconds };
    },
  };
}

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
