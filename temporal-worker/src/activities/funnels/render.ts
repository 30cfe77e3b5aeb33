import type { FunnelSettings } from '@mos/db/contracts';
import type { DesignTokens, PageDocument } from '@mos/funnel-blocks/schema';

/** What `renderPublishedPage` of `@mos/funnel-blocks/render` takes: one page or variant of a publication. */
export interface RenderPublishedPageArgs {
  document: PageDocument;
  tokens: DesignTokens;
  settings: FunnelSettings;
  /** Chosen before rendering: the page carries it on `<body data-publication>`. */
  publicationId: string;
  pageId: string;
  variantId: string | null;
  /** Every page of the funnel by id → its slug (internal links are relative to the page). */
  slugs: Record<string, string>;
  nextPageId: string | null;
}

export interface RenderedPage {
  html: string;
  /** sha256 of the HTML, hex (the ETag). */
  contentHash: string;
  bytes: number;
}

export type RenderPublishedPage = (args: RenderPublishedPageArgs) => Promise<RenderedPage>;

// A variable specifier: the block library's renderer is loaded when the first publish runs (it pulls in React),
// not when the worker starts.
const RENDER_MODULE = '@mos/funnel-blocks/render';

/** The block library's renderer, loaded once. */
export async function loadRenderPublishedPage(): Promise<RenderPublishedPage> {
  const mod = (await import(RENDER_MODULE)) as { renderPublishedPage: RenderPublishedPage };
  return mod.renderPublishedPage;
}
