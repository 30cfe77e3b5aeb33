import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { describeDocumentIssue } from './document-issues';
import { hostnameProblem } from './domains-panel';
import { CsvExportButton, csvHref, fieldSummary } from './leads-panel';
import { nextPageOptions, pageState, publicPageUrl } from './page-state';
import { PagesTable } from './pages-table';
import { PublishProblems } from './publish-problems';
import { ResultsChart } from './results-chart';
import type { FunnelPageRow } from './types';
import { NewVariantDialog, VariantsPanel } from './variants-panel';
import { parseWeight, trafficShares, weightsNote } from './weights';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const page = (n: number, over: Partial<FunnelPageRow> = {}): FunnelPageRow => ({
  id: id(n),
  name: `Page ${n}`,
  slug: `page-${n}`,
  nextPageId: null,
  ordering: n,
  latestDraftVersionId: id(100 + n),
  latestApprovedVersionId: null,
  hasUnapprovedChanges: true,
  latestSource: 'human',
  ...over,
});

describe('page state', () => {
  it('is draft without an approval, approved when the approval is the newest, changed when a draft came after', () => {
    expect(pageState(page(1))).toBe('draft');
    const approved = { latestApprovedVersionId: id(200) };
    expect(pageState(page(1, { ...approved, hasUnapprovedChanges: false }))).toBe('approved');
    expect(pageState(page(1, { ...approved, hasUnapprovedChanges: true }))).toBe('changed');
  });

  it('builds the public URL from the API base, the public id and the slug', () => {
    expect(publicPageUrl('https://api.example.com/', 'abc', 'thank-you')).toBe(
      'https://api.example.com/f/abc/thank-you',
    );
  });
});

const tableProps = (pages: FunnelPageRow[]) => ({
  pages,
  entryPageId: pages[0]?.id ?? null,
  editHref: (pid: string) => `/funnels/f/pages/${pid}/edit`,
  publicHref: (slug: string) => `https://api.test/f/pub/${slug}`,
  published: true,
  canEdit: true,
  busy: false,
  onNextPage: vi.fn(),
  onEntryPage: vi.fn(),
  onMove: vi.fn(),
  onApprove: vi.fn(),
  onDelete: vi.fn(),
});

