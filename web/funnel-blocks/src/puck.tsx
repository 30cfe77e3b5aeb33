/** @jsxRuntime automatic @jsxImportSource react */
import { type ComponentConfig, type Config, FieldLabel, type Fields } from '@puckeditor/core';
import type { ComponentType, ReactNode } from 'react';
import { BLOCK_COMPONENTS, PageFrame } from './components';
import { type RenderContext, RenderContextProvider } from './context';
import { blockDefaults } from './defaults';
import {
  DateTimeInput,
  ImageInput,
  LinesInput,
  LinkTargetInput,
  MoneyInput,
  OfferSelect,
  type PageOption,
} from './puck-fields';
import {
  BLOCK_PROPS,
  BLOCK_TYPES,
  type BlockPropsOf,
  type BlockType,
  DEFAULT_DESIGN_TOKENS,
  type DesignTokens,
  type ImageRef,
  type LinkTarget,
  PageDocument,
  type PageRootProps,
} from './schema';

export type { PageOption } from './puck-fields';

/** A client's offer as the editor gets it (the shape of `product_offers` + price points). */
export interface PuckOffer {
  id: string;
  name: string;
  description?: string | null;
  differentiationBullets?: string[];
  pricePoints: Array<{
    label: string;
    currency: string;
    /** Either name works: the database says `amountCents`, the block says `amountMinor`. */
    amountCents?: number;
    amountMinor?: number;
    interval?: 'once' | 'month' | 'year';
    note?: string | null;
  }>;
}

export interface CreatePuckConfigOptions {
  offers: PuckOffer[];
  /** The pages of this funnel (targets for buttons, hero CTAs, offer CTAs and form success). */
  pages: PageOption[];
  mediaUrl: (mediaId: string) => string;
  uploadImage?: (file: File) => Promise<ImageRef>;
  tokens?: DesignTokens;
  /** The page being edited and its next page, so `next` links preview where they lead. */
  pageId?: string | null;
  nextPageId?: string | null;
  consent?: 'none' | 'line' | 'banner';
  locale?: string;
  /** Clock for new blocks' defaults (countdowns end a week later). */
  now?: Date;
}

/** Block props as Puck stores them: Puck owns `id`. */
export type PuckBlockProps = { [T in BlockType]: Omit<BlockPropsOf<T>, 'id'> };
export type PuckConfig = Config<PuckBlockProps, PageRootProps>;

const BLOCK_LABELS: Record<BlockType, string> = {
  Hero: 'Hero',
  RichText: 'Text',
  Image: 'Image',
  VideoEmbed: 'Video',
  Button: 'Button',
  LeadForm: 'Lead form',
  OfferPricing: 'Offer & pricing',
  Testimonials: 'Testimonials',
  Faq: 'FAQ',
  Countdown: 'Countdown',
  Footer: 'Footer',
};

/** A radio's or select's options from [label, value] pairs. */
const choices = <V extends string | boolean>(...pairs: [string, V][]) =>
  pairs.map(([label, value]) => ({ label, value }));
const boolOptions = choices(['Yes', true], ['No', false]);

/** Fill an OfferPricing block from a client's offer (a snapshot: the published page never changes afterwards). */
export function offerPricingFromOffer(
  offer: PuckOffer,
  current: Omit<BlockPropsOf<'OfferPricing'>, 'id'>,
): Omit<BlockPropsOf<'OfferPricing'>, 'id'> {
  const pricePoints = (offer.pricePoints ?? []).slice(0, 6).map((p) => ({
    label: p.label.slice(0, 120) || 'Price',
    amountMinor: Math.max(0, Math.round(p.amountMinor ?? p.amountCents ?? 0)),
    currency: p.currency.toUpperCase(),
    interval: p.interval ?? 'once',
    note: (p.note ?? '').slice(0, 200),
  }));
  const bullets = (offer.differentiationBullets ?? [])
    .map((b) => b.trim().slice(0, 200))
    .filter((b) => b.length > 0)
    .slice(0, 12);
  return {
    ...current,
    offerId: offer.id,
    heading: offer.name.slice(0, 200) || current.heading,
    description: (offer.description ?? current.description).slice(0, 2000),
    bullets: bullets.length > 0 ? bullets : current.bullets,
    pricePoints: pricePoints.length > 0 ? pricePoints : current.pricePoints,
  };
}

