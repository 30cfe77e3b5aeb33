import type { PublicFunnel } from '../data/funnel-public';

/**
 * Caches of the public runtime. Published HTML is immutable per publication, so its entries are keyed by
 * publication id and never invalidated: a new publish changes the active publication, hence the key. Page indexes
 * (the weights) also carry the funnel's routing version, bumped when weights change in place. Only the "which
 * publication and routing version is active for this public id / host" answer can go stale; it is kept for `ttlMs`.
 */
export interface PublishedCache {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
}

/** An in-memory LRU bounded by the total length of what it holds (strings: about two bytes per character). */
export function memoryPublishedCache(
  maxChars = 32 * 1024 * 1024,
): PublishedCache & { readonly size: number } {
  const entries = new Map<string, string>();
  let chars = 0;
  return {
    get size() {
      return entries.size;
    },
    async get(key) {
      const value = entries.get(key);
      if (value === undefined) return null;
      // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    async put(key, value) {
      if (value.length > maxChars) return;
      const old = entries.get(key);
      if (old !== undefined) {
        chars -= old.length;
        entries.delete(key);
      }
      entries.set(key, value);
      chars += value.length;
      for (const [k, v] of entries) {
        if (chars <= maxChars) break;
        entries.delete(k);
        chars -= v.length;
      }
    },
  };
}

/** The subset of the Workers Cache API used here (typed locally so db needs no Workers types). */
export interface CacheApiLike {
  match(request: Request): Promise<Response | undefined>;
  put(request: Request, response: Response): Promise<void>;
}

const CACHE_ORIGIN = 'https://funnel-cache.mos.internal/';

/** The Workers Cache API (per data centre) as a PublishedCache; entries are immutable, so a year of max-age. */
export function cacheApiPublishedCache(cache: CacheApiLike): PublishedCache {
  const requestOf = (key: string) => new Request(CACHE_ORIGIN + encodeURIComponent(key));
  return {
    async get(key) {
      const hit = await cache.match(requestOf(key));
      return hit ? hit.text() : null;
    },
    async put(key, value) {
      await cache.put(
        requestOf(key),
        new Response(value, {
          headers: {
            'content-type': 'text/plain; charset=utf-8',
            'cache-control': 'public, max-age=31536000, immutable',
          },
        }),
      );
    },
  };
}

/** Memory first, then the shared tier; a shared hit is copied into memory. */
export function tieredPublishedCache(near: PublishedCache, far: PublishedCache): PublishedCache {
  return {
    async get(key) {
      const local = await near.get(key);
      if (local !== null) return local;
      const remote = await far.get(key);
      if (remote !== null) await near.put(key, remote);
      return remote;
    },
    async put(key, value) {
      await near.put(key, value);
      await far.put(key, value);
    },
  };
}

/**
 * The answer for a public id or a host. Fresh for `ttlMs`; after that the last answer is still served while one
 * background re-check runs (kept alive by `waitUntil` on Workers), so no visitor waits on the database and a new
 * publish is visible once that re-check lands: within `ttlMs` plus one query while the page has traffic. An answer
 * older than `maxStaleMs` is never served: that request reads the database itself. Null answers are kept too, so
 * unknown hosts stay cheap.
 */
export interface ActiveFunnelCache {
  readonly ttlMs: number;
  get(
    key: string,
    load: () => Promise<PublicFunnel | null>,
    waitUntil?: (work: Promise<unknown>) => void,
  ): Promise<PublicFunnel | null>;
}

interface ActiveEntry {
  at: number;
  value: PublicFunnel | null;
  refreshing: boolean;
}

export function createActiveFunnelCache(
  ttlMs: number,
  opts: { now?: () => number; maxStaleMs?: number; maxEntries?: number } = {},
): ActiveFunnelCache {
  const now = opts.now ?? Date.now;
  const maxStaleMs = opts.maxStaleMs ?? Math.max(ttlMs * 15, 30_000);
  const maxEntries = opts.maxEntries ?? 10_000;
  const entries = new Map<string, ActiveEntry>();
  // Blocking loads in flight, shared so concurrent first requests make one query (each awaits its own request's
  // promise only through this map while the request that started it is awaiting it too).
  const loading = new Map<string, Promise<PublicFunnel | null>>();

  const store = (key: string, value: PublicFunnel | null, at: number) => {
    if (ttlMs <= 0) return;
    if (entries.size >= maxEntries && !entries.has(key)) entries.clear();
    entries.set(key, { at, value, refreshing: false });
  };

  return {
    ttlMs,
    async get(key, load, waitUntil) {
      const at = now();
      const hit = entries.get(key);
      if (hit) {
        const age = at - hit.at;
        if (age < ttlMs) return hit.value;
        if (age < maxStaleMs && (waitUntil || !isWorkers)) {
          if (!hit.refreshing) {
            hit.refreshing = true;
            const refresh = load().then(
              (value) => store(key, value, now()),
              () => {
                hit.refreshing = false;
              },
            );
            waitUntil?.(refresh);
          }
          return hit.value;
        }
      }
      const pending = loading.get(key);
      if (pending) return pending;
      const value = load();
      loading.set(key, value);
      try {
        const result = await value;
        store(key, result, at);
        return result;
      } finally {
        loading.delete(key);
      }
    },
  };
}

/** On Workers a promise nobody awaits may be cancelled with its request, so refreshes there need `waitUntil`. */
const isWorkers =
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers';
