import {
  findPublicFunnelByHost,
  findPublicFunnelByPublicId,
  loadPublicationManifest,
  loadPublishedPage,
  type PublicationManifest,
  type PublicFunnel,
} from '../data/funnel-public';
import type { FunnelRoute, FunnelRuntimeDeps } from './types';

/** The funnel a route names, through the short-lived active-publication cache. */
export function resolveFunnel(
  deps: FunnelRuntimeDeps,
  route: FunnelRoute,
  waitUntil?: (work: Promise<unknown>) => void,
): Promise<PublicFunnel | null> {
  if ('publicId' in route) {
    const publicId = route.publicId.toLowerCase();
    return deps.active.get(`id:${publicId}`, () => findPublicFunnelByPublicId(deps.db, publicId), waitUntil);
  }
  const host = normalizeHost(route.host);
  if (!host) return Promise.resolve(null);
  return deps.active.get(`host:${host}`, () => findPublicFunnelByHost(deps.db, host), waitUntil);
}

/** Lower-case, without port or trailing dot; null for something that is not a host name. */
export function normalizeHost(raw: string): string | null {
  let host = raw.trim().toLowerCase();
  if (host.startsWith('[')) return null;
  host = host.replace(/:\d+$/, '').replace(/\.$/, '');
  return /^[a-z0-9.-]{1,253}$/.test(host) ? host : null;
}

/** The renderings of one published page without their HTML: what choosing a variant and the ETag need. */
export interface PageIndex {
  pageId: string;
  variants: { variantId: string | null; weight: number; experimentId: string | null; contentHash: string }[];
}

export const htmlKey = (publicationId: string, pageId: string, variantId: string | null) =>
  `html:${publicationId}:${pageId}:${variantId ?? 'page'}`;
// Weights can change in place (experiment decisions, the bandit), so an index is keyed by the routing version too.
const indexKey = (publicationId: string, routingVersion: number, slug: string) =>
  `idx:${publicationId}:${routingVersion}:${slug}`;
const manifestKey = (publicationId: string) => `manifest:${publicationId}`;

// Parsed indexes by key, so a warm request does not parse JSON; the cached string itself is the check.
const parsedIndexes = new Map<string, { raw: string; index: PageIndex }>();
function parsedIndex(key: string, raw: string): PageIndex {
  const hit = parsedIndexes.get(key);
  if (hit && hit.raw === raw) return hit.index;
  const index = JSON.parse(raw) as PageIndex;
  if (parsedIndexes.size >= 1000) parsedIndexes.clear();
  parsedIndexes.set(key, { raw, index });
  return index;
}

/**
 * The page index for a slug of a publication: from the cache, else one query that also fills the cache with
 * every rendering's HTML (the visitor is about to need one of them). null: the slug is not in the publication.
 */
export async function pageIndex(
  deps: FunnelRuntimeDeps,
  funnel: PublicFunnel,
  publicationId: string,
  slug: string,
): Promise<PageIndex | null> {
  const key = indexKey(publicationId, funnel.routingVersion, slug);
  const cached = await deps.pages.get(key);
  if (cached !== null) return parsedIndex(key, cached);
  const rows = await loadPublishedPage(deps.db, funnel.orgId, publicationId, slug);
  const first = rows[0];
  if (!first) return null;
  const index: PageIndex = {
    pageId: first.pageId,
    variants: rows.map((r) => ({
      variantId: r.variantId,
      weight: r.weight,
      experimentId: r.experimentId,
      contentHash: r.contentHash,
    })),
  };
  for (const r of rows) await deps.pages.put(htmlKey(publicationId, r.pageId, r.variantId), r.html);
  await deps.pages.put(key, JSON.stringify(index));
  return index;
}

// Encoded bodies by key: the UTF-8 bytes of a cached page are made once, not on every response.
const encodedBodies = new Map<string, { raw: string; bytes: Uint8Array }>();
export function encodedBody(key: string, raw: string): Uint8Array {
  const hit = encodedBodies.get(key);
  if (hit && hit.raw === raw) return hit.bytes;
  const bytes = new TextEncoder().encode(raw);
  if (encodedBodies.size >= 500) encodedBodies.clear();
  encodedBodies.set(key, { raw, bytes });
  return bytes;
}

/** The HTML of one rendering; a cache miss (evicted, or another data centre) reloads the page's rows. */
export async function pageHtml(
  deps: FunnelRuntimeDeps,
  funnel: PublicFunnel,
  publicationId: string,
  slug: string,
  pageId: string,
  variantId: string | null,
): Promise<string | null> {
  const key = htmlKey(publicationId, pageId, variantId);
  const cached = await deps.pages.get(key);
  if (cached !== null) return cached;
  const rows = await loadPublishedPage(deps.db, funnel.orgId, publicationId, slug);
  let found: string | null = null;
  for (const r of rows) {
    await deps.pages.put(htmlKey(publicationId, r.pageId, r.variantId), r.html);
    if (r.pageId === pageId && r.variantId === variantId) found = r.html;
  }
  return found;
}

/** The publication's pages and links (immutable, so cached like its HTML). */
export async function publicationManifest(
  deps: FunnelRuntimeDeps,
  funnel: PublicFunnel,
  publicationId: string,
): Promise<PublicationManifest | null> {
  const cached = await deps.pages.get(manifestKey(publicationId));
  if (cached !== null) {
    const manifest = JSON.parse(cached) as PublicationManifest;
    return manifest.funnelId === funnel.funnelId ? manifest : null;
  }
  const manifest = await loadPublicationManifest(deps.db, funnel.orgId, publicationId);
  if (!manifest) return null;
  await deps.pages.put(manifestKey(publicationId), JSON.stringify(manifest));
  return manifest.funnelId === funnel.funnelId ? manifest : null;
}