describe('pages table', () => {
  it('offers every other page as the next page, never the page itself, and reports the choice', async () => {
    const pages = [page(1), page(2), page(3)];
    expect(nextPageOptions(pages, id(2)).map((p) => p.id)).toEqual([id(1), id(3)]);
    const props = tableProps(pages);
    render(
      <MemoryRouter>
        <PagesTable {...props} />
      </MemoryRouter>,
    );
    const select = screen.getByLabelText('Next page after Page 2') as HTMLSelectElement;
    const options = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['None (last page)', 'Page 1', 'Page 3']);
    await userEvent.selectOptions(select, 'Page 3');
    expect(props.onNextPage).toHaveBeenCalledWith(id(2), id(3));
    await userEvent.selectOptions(select, 'None (last page)');
    expect(props.onNextPage).toHaveBeenLastCalledWith(id(2), null);
  });

  it('shows each page’s state, approves only what is not approved, and links the public page', async () => {
    const pages = [
      page(1, { latestApprovedVersionId: id(201), hasUnapprovedChanges: false }),
      page(2, { latestApprovedVersionId: id(202), hasUnapprovedChanges: true }),
      page(3, { latestSource: 'ai' }),
    ];
    const props = tableProps(pages);
    render(
      <MemoryRouter>
        <PagesTable {...props} />
      </MemoryRouter>,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]?.textContent)).toEqual([
      'Approved',
      'Changed since approval',
      'DraftAI draft to review',
    ]);
    expect((screen.getByRole('button', { name: 'Approve Page 1' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Approve Page 2' }));
    expect(props.onApprove).toHaveBeenCalledWith(id(2));
    expect(screen.getByRole('link', { name: 'Open public page Page 3' }).getAttribute('href')).toBe(
      'https://api.test/f/pub/page-3',
    );
    expect((screen.getByRole('button', { name: 'Move Page 1 up' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Move Page 1 down' }));
    expect(props.onMove).toHaveBeenCalledWith(id(1), 1);
  });
});

describe('publish problems', () => {
  it('lists funnel-wide problems first, then each page’s, linking to pages of this funnel only', () => {
    render(
      <MemoryRouter>
        <PublishProblems
          pageIds={[id(1)]}
          editHref={(pid) => `/edit/${pid}`}
          problems={[
            { reason: 'page_not_approved', pageId: id(1), message: "Page 'Landing' is not approved." },
            { reason: 'no_entry_page', pageId: null, message: 'The funnel has no entry page.' },
            {
              reason: 'entry_page_not_in_funnel',
              pageId: id(9),
              message: 'The entry page is not a page of this funnel.',
            },
          ]}
        />
      </MemoryRouter>,
    );
    const items = within(screen.getByRole('list', { name: 'Publish problems' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'The funnel has no entry page.',
      "Page 'Landing' is not approved.Open page",
      'The entry page is not a page of this funnel.',
    ]);
    expect(
      within(items[1] as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
    ).toBe(`/edit/${id(1)}`);
    expect(screen.getByText('Publishing needs 3 fixes').textContent).toBe('Publishing needs 3 fixes');
  });

  it('renders nothing when there is nothing to fix', () => {
    const { container } = render(
      <MemoryRouter>
        <PublishProblems pageIds={[]} editHref={() => ''} problems={[]} />
      </MemoryRouter>,
    );
    expect(container.innerHTML).toBe('');
  });
});

describe('leads CSV', () => {
  it('offers the API’s CSV under the file name it suggests, with a BOM, and says when it was cut short', async () => {
    const csv = 'email,name\nada@example.com,"Ada, L."\n';
    expect(decodeURIComponent(csvHref(csv).replace('data:text/csv;charset=utf-8,', ''))).toBe(`\uFEFF${csv}`);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const fetchCsv = vi.fn(async () => ({ csv, fileName: 'Spring-Launch-leads.csv', truncated: true }));
    render(<CsvExportButton fetchCsv={fetchCsv} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const link = await screen.findByRole('link', { name: 'Spring-Launch-leads.csv' });
    expect(link.getAttribute('download')).toBe('Spring-Launch-leads.csv');
    expect(screen.getByText(/newest leads only/).textContent).toContain('export older ones by date');
    expect(link.getAttribute('href')).toBe(csvHref(csv));
    expect(fetchCsv).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('sums up a lead’s fields without the email, whatever shape they came in', () => {
    expect(fieldSummary({ email: 'a@b.c', first_name: 'Ada', phone: '0151' })).toBe(
      'first_name: Ada · phone: 0151',
    );
    expect(fieldSummary(null)).toBe('');
    expect(fieldSummary({ nested: { x: 1 } })).toBe('');
  });

  it('says so when the export fails', async () => {
    render(<CsvExportButton fetchCsv={() => Promise.reject(new Error('boom'))} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The export failed');
    expect(screen.queryByRole('link')).toBeNull();
  });
});

describe('variant weights', () => {
  it('accepts whole numbers from 0 to 100 and names what is wrong otherwise', () => {
    expect(parseWeight(' 40 ')).toEqual({ ok: true, value: 40 });
    expect(parseWeight('0')).toEqual({ ok: true, value: 0 });
    expect(parseWeight('')).toEqual({ ok: false, error: 'is required' });
    expect(parseWeight('2.5')).toEqual({ ok: false, error: 'must be a whole number' });
    expect(parseWeight('-1')).toEqual({ ok: false, error: 'must be a whole number' });
    expect(parseWeight('101')).toEqual({ ok: false, error: 'must be at most 100' });
    expect(parseWeight('100')).toEqual({ ok: true, value: 100 });
    // The page as it is keeps 100 − the variants' sum, as the publisher weighs it.
    expect(trafficShares([25, 25])).toEqual({ base: 0.5, variants: [0.25, 0.25] });
    expect(trafficShares([])).toEqual({ base: 1, variants: [] });
    expect(trafficShares([80, 40])).toEqual({ base: 0, variants: [80 / 120, 40 / 120] });
    expect(trafficShares([0])).toEqual({ base: 1, variants: [0] });
    expect(weightsNote([0])).toMatch(/all get the page as it is/);
    expect(weightsNote([60, 40])).toMatch(/no traffic/);
    expect(weightsNote([30])).toBeNull();
  });

  it('saves a valid weight on Enter, refuses an invalid one with the reason, and shows traffic shares', async () => {
    const onWeight = vi.fn();
    render(
      <MemoryRouter>
        <VariantsPanel
          pages={[{ id: id(1), name: 'Landing' }]}
          variants={[
            {
              id: id(11),
              pageId: id(1),
              name: 'Control',
              experimentId: 'exp',
              experimentVariantId: 'a',
              weight: 30,
            },
            {
              id: id(12),
              pageId: id(1),
              name: 'Bold',
              experimentId: 'exp',
              experimentVariantId: 'b',
              weight: 60,
            },
          ]}
          arms={[
            { experimentId: 'exp', experimentName: 'Hook test', variantId: 'a', variantName: 'Ingredients' },
            { experimentId: 'exp', experimentName: 'Hook test', variantId: 'b', variantName: 'Barrier' },
          ]}
          canEdit
          busy={false}
          editHref={(p, v) => (v ? `/e/${p}?variant=${v}` : `/e/${p}`)}
          onWeight={onWeight}
        />
      </MemoryRouter>,
    );
    const table = screen.getByRole('table', { name: 'Variants of Landing' });
    expect(within(table).getByText('Hook test · Barrier').textContent).toBe('Hook test · Barrier');
    // 30 and 60 leave 10 for the page as it is.
    const shares = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[3]?.textContent);
    expect(shares).toEqual(['10%', '30%', '60%']);
    const field = screen.getByLabelText('Weight of Control');
    await userEvent.clear(field);
    await userEvent.type(field, '7.5{Enter}');
    expect(screen.getByRole('alert').textContent).toContain('Weight must be a whole number');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(onWeight).not.toHaveBeenCalled();
    await userEvent.clear(field);
    await userEvent.type(field, '80{Enter}');
    expect(onWeight).toHaveBeenCalledWith(id(11), 80);
    expect(screen.getByRole('link', { name: /Edit page/ }).getAttribute('href')).toBe(`/e/${id(1)}`);
    expect(screen.getAllByRole('link', { name: /Edit variant/ })[1]?.getAttribute('href')).toBe(
      `/e/${id(1)}?variant=${id(12)}`,
    );
  });

  it('the new-variant form refuses a bad weight and sends the chosen arm', async () => {
    const onCreate = vi.fn(async () => undefined);
    render(
      <NewVariantDialog
        pages={[{ id: id(1), name: 'Landing' }]}
        arms={[{ experimentId: 'exp', experimentName: 'Hook test', variantId: 'b', variantName: 'Barrier' }]}
        pending={false}
        onCreate={onCreate}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'New variant' }));
    await userEvent.selectOptions(screen.getByLabelText('Page'), 'Landing');
    await userEvent.type(screen.getByLabelText('Name'), 'Barrier hero');
    await userEvent.click(screen.getByRole('button', { name: 'Create variant' }));
    expect(screen.getByText('Choose the experiment arm this variant tests').textContent).toBe(
      'Choose the experiment arm this variant tests',
    );
    await userEvent.selectOptions(screen.getByLabelText('Experiment arm'), 'Hook test · Barrier');
    const weight = screen.getByLabelText('Weight');
    await userEvent.clear(weight);
    await userEvent.type(weight, 'lots');
    await userEvent.click(screen.getByRole('button', { name: 'Create variant' }));
    expect(screen.getByText('Weight must be a whole number').textContent).toBe(
      'Weight must be a whole number',
    );
    expect(onCreate).not.toHaveBeenCalled();
    await userEvent.clear(weight);
    await userEvent.type(weight, '30');
    await userEvent.click(screen.getByRole('button', { name: 'Create variant' }));
    expect(onCreate).toHaveBeenCalledWith({
      pageId: id(1),
      name: 'Barrier hero',
      experimentId: 'exp',
      experimentVariantId: 'b',
      weight: 30,
    });
  });
});

describe('results chart', () => {
  it('draws one bar per variant, scaled to the best conversion', () => {
    render(
      <ResultsChart
        results={[
          {
            pageId: id(1),
            variantId: null,
            label: 'Landing',
            views: 200,
            clicks: 40,
            leads: 10,
            conversion: 0.05,
          },
          {
            pageId: id(1),
            variantId: id(11),
            label: 'Bold',
            views: 100,
            clicks: 30,
            leads: 10,
            conversion: 0.1,
          },
        ]}
      />,
    );
    const bars = screen.getAllByTestId('result-bar');
    expect(bars.map((b) => b.getAttribute('data-value'))).toEqual(['0.05', '0.1']);
    const widths = bars.map((b) => Number(b.querySelectorAll('rect')[1]?.getAttribute('width')));
    expect(widths[1]).toBeGreaterThan(0);
    expect(widths[0]).toBeCloseTo((widths[1] ?? 0) / 2, 5);
    expect(screen.getByText('10%').textContent).toBe('10%');
  });
});

describe('domains and document issues', () => {
  it('checks a hostname before asking the API', () => {
    expect(hostnameProblem('go.example.com')).toBeNull();
    expect(hostnameProblem('Go.Example.com.')).toBeNull();
    expect(hostnameProblem('https://go.example.com/x')).toMatch(/without https/);
    expect(hostnameProblem('localhost')).toMatch(/not a valid hostname/);
    expect(hostnameProblem('-bad.example.com')).toMatch(/not a valid hostname/);
    expect(hostnameProblem(' ')).toBe('is required');
  });

  it('names the block and field of an API validation issue', () => {
    const doc = {
      content: [
        { type: 'Hero', props: { id: 'h' } },
        { type: 'LeadForm', props: { id: 'f' } },
      ],
    };
    expect(
      describeDocumentIssue(doc, {
        path: ['document', 'content', 0, 'props', 'headline'],
        message: 'required',
      }),
    ).toBe('Hero (1st block) · Headline: required');
    expect(
      describeDocumentIssue(doc, { path: ['content', 1, 'props', 'fields', 2, 'name'], message: 'bad' }),
    ).toBe('Lead Form (2nd block) · Fields › #3 › Name: bad');
    expect(describeDocumentIssue(doc, { path: ['root', 'props', 'title'], message: 'required' })).toBe(
      'Page settings · Title: required',
    );
  });
});

describe('variant weight on blur', () => {
  it('saves a changed weight when the field loses focus', () => {
    const onWeight = vi.fn();
    render(
      <MemoryRouter>
        <VariantsPanel
          pages={[{ id: id(1), name: 'Landing' }]}
          variants={[
            {
              id: id(11),
              pageId: id(1),
              name: 'A',
              experimentId: null,
              experimentVariantId: null,
              weight: 1,
            },
          ]}
          arms={[]}
          canEdit
          busy={false}
          editHref={() => '/'}
          onWeight={onWeight}
        />
      </MemoryRouter>,
    );
    const field = screen.getByLabelText('Weight of A');
    fireEvent.change(field, { target: { value: '5' } });
    fireEvent.blur(field);
    expect(onWeight).toHaveBeenCalledWith(id(11), 5);
  });
});
