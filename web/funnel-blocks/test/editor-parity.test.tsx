// @vitest-environment jsdom
import './dom-shims';
import { type Data, Render } from '@puckeditor/core';
import { JSDOM } from 'jsdom';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createPuckConfig, offerPricingFromOffer, type PuckOffer } from '../src/puck';
import { renderPublishedPage } from '../src/render';
import { BLOCK_PROPS, BLOCK_TYPES, type PageDocument } from '../src/schema';
import { PAGE_TEMPLATES } from '../src/templates';
import { everyBlockDocument, OFFER_ID, PAGE_ID, THANKS_ID } from './fixtures';
import { normalizedText, publishInput } from './render-support';

const pages = [
  { id: PAGE_ID, name: 'Start', slug: 'start' },
  { id: THANKS_ID, name: 'Thank you', slug: 'thank-you' },
];

const mounted: Array<() => void> = [];
afterEach(() => {
  for (const unmount of mounted.splice(0)) unmount();
});

async function renderInEditor(doc: PageDocument, consent: 'none' | 'line' | 'banner' = 'none') {
  const config = createPuckConfig({
    offers: [],
    pages,
    mediaUrl: (id) => `https://api.example.com/media/${id}`,
    pageId: PAGE_ID,
    nextPageId: THANKS_ID,
    consent,
  });
  const el = document.createElement('div');
  document.body.append(el);
  const root = createRoot(el);
  await act(async () => {
    root.render(<Render config={config} data={doc as unknown as Data} />);
  });
  mounted.push(() => {
    act(() => root.unmount());
    el.remove();
  });
  return el;
}

async function renderPublished(doc: PageDocument, consent: 'none' | 'line' | 'banner' = 'none') {
  const { html } = await renderPublishedPage(
    publishInput({ document: doc, settings: { ...publishInput().settings, consent } }),
  );
  return new JSDOM(html).window.document;
}

