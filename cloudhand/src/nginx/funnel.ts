import type { ApplicationSpec } from '../plan/schema';
import {
  block,
  type Lines,
  type NginxRenderOptions,
  type NginxSite,
  type ResolvedOptions,
  resolveOptions,
  serverBlocks,
  site,
  TIMEOUTS,
} from './common';
import { NginxRenderError, port, publicId, siteId, siteName, type Upstream, upstreamUrl } from './values';

/**
 * Published funnels behind nginx, in front of MOS's funnel proxy (temporal-worker/src/funnel-proxy), which serves
 * a funnel by Host (`/<slug>`, `/api/events`, `/api/leads`, `/media/<id>`) and by public id under `/f/<id>/`.
 *
 * Caching is opt-in per response: the proxy marks a page every visitor gets alike with `X-Accel-Expires: <s>`,
 * media with a long one and a page with A/B variants with `X-Accel-Expires: 0`; nothing else is stored (no
 * X-Accel-Expires, a Set-Cookie, or /api/), whatever Cache-Control says to browsers. The visitor id cookie (`mos_vid`) that
 * picks a variant is given out by nginx here, not by the proxy: nginx hands a new visitor's id to the proxy in the
 * Cookie header (so the proxy picks that visitor's variant and sets no cookie) and sets the same id on the answer,
 * also on a cache hit. Without that, a shared page served from the cache would never give new visitors an id.
 */

/** The visitor cookie of the funnel runtime (db/src/funnel-runtime/http.ts) and its accepted values. */
const VISITOR_COOKIE = 'mos_vid';
const VISITOR_ID_RE = '^[A-Za-z0-9_-]{8,64}$';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
/**
 * Cache files kept open per site and worker: a funnel's pages and media in use (unused ones close after 60 s, the
 * least recently used first when full). Small, as they count against the worker's open-file limit.
 */
const OPEN_FILE_CACHE_MAX = 64;

/** http-level part of a cached funnel site: its cache zone and the visitor-id maps (names unique per site). */
export function funnelHttpLevel(id: string, cacheFolder: string): Lines {
  return [
    // One zone per site; the key holds the path (and the host when the site routes by host).
    `proxy_cache_path ${cacheFolder} levels=1:2 keys_zone=${id}:10m max_size=512m inactive=60m use_temp_path=off;`,
    // The visitor's id when it has a valid one: empty; otherwise a fresh id ($request_id: 32 hex digits).
    block(`map $cookie_${VISITOR_COOKIE} $${id}_vid_new`, [
      `"~${VISITOR_ID_RE}" "";`,
      'default $request_id;',
    ]),
    // First in the Cookie header: the runtime reads the first mos_vid, so an invalid old one cannot win.
    block(`map $${id}_vid_new $${id}_cookie_prefix`, [
      '"" "";',
      `default "${VISITOR_COOKIE}=$${id}_vid_new; ";`,
    ]),
    block(`map $https $${id}_secure`, ['on "; Secure";', 'default "";']),
    block(`map $${id}_vid_new $${id}_set_cookie`, [
      '"" "";',
      `default "${VISITOR_COOKIE}=$${id}_vid_new; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax$${id}_secure";`,
    ]),
  ];
}

interface FunnelRoutes {
  id: string;
  upstream: Upstream;
  /** Host routing (the custom domain reaches the proxy as Host) or a public id under `/f/<id>/`. */
  route: { kind: 'host' } | { kind: 'public-id'; publicId: string };
}