/**
 * The Puck config of the funnel editor: its components are the block library's components (`render` calls them,
 * inside the same render context and token wrapper the publisher uses), with a field for every prop.
 */
export function createPuckConfig(options: CreatePuckConfigOptions): PuckConfig {
  const pagesById = new Map(options.pages.map((p) => [p.id, p]));
  const pageHref = (pageId: string) => `#page-${pagesById.get(pageId)?.slug ?? pageId}`;
  const context: RenderContext = {
    mode: 'editor',
    pageHref,
    nextHref: options.nextPageId ? pageHref(options.nextPageId) : null,
    mediaUrl: options.mediaUrl,
    publicationId: null,
    pageId: options.pageId ?? null,
    variantId: null,
    consent: options.consent ?? 'none',
    locale: options.locale ?? 'en-US',
  };
  const tokens = options.tokens ?? DEFAULT_DESIGN_TOKENS;
  const defaults = blockDefaults(options.now);

  // Non-null fields only ever get a non-null value from the input (its "nothing" choice is hidden), hence the casts.
  // Puck draws no label for a custom field: each one names itself, like the built-in fields.
  const labelled = (label: string, readOnly: boolean | undefined, input: ReactNode) => (
    <FieldLabel label={label} el="div" readOnly={readOnly}>
      {input}
    </FieldLabel>
  );
  const link = <V extends LinkTarget | null>(label: string, nullable: boolean) => ({
    type: 'custom' as const,
    label,
    render: ({ value, onChange, readOnly }: FieldRenderProps<V>) =>
      labelled(
        label,
        readOnly,
        <LinkTargetInput
          value={value}
          onChange={(v) => onChange(v as V)}
          readOnly={readOnly}
          pages={options.pages}
          nullable={nullable}
        />,
      ),
  });
  // A custom field whose input takes the value, onChange and readOnly as Puck hands them over.
  const plain = <V,>(label: string, Input: ComponentType<FieldRenderProps<V>>) => ({
    type: 'custom' as const,
    label,
    render: ({ value, onChange, readOnly }: FieldRenderProps<V>) =>
      labelled(label, readOnly, <Input value={value} onChange={onChange} readOnly={readOnly} />),
  });
  const image = <V extends ImageRef | null>(label: string, nullable: boolean) => ({
    type: 'custom' as const,
    label,
    render: ({ value, onChange, readOnly }: FieldRenderProps<V>) =>
      labelled(
        label,
        readOnly,
        <ImageInput
          value={value}
          onChange={(v) => onChange(v as V)}
          readOnly={readOnly}
          nullable={nullable}
          mediaUrl={options.mediaUrl}
          uploadImage={options.uploadImage}
        />,
      ),
  });

  const fields: { [T in BlockType]: Fields<PuckBlockProps[T]> } = {
    Hero: {
      eyebrow: { type: 'text', label: 'Eyebrow' },
      headline: { type: 'textarea', label: 'Headline' },
      subheadline: { type: 'textarea', label: 'Subheadline' },
      image: image('Image', true),
      ctaLabel: { type: 'text', label: 'Button label' },
      ctaTarget: link('Button leads to', true),
      align: {
        type: 'radio',
        label: 'Alignment',
        options: choices(['Centre', 'center'], ['Left', 'left']),
      },
    },
    RichText: {
      text: { type: 'textarea', label: 'Text (**bold**, *italic*, [link](https://…), - lists)' },
    },
    Image: {
      image: image('Image', false),
      caption: { type: 'text', label: 'Caption' },
    },
    VideoEmbed: {
      provider: {
        type: 'radio',
        label: 'Provider',
        options: choices(['YouTube', 'youtube'], ['Vimeo', 'vimeo']),
      },
      videoId: { type: 'text', label: 'Video id (from the video URL)' },
      title: { type: 'text', label: 'Title' },
    },
    Button: {
      label: { type: 'text', label: 'Label' },
      target: link('Leads to', false),
      variant: {
        type: 'radio',
        label: 'Style',
        options: choices(['Primary', 'primary'], ['Secondary', 'secondary']),
      },
    },
    LeadForm: {
      heading: { type: 'text', label: 'Heading' },
      fields: {
        type: 'array',
        label: 'Fields',
        min: 1,
        max: 12,
        getItemSummary: (item) => item.label || item.name,
        defaultItemProps: { name: 'phone', label: 'Phone', type: 'tel', required: false },
        arrayFields: {
          name: { type: 'text', label: 'Name (sent with the lead)' },
          label: { type: 'text', label: 'Label' },
          type: {
            type: 'select',
            label: 'Type',
            options: choices(
              ['Text', 'text'],
              ['Email', 'email'],
              ['Phone', 'tel'],
              ['Long text', 'textarea'],
            ),
          },
          required: { type: 'radio', label: 'Required', options: boolOptions },
        },
      },
      submitLabel: { type: 'text', label: 'Button label' },
      consentText: { type: 'textarea', label: 'Consent text' },
      consentRequired: { type: 'radio', label: 'Consent checkbox required', options: boolOptions },
      successTarget: {
        ...link('After submitting, go to', true),
        // `null` means the page's next page, so the field offers that instead of "nothing".
        render: ({ value, onChange, readOnly }: FieldRenderProps<LinkTarget | null>) =>
          labelled(
            'After submitting, go to',
            readOnly,
            <LinkTargetInput
              value={value ?? { kind: 'next' }}
              onChange={(v) => onChange(v?.kind === 'next' ? null : v)}
              readOnly={readOnly}
              pages={options.pages}
              nullable={false}
            />,
          ),
      },
    },
    OfferPricing: {
      offerId: {
        type: 'custom',
        label: 'Fill from offer',
        render: ({ value, onChange, readOnly }: FieldRenderProps<string | null>) =>
          labelled(
            'Fill from offer',
            readOnly,
            <OfferSelect value={value} onChange={onChange} readOnly={readOnly} offers={options.offers} />,
          ),
      },
      heading: { type: 'text', label: 'Heading' },
      description: { type: 'textarea', label: 'Description' },
      bullets: plain<string[]>('Bullets (one per line)', LinesInput),
      pricePoints: {
        type: 'array',
        label: 'Price points',
        min: 1,
        max: 6,
        getItemSummary: (item) => item.label,
        defaultItemProps: {
          label: 'Yearly',
          amountMinor: 49000,
          currency: 'USD',
          interval: 'year',
          note: '',
        },
        arrayFields: {
          label: { type: 'text', label: 'Label' },
          amountMinor: plain<number>('Amount', MoneyInput),
          currency: { type: 'text', label: 'Currency (ISO code, e.g. USD)' },
          interval: {
            type: 'select',
            label: 'Billing',
            options: choices(['One-time', 'once'], ['Monthly', 'month'], ['Yearly', 'year']),
          },
          note: { type: 'text', label: 'Note' },
        },
      },
      ctaLabel: { type: 'text', label: 'Button label' },
      ctaTarget: link('Button leads to', false),
    },
    Testimonials: {
      heading: { type: 'text', label: 'Heading' },
      items: {
        type: 'array',
        label: 'Testimonials',
        min: 1,
        max: 12,
        getItemSummary: (item) => item.name,
        defaultItemProps: { quote: 'It did exactly what it promised.', name: 'Jordan K.', role: '' },
        arrayFields: {
          quote: { type: 'textarea', label: 'Quote' },
          name: { type: 'text', label: 'Name' },
          role: { type: 'text', label: 'Role' },
        },
      },
    },
    Faq: {
      heading: { type: 'text', label: 'Heading' },
      items: {
        type: 'array',
        label: 'Questions',
        min: 1,
        max: 30,
        getItemSummary: (item) => item.question,
        defaultItemProps: { question: 'How long does it take?', answer: 'Most people finish in a week.' },
        arrayFields: {
          question: { type: 'text', label: 'Question' },
          answer: { type: 'textarea', label: 'Answer' },
        },
      },
    },
    Countdown: {
      label: { type: 'text', label: 'Label' },
      endsAt: plain<string>('Ends at', DateTimeInput),
      expiredText: { type: 'text', label: 'Text once it has ended' },
    },
    Footer: {
      text: { type: 'textarea', label: 'Text' },
      links: {
        type: 'array',
        label: 'Links',
        max: 10,
        getItemSummary: (item) => item.label,
        defaultItemProps: { label: 'Privacy policy', url: 'https://example.com/privacy' },
        arrayFields: {
          label: { type: 'text', label: 'Label' },
          url: { type: 'text', label: 'Address (https://…)' },
        },
      },
    },
  };

  const components = {} as PuckConfig['components'];
  for (const type of BLOCK_TYPES) {
    const Component = BLOCK_COMPONENTS[type] as ComponentType<Record<string, unknown>>;
    const entry: ComponentConfig<Record<string, unknown>> = {
      label: BLOCK_LABELS[type],
      fields: fields[type] as Fields<Record<string, unknown>>,
      defaultProps: defaults[type] as Record<string, unknown>,
      render: ({ puck: _puck, editMode: _editMode, ...props }) => (
        <RenderContextProvider value={context}>
          <Component {...props} />
        </RenderContextProvider>
      ),
    };
    if (type === 'OfferPricing') {
      // Fill only when the operator picks another offer: a saved page loads as saved (no `lastData` on load), and
      // later edits to its text are not overwritten.
      entry.resolveData = (data, { changed, lastData }) => {
        const offer = options.offers.find((o) => o.id === data.props.offerId);
        if (!changed.offerId || !offer || !lastData || lastData.props?.offerId === data.props.offerId)
          return data;
        const { id, ...current } = data.props as BlockPropsOf<'OfferPricing'>;
        return { ...data, props: { id, ...offerPricingFromOffer(offer, current) } };
      };
    }
    (components as Record<string, unknown>)[type] = entry;
  }

  return {
    categories: {
      content: {
        title: 'Content',
        components: ['Hero', 'RichText', 'Image', 'VideoEmbed', 'Testimonials', 'Faq'],
      },
      conversion: { title: 'Conversion', components: ['Button', 'LeadForm', 'OfferPricing', 'Countdown'] },
      layout: { title: 'Layout', components: ['Footer'] },
    },
    components,
    root: {
      fields: {
        title: { type: 'text', label: 'Page title' },
        description: { type: 'textarea', label: 'Description (search and social)' },
        ogImage: image('Social image (Open Graph)', true),
        favicon: image('Favicon', true),
      },
      defaultProps: { title: 'New page', description: '', ogImage: null, favicon: null },
      render: ({ children }: { children: ReactNode }) => (
        <RenderContextProvider value={context}>
          <PageFrame tokens={tokens}>
            <main>{children}</main>
          </PageFrame>
        </RenderContextProvider>
      ),
    },
  } as PuckConfig;
}

