import { JSDOM } from 'jsdom';
import { type RenderPublishedPageInput, renderPublishedPage } from '../src/render';
import { DEFAULT_DESIGN_TOKENS, type PageDocument } from '../src/schema';
import { everyBlockDocument, PAGE_ID, PUBLICATION_ID, THANKS_ID, VARIANT_ID } from './fixtures';

export const SLUGS = { [PAGE_ID]: 'start', [THANKS_ID]: 'thank-you' };

export function publishInput(overrides: Partial<RenderPublishedPageInput> = {}): RenderPublishedPageInput {
  return {
    document: everyBlockDocument(),
    tokens: DEFAULT_DESIGN_TOKENS,
    settings: { consent: 'none', metaPixelId: null, clientSidePixel: false, robots: 'noindex, nofollow' },
    publicationId: PUBLICATION_ID,
    pageId: PAGE_ID,
    variantId: VARIANT_ID,
    slugs: SLUGS,
    nextPageId: THANKS_ID,
    ...overrides,
  };
}

export async function publishDocument(
  document: PageDocument,
  overrides: Partial<RenderPublishedPageInput> = {},
) {
  const page = await renderPublishedPage(publishInput({ document, ...overrides }));
  return { ...page, dom: new JSDOM(page.html).window.document };
}

/** Visible text, whitespace collapsed: what the editor and the published page must agree on. */
export function normalizedText(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
