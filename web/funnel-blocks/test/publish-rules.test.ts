import { describe, expect, it } from 'vitest';
import {
  checkPublishRules,
  nextPageProblem,
  PUBLISH_PROBLEM_REASONS,
  type PublishCandidate,
  type PublishCandidatePage,
  type PublishProblemReason,
} from '../src/publish-rules';
import { emptyPageDocument, type LinkTarget, type PageDocument } from '../src/schema';

const A = '0a000000-0000-4000-8000-000000000001';
const B = '0b000000-0000-4000-8000-000000000002';
const C = '0c000000-0000-4000-8000-000000000003';
const OUTSIDE = '0d000000-0000-4000-8000-000000000004';
const VARIANT = '0e000000-0000-4000-8000-000000000005';

const withButton = (target: LinkTarget): PageDocument => ({
  ...emptyPageDocument('Page'),
  content: [{ type: 'Button', props: { id: 'cta', label: 'Go', target, variant: 'primary' } }],
});
const withForm = (successTarget: LinkTarget | null): PageDocument => ({
  ...emptyPageDocument('Page'),
  content: [
    {
      type: 'LeadForm',
      props: {
        id: 'form',
        heading: '',
        fields: [{ name: 'email', label: 'Email', type: 'email', required: true }],
        submitLabel: 'Send',
        consentText: '',
        consentRequired: false,
        successTarget,
      },
    },
  ],
});

const pageOf = (id: string, patch: Partial<PublishCandidatePage> = {}): PublishCandidatePage => ({
  id,
  name: `page ${id.slice(0, 2)}`,
  slug: id.slice(0, 2),
  nextPageId: null,
  approved: { versionId: `${id}-v`, document: emptyPageDocument('P') },
  variants: [],
  ...patch,
});

const good = (): PublishCandidate => ({
  status: 'draft',
  entryPageId: A,
  pages: [pageOf(A, { nextPageId: B, approved: { versionId: 'v', document: withForm(null) } }), pageOf(B)],
});

describe('checkPublishRules', () => {
  it('passes a wired funnel and resolves its links', () => {
    const result = checkPublishRules(good());
    expect(result).toEqual({
      ok: true,
      links: [
        { fromPageId: A, toPageId: B, kind: 'auto', label: 'Next page', meta: { source: 'next_page' } },
        { fromPageId: A, toPageId: B, kind: 'form', label: 'Send', meta: { blockId: 'form' } },
      ],
    });
  });

  const cases: Array<[PublishProblemReason, (c: PublishCandidate) => PublishCandidate, string | null]> = [
    ['funnel_disabled', (c) => ({ ...c, status: 'disabled' }), null],
    ['funnel_disabled', (c) => ({ ...c, status: 'archived' }), null],
    ['no_pages', (c) => ({ ...c, pages: [], entryPageId: null }), null],
    ['no_entry_page', (c) => ({ ...c, entryPageId: null }), null],
    ['entry_page_not_in_funnel', (c) => ({ ...c, entryPageId: OUTSIDE }), OUTSIDE],
    [
      'page_not_approved',
      (c) => ({ ...c, pages: [c.pages[0] as PublishCandidatePage, pageOf(B, { approved: null })] }),
      B,
    ],
    [
      'variant_not_approved',
      (c) => ({
        ...c,
        pages: [
          c.pages[0] as PublishCandidatePage,
          pageOf(B, { variants: [{ id: VARIANT, name: 'B', weight: 50, approved: null }] }),
        ],
      }),
      B,
    ],
    [
      'link_outside_funnel',
      (c) => ({
        ...c,
        pages: [
          c.pages[0] as PublishCandidatePage,
          pageOf(B, {
            approved: { versionId: 'v', document: withButton({ kind: 'page', pageId: OUTSIDE }) },
          }),
        ],
      }),
      B,
    ],
    [
      'link_without_next_page',
      (c) => ({
        ...c,
        pages: [
          c.pages[0] as PublishCandidatePage,
          pageOf(B, { approved: { versionId: 'v', document: withForm(null) } }),
        ],
      }),
      B,
    ],
    [
      'link_outside_funnel',
      (c) => ({
        ...c,
        pages: [
          c.pages[0] as PublishCandidatePage,
          pageOf(B, {
            variants: [
              {
                id: VARIANT,
                name: 'B',
                weight: 50,
                approved: { versionId: 'vv', document: withButton({ kind: 'page', pageId: OUTSIDE }) },
              },
            ],
          }),
        ],
      }),
      B,
    ],
    [
      'next_page_outside_funnel',
      (c) => ({ ...c, pages: [c.pages[0] as PublishCandidatePage, pageOf(B, { nextPageId: OUTSIDE })] }),
      B,
    ],
  ];

  it.each(cases)('refuses %s naming the page', (reason, mutate, pageId) => {
    const result = checkPublishRules(mutate(good()));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(expect.objectContaining({ reason, pageId }));
    const problem = result.problems.find((p) => p.reason === reason);
    if (pageId === B) expect(problem?.message).toContain("'page 0b'");
  });

  it('covers every reason in the table', () => {
    expect(new Set(cases.map(([reason]) => reason))).toEqual(new Set(PUBLISH_PROBLEM_REASONS));
  });

  it('lets external URLs through without a link row, and links variants with their id', () => {
    const candidate = good();
    candidate.pages[1] = pageOf(B, {
      approved: { versionId: 'v', document: withButton({ kind: 'url', url: 'https://example.com' }) },
      variants: [
        {
          id: VARIANT,
          name: 'B',
          weight: 50,
          approved: { versionId: 'vv', document: withButton({ kind: 'page', pageId: A }) },
        },
      ],
    });
    const result = checkPublishRules(candidate);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.links.filter((l) => l.fromPageId === B)).toEqual([
      { fromPageId: B, toPageId: A, kind: 'cta', label: 'Go', meta: { blockId: 'cta', variantId: VARIANT } },
    ]);
  });
});

describe('nextPageProblem', () => {
  const pages = [
    { id: A, nextPageId: B },
    { id: B, nextPageId: null },
    { id: C, nextPageId: null },
  ];
  it.each([
    ['no next page', A, null, null],
    ['itself', A, A, 'self'],
    ['a page of another funnel', B, OUTSIDE, 'other_funnel'],
    ['straight back (A → B → A)', B, A, 'cycle'],
    ['a longer cycle (A → B → C → A)', C, A, 'cycle'],
    ['forward', B, C, null],
    ['rewiring the start of the chain', A, C, null],
  ] as const)('%s', (_name, pageId, next, expected) => {
    const chain = _name.startsWith('a longer')
      ? pages.map((p) => (p.id === B ? { ...p, nextPageId: C } : p))
      : pages;
    expect(nextPageProblem(chain, pageId, next)).toBe(expected);
  });
});
