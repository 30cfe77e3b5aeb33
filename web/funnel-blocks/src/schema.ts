import * as z from 'zod';

/**
 * The block library's data contract: the Puck document a funnel page is (root props + blocks), each block's props
 * as a zod schema, and the design tokens pages render with. One definition for the editor (web), the API (saving a
 * draft), the AI page draft (the model's output schema) and the publisher. zod only: safe everywhere.
 */

const fontFamily = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9 ,"'_.-]+$/, 'font names separated by commas');

/** Design tokens a client's pages render with (from the canon's visual style, editable per client). */
export const DesignTokens = z.object({
  colors: z.object({
    primary: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1a2b3c'),
    primaryText: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #ffffff'),
    background: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #ffffff'),
    text: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #111111'),
    muted: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #666666'),
    accent: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #ff8800'),
  }),
  /** CSS font-family lists; no other CSS syntax, since they land in a style attribute of the published page. */
  fonts: z.object({
    heading: fontFamily,
    body: fontFamily,
  }),
  /** Corner radius in pixels. */
  radius: z.number().int().min(0).max(48),
});
export type DesignTokens = z.infer<typeof DesignTokens>;

export const DEFAULT_DESIGN_TOKENS: DesignTokens = {
  colors: {
    primary: '#1f4fd8',
    primaryText: '#ffffff',
    background: '#ffffff',
    text: '#16181d',
    muted: '#5b6270',
    accent: '#f59e0b',
  },
  fonts: {
    heading: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    body: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  },
  radius: 8,
};

const text = (max: number) => z.string().max(max);
const required = (max: number) => z.string().trim().min(1, 'required').max(max);

/** An image a block shows: a media object served by MOS, with its intrinsic size (no layout shift). */
export const ImageRef = z.object({
  mediaId: z.uuid().nullable(),
  /** Absolute URL or a MOS media path (`/media/<id>`); the publisher writes what the visitor loads. */
  src: z.string().min(1).max(2000),
  alt: text(300),
  width: z.number().int().min(1).max(10_000),
  height: z.number().int().min(1).max(10_000),
});
export type ImageRef = z.infer<typeof ImageRef>;

/** Where a button or form leads: a page of this funnel (by page id) or an external URL. */
export const LinkTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('page'), pageId: z.uuid() }),
  z.object({ kind: z.literal('url'), url: z.url({ protocol: /^https?$/ }) }),
  /** The page's `next page` wiring. */
  z.object({ kind: z.literal('next') }),
]);
export type LinkTarget = z.infer<typeof LinkTarget>;

const blockId = z.string().min(1).max(200);

export const HeroProps = z.object({
  id: blockId,
  eyebrow: text(120),
  headline: required(200),
  subheadline: text(600),
  image: ImageRef.nullable(),
  ctaLabel: text(80),
  ctaTarget: LinkTarget.nullable(),
  align: z.enum(['left', 'center']),
});
export const RichTextProps = z.object({
  id: blockId,
  /** Paragraphs separated by blank lines; `**bold**`, `*italic*`, `[label](https://…)` and `- ` lists. */
  text: required(20_000),
});
export const ImageProps = z.object({ id: blockId, image: ImageRef, caption: text(300) });
export const VideoEmbedProps = z.object({
  id: blockId,
  provider: z.enum(['youtube', 'vimeo']),
  videoId: z.string().regex(/^[A-Za-z0-9_-]{4,32}$/, 'the id from the video URL'),
  title: required(200),
});
export const ButtonProps = z.object({
  id: blockId,
  label: required(80),
  target: LinkTarget,
  variant: z.enum(['primary', 'secondary']),
});
/** Names a lead form posts besides its fields (the plain POST's hidden ids and the consent checkbox). */
export const LEAD_FORM_RESERVED_NAMES = [
  'publicationId',
  'pageId',
  'variantId',
  'blockId',
  'consent',
] as const;
export const LeadFormField = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _')
    .refine(
      (name) => !(LEAD_FORM_RESERVED_NAMES as readonly string[]).includes(name),
      'this name is reserved for the form itself',
    ),
  label: required(120),
  type: z.enum(['text', 'email', 'tel', 'textarea']),
  required: z.boolean(),
});
export const LeadFormProps = z.object({
  id: blockId,
  heading: text(200),
  fields: z
    .array(LeadFormField)
    .min(1)
    .max(12)
    .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, 'field names must differ'),
  submitLabel: required(80),
  /** Shown under the button; with `consentRequired` the visitor ticks it before submitting. */
  consentText: text(1000),
  consentRequired: z.boolean(),
  /** After a submission: this page, or the page's next page when null. */
  successTarget: LinkTarget.nullable(),
});
export const PricePoint = z.object({
  label: required(120),
  /** Minor units (cents). */
  amountMinor: z.number().int().min(0).max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code'),
  interval: z.enum(['once', 'month', 'year']),
  note: text(200),
});
export const OfferPricingProps = z.object({
  id: blockId,
  /** The client's offer this block was filled from (snapshot: a publication never changes afterwards). */
  offerId: z.uuid().nullable(),
  heading: required(200),
  description: text(2000),
  bullets: z.array(required(200)).max(12),
  pricePoints: z.array(PricePoint).min(1).max(6),
  ctaLabel: required(80),
  ctaTarget: LinkTarget,
});
export const TestimonialsProps = z.object({
  id: blockId,
  heading: text(200),
  items: z
    .array(z.object({ quote: required(1000), name: required(120), role: text(120) }))
    .min(1)
    .max(12),
});
export const FaqProps = z.object({
  id: blockId,
  heading: text(200),
  items: z
    .array(z.object({ question: required(300), answer: required(3000) }))
    .min(1)
    .max(30),
});
export const CountdownProps = z.object({
  id: blockId,
  label: required(200),
  endsAt: z.iso.datetime({ offset: true }),
  expiredText: required(200),
});
export const FooterProps = z.object({
  id: blockId,
  text: text(1000),
  links: z.array(z.object({ label: required(80), url: z.url({ protocol: /^https?$/ }) })).max(10),
});

