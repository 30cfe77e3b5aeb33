import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Providers } from '@/app';
import { setSession } from '@/lib/session';
import { json, stubFetch, trpcPaths } from '@/test/http';
import LibraryPage from '../library';

const ok = (...data: unknown[]) => json(data.map((d) => ({ result: { data: d } })));
const ad = (i: number) => ({ id: `ad-${i}`, brand: { id: 'b1', name: 'Glow Co' }, title: `Ad ${i}` });

function renderPage() {
  setSession({ token: 'tok', email: 'op@mos.local', orgId: 'org_1' });
  return render(
    <Providers>
      <MemoryRouter>
        <LibraryPage />
      </MemoryRouter>
    </Providers>,
  );
}

describe('Library import', () => {
  it('imports in batches of 200 with progress, then reports counts and each rejected row', async () => {
    const sent: { ads: { id: string }[]; exportedAt?: string }[] = [];
    let releaseSecond: () => void = () => {};
    const secondGate = new Promise<void>((r) => {
      releaseSecond = r;
    });
    stubFetch(async (call) => {
      const paths = trpcPaths(call.url);
      if (paths.includes('swipes.company.import')) {
        const body = JSON.parse(call.body ?? '{}') as { 0: { export: (typeof sent)[number] } };
        const batch = body[0].export;
        sent.push(batch);
        if (sent.length === 2) await secondGate;
        // The second batch's 4th row is malformed: the server reports it by its index within the batch.
        const rejected =
          sent.length === 2
            ? [
                {
                  index: 3,
                  externalId: 'ad-203',
                  reasons: ['brand.name: is required', 'start_date: must be a date in YYYY-MM-DD form'],
                },
              ]
            : [];
        return ok({
          total: batch.ads.length,
          inserted: batch.ads.length - rejected.length,
          updated: 0,
          unchanged: 0,
          rejected,
          brands: { inserted: 1, updated: 0, unchanged: 0 },
          media: { inserted: 0, updated: 0, unchanged: 0, removed: 0 },
        });
      }
      return ok(...paths.map(() => ({ items: [], nextCursor: null })));
    });
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('The library is empty');

    await user.click(screen.getByRole('button', { name: 'Import' }));
    const dialog = await screen.findByRole('dialog');
    const ads = Array.from({ length: 450 }, (_, i) => ad(i));
    const file = new File([JSON.stringify({ exportedAt: '2026-11-01', ads })], 'export.json', {
      type: 'application/json',
    });
    await user.upload(within(dialog).getByLabelText('Export file (.json)'), file);

    // After the first batch, while the second is in flight: 200 of 450.
    const bar = await within(dialog).findByRole('progressbar', { name: 'Import progress' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('44'));
    expect(within(dialog).getByText('200 of 450 ads · 44%')).toBeInstanceOf(HTMLElement);
    releaseSecond();

    expect(await within(dialog).findByText('export.json: 450 ads processed')).toBeInstanceOf(HTMLElement);
    expect(sent.map((b) => b.ads.length)).toEqual([200, 200, 50]);
    expect(sent[1]?.ads[0]?.id).toBe('ad-200');
    expect(sent.every((b) => b.exportedAt === '2026-11-01')).toBe(true);

    const summary = within(dialog).getByLabelText('Import summary');
    expect(within(summary).getByText('Inserted').previousElementSibling?.textContent).toBe('449');
    expect(within(summary).getByText('Rejected').previousElementSibling?.textContent).toBe('1');

    const table = within(dialog).getByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    const cells = within(rows[0] as HTMLElement).getAllByRole('cell');
    // Index 3 of the second batch is row 204 of the file (index 203).
    expect(cells[0]?.textContent).toBe('204');
    expect(cells[1]?.textContent).toBe('ad-203');
    expect(within(cells[2] as HTMLElement).getByText('brand.name: is required')).toBeInstanceOf(HTMLElement);
    expect(
      within(cells[2] as HTMLElement).getByText('start_date: must be a date in YYYY-MM-DD form'),
    ).toBeInstanceOf(HTMLElement);
  });

  it('refuses a file without an ads list before sending anything', async () => {
    const { calls } = stubFetch((call) =>
      ok(...trpcPaths(call.url).map(() => ({ items: [], nextCursor: null }))),
    );
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('The library is empty');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const dialog = await screen.findByRole('dialog');
    await user.upload(
      within(dialog).getByLabelText('Export file (.json)'),
      new File(['{"items": []}'], 'wrong.json', { type: 'application/json' }),
    );
    expect(await within(dialog).findByText('The file has no "ads" list.')).toBeInstanceOf(HTMLElement);
    expect(calls.some((c) => trpcPaths(c.url).includes('swipes.company.import'))).toBe(false);
  });
});

describe('Library grid', () => {
  it('renders stored media as lazy thumbnails from the API, a play badge for videos, a placeholder for unstored media, and sends the search', async () => {
    const swipe = (n: number, media: unknown[]) => ({
      id: `00000000-0000-4000-8000-00000000020${n}`,
      title: `Swipe ${n}`,
      brand: { id: 'b', name: 'Glow Co', slug: null, logoUrl: null },
      displayFormat: n === 1 ? 'image' : 'video',
      active: true,
      daysActive: 12,
      media,
    });
    // As the API answers: `/media/<id>` paths once stored, the ad platform's URLs until then (never loaded).
    const m = (type: string, mediaUrl: string, thumb: string | null) => ({
      id: mediaUrl,
      externalMediaId: null,
      path: null,
      url: 'https://cdn.test/original',
      mediaId: mediaUrl.startsWith('/media/') ? mediaUrl.split('/')[2] : null,
      mediaUrl,
      thumbnailPath: null,
      thumbnailUrl: thumb,
      disk: null,
      type,
      mimeType: null,
      sizeBytes: null,
      videoLength: null,
      downloadUrl: null,
    });
    const { calls } = stubFetch((call) =>
      ok(
        ...trpcPaths(call.url).map((p) =>
          p === 'swipes.company.list'
            ? {
                items: [
                  swipe(1, [m('image', '/media/m1', '/media/m1/thumb')]),
                  swipe(2, [m('video', '/media/m2', '/media/m2/thumb')]),
                  swipe(3, [m('image', 'https://cdn.test/3.jpg', 'https://cdn.test/3-thumb.jpg')]),
                ],
                nextCursor: null,
              }
            : { items: [], nextCursor: null },
        ),
      ),
    );
    const user = userEvent.setup();
    renderPage();
    const img1 = await screen.findByRole('img', { name: 'Swipe 1' });
    expect(img1.getAttribute('src')).toBe('http://127.0.0.1:8787/media/m1/thumb');
    expect(img1.getAttribute('loading')).toBe('lazy');
    const card2 = screen.getByRole('button', { name: /Swipe 2/ });
    expect(within(card2).getByRole('img', { name: 'Swipe 2' }).getAttribute('src')).toBe(
      'http://127.0.0.1:8787/media/m2/thumb',
    );
    expect(within(card2).getByRole('img', { name: 'Video' })).toBeInstanceOf(HTMLElement);
    // Not stored yet: a placeholder tile, and no request to the ad CDN.
    const card3 = screen.getByRole('button', { name: /Swipe 3/ });
    expect(within(card3).queryByRole('img', { name: 'Swipe 3' })).toBeNull();
    expect(within(card3).getByTestId('media-placeholder').textContent).toBe('Media not stored yet');
    expect(document.querySelector('img[src*="cdn.test"]')).toBeNull();

    await user.type(screen.getByLabelText('Search ads'), 'glow');
    await waitFor(() =>
      expect(
        calls.some((c) => {
          const raw = c.url.searchParams.get('input');
          return raw ? raw.includes('"q":"glow"') : false;
        }),
      ).toBe(true),
    );
  });
});
