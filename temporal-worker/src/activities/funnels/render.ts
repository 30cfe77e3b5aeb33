import type { RenderedPage, RenderPublishedPageInput } from '@mos/funnel-blocks/render';

export type { RenderedPage, RenderPublishedPageInput };

/** The block library's `renderPublishedPage` (or a stand-in with its signature). */
export type RenderPublishedPage = (args: RenderPublishedPageInput) => Promise<RenderedPage>;

/**
 * The block library's renderer, imported when the first publish runs: it pulls in React and react-dom/server,
 * which no other activity needs at worker start.
 */
export async function loadRenderPublishedPage(): Promise<RenderPublishedPage> {
  const mod = await import('@mos/funnel-blocks/render');
  return mod.renderPublishedPage;
}
