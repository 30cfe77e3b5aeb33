import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { dbMediaStore, type Queryable } from '@mos/db';
import {
  createFunnelRuntime,
  type FunnelRuntimeDeps,
  handleFunnelRequest,
  type IngestLimiters,
  jsonOk,
  normalizeHost,
  notFoundPage,
} from '@mos/db/funnel-runtime';
import { localFolderMediaStore } from '@mos/db/node';

/**
 * The funnel proxy: published funnels on their custom domains (what nginx fronts on the Hetzner server). The
 * Host header picks a verified or active domain, hence the funnel and its active publication; everything else
 * (pages, variants, ingest, media) is the runtime worker-api serves on the edge, with base path `/`. Pages carry
 * `X-Accel-Expires` for nginx's cache (cloudhand's funnel sites): shared pages briefly, A/B pages never.
 */
export interface FunnelProxyOptions {
  db: Queryable;
  port: number;
  host?: string;
  /** How long a host's active publication is trusted before it is read again (default 2 s). */
  activeTtlMs?: number;
  /** The media store per object `storage` (default: database bytes only). */
  media?: FunnelRuntimeDeps['media'];
  limiters?: IngestLimiters;
  /** How long nginx in front may serve a page every visitor gets alike from its cache (default 5 s). */
  sharedCacheSeconds?: number;
}

/** Short, so a new publish reaches visitors behind nginx's cache within seconds of the active-publication bound. */
export const FUNNEL_PROXY_SHARED_CACHE_SECONDS = 5;

/** Media bytes the proxy can reach: the database's, and MEDIA_DIR's when the worker has one (no R2 on Node). */
export function funnelProxyMedia(mediaDir: string | undefined): FunnelRuntimeDeps['media'] {
  const local = mediaDir ? localFolderMediaStore(mediaDir) : null;
  return (storage) => (storage === 'db' ? dbMediaStore : storage === 'local' ? local : null);
}

export interface RunningFunnelProxy {
  url: string;
  port: number;
  runtime: FunnelRuntimeDeps;
  close(): Promise<void>;
}

const isLoopback = (address: string | undefined) =>
  !!address && (/^(::ffff:)?127\./.test(address) || address === '::1');

/**
 * The visitor's address: the socket's, or, when the socket is a local reverse proxy (nginx on the same host),
 * the last X-Forwarded-For hop, which that proxy appended itself.
 */
export function clientAddressOf(incoming: IncomingMessage): string | null {
  const peer = incoming.socket.remoteAddress;
  if (isLoopback(peer)) {
    const forwarded = incoming.headers['x-forwarded-for'];
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const last = hops[hops.length - 1];
    if (last) return last;
  }
  return peer ?? null;
}

export function createFunnelProxyHandler(runtime: FunnelRuntimeDeps, trustedRuntime: FunnelRuntimeDeps) {
  return async (request: Request, env: { incoming: IncomingMessage; outgoing: ServerResponse }) => {
    const url = new URL(request.url);
    if (url.pathname === '/healthz') return jsonOk({ ok: true });
    const behindProxy = isLoopback(env.incoming.socket.remoteAddress);
    const deps = behindProxy ? trustedRuntime : runtime;
    const info = { clientIp: clientAddressOf(env.incoming) };
    // `/f/<publicId>/…` as on the edge: what nginx proxies to for a funnel served on an IP and port (no domain).
    // A custom domain's slugs are one segment, so no page of one is shadowed.
    const byId = /^\/f\/([^/]+)(\/.*)?$/.exec(url.pathname);
    let response: Response;
    if (byId?.[1]) {
      const publicId = byId[1];
      response = await handleFunnelRequest(
        request,
        { publicId },
        `/f/${publicId}/`,
        (byId[2] ?? '').slice(1),
        deps,
        info,
      );
    } else {
      const host = normalizeHost(request.headers.get('host') ?? url.host);
      if (!host) return notFoundPage();
      response = await handleFunnelRequest(request, { host }, '/', url.pathname.slice(1), deps, info);
    }
    // An answer sent before the body was read (413): this connection cannot be reused.
    if (!env.incoming.complete) env.outgoing.setHeader('connection', 'close');
    return response;
  };
}

export async function startFunnelProxy(opts: FunnelProxyOptions): Promise<RunningFunnelProxy> {
  const runtime = createFunnelRuntime({
    db: opts.db,
    ...(opts.activeTtlMs !== undefined ? { activeTtlMs: opts.activeTtlMs } : {}),
    ...(opts.media ? { media: opts.media } : {}),
    ...(opts.limiters ? { limiters: opts.limiters } : {}),
    sharedCacheSeconds: opts.sharedCacheSeconds ?? FUNNEL_PROXY_SHARED_CACHE_SECONDS,
  });
  // The same caches and limiters; only X-Forwarded-Proto is believed, and only from a local reverse proxy.
  const trusted: FunnelRuntimeDeps = { ...runtime, trustForwardedProto: true };
  const listener = getRequestListener(createFunnelProxyHandler(runtime, trusted) as never);
  const server = createServer((req, res) => {
    void listener(req, res);
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const info = server.address() as AddressInfo;
  const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  return {
    url: `http://${shownHost}:${info.port}`,
    port: info.port,
    runtime,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((err) => (err ? fail(err) : done()));
        server.closeAllConnections();
      }),
  };
}
