import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  buildPageCss,
  collectClassCandidates,
  leadFormSuccessHrefs,
  measurePageWeight,
  PAGE_SCRIPT,
  RenderPageError,
  renderPublishedPage,
} from '../src/render';
import type { PageDocument } from '../src/schema';
import { PAGE_TEMPLATES } from '../src/templates';
import { everyBlockDocument, MEDIA_ID, PAGE_ID, PUBLICATION_ID, THANKS_ID, VARIANT_ID } from './fixtures';
import { publishDocument, publishInput, SLUGS } from './render-support';

describe('renderPublishedPage', () => {
  it('renders a complete static document: head, ids on the body, one small inline script, no framework', async () => {
    const { html, dom, contentHash, bytes } = await publishDocument(everyBlockDocument());
    expect(html.startsWith('<!doctype html><html lang="en"><head>')).toBe(true);
    expect(contentHash).toBe(createHash('sha256').update(html).digest('hex'));
    expect(bytes).toBe(Buffer.byteLength(html));

    expect(dom.title).toBe('Every block');
    expect(dom.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(dom.querySelector('meta[name=viewport]')?.getAttribute('content')).toContain('width=device-width');
    expect(dom.querySelector('meta[name=description]')?.getAttribute('content')).toBe(
      'A page with every block',
    );
    expect(dom.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe('Every block');
    expect(dom.querySelector('meta[property="og:description"]')?.getAttribute('content')).toBe(
      'A page with every block',
    );
    expect(dom.querySelector('meta[name=robots]')?.getAttribute('content')).toBe('noindex, nofollow');
    expect(dom.querySelector('link[rel=icon]')?.getAttribute('href')).toBe('data:,');

    const body = dom.body;
    expect(body.dataset).toMatchObject({ publication: PUBLICATION_ID, page: PAGE_ID, variant: VARIANT_ID });

    const scripts = [...dom.querySelectorAll('script')];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.hasAttribute('src')).toBe(false);
    expect(scripts[0]?.textContent).toBe(PAGE_SCRIPT);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(gzipSync(PAGE_SCRIPT, { level: 9 }).length).toBeLessThanOrEqual(3 * 1024);
    // React's client runtime leaves these in server output meant for hydration; a static page has none.
    expect(html).not.toMatch(/data-reactroot|<!--\$|<!-- -->|<template|\$RC|__REACT|react-dom/i);
    expect(dom.querySelectorAll('style')).toHaveLength(1);
    expect(dom.querySelectorAll('link[rel=stylesheet]')).toHaveLength(0);
  });

  it('gives every image width and height, and loads MOS media relative to the page', async () => {
    const { dom } = await publishDocument(everyBlockDocument());
    const images = [...dom.querySelectorAll('img')];
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const img of images) {
      expect(Number(img.getAttribute('width'))).toBeGreaterThan(0);
      expect(Number(img.getAttribute('height'))).toBeGreaterThan(0);
    }
    expect(dom.querySelector('[data-block-id="hero-1"] img')?.getAttribute('src')).toBe(`media/${MEDIA_ID}`);
    // React's preload of the eager hero image goes to the head, not the body.
    expect(dom.querySelector(`head link[rel=preload][as=image][href="media/${MEDIA_ID}"]`)).not.toBeNull();
    expect(dom.body.querySelector('link')).toBeNull();
  });

  it('links pages of the funnel by relative slug and external URLs as written', async () => {
    const { dom } = await publishDocument(everyBlockDocument());
    const hrefOf = (sel: string) => dom.querySelector(sel)?.getAttribute('href');
    expect(hrefOf('[data-block-id="hero-1"] a[data-mos-cta]')).toBe('thank-you');
    expect(hrefOf('[data-block-id="button-1"] a')).toBe('thank-you');
    expect(hrefOf('[data-block-id="footer-1"] a')).toBe('https://example.com/privacy');
    for (const a of dom.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href') ?? '';
      expect(href.startsWith('/'), href).toBe(false);
      if (!/^https:\/\//.test(href)) expect(href).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('renders a lead form that posts without JavaScript', async () => {
    const { dom } = await publishDocument(everyBlockDocument());
    const form = dom.querySelector('form');
    expect(form?.getAttribute('method')).toBe('post');
    expect(form?.getAttribute('action')).toBe('api/leads');
    expect(form?.dataset.success).toBe('thank-you');
    const hidden = Object.fromEntries(
      [...(form?.querySelectorAll('input[type=hidden]') ?? [])].map((i) => [
        i.getAttribute('name'),
        i.getAttribute('value'),
      ]),
    );
    expect(hidden).toEqual({
      publicationId: PUBLICATION_ID,
      pageId: PAGE_ID,
      variantId: VARIANT_ID,
      blockId: 'form-1',
    });
    expect(form?.querySelector('input[name=email]')?.getAttribute('type')).toBe('email');
    expect(form?.querySelector('input[name=email]')?.hasAttribute('required')).toBe(true);
    expect(form?.querySelector('textarea[name=message]')?.hasAttribute('required')).toBe(false);
    const consent = form?.querySelector('input[type=checkbox][name=consent]');
    expect(consent?.getAttribute('value')).toBe('granted');
    expect(consent?.hasAttribute('required')).toBe(true);
    expect(form?.querySelector('button[type=submit]')?.textContent).toBe('Send it to me');
  });

  it('writes the variant as empty when rendering the page itself', async () => {
    const { dom } = await publishDocument(everyBlockDocument(), { variantId: null });
    expect(dom.body.getAttribute('data-variant')).toBe('');
    expect(dom.querySelector('input[name=variantId]')?.getAttribute('value')).toBe('');
  });

  it('inlines CSS with rules for the classes used and none for unused utilities', async () => {
    const { dom, html } = await publishDocument(everyBlockDocument());
    const css = dom.querySelector('style')?.textContent ?? '';
    expect(css).toContain('.md\\:grid-cols-2');
    expect(css).toContain('.bg-\\[var\\(--mos-primary\\)\\]');
    expect(css).toContain('.text-4xl');
    expect(css).toMatch(/\.hover\\:opacity-90:hover|\.hover\\:opacity-90/);
    // Utilities the page does not use are absent.
    for (const unused of ['.bg-red-500', '.grid-cols-7', '.text-9xl', '.underline-offset-8']) {
      expect(css).not.toContain(unused);
      expect(html).not.toContain(unused.slice(1));
    }
    // A page without the pricing block has no rules for classes only that block uses.
    const noOffer = everyBlockDocument();
    noOffer.content = noOffer.content.filter((b) => b.type !== 'OfferPricing' && b.type !== 'Testimonials');
    const smaller = await publishDocument(noOffer);
    const smallerCss = smaller.dom.querySelector('style')?.textContent ?? '';
    expect(smallerCss).not.toContain('.max-w-xs');
    expect(css).toContain('.max-w-xs');
  });

  it('collects class candidates from the class attributes only', () => {
    expect([
      ...collectClassCandidates('<div class="a  b"><p data-x="c d" class="e &amp; f"></p>class="g"</div>'),
    ]).toEqual(['a', 'b', 'e', '&', 'f']);
  });

  it('does not carry one build into the next', async () => {
    await buildPageCss(['grid-cols-7']);
    expect(await buildPageCss(['text-9xl'])).not.toContain('grid-cols-7');
  });

  it('is deterministic: the same input gives the same bytes and hash', async () => {
    const a = await renderPublishedPage(publishInput());
    const b = await renderPublishedPage(publishInput());
    expect(a.contentHash).toBe(b.contentHash);
    const other = await renderPublishedPage(publishInput({ variantId: null }));
    expect(other.contentHash).not.toBe(a.contentHash);
  });

  it('shows the consent banner only with consent=banner and the consent line with consent=line', async () => {
    const doc = everyBlockDocument();
    doc.content = doc.content.map((b) =>
      b.type === 'LeadForm' ? { ...b, props: { ...b.props, consentText: '', consentRequired: false } } : b,
    );
    const none = await publishDocument(doc);
    expect(none.dom.querySelector('[data-mos-consent-banner]')).toBeNull();
    expect(none.dom.querySelector('form')?.dataset.consent).toBeUndefined();
    expect(none.dom.body.dataset.consent).toBe('none');

    const banner = await publishDocument(doc, {
      settings: { ...publishInput().settings, consent: 'banner' },
    });
    const bannerEl = banner.dom.querySelector('[data-mos-consent-banner]');
    expect(bannerEl?.hasAttribute('hidden')).toBe(true);
    expect(bannerEl?.querySelectorAll('[data-mos-consent-choice]')).toHaveLength(2);
    expect(banner.dom.body.dataset.consent).toBe('banner');

    const line = await publishDocument(doc, { settings: { ...publishInput().settings, consent: 'line' } });
    const form = line.dom.querySelector('form');
    expect(form?.dataset.consent).toBe('line');
    expect(form?.textContent).toContain('By submitting this form you agree');
    expect(line.dom.querySelector('[data-mos-consent-banner]')).toBeNull();
  });

  it('adds the Meta pixel only when the funnel opts in to a client-side pixel', async () => {
    const settings = { ...publishInput().settings, metaPixelId: '1234567890' };
    const off = await publishDocument(everyBlockDocument(), { settings });
    expect(off.dom.body.hasAttribute('data-meta-pixel')).toBe(false);
    expect(measurePageWeight(off.html).externalRequests).toBe(0);
    const on = await publishDocument(everyBlockDocument(), {
      settings: { ...settings, clientSidePixel: true },
    });
    expect(on.dom.body.dataset.metaPixel).toBe('1234567890');
    expect(measurePageWeight(on.html).externalUrls).toEqual([
      'https://connect.facebook.net/en_US/fbevents.js',
    ]);
  });

  it('writes og:image and the favicon from media ids, escaped', async () => {
    const doc = everyBlockDocument();
    doc.root.props = {
      title: 'Fish & "Chips" <b>',
      description: '',
      ogImage: { mediaId: MEDIA_ID, src: 'x', alt: '', width: 1200, height: 630 },
      favicon: { mediaId: null, src: 'https://cdn.example.com/icon.png', alt: '', width: 32, height: 32 },
    };
    const { dom, html } = await publishDocument(doc);
    expect(dom.title).toBe('Fish & "Chips" <b>');
    expect(html).toContain('<title>Fish &amp; &quot;Chips&quot; &lt;b&gt;</title>');
    expect(dom.querySelector('meta[property="og:image"]')?.getAttribute('content')).toBe(`media/${MEDIA_ID}`);
    expect(dom.querySelector('meta[property="og:image:width"]')?.getAttribute('content')).toBe('1200');
    expect(dom.querySelector('link[rel=icon]')?.getAttribute('href')).toBe(
      'https://cdn.example.com/icon.png',
    );
    expect(dom.querySelector('meta[name=description]')).toBeNull();
    const absolute = await publishDocument(doc, {
      absoluteMediaUrl: (id) => `https://api.example.com/media/${id}`,
    });
    expect(absolute.dom.querySelector('meta[property="og:image"]')?.getAttribute('content')).toBe(
      `https://api.example.com/media/${MEDIA_ID}`,
    );
  });

  it('never inserts the rich text as HTML', async () => {
    const { dom } = await publishDocument(everyBlockDocument());
    const text = dom.querySelector('[data-block-id="text-1"]');
    expect(text?.querySelector('script')).toBeNull();
    expect(text?.textContent).toContain('<script>alert(1)</script> stays text');
    expect(text?.querySelector('strong')?.textContent).toBe('bold');
    expect(text?.querySelector('a')?.getAttribute('href')).toBe('https://example.com/x');
    expect(text?.querySelectorAll('li')).toHaveLength(2);
  });

  it('formats prices with Intl by currency and interval', async () => {
    const { dom } = await publishDocument(everyBlockDocument());
    const prices = [...dom.querySelectorAll('[data-block-id="offer-1"] p.text-3xl')].map(
      (p) => p.textContent,
    );
    expect(prices).toEqual(['$49.00 / month', '€390.00', '¥50,000 / year']);
  });

  it('refuses an invalid document and a page without a slug, with a reason', async () => {
    const bad = {
      ...everyBlockDocument(),
      content: [{ type: 'Hero', props: { id: 'h' } }],
    } as unknown as PageDocument;
    await expect(renderPublishedPage(publishInput({ document: bad }))).rejects.toMatchObject({
      reason: 'invalid_document',
    });
    await expect(
      renderPublishedPage(publishInput({ slugs: { [THANKS_ID]: 'thank-you' } })),
    ).rejects.toMatchObject({
      reason: 'unknown_page',
    });
    // A font list that smuggles CSS into the page wrapper's style attribute is refused.
    const tokens = publishInput().tokens;
    const smuggled = {
      ...tokens,
      fonts: { ...tokens.fonts, body: 'Inter;background:url(https://x.example/t.png)' },
    };
    const refused = renderPublishedPage(publishInput({ tokens: smuggled }));
    await expect(refused).rejects.toBeInstanceOf(RenderPageError);
    await expect(refused).rejects.toMatchObject({ reason: 'invalid_tokens' });
  });

  it('renders every template within the page budget', async () => {
    for (const template of PAGE_TEMPLATES) {
      const page = await renderPublishedPage(publishInput({ document: template.build() }));
      const weight = measurePageWeight(page.html);
      expect(new JSDOM(page.html).window.document.title).toBe(template.build().root.props.title);
      expect(weight.gzipBytes, template.key).toBeLessThanOrEqual(30 * 1024);
      expect(weight.externalRequests, template.key).toBe(0);
    }
  });

  it('tells where each lead form sends the visitor', () => {
    const doc = everyBlockDocument();
    expect(leadFormSuccessHrefs(doc, SLUGS, THANKS_ID)).toEqual({ 'form-1': 'thank-you' });
    expect(leadFormSuccessHrefs(doc, SLUGS, null)).toEqual({ 'form-1': null });
  });
});

describe('measurePageWeight', () => {
  it('counts gzip bytes of the whole document and requests other than images', () => {
    const html =
      '<html><head><link rel="icon" href="favicon.png"><link rel="stylesheet" href="a.css"><link rel="preload" as="image" href="h.jpg"><style>@import url("b.css");p{color:red}</style></head><body><img src="x.png"><script src="c.js"></script><script>var a=1</script><iframe src="https://v.example/x"></iframe></body></html>';
    const weight = measurePageWeight(html);
    expect(weight.htmlBytes).toBe(Buffer.byteLength(html));
    expect(weight.gzipBytes).toBe(gzipSync(html, { level: 9 }).length);
    expect(weight.externalUrls.sort()).toEqual(['a.css', 'b.css', 'c.js', 'https://v.example/x']);
    expect(weight.inlineScriptBytes).toBe('var a=1'.length);
    expect(weight.inlineCssBytes).toBe('@import url("b.css");p{color:red}'.length);
  });
});
