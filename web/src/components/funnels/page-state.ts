import type { FunnelPageRow } from './types';

export type PageState = 'draft' | 'approved' | 'changed';

/**
 * A page is approved when its newest version is an approved one; a draft saved after an approval makes it
 * "changed since approval" (publishing still uses the approved version until the new draft is approved).
 */
export function pageState(
  page: Pick<FunnelPageRow, 'latestApprovedVersionId' | 'hasUnapprovedChanges'>,
): PageState {
  if (!page.latestApprovedVersionId) return 'draft';
  return page.hasUnapprovedChanges ? 'changed' : 'approved';
}

/** The pages a page may lead to next: every other page of the funnel (never itself). */
export function nextPageOptions<P extends Pick<FunnelPageRow, 'id'>>(
  pages: readonly P[],
  pageId: string,
): P[] {
  return pages.filter((p) => p.id !== pageId);
}

/** `<api base>/f/<publicId>/<slug>`: where the edge serves the page once published. */
export function publicPageUrl(apiBaseUrl: string, publicId: string, slug: string): string {
  return `${apiBaseUrl.replace(/\/+$/, '')}/f/${encodeURIComponent(publicId)}/${encodeURIComponent(slug)}`;
}
