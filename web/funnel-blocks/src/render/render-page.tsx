/** @jsxRuntime automatic @jsxImportSource react */
import { createHash } from 'node:crypto';
import { renderToStaticMarkup } from 'react-dom/server';
import { PageView } from '../components';
import { imageSrc, type RenderContext } from '../context';
import { DesignTokens, type ImageRef, PageDocument } from '../schema';
import { ConsentBanner, DEFAULT_CONSENT_BANNER_TEXT } from './consent-banner';
import { buildPageCss, collectClassCandidates } from './css';
import { PAGE_SCRIPT } from './page-script';

/** The funnel settings the page itself depends on (a subset of `FunnelSettings`). */
export interface PublishedPageSettings {
  consent: 'none' | 'line' | 'banner';
  metaPixelId: string | null;
  clientSidePixel: boolean;
  robots: string;
  consentBannerText?: string;
}

export interface RenderPublishedPageInput {
  document: PageDocument;
  tokens: DesignTokens;
  settings: PublishedPageSettings;
  publicationId: string;
  pageId: string;
  variantId: string | null;
  /** Slug of every page of the funnel, by page id: internal links are these slugs, relative to the page. */
  slugs: Record<string, string>;
  nextPageId: string | null;
  /** Default: `media/<id>`, relative to the page (served by the edge and the funnel proxy alike). */
  mediaUrl?: (mediaId: string) => string;
  /**
   * Absolute URL of a media object for `og:image` (link previews need an absolute URL, e.g. the API's
   * `https://…/media/<id>`). Default: `mediaUrl`.
   */
  absoluteMediaUrl?: (mediaId: string) => string;
  locale?: string;
  /** `<html lang>` (default `en`). */
  lang?: string;
}

export interface RenderedPage {
  html: string;
  /** sha256 of the HTML, hex: the ETag and the publication's content hash. */
  contentHash: string;
  bytes: number;
}

export class RenderPageError extends Error {
  constructor(
    readonly reason: 'invalid_document' | 'invalid_tokens' | 'unknown_page',
    message: string,
  ) {
    super(message);
    this.name = 'RenderPageError';
  }
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The page's own href for a page of its funnel: the slug, relative (works at `/f/<id>/<slug>` and `/<slug>`). */
export function relativePageHref(slugs: Record<string, string>, pageId: string): string {
  const slug = slugs[pageId];
  return slug === undefined ? '#' : encodeURI(slug);
}

/** Where each lead form of a page sends the visitor after a submission (the no-JavaScript POST redirects there). */
export function leadFormSuccessHrefs(
  document: PageDocument,
  slugs: Record<string, string>,
  nextPageId: string | null,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const block of document.content) {
    if (block.type !== 'LeadForm') continue;
    const target = block.props.successTarget ?? { kind: 'next' as const };
    out[block.props.id] =
      target.kind === 'url'
        ? target.url
        : target.kind === 'page'
          ? (slugs[target.pageId] ?? null)
          : nextPageId
            ? (slugs[nextPageId] ?? null)
            : null;
  }
  return out;
}

/**
 * Render one page (or variant) of a publication to a complete, static HTML document with the same block components
 * the editor shows: CSS for exactly the classes used, inlined; one inline script; no client framework. Runs once, at
 * publish; the stored HTML never changes afterwards.
 */
export async function renderPublishedPage(input: RenderPublishedPageInput): Promise<RenderedPage> {
  const parsed = PageDocument.safeParse(input.document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RenderPageError(
      'invalid_document',
      `The page document is not valid: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  const document = parsed.data;
  const tokens = DesignTokens.safeParse(input.tokens);
  if (!tokens.success) {
    const issue = tokens.error.issues[0];
    throw new RenderPageError(
      'invalid_tokens',
      `The design tokens are not valid: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  if (input.slugs[input.pageId] === undefined) {
    throw new RenderPageError('unknown_page', 'The page being rendered has no slug in this publication.');
  }
  const mediaUrl = input.mediaUrl ?? ((mediaId: string) => `media/${mediaId}`);
  const context: RenderContext = {
    mode: 'publish',
    pageHref: (pageId) => relativePageHref(input.slugs, pageId),
    nextHref: input.nextPageId ? relativePageHref(input.slugs, input.nextPageId) : null,
    mediaUrl,
    publicationId: input.publicationId,
    pageId: input.pageId,
    variantId: input.variantId,
    consent: input.settings.consent,
    locale: input.locale ?? 'en-US',
  };
  const markup = renderToStaticMarkup(
    <>
      <PageView document={document} tokens={tokens.data} context={context} />
      {input.settings.consent === 'banner' ? (
        <ConsentBanner text={input.settings.consentBannerText || DEFAULT_CONSENT_BANNER_TEXT} />
      ) : null}
    </>,
  );
  // React emits `<link rel="preload" as="image">` for eager images where it renders; they belong in the head.
  const preloads: string[] = [];
  const body = markup.replace(/<link rel="preload" as="image"[^>]*\/>/g, (tag) => {
    preloads.push(tag.replace(/\/>$/, '>'));
    return '';
  });
  const css = await buildPageCss(collectClassCandidates(body));

  const root = document.root.props;
  const src = (image: ImageRef) => imageSrc(image, context);
  const absolute = input.absoluteMediaUrl;
  const ogSrc = (image: ImageRef) => (image.mediaId && absolute ? absolute(image.mediaId) : src(image));
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(root.title)}</title>`,
    root.description ? `<meta name="description" content="${escapeHtml(root.description)}">` : '',
    `<meta name="robots" content="${escapeHtml(input.settings.robots)}">`,
    `<meta property="og:type" content="website">`,
    `<meta property="og:title" content="${escapeHtml(root.title)}">`,
    root.description ? `<meta property="og:description" content="${escapeHtml(root.description)}">` : '',
    root.ogImage
      ? `<meta property="og:image" content="${escapeHtml(ogSrc(root.ogImage))}"><meta property="og:image:width" content="${root.ogImage.width}"><meta property="og:image:height" content="${root.ogImage.height}">`
      : '',
    // Without an icon the browser asks for /favicon.ico: an empty data URL keeps the page at one request.
    `<link rel="icon" href="${root.favicon ? escapeHtml(src(root.favicon)) : 'data:,'}">`,
    ...preloads,
    `<style>${css}</style>`,
  ].join('');
  const pixel = input.settings.clientSidePixel && input.settings.metaPixelId;
  const bodyAttrs = [
    `data-publication="${escapeHtml(input.publicationId)}"`,
    `data-page="${escapeHtml(input.pageId)}"`,
    `data-variant="${escapeHtml(input.variantId ?? '')}"`,
    `data-consent="${escapeHtml(input.settings.consent)}"`,
    pixel ? `data-meta-pixel="${escapeHtml(pixel)}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const html = `<!doctype html><html lang="${escapeHtml(input.lang ?? 'en')}"><head>${head}</head><body ${bodyAttrs}>${body}<script>${PAGE_SCRIPT}</script></body></html>`;
  return {
    html,
    contentHash: createHash('sha256').update(html).digest('hex'),
    bytes: Buffer.byteLength(html),
  };
}
