/**
 * Rate limits of the public ingest, per visitor and per IP. The shape is worker-api's RateLimiter (a Workers
 * Rate Limiting binding adapts to it); the in-memory fixed window here serves Node (the API in dev, the funnel
 * proxy), one process and so one counter.
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

const MAX_KEYS = 50_000;

export function memoryRateLimiter(rule: RateLimitRule, now: () => number = Date.now): RateLimiter {
  const periodMs = rule.periodSeconds * 1000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async limit(key) {
      const at = now();
      if (windows.size >= MAX_KEYS) {
        for (const [k, w] of windows) if (at - w.start >= periodMs) windows.delete(k);
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

export function memoryIngestLimiters(
  rules: Record<'visitor' | 'ip', RateLimitRule> = FUNNEL_INGEST_LIMITS,
  now?: () => number,
): IngestLimiters {
  return { visitor: memoryRateLimiter(rules.visitor, now), ip: memoryRateLimiter(rules.ip, now) };
}

/** The Workers Rate Limiting binding's API. */
export interface RateLimitBindingLike {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

const isBinding = (v: unknown): v is RateLimitBindingLike =>
  typeof v === 'object' && v !== null && typeof (v as { limit?: unknown }).limit === 'function';

/** The binding limiters when the Worker's env carries both, else null. */
export function bindingIngestLimiters(bindings: unknown): IngestLimiters | null {
  if (typeof bindings !== 'object' || bindings === null) return null;
  const env = bindings as Record<string, unknown>;
  const visitor = env[FUNNEL_INGEST_LIMIT_BINDINGS.visitor];
  const ip = env[FUNNEL_INGEST_LIMIT_BINDINGS.ip];
  if (!isBinding(visitor) || !isBinding(ip)) return null;
  const adapt = (b: RateLimitBindingLike, rule: RateLimitRule): RateLimiter => ({
    async limit(key) {
      const { success } = await b.limit({ key });
      // The binding answers yes or no; the window's length is the honest bound on when to retry.
      return success ? { ok: true } : { ok: false, retryAfterSeconds: rule.periodSeconds };
    },
  });
  return { visitor: adapt(visitor, FUNNEL_INGEST_LIMITS.visitor), ip: adapt(ip, FUNNEL_INGEST_LIMITS.ip) };
}
