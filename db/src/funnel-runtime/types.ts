import type { FunnelEventRow, FunnelLeadInsert } from '../data/funnel-public';
import type { Queryable } from '../db-type';
import type { MediaStore } from '../media/store';
import type { ActiveFunnelCache, PublishedCache } from './cache';
import type { IngestLimiters } from './rate-limit';

/** How a request names its funnel: the edge's `/f/:publicId/…` or a custom domain's Host. */
export type FunnelRoute = { publicId: string } | { host: string };

/** Where validated events and leads go: straight into the database, or onto a queue whose consumer inserts. */
export interface IngestSink {
  readonly kind: 'direct' | 'queue';
  events(rows: FunnelEventRow[]): Promise<void>;
  leads(rows: FunnelLeadInsert[]): Promise<void>;
}

/** Everything the runtime needs, built once per process or isolate and shared by requests. */
export interface FunnelRuntimeDeps {
  db: Queryable;
  /** Immutable per-publication entries (page indexes, HTML, manifests). */
  pages: PublishedCache;
  /** Which publication is live for a public id / host, re-checked after its TTL. */
  active: ActiveFunnelCache;
  /** The store holding media written with `storage` (each object records its own), or null when unreachable here. */
  media: (storage: 'r2' | 'db' | 'local') => MediaStore | null;
  limiters: IngestLimiters;
  sink: IngestSink;
  /** Trust `X-Forwarded-Proto` (the funnel proxy behind nginx); the edge sees the real scheme. */
  trustForwardedProto?: boolean;
  /**
   * The funnel proxy behind nginx: mark pages for nginx's cache with `X-Accel-Expires` (this many seconds for a
   * page every visitor gets alike, 0 for one with A/B variants, a year for media). Unset on the edge.
   */
  sharedCacheSeconds?: number;
  now?: () => Date;
}

/** Per request: what the transport knows about the caller. */
export interface FunnelRequestInfo {
  clientIp: string | null;
  /** Workers' `ctx.waitUntil`: keeps a background re-check of the active publication alive after the response. */
  waitUntil?: (work: Promise<unknown>) => void;
}
