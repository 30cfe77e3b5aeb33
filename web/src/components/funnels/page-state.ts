import type { FunnelPageRow } from './types';

export type PageState = 'draft' | 'approved' | 'changed';

/**
 * A page is approved when its latest approved version is also its latest version; a draft saved after that
 * approval makes it "changed since approval" (publishing still uses the approved version).
 */
export function pageState(page: Pick<FunnelPageRow, 'latestDraft' | 'latestApproved'>): PageState {
  if (!page.latestApproved) return 'draft';
  if (page.latestDraft && Date.parse(page.latestDraft.createdAt) > Date.parse(page.latestApproved.createdAt))
    return 'changed';
  return 'approved';
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