/** Every block type, by the name Puck stores in `content[].type`. */
export const BLOCK_PROPS = {
  Hero: HeroProps,
  RichText: RichTextProps,
  Image: ImageProps,
  VideoEmbed: VideoEmbedProps,
  Button: ButtonProps,
  LeadForm: LeadFormProps,
  OfferPricing: OfferPricingProps,
  Testimonials: TestimonialsProps,
  Faq: FaqProps,
  Countdown: CountdownProps,
  Footer: FooterProps,
} as const;
export type BlockType = keyof typeof BLOCK_PROPS;
export const BLOCK_TYPES = Object.keys(BLOCK_PROPS) as BlockType[];
export type BlockPropsOf<T extends BlockType> = z.infer<(typeof BLOCK_PROPS)[T]>;

export const Block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Hero'), props: HeroProps }),
  z.object({ type: z.literal('RichText'), props: RichTextProps }),
  z.object({ type: z.literal('Image'), props: ImageProps }),
  z.object({ type: z.literal('VideoEmbed'), props: VideoEmbedProps }),
  z.object({ type: z.literal('Button'), props: ButtonProps }),
  z.object({ type: z.literal('LeadForm'), props: LeadFormProps }),
  z.object({ type: z.literal('OfferPricing'), props: OfferPricingProps }),
  z.object({ type: z.literal('Testimonials'), props: TestimonialsProps }),
  z.object({ type: z.literal('Faq'), props: FaqProps }),
  z.object({ type: z.literal('Countdown'), props: CountdownProps }),
  z.object({ type: z.literal('Footer'), props: FooterProps }),
]);
export type Block = z.infer<typeof Block>;

/** Page-level settings (Puck's `root.props`): what the `<head>` says and the consent option. */
export const PageRootProps = z.object({
  title: required(120),
  description: text(300),
  ogImage: ImageRef.nullable(),
  favicon: ImageRef.nullable(),
});
export type PageRootProps = z.infer<typeof PageRootProps>;

/** A Puck document as stored in `funnel_page_versions.document`. Block ids are unique within a page. */
export const PageDocument = z
  .object({
    root: z.object({ props: PageRootProps }),
    content: z.array(Block).max(60),
    zones: z.record(z.string(), z.array(Block)).default({}),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.content.forEach((block, index) => {
      if (seen.has(block.props.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['content', index, 'props', 'id'],
          message: 'block ids must differ',
        });
      }
      seen.add(block.props.id);
    });
  });
export type PageDocument = z.infer<typeof PageDocument>;

/** Every link a page makes to another page of the funnel, with the block it comes from. */
export interface InternalLink {
  blockId: string;
  blockType: BlockType;
  kind: 'cta' | 'form';
  label: string;
  target: LinkTarget;
}

/** The links of a page's blocks (buttons, hero and offer CTAs, form success targets), in document order. */
export function collectLinks(doc: PageDocument): InternalLink[] {
  const links: InternalLink[] = [];
  for (const block of doc.content) {
    const id = block.props.id;
    switch (block.type) {
      case 'Hero':
        if (block.props.ctaTarget)
          links.push({
            blockId: id,
            blockType: 'Hero',
            kind: 'cta',
            label: block.props.ctaLabel,
            target: block.props.ctaTarget,
          });
        break;
      case 'Button':
        links.push({
          blockId: id,
          blockType: 'Button',
          kind: 'cta',
          label: block.props.label,
          target: block.props.target,
        });
        break;
      case 'OfferPricing':
        links.push({
          blockId: id,
          blockType: 'OfferPricing',
          kind: 'cta',
          label: block.props.ctaLabel,
          target: block.props.ctaTarget,
        });
        break;
      case 'LeadForm':
        links.push({
          blockId: id,
          blockType: 'LeadForm',
          kind: 'form',
          label: block.props.submitLabel,
          target: block.props.successTarget ?? { kind: 'next' },
        });
        break;
      default:
        break;
    }
  }
  return links;
}

/** A new page's document: the title only. */
export function emptyPageDocument(title: string): PageDocument {
  return {
    root: { props: { title, description: '', ogImage: null, favicon: null } },
    content: [],
    zones: {},
  };
}
