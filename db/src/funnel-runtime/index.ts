/**
 * The public funnel runtime: serving published pages and ingesting events and leads, one implementation used by
 * worker-api (the edge, `/f/:publicId/…`, on Workers and on Node) and temporal-worker's funnel proxy (custom
 * domains). Web-standard Request/Response and WebCrypto only: no Node APIs.
 */
export {
  type FunnelEventRow,
  type FunnelLeadInsert,
  insertFunnelEvents,
  insertFunnelLeads,
  type PublicFunnel,
} from '../data/funnel-public';
export * from './cache';
export * from './http';
export * from './ingest';
export * from './rate-limit';
export { normalizeHost, resolveFunnel } from './resolve';
export * from './router';
export * from './serve';
export * from './sink';
export * from './types';
export * from './variant';

import type { Queryable } from '../db-type';
import { dbMediaStore, type MediaStore } from '../media/store';
import { createActiveFunnelCache, memoryPublishedCache, type PublishedCache } from './cache';
import { type IngestLimiters, memoryIngestLimiters } from './rate-limit';
import { directIngestSink } from './sink';
import type { FunnelRuntimeDeps, IngestSink } from './types';

/** Without a configured store only database bytes are reachable. */
export const dbMediaOnly = (storage: 'r2' | 'db' | 'local'): MediaStore | null =>
  storage === 'db' ? dbMediaStore : null;

/** How long the active publication of a public id or host is trusted before it is read again. */
export const ACTIVE_PUBLICATION_TTL_MS = 2_000;

/** The runtime with Node defaults (memory caches and limiters, direct writes); pass what differs. */
export function createFunnelRuntime(opts: {
  db: Queryable;
  pages?: PublishedCache;
  activeTtlMs?: number;
  media?: FunnelRuntimeDeps['media'];
  limiters?: IngestLimiters;
  sink?: IngestSink;
  trustForwardedProto?: boolean;
  sharedCacheSeconds?: number;
  now?: () => Date;
}): FunnelRuntimeDeps {
  return {
    db: opts.db,
    pages: opts.pages ?? memoryPublishedCache(),
    active: createActiveFunnelCache(opts.activeTtlMs ?? ACTIVE_PUBLICATION_TTL_MS),
    media: opts.media ?? dbMediaOnly,
    limiters: opts.limiters ?? memoryIngestLimiters(),
    sink: opts.sink ?? directIngestSink(opts.db),
    trustForwardedProto: opts.trustForwardedProto ?? false,
    ...(opts.sharedCacheSeconds !== undefined ? { sharedCacheSeconds: opts.sharedCacheSeconds } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  };
}
