/** @jsxRuntime automatic @jsxImportSource react */
import type { ComponentType, ReactNode } from 'react';
import { Button } from './blocks/button';
import { Countdown } from './blocks/countdown';
import { Faq } from './blocks/faq';
import { Footer } from './blocks/footer';
import { Hero } from './blocks/hero';
import { Image } from './blocks/image';
import { LeadForm } from './blocks/lead-form';
import { OfferPricing } from './blocks/offer-pricing';
import { RichText } from './blocks/rich-text';
import { Testimonials } from './blocks/testimonials';
import { VideoEmbed } from './blocks/video-embed';
import { type RenderContext, RenderContextProvider, tokenStyle } from './context';
import type { Block, BlockPropsOf, BlockType, DesignTokens, PageDocument } from './schema';

export { formatDeadline } from './blocks/countdown';
export { formatPrice } from './blocks/offer-pricing';
export { videoUrls } from './blocks/video-embed';
export {
  DEFAULT_CONSENT_LINE,
  hrefFor,
  imageSrc,
  type RenderContext,
  RenderContextProvider,
  tokenStyle,
  useRenderContext,
} from './context';
export { MarkdownLite, parseMarkdownLite } from './markdown';
export {
  Button,
  Countdown,
  Faq,
  Footer,
  Hero,
  Image,
  LeadForm,
  OfferPricing,
  RichText,
  Testimonials,
  VideoEmbed,
};

/** The one component per block type: the editor's Puck config and the publisher both render these. */
export const BLOCK_COMPONENTS: { [T in BlockType]: ComponentType<BlockPropsOf<T>> } = {
  Hero,
  RichText,
  Image,
  VideoEmbed,
  Button,
  LeadForm,
  OfferPricing,
  Testimonials,
  Faq,
  Countdown,
  Footer,
};

export function BlockView({ block }: { block: Block }) {
  const Component = BLOCK_COMPONENTS[block.type] as ComponentType<Block['props']>;
  return <Component {...block.props} />;
}

/** The page wrapper: design tokens as CSS variables, background, text colour and body font. */
export function PageFrame({ tokens, children }: { tokens: DesignTokens; children: ReactNode }) {
  return (
    <div
      className="mos-page min-h-screen bg-[var(--mos-bg)] font-[family-name:var(--mos-font-body)] text-[var(--mos-text)] antialiased"
      style={tokenStyle(tokens)}
    >
      {children}
    </div>
  );
}

/** A whole page body: every block of the document, in order, inside the token wrapper. */
export function PageView({
  document,
  tokens,
  context,
}: {
  document: PageDocument;
  tokens: DesignTokens;
  context: RenderContext;
}) {
  return (
    <RenderContextProvider value={context}>
      <PageFrame tokens={tokens}>
        <main>
          {document.content.map((block) => (
            <BlockView key={block.props.id} block={block} />
          ))}
        </main>
      </PageFrame>
    </RenderContextProvider>
  );
}
