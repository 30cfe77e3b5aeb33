import { collectLinks, type LinkTarget, type PageDocument } from './schema';

/**
 * The publish rules (one implementation for `canPublish` in the API and the publish workflow): the funnel is not
 * disabled, it has pages and an entry page of its own, every page and variant has an approved version, and every
 * internal link targets a page of this funnel. Each problem names the page it is about.
 */
export interface PublishCandidatePage {
  id: string;
  name: string;
  slug: string;
  nextPageId: string | null;
  /** The latest approved version, or null when the page has none. */
  approved: { versionId: string; document: PageDocument } | null;
  variants: Array<{
    id: string;
    name: string;
    weight: number;
    approved: { versionId: string; document: PageDocument } | null;
  }>;
}

export interface PublishCandidate {
  status: 'draft' | 'published' | 'disabled' | 'archived';
  entryPageId: string | null;
  pages: PublishCandidatePage[];
}

export const PUBLISH_PROBLEM_REASONS = [
  'funnel_disabled',
  'no_pages',
  'no_entry_page',
  'entry_page_not_in_funnel',
  'page_not_approved',
  'variant_not_approved',
  'link_outside_funnel',
  'link_without_next_page',
  'next_page_outside_funnel',
] as const;
export type PublishProblemReason = (typeof PUBLISH_PROBLEM_REASONS)[number];

export interface PublishProblem {
  reason: PublishProblemReason;
  pageId: string | null;
  message: string;
}

/** A link between two pages of the publication (what `funnel_publication_links` stores). */
export interface ResolvedLink {
  fromPageId: string;
  toPageId: string;
  kind: 'cta' | 'form' | 'auto';
  label: string;
  meta: { blockId?: string; variantId?: string; source?: 'next_page' };
}

export type PublishCheck = { ok: true; links: ResolvedLink[] } | { ok: false; problems: PublishProblem[] };

export function checkPublishRules(candidate: PublishCandidate): PublishCheck {
  const problems: PublishProblem[] = [];
  const links: ResolvedLink[] = [];
  const byId = new Map(candidate.pages.map((p) => [p.id, p]));
  if (candidate.status === 'disabled' || candidate.status === 'archived') {
    problems.push({ reason: 'funnel_disabled', pageId: null, message: `The funnel is ${candidate.status}.` });
  }
  if (candidate.pages.length === 0) {
    problems.push({ reason: 'no_pages', pageId: null, message: 'The funnel has no pages.' });
  }
  if (!candidate.entryPageId) {
    problems.push({ reason: 'no_entry_page', pageId: null, message: 'The funnel has no entry page.' });
  } else if (!byId.has(candidate.entryPageId)) {
    problems.push({
      reason: 'entry_page_not_in_funnel',
      pageId: candidate.entryPageId,
      message: 'The entry page is not a page of this funnel.',
    });
  }

  const resolve = (
    page: PublishCandidatePage,
    target: LinkTarget,
    where: string,
  ): { toPageId: string } | { problem: PublishProblem } | null => {
    if (target.kind === 'url') return null;
    if (target.kind === 'next') {
      if (!page.nextPageId) {
        return {
          problem: {
            reason: 'link_without_next_page',
            pageId: page.id,
            message: `Page '${page.name}': ${where} leads to the next page, but the page has no next page.`,
          },
        };
      }
      return { toPageId: page.nextPageId };
    }
    if (!byId.has(target.pageId)) {
      return {
        problem: {
          reason: 'link_outside_funnel',
          pageId: page.id,
          message: `Page '${page.name}': ${where} links to a page that is not in this funnel.`,
        },
      };
    }
    return { toPageId: target.pageId };
  };

  for (const page of candidate.pages) {
    if (!page.approved) {
      problems.push({
        reason: 'page_not_approved',
        pageId: page.id,
        message: `Page '${page.name}' is not approved.`,
      });
    }
    if (page.nextPageId && !byId.has(page.nextPageId)) {
      problems.push({
        reason: 'next_page_outside_funnel',
        pageId: page.id,
        message: `Page '${page.name}': its next page is not a page of this funnel.`,
      });
    } else if (page.nextPageId) {
      links.push({
        fromPageId: page.id,
        toPageId: page.nextPageId,
        kind: 'auto',
        label: 'Next page',
        meta: { source: 'next_page' },
      });
    }
    const documents: Array<{ variantId: string | null; document: PageDocument }> = [];
    if (page.approved) documents.push({ variantId: null, document: page.approved.document });
    for (const variant of page.variants) {
      if (!variant.approved) {
        problems.push({
          reason: 'variant_not_approved',
          pageId: page.id,
          message: `Page '${page.name}': variant '${variant.name}' is not approved.`,
        });
      } else {
        documents.push({ variantId: variant.id, document: variant.approved.document });
      }
    }
    for (const { variantId, document } of documents) {
      for (const link of collectLinks(document)) {
        const where = `the ${link.blockType} block "${link.label}"`;
        const resolved = resolve(page, link.target, where);
        if (resolved === null) continue;
        if ('problem' in resolved) {
          problems.push(resolved.problem);
          continue;
        }
        links.push({
          fromPageId: page.id,
          toPageId: resolved.toPageId,
          kind: link.kind,
          label: link.label,
          meta: variantId ? { blockId: link.blockId, variantId } : { blockId: link.blockId },
        });
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, links };
}

/**
 * Next-page wiring refuses a page pointing to itself, to a page of another funnel, or a chain that comes back
 * round (A → B → A). Returns the reason, or null when the wiring is fine.
 */
export function nextPageProblem(
  pages: Array<{ id: string; nextPageId: string | null }>,
  pageId: string,
  nextPageId: string | null,
): 'self' | 'other_funnel' | 'cycle' | null {
  if (nextPageId === null) return null;
  if (nextPageId === pageId) return 'self';
  const next = new Map(pages.map((p) => [p.id, p.nextPageId]));
  if (!next.has(nextPageId)) return 'other_funnel';
  next.set(pageId, nextPageId);
  const seen = new Set<string>([pageId]);
  let cursor: string | null | undefined = nextPageId;
  while (cursor) {
    if (seen.has(cursor)) return 'cycle';
    seen.add(cursor);
    cursor = next.get(cursor) ?? null;
  }
  return null;
}