interface FieldRenderProps<V> {
  value: V;
  onChange: (value: V) => void;
  readOnly?: boolean | undefined;
}

export interface PuckValidationIssue {
  /** The block the problem is in (null for the page settings). */
  blockId: string | null;
  blockType: string | null;
  /** The field path inside the block's (or the root's) props, e.g. `fields.1.name`. */
  field: string;
  message: string;
}

export type PuckValidation =
  | { ok: true; document: PageDocument }
  | { ok: false; issues: PuckValidationIssue[] };

/** Validate the editor's data against the block library's schema, each problem naming its block and field. */
export function validateForPuck(data: unknown): PuckValidation {
  const parsed = PageDocument.safeParse(data);
  if (parsed.success) return { ok: true, document: parsed.data };
  const content = (data as { content?: Array<{ type?: string; props?: { id?: string } }> } | null)?.content;
  const issues = parsed.error.issues.map((issue): PuckValidationIssue => {
    const path = issue.path.map(String);
    if (path[0] === 'content' && path[1] !== undefined) {
      const block = Array.isArray(content) ? content[Number(path[1])] : undefined;
      return {
        blockId: block?.props?.id ?? null,
        blockType: block?.type ?? null,
        field: path.slice(path[2] === 'props' ? 3 : 2).join('.'),
        message: issue.message,
      };
    }
    if (path[0] === 'root') {
      return {
        blockId: null,
        blockType: null,
        field: path.slice(path[1] === 'props' ? 2 : 1).join('.'),
        message: issue.message,
      };
    }
    return { blockId: null, blockType: null, field: path.join('.'), message: issue.message };
  });
  return { ok: false, issues };
}

/** Validate one block's props (what the editor's side panel shows under a field). */
export function validateBlockProps(type: BlockType, props: unknown): PuckValidationIssue[] {
  const parsed = BLOCK_PROPS[type].safeParse(props);
  if (parsed.success) return [];
  const id = (props as { id?: unknown } | null)?.id;
  return parsed.error.issues.map((issue) => ({
    blockId: typeof id === 'string' ? id : null,
    blockType: type,
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
