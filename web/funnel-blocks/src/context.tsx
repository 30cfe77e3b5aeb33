/** @jsxRuntime automatic @jsxImportSource react */
import { createContext, type ReactNode, useContext } from 'react';
import type { DesignTokens, ImageRef, LinkTarget } from './schema';

/**
 * What a block needs to know about where it is drawn: the editor (absolute API media URLs, links that go nowhere) or
 * a published page (everything relative to the page, so one stored HTML works at `/f/<publicId>/<slug>` and on a
 * custom domain).
 */
export interface RenderContext {
  mode: 'editor' | 'publish';
  /** The href of another page of this funnel (publish: its relative slug). */
  pageHref(pageId: string): string;
  /** The href of this page's next page, or null when it has none. */
  nextHref: string | null;
  /** The URL an image with a `mediaId` loads from (editor: the API's `/media/<id>`; publish: `media/<id>`). */
  mediaUrl(mediaId: string): string;
  publicationId: string | null;
  pageId: string | null;
  variantId: string | null;
  /** The funnel's consent option: `line` puts a consent line under every lead form. */
  consent?: 'none' | 'line' | 'banner';
  /** Locale prices and dates are formatted with (default `en-US`). */
  locale?: string;
}

/** The consent line forms show when the funnel asks for one and the block has no text of its own. */
export const DEFAULT_CONSENT_LINE =
  'By submitting this form you agree that we store your details to contact you about this offer.';

const EDITOR_CONTEXT: RenderContext = {
  mode: 'editor',
  pageHref: () => '#',
  nextHref: null,
  mediaUrl: (mediaId) => `/media/${mediaId}`,
  publicationId: null,
  pageId: null,
  variantId: null,
};

const Context = createContext<RenderContext>(EDITOR_CONTEXT);

export function RenderContextProvider({ value, children }: { value: RenderContext; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useRenderContext(): RenderContext {
  return useContext(Context);
}

/** Where a link target leads in this context; `#` when it leads nowhere yet (a `next` link without a next page). */
export function hrefFor(target: LinkTarget, ctx: RenderContext): string {
  switch (target.kind) {
    case 'page':
      return ctx.pageHref(target.pageId);
    case 'next':
      return ctx.nextHref ?? '#';
    case 'url':
      return target.url;
  }
}

export function isExternal(target: LinkTarget): boolean {
  return target.kind === 'url';
}

export function imageSrc(image: ImageRef, ctx: RenderContext): string {
  return image.mediaId ? ctx.mediaUrl(image.mediaId) : image.src;
}

/** The design tokens as the CSS variables every block's classes read (`bg-[var(--mos-primary)]`, …). */
export function tokenStyle(tokens: DesignTokens): Record<string, string> {
  return {
    '--mos-primary': tokens.colors.primary,
    '--mos-primary-text': tokens.colors.primaryText,
    '--mos-bg': tokens.colors.background,
    '--mos-text': tokens.colors.text,
    '--mos-muted': tokens.colors.muted,
    '--mos-accent': tokens.colors.accent,
    '--mos-font-heading': tokens.fonts.heading,
    '--mos-font-body': tokens.fonts.body,
    '--mos-radius': `${tokens.radius}px`,
  };
}
