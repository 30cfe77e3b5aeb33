import { FunnelSettings } from '../contracts/funnels';
import { findFunnelMedia, findSlugRedirect, type PublicFunnel } from '../data/funnel-public';
import { DEFAULT_ROBOTS, gonePage, isHttps, notFoundPage, visitorCookie, visitorOf } from './http';
import { encodedBody, htmlKey, pageHtml, pageIndex, resolveFunnel } from './resolve';
import type { FunnelRequestInfo, FunnelRoute, FunnelRuntimeDeps } from './types';
import { chooseVariant } from './variant';

/** The `X-Robots-Tag` a funnel asked for (settings are validated on write; anything odd falls back to noindex). */
export function robotsOf(funnel: PublicFunnel): string {
  const parsed = FunnelSettings.shape.robots.safeParse(
    (funnel.settings as { robots?: unknown } | null)?.robots,
  );
  return parsed.success ? parsed.data : DEFAULT_ROBOTS;
}

/** A live funnel for the route, or the page that says why not (404 unknown/unpublished, 410 disabled). */
export async function liveFunnel(
  deps: FunnelRuntimeDeps,
  route: FunnelRoute,
  info?: FunnelRequestInfo,
): Promise<{ funnel: PublicFunnel; publicationId: string } | { refused: Response }> {
  const funnel = await resolveFunnel(deps, route, info?.waitUntil);
  if (!funnel) return { refused: notFoundPage() };
  if (funnel.status === 'disabled' || funnel.status === 'archived')
    return { refused: gonePage(robotsOf(funnel)) };
  if (!funnel.activePublicationId || !funnel.entrySlug) return { refused: notFoundPage() };
  return { funnel, publicationId: funnel.activePublicationId };
}

const redirect = (status: 301 | 302 | 303, location: string, robots: string) =>
  new Response(null, {
    status,
    headers: { location, 'cache-control': 'no-store', 'x-robots-tag': robots },
  });

/** `<base>` → 302 to the entry page of the active publication, keeping the query (UTM and click ids). */
export async function serveFunnelEntry(
  request: Request,
  route: FunnelRoute,
  basePath: string,
  deps: FunnelRuntimeDeps,
  info?: FunnelRequestInfo,
): Promise<Response> {
  const live = await liveFunnel(deps, route, info);
  if ('refused' in live) return live.refused;
  const { search } = new URL(request.url);
  return redirect(
    302,
    `${basePath}${encodeURIComponent(live.funnel.entrySlug ?? '')}${search}`,
    robotsOf(live.funnel),
  );
}

/**
 * `<base><slug>`: the stored HTML of the active publication, the variant chosen here (sticky per visitor), with an
 * ETag per rendering; an old slug answers 301, an unknown one 404, a disabled funnel 410.
 */
export async function serveFunnelPage(
  request: Request,
  target: FunnelRoute & { slug: string },
  basePath: string,
  deps: FunnelRuntimeDeps,
  info?: FunnelRequestInfo,
): Promise<Response> {
  const live = await liveFunnel(deps, target, info);
  if ('refused' in live) return live.refused;
  const { funnel, publicationId } = live;
  const robots = robotsOf(funnel);
  const index = await pageIndex(deps, funnel, publicationId, target.slug);
  if (!index) {
    const to = await findSlugRedirect(deps.db, funnel.orgId, funnel.funnelId, target.slug);
    if (to && to !== target.slug) {
      return redirect(301, `${basePath}${encodeURIComponent(to)}${new URL(request.url).search}`, robots);
    }
    return notFoundPage();
  }
  const visitor = visitorOf(request);
  const chosen = chooseVariant(
    index.variants,
    visitor.visitorId,
    index.variants.find((v) => v.experimentId)?.experimentId ?? index.pageId,
  );
  const etag = `"${chosen.contentHash}"`;
  // A plain record, not Headers: Node's server writes it as is (the proxy's hot path).
  const headers: Record<string, string> = {
    etag,
    // Browsers revalidate every time (a new publish may change the page); the server caches per publication.
    'cache-control': 'private, no-cache',
    vary: 'Cookie',
    'x-robots-tag': robots,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
  if (deps.sharedCacheSeconds !== undefined) {
    // chooseVariant gives everyone the same rendering unless two or more variants have weight.
    const shared = index.variants.length === 1 || index.variants.filter((v) => v.weight > 0).length <= 1;
    headers['x-accel-expires'] = shared ? String(deps.sharedCacheSeconds) : '0';
  }
  if (visitor.isNew) {
    headers['set-cookie'] = visitorCookie(
      visitor.visitorId,
      isHttps(request, deps.trustForwardedProto ?? false),
    );
  }
  if (!visitor.isNew && ifNoneMatch(request, etag)) return new Response(null, { status: 304, headers });
  const html = await pageHtml(deps, funnel, publicationId, target.slug, index.pageId, chosen.variantId);
  if (html === null) return notFoundPage();
  const body = encodedBody(htmlKey(publicationId, index.pageId, chosen.variantId), html);
  headers['content-type'] = 'text/html; charset=utf-8';
  headers['content-length'] = String(body.byteLength);
  // The cached bytes themselves: Response copies a buffer source it is given (Fetch standard, workerd), and Node's
  // server only writes it, so no response can change what the next one sends.
  return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
    status: 200,
    headers,
  });
}

function ifNoneMatch(request: Request, etag: string): boolean {
  const header = request.headers.get('if-none-match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

const ONE_YEAR_SECONDS = 31_536_000;

/** `<base>media/<mediaId>`: the funnel org's media bytes (ids are unguessable; immutable). */
export async function serveFunnelMedia(
  request: Request,
  route: FunnelRoute,
  mediaId: string,
  deps: FunnelRuntimeDeps,
  info?: FunnelRequestInfo,
): Promise<Response> {
  const funnel = await resolveFunnel(deps, route, info?.waitUntil);
  if (!funnel || funnel.status === 'disabled' || funnel.status === 'archived') return notFoundPage();
  const media = await findFunnelMedia(deps.db, funnel.orgId, mediaId);
  if (!media) return notFoundPage();
  const etag = `"${media.sha256 ?? mediaId}"`;
  const headers = new Headers({
    'content-type': media.mimeType ?? 'application/octet-stream',
    'cache-control': 'public, max-age=31536000, immutable',
    etag,
    'x-content-type-options': 'nosniff',
  });
  if (deps.sharedCacheSeconds !== undefined) headers.set('x-accel-expires', String(ONE_YEAR_SECONDS));
  if (ifNoneMatch(request, etag)) return new Response(null, { status: 304, headers });
  const store = deps.media(media.storage);
  const bytes = store ? await store.get(deps.db, funnel.orgId, media.storageKey) : null;
  if (!bytes) return notFoundPage();
  headers.set('content-length', String(bytes.byteLength));
  return new Response(request.method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>), {
    status: 200,
    headers,
  });
}
