/**
 * Rate limits: the one limiter shape MOS uses (the public ingest here, per visitor and per IP; worker-api's
 * LLM-start limits re-use it), with two implementations: a Workers Rate Limiting binding adapted to it, and an
 * in-memory fixed window for Node (one process, so one counter).
 */
export type RateLimitOutcome = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  limit(key: string): Promise<RateLimitOutcome>;
}

export interface RateLimitRule {
  limit: number;
  /** Seconds; the Workers binding supports only 10 or 60. */
  periodSeconds: 10 | 60;
}

/** Keep in step with the FUNNEL_INGEST_LIMIT_* `[[ratelimits]]` of wrangler.toml (a test compares them). */
export const FUNNEL_INGEST_LIMITS = {
  visitor: { limit: 60, periodSeconds: 60 },
  ip: { limit: 600, periodSeconds: 60 },
} as const satisfies Record<'visitor' | 'ip', RateLimitRule>;

export const FUNNEL_INGEST_LIMIT_BINDINGS = {
  visitor: 'FUNNEL_INGEST_LIMIT_VISITOR',
  ip: 'FUNNEL_INGEST_LIMIT_IP',
} as const;

export interface IngestLimiters {
  visitor: RateLimiter;
  ip: RateLimiter;
}

/** A fixed window per key, like the binding's; `now` is injectable for tests, `maxKeys` bounds the memory. */
export function memoryRateLimiter(
  rule: RateLimitRule,
  now: () => number = Date.now,
  maxKeys = 50_000,
): RateLimiter {
  const periodMs = rule.periodSeconds * 1000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async limit(key) {
      const at = now();
      if (windows.size >= maxKeys) {
        for (const [k, w] of windows) if (at - w.start >= periodMs) windows.delete(k);
        // Still full of live windows: forget them rather than grow without bound.
        if (windows.size >= maxKeys) windows.clear();
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

export function memoryIngestLimiters(
  rules: Record<'visitor' | 'ip', RateLimitRule> = FUNNEL_INGEST_LIMITS,
  now?: () => number,
): IngestLimiters {
  return { visitor: memoryRateLimiter(rules.visitor, now), ip: memoryRateLimiter(rules.ip, now) };
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

/** The binding limiters when the Worker's env carries both, else null. */
export function bindingIngestLimiters(bindings: unknown): IngestLimiters | null {
  if (typeof bindings !== 'object' || bindings === null) return null;
  const env = bindings as Record<string, unknown>;
  const visitor = env[FUNNEL_INGEST_LIMIT_BINDINGS.visitor];
  const ip = env[FUNNEL_INGEST_LIMIT_BINDINGS.ip];
  if (!isRateLimitBinding(visitor) || !isRateLimitBinding(ip)) return null;
  return {
    visitor: bindingRateLimiter(visitor, FUNNEL_INGEST_LIMITS.visitor),
    ip: bindingRateLimiter(ip, FUNNEL_INGEST_LIMITS.ip),
  };
}
