import { describe, expect, it } from 'vitest';
import { blockDefaults } from '../src/defaults';
import { parseMarkdownLite } from '../src/markdown';
import { validateBlockProps, validateForPuck } from '../src/puck';
import { BLOCK_PROPS, BLOCK_TYPES, collectLinks, emptyPageDocument, PageDocument } from '../src/schema';
import { PAGE_TEMPLATE_KEYS, PAGE_TEMPLATES, pageTemplate } from '../src/templates';
import { everyBlockDocument, THANKS_ID } from './fixtures';

describe('block defaults and templates', () => {
  it('gives every block type defaults that its schema accepts', () => {
    const defaults = blockDefaults(new Date('2026-06-01T00:00:00Z'));
    expect(Object.keys(defaults).sort()).toEqual([...BLOCK_TYPES].sort());
    for (const type of BLOCK_TYPES) {
      const result = BLOCK_PROPS[type].safeParse({ id: `${type}-1`, ...defaults[type] });
      expect(result.success, `${type}: ${result.error?.message}`).toBe(true);
    }
  });

  it('ends a default countdown after now', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    expect(Date.parse(blockDefaults(now).Countdown.endsAt)).toBeGreaterThan(now.getTime());
  });

  it('has templates that are valid page documents, each with its own key', () => {
    expect(PAGE_TEMPLATES.map((t) => t.key)).toEqual([...PAGE_TEMPLATE_KEYS]);
    expect(PAGE_TEMPLATES.length).toBeGreaterThanOrEqual(4);
    for (const template of PAGE_TEMPLATES) {
      const doc = template.build({ now: new Date('2026-06-01T00:00:00Z') });
      const parsed = PageDocument.safeParse(doc);
      expect(parsed.success, `${template.key}: ${parsed.error?.message}`).toBe(true);
      expect(JSON.stringify(doc).toLowerCase()).not.toMatch(/lorem|ipsum|todo|xxx/);
    }
    expect(pageTemplate('thank_you').build({ title: 'Danke' }).root.props.title).toBe('Danke');
  });

  it('uses the block types a funnel needs across its templates', () => {
    const used = new Set(PAGE_TEMPLATES.flatMap((t) => t.build().content.map((b) => b.type)));
    for (const type of [
      'Hero',
      'LeadForm',
      'OfferPricing',
      'Countdown',
      'Faq',
      'Testimonials',
      'Footer',
    ] as const) {
      expect(used.has(type), type).toBe(true);
    }
  });

  it('accepts the page with every block and an empty page', () => {
    expect(PageDocument.safeParse(everyBlockDocument()).success).toBe(true);
    expect(PageDocument.safeParse(emptyPageDocument('New')).success).toBe(true);
  });
});

describe('bad props are refused naming the field', () => {
  const withBlock = (type: string, props: Record<string, unknown>) => {
    const doc = everyBlockDocument();
    const index = doc.content.findIndex((b) => b.type === type);
    const block = doc.content[index];
    if (!block) throw new Error(type);
    return {
      ...doc,
      content: doc.content.map((b, i) => (i === index ? { ...b, props: { ...b.props, ...props } } : b)),
    };
  };

  it.each([
    ['Hero', { headline: '   ' }, 'headline'],
    ['Hero', { ctaTarget: { kind: 'url', url: 'javascript:alert(1)' } }, 'ctaTarget.url'],
    ['Hero', { image: { mediaId: null, src: 'x.png', alt: '', width: 0, height: 10 } }, 'image.width'],
    ['VideoEmbed', { videoId: 'bad id!' }, 'videoId'],
    ['Button', { target: { kind: 'page', pageId: 'not-a-uuid' } }, 'target.pageId'],
    ['LeadForm', { fields: [] }, 'fields'],
    ['LeadForm', { fields: [{ name: 'Email', label: 'E', type: 'email', required: true }] }, 'fields.0.name'],
    [
      'LeadForm',
      { fields: [{ name: 'consent', label: 'C', type: 'text', required: true }] },
      'fields.0.name',
    ],
    ['LeadForm', { fields: [{ name: 'email', label: 'E', type: 'date', required: true }] }, 'fields.0.type'],
    [
      'OfferPricing',
      { pricePoints: [{ label: 'M', amountMinor: 10, currency: 'usd', interval: 'month', note: '' }] },
      'pricePoints.0.currency',
    ],
    ['OfferPricing', { bullets: ['ok', ''] }, 'bullets.1'],
    ['Countdown', { endsAt: 'next friday' }, 'endsAt'],
    ['Footer', { links: [{ label: 'x', url: 'ftp://example.com' }] }, 'links.0.url'],
    ['Faq', { items: [] }, 'items'],
  ])('%s %j → %s', (type, props, field) => {
    const result = validateForPuck(withBlock(type, props));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => ({ type: i.blockType, field: i.field }))).toContainEqual({ type, field });
    const issue = result.issues.find((i) => i.field === field);
    expect(issue?.blockId).toBe(withBlock(type, props).content.find((b) => b.type === type)?.props.id);
  });

  it('names root fields and duplicate block ids', () => {
    const doc = everyBlockDocument();
    const bad = {
      ...doc,
      root: { props: { ...doc.root.props, title: '' } },
      content: [doc.content[0], doc.content[0]],
    };
    const result = validateForPuck(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual(expect.objectContaining({ blockId: null, field: 'title' }));
    expect(result.issues).toContainEqual(expect.objectContaining({ blockId: 'hero-1', field: 'id' }));
  });

  it('validates one block for the side panel', () => {
    expect(
      validateBlockProps('Button', { id: 'b', label: 'Go', target: { kind: 'next' }, variant: 'primary' }),
    ).toEqual([]);
    expect(
      validateBlockProps('Button', { id: 'b', label: '', target: { kind: 'next' }, variant: 'loud' }),
    ).toEqual([
      expect.objectContaining({ blockId: 'b', field: 'label' }),
      expect.objectContaining({ blockId: 'b', field: 'variant' }),
    ]);
  });
});

describe('collectLinks', () => {
  it('lists CTA and form links in document order, a form without a target going to the next page', () => {
    const links = collectLinks(everyBlockDocument());
    expect(links.map((l) => [l.blockId, l.kind, l.target])).toEqual([
      ['hero-1', 'cta', { kind: 'page', pageId: THANKS_ID }],
      ['button-1', 'cta', { kind: 'next' }],
      ['form-1', 'form', { kind: 'next' }],
      ['offer-1', 'cta', { kind: 'next' }],
    ]);
  });
});

describe('markdown-lite', () => {
  it('splits paragraphs and lists and keeps HTML as text', () => {
    expect(parseMarkdownLite('One\nline two\n\n- a\n- b\nafter\n\n<b>x</b>')).toEqual([
      { kind: 'paragraph', lines: ['One', 'line two'] },
      { kind: 'list', items: ['a', 'b'] },
      { kind: 'paragraph', lines: ['after'] },
      { kind: 'paragraph', lines: ['<b>x</b>'] },
    ]);
  });
});
