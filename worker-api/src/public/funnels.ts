import type { Database } from '@mos/db';
import {
  ACTIVE_PUBLICATION_TTL_MS,
  bindingIngestLimiters,
  type CacheApiLike,
  cacheApiPublishedCache,
  createActiveFunnelCache,
  dbMediaOnly,
  directIngestSink,
  type FunnelRuntimeDeps,
  handleFunnelRequest,
  type IngestLimiters,
  memoryIngestLimiters,
  memoryPublishedCache,
  type PublishedCache,
  type QueueProducerLike,
  queueIngestSink,
  tieredPublishedCache,
} from '@mos/db/funnel-runtime';
import { Hono } from 'hono';
import { peerAddressOf } from '../auth/peer';

/** The Queue producer binding of the public ingest (wrangler.toml `[[queues.producers]]`). */
export const FUNNEL_EVENTS_QUEUE_BINDING = 'FUNNEL_EVENTS';

export interface PublicFunnelOptions {
  database: Database;
  /** The media store per object `storage`; per request, since on Workers the R2 binding lives in the env. */
  media?: (bindings: unknown) => FunnelRuntimeDeps['media'];
  /** How long the active publication of a public id is trusted (default ACTIVE_PUBLICATION_TTL_MS). */
  activeTtlMs?: number;
  /** The limiters when the env carries no Rate Limiting bindings (default: in-memory FUNNEL_INGEST_LIMITS). */
  limiters?: IngestLimiters;
  /** Default: memory, in front of the Workers Cache API where there is one. */
  pages?: PublishedCache;
}

const isQueue = (v: unknown): v is QueueProducerLike =>
  typeof v === 'object' && v !== null && typeof (v as { send?: unknown }).send === 'function';

/** Workers' `ctx.waitUntil`, or undefined where there is no execution context (Node: Hono's getter throws). */
function waitUntilOf(c: { executionCtx: { waitUntil(p: Promise<unknown>): void } }) {
  try {
    const ctx = c.executionCtx;
    return (work: Promise<unknown>) => ctx.waitUntil(work);
  } catch {
    return undefined;
  }
}

/** The Workers Cache API's default cache, when this runtime has one (workerd does; Node does not). */
function workersCache(): CacheApiLike | null {
  const caches = (globalThis as { caches?: { default?: CacheApiLike } }).caches;
  return caches?.default ?? null;
}

/**
 * `/f/:publicId` and everything under it: published pages, media, and the events and leads ingest, served by
 * the shared runtime of `@mos/db/funnel-runtime`. No auth (visitors are anonymous); mounted before tRPC.
 * Caches and in-memory limiters are created once per process or isolate; the queue, the Rate Limiting
 * bindings and the caller's address come from each request's env.
 */
export function publicFunnelRoutes(opts: PublicFunnelOptions) {
  const db = opts.database.db;
  const cacheApi = workersCache();
  const pages =
    opts.pages ??
    (cacheApi
      ? tieredPublishedCache(memoryPublishedCache(16 * 1024 * 1024), cacheApiPublishedCache(cacheApi))
      : memoryPublishedCache());
  const active = createActiveFunnelCache(opts.activeTtlMs ?? ACTIVE_PUBLICATION_TTL_MS);
  const memoryLimiters = opts.limiters ?? memoryIngestLimiters();
  const direct = directIngestSink(db);

  const app = new Hono();
  const handle = (c: {
    req: { raw: Request; param(name: string): string | undefined; path: string };
    env: unknown;
    executionCtx: { waitUntil(p: Promise<unknown>): void };
  }) => {
    const publicId = c.req.param('publicId') ?? '';
    const base = `/f/${publicId}/`;
    const rest = c.req.path.startsWith(base) ? c.req.path.slice(base.length) : '';
    const env = (c.env ?? {}) as Record<string, unknown>;
    const queue = env[FUNNEL_EVENTS_QUEUE_BINDING];
    const deps: FunnelRuntimeDeps = {
      db,
      pages,
      active,
      media: opts.media?.(c.env) ?? dbMediaOnly,
      limiters: bindingIngestLimiters(c.env) ?? memoryLimiters,
      sink: isQueue(queue) ? queueIngestSink(queue) : direct,
    };
    // Node passes the socket's peer; on Workers the platform sets CF-Connecting-IP (a client cannot forge it).
    const clientIp = peerAddressOf(c.env) ?? c.req.raw.headers.get('cf-connecting-ip');
    return handleFunnelRequest(c.req.raw, { publicId }, base, rest, deps, {
      clientIp,
      waitUntil: waitUntilOf(c),
    });
  };
  app.all('/f/:publicId', (c) => handle(c));
  app.all('/f/:publicId/*', (c) => handle(c));
  return app;
}
