import { jsonError, notFoundPage } from './http';
import { ingestEvents, submitLead } from './ingest';
import { serveFunnelEntry, serveFunnelMedia, serveFunnelPage } from './serve';
import type { FunnelRequestInfo, FunnelRoute, FunnelRuntimeDeps } from './types';

const RESERVED = new Set(['api', 'media']);

/**
 * Everything under a funnel's base path, the same on the edge (`/f/<publicId>/`) and on a custom domain (`/`):
 * `` → entry redirect, `<slug>` → page, `api/events`, `api/leads`, `media/<id>`. `rest` is the path after the base.
 */
export async function handleFunnelRequest(
  request: Request,
  route: FunnelRoute,
  basePath: string,
  rest: string,
  deps: FunnelRuntimeDeps,
  info: FunnelRequestInfo,
): Promise<Response> {
  const method = request.method.toUpperCase();
  const read = method === 'GET' || method === 'HEAD';
  const parts = rest.split('/').filter((p, i, all) => p !== '' || i < all.length - 1);
  if (rest === '' || rest === '/') {
    return read ? serveFunnelEntry(request, route, basePath, deps, info) : methodNotAllowed('GET, HEAD');
  }
  if (parts[0] === 'api' && parts.length === 2) {
    if (method !== 'POST') return methodNotAllowed('POST');
    if (parts[1] === 'events') return ingestEvents(request, route, deps, info);
    if (parts[1] === 'leads') return submitLead(request, route, basePath, deps, info);
    return notFoundPage();
  }
  if (parts[0] === 'media' && parts.length === 2 && parts[1]) {
    return read ? serveFunnelMedia(request, route, parts[1], deps, info) : methodNotAllowed('GET, HEAD');
  }
  if (parts.length !== 1 || !parts[0] || RESERVED.has(parts[0])) return notFoundPage();
  if (!read) return methodNotAllowed('GET, HEAD');
  let slug: string;
  try {
    slug = decodeURIComponent(parts[0]);
  } catch {
    return notFoundPage();
  }
  return serveFunnelPage(request, { ...route, slug }, basePath, deps, info);
}

function methodNotAllowed(allow: string): Response {
  const res = jsonError(405, 'METHOD_NOT_ALLOWED', `use ${allow}`);
  res.headers.set('allow', allow);
  return res;
}