describe('the editor render and the published page show the same text', () => {
  it.each(['none', 'line'] as const)('for every block type (consent %s)', async (consent) => {
    const doc = everyBlockDocument();
    const editor = await renderInEditor(doc, consent);
    const published = await renderPublished(doc, consent);
    const seen = new Set<string>();
    for (const block of doc.content) {
      const selector = `[data-block-id="${block.props.id}"]`;
      const inEditor = editor.querySelector(selector);
      const inPage = published.querySelector(selector);
      expect(inEditor, `${block.type} in the editor`).not.toBeNull();
      expect(inPage, `${block.type} in the page`).not.toBeNull();
      const text = normalizedText(inPage);
      expect(text.length, block.type).toBeGreaterThan(0);
      expect(normalizedText(inEditor), block.type).toBe(text);
      // Same component, same element structure (tags in document order).
      const tags = (root: Element | null) =>
        [...(root?.querySelectorAll('*') ?? [])].map((e) => e.tagName).join(',');
      expect(tags(inEditor), block.type).toBe(tags(inPage));
      seen.add(block.type);
    }
    expect([...seen].sort()).toEqual([...BLOCK_TYPES].sort());
  });

  it('for every template', async () => {
    for (const template of PAGE_TEMPLATES) {
      const doc = template.build();
      const editor = await renderInEditor(doc);
      const published = await renderPublished(doc);
      for (const block of doc.content) {
        const selector = `[data-block-id="${block.props.id}"]`;
        expect(normalizedText(editor.querySelector(selector)), `${template.key}/${block.props.id}`).toBe(
          normalizedText(published.querySelector(selector)),
        );
      }
    }
  });

  it('differs where the context differs: links and media URLs, not words', async () => {
    const doc = everyBlockDocument();
    const editor = await renderInEditor(doc);
    const published = await renderPublished(doc);
    const hero = '[data-block-id="hero-1"]';
    expect(editor.querySelector(`${hero} img`)?.getAttribute('src')).toMatch(
      /^https:\/\/api\.example\.com\/media\//,
    );
    expect(published.querySelector(`${hero} img`)?.getAttribute('src')).toMatch(/^media\//);
    expect(editor.querySelector(`${hero} a`)?.getAttribute('href')).toBe('#page-thank-you');
    expect(published.querySelector(`${hero} a`)?.getAttribute('href')).toBe('thank-you');
  });
});

describe('createPuckConfig', () => {
  const offer: PuckOffer = {
    id: OFFER_ID,
    name: 'Growth Plan',
    description: 'Coaching and templates.',
    differentiationBullets: ['Weekly calls', '  ', 'All templates'],
    pricePoints: [
      { label: 'Monthly', amountCents: 9900, currency: 'usd' },
      { label: 'Yearly', amountMinor: 99000, currency: 'EUR', interval: 'year' },
    ],
  };
  const config = createPuckConfig({ offers: [offer], pages, mediaUrl: (id) => `/media/${id}` });

  it('has exactly the block types, each with a field for every prop and valid defaults', () => {
    expect(Object.keys(config.components).sort()).toEqual([...BLOCK_TYPES].sort());
    for (const type of BLOCK_TYPES) {
      const component = config.components[type];
      const schemaKeys = Object.keys(BLOCK_PROPS[type].shape).filter((k) => k !== 'id');
      expect(Object.keys(component.fields ?? {}).sort(), type).toEqual(schemaKeys.sort());
      const parsed = BLOCK_PROPS[type].safeParse({ id: 'x', ...component.defaultProps });
      expect(parsed.success, `${type}: ${parsed.error?.message}`).toBe(true);
    }
    expect(Object.keys(config.root?.fields ?? {}).sort()).toEqual([
      'description',
      'favicon',
      'ogImage',
      'title',
    ]);
    const categorised = Object.values(config.categories ?? {}).flatMap((c) => c.components ?? []);
    expect(categorised.sort()).toEqual([...BLOCK_TYPES].sort());
  });

  it('fills an offer block from the chosen offer and its price points', async () => {
    const resolve = config.components.OfferPricing.resolveData;
    expect(resolve).toBeTypeOf('function');
    const current = { id: 'offer-1', ...config.components.OfferPricing.defaultProps } as never;
    const params = {
      changed: { offerId: true },
      lastData: { props: { ...(current as object), offerId: null } },
      metadata: {},
      trigger: 'replace',
      parent: null,
      root: {},
    };
    const resolved = await resolve?.(
      { props: { ...(current as object), offerId: OFFER_ID } as never },
      params as never,
    );
    const props = resolved?.props as Record<string, unknown>;
    expect(props).toMatchObject({
      id: 'offer-1',
      offerId: OFFER_ID,
      heading: 'Growth Plan',
      description: 'Coaching and templates.',
      bullets: ['Weekly calls', 'All templates'],
      pricePoints: [
        { label: 'Monthly', amountMinor: 9900, currency: 'USD', interval: 'once', note: '' },
        { label: 'Yearly', amountMinor: 99000, currency: 'EUR', interval: 'year', note: '' },
      ],
    });
    expect(BLOCK_PROPS.OfferPricing.safeParse(props).success).toBe(true);
    // Other edits leave the operator's text alone.
    const untouched = await resolve?.(
      { props: { ...(current as object), offerId: OFFER_ID, heading: 'Mine' } as never },
      { ...params, changed: { heading: true } } as never,
    );
    expect((untouched?.props as { heading: string } | undefined)?.heading).toBe('Mine');
    // Loading a saved page (no previous data) keeps what was saved, even if the offer changed since.
    const loaded = await resolve?.(
      { props: { ...(current as object), offerId: OFFER_ID, heading: 'Saved' } as never },
      { ...params, lastData: null, trigger: 'load' } as never,
    );
    expect((loaded?.props as { heading: string } | undefined)?.heading).toBe('Saved');
  });

  it('keeps the block text when an offer has no price points or bullets', () => {
    const current = {
      ...createPuckConfig({ offers: [], pages, mediaUrl: String }).components.OfferPricing.defaultProps,
    };
    const filled = offerPricingFromOffer({ id: OFFER_ID, name: 'Bare', pricePoints: [] }, current as never);
    expect(filled.pricePoints).toEqual((current as { pricePoints: unknown }).pricePoints);
    expect(filled.bullets).toEqual((current as { bullets: unknown }).bullets);
    expect(filled.heading).toBe('Bare');
  });
});
