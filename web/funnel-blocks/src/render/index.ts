/** Node-only publishing entry point: static HTML from the block components, its CSS, script and page weight. */
export { DEFAULT_CONSENT_BANNER_TEXT } from './consent-banner';
export { buildPageCss, collectClassCandidates } from './css';
export { PAGE_SCRIPT } from './page-script';
export {
  leadFormSuccessHrefs,
  type PublishedPageSettings,
  type RenderedPage,
  RenderPageError,
  type RenderPublishedPageInput,
  relativePageHref,
  renderPublishedPage,
} from './render-page';
export { measurePageWeight, type PageWeight } from './weight';