/** The server-level directives and locations of a cached funnel site. */
export function funnelServerBody({ id, upstream, route }: FunnelRoutes): Lines {
  const base = route.kind === 'host' ? upstream.path : `${upstream.path}/f/${publicId(route.publicId)}`;
  // Without a path the URI goes through untouched; with one, nginx swaps the location prefix for it.
  const pass = (prefix: '/' | '/api/') =>
    base === '' ? `proxy_pass ${upstream.origin};` : `proxy_pass ${upstream.origin}${base}${prefix};`;
  const host = route.kind === 'host' ? '$host' : '$proxy_host';
  const headers: Lines = [
    'proxy_http_version 1.1;',
    'proxy_set_header Connection "";',
    `proxy_set_header Host ${host};`,
    'proxy_set_header X-Real-IP $remote_addr;',
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    `proxy_set_header Cookie "$${id}_cookie_prefix$http_cookie";`,
    ...(upstream.https ? ['proxy_ssl_server_name on;'] : []),
    // The public id's pages answer with `/f/<id>/…` redirects; visitors of this site see them at `/…`.
    ...(route.kind === 'public-id'
      ? [`proxy_redirect ${base}/ /;`, `proxy_redirect ${upstream.origin}${base}/ /;`]
      : []),
  ];
  return [
    'client_max_body_size 25m;',
    ...TIMEOUTS,
    // Redirects keep the visitor's own host and scheme (the proxy's are relative; mapped ones too).
    'absolute_redirect off;',
    'gzip on;',
    'gzip_types text/css application/javascript application/json image/svg+xml;',
    // Server level only: a location with its own add_header would drop these.
    'add_header X-Cache-Status $upstream_cache_status always;',
    `add_header Set-Cookie $${id}_set_cookie always;`,
    block('location ^~ /api/', [pass('/api/'), 'proxy_cache off;', ...headers]),
    block('location /', [
      pass('/'),
      `proxy_cache ${id};`,
      // The path without the query: a page is the same whatever its UTM or click id (fbclid, gclid: unique per ad
      // click, so a key with them would miss for every paid visitor); only uncached redirects use the query.
      `proxy_cache_key ${route.kind === 'host' ? '$host$uri' : '$uri'};`,
      'proxy_cache_methods GET HEAD;',
      // A hit then reuses the cache file's open descriptor (no open, fstat and close per request). Safe with the
      // cache: nginx compares it with the inode the cache zone records, so a refreshed page is reopened at once.
      // Per location; errors are not kept (open_file_cache_errors is off).
      `open_file_cache max=${OPEN_FILE_CACHE_MAX} inactive=60s;`,
      'proxy_cache_lock on;',
      'proxy_cache_lock_timeout 5s;',
      // No background update: a refresh whose answer may not be stored (the page got variants, the funnel was
      // unpublished) would leave the stale copy in place for good; a foreground refresh replaces it.
      'proxy_cache_use_stale updating error timeout http_500 http_502 http_503 http_504;',
      // Only X-Accel-Expires decides (and Set-Cookie forbids): the Cache-Control and Vary: Cookie the proxy sends
      // are for browsers, and nginx before 1.23 let a Cache-Control ahead of X-Accel-Expires win.
      'proxy_ignore_headers Cache-Control Expires Vary;',
      // One stored encoding (identity); nginx compresses for the visitor.
      'proxy_set_header Accept-Encoding "";',
      ...headers,
    ]),
  ];
}

/**
 * A `funnel_publication` workload's site. With server names: nginx on port 80/443 for those names, Host passed
 * through to the proxy (which routes by it). Without: nginx on the workload's own port with `server_name _`,
 * proxying `/` to `<upstream>/f/<publicId>/`.
 */
export function renderFunnelSite(workload: ApplicationSpec, opts: NginxRenderOptions = {}): NginxSite {
  const o: ResolvedOptions = resolveOptions(opts);
  const name = siteName(workload.name);
  const ref = workload.source_ref;
  if (!ref)
    throw new NginxRenderError(
      'missing_source_ref',
      `funnel workload "${name}" has no source_ref to proxy to`,
    );
  const id = siteId(name);
  const upstream = upstreamUrl(ref.upstream_base_url, `workload "${name}" upstream_base_url`);
  const names = workload.service_config.server_names;
  let listenPort: number | undefined;
  if (!names.length) {
    const first = workload.service_config.ports[0];
    if (first === undefined)
      throw new NginxRenderError(
        'missing_port',
        `funnel workload "${name}" has no server names and no port (assign ports before rendering)`,
      );
    listenPort = port(first);
  }
  const body = funnelServerBody({
    id,
    upstream,
    route: names.length ? { kind: 'host' } : { kind: 'public-id', publicId: ref.public_id },
  });
  return site(
    name,
    funnelHttpLevel(id, `${o.cacheDir}/${name}`),
    serverBlocks(
      {
        names,
        https: workload.service_config.https,
        ...(listenPort !== undefined ? { port: listenPort } : {}),
        body,
      },
      o,
    ),
  );
}
