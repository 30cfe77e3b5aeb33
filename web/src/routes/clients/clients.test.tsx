import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Providers } from '@/app';
import { setSession } from '@/lib/session';
import { json, stubFetch, trpcInputs, trpcPaths } from '@/test/http';
import ClientsPage from './index';

function client(n: number, over: Record<string, unknown> = {}) {
  return {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    orgId: 'o',
    name: `Client ${n}`,
    industry: n % 2 ? 'DTC beauty' : null,
    primaryMarkets: ['US', 'DE'],
    primaryLanguages: ['en'],
    status: 'active',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...over,
  };
}

/** Answers every procedure of a batched tRPC request with `data`. */
const batch = (...data: unknown[]) => json(data.map((d) => ({ result: { data: d } })));

function renderPage() {
  setSession({ token: 'tok_abc', email: 'demo@mos.local', orgId: 'org_demo' });
  return render(
    <Providers>
      <MemoryRouter>
        <ClientsPage />
      </MemoryRouter>
    </Providers>,
  );
}

describe('Clients list', () => {
  it('renders a row per client from the tRPC response, sending the session token', async () => {
    const { calls } = stubFetch(() =>
      batch({ items: [client(1), client(2, { status: 'paused', name: 'Beta Labs' })], nextCursor: null }),
    );
    renderPage();

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByText('Client 1')).toBeInstanceOf(HTMLElement);
    expect(within(rows[0] as HTMLElement).getByText('DTC beauty')).toBeInstanceOf(HTMLElement);
    expect(within(rows[0] as HTMLElement).getByText('US, DE')).toBeInstanceOf(HTMLElement);
    expect(within(rows[1] as HTMLElement).getByText('Beta Labs')).toBeInstanceOf(HTMLElement);
    expect(within(rows[1] as HTMLElement).getByText('paused')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText('No clients yet')).toBeNull();

    const call = calls[0];
    expect(call && trpcPaths(call.url)).toEqual(['clients.list']);
    expect(call && trpcInputs(call.url)).toEqual([{ limit: 25 }]);
    expect(call?.headers.get('authorization')).toBe('Bearer tok_abc');
  });

  it('shows the empty state when there are no clients', async () => {
    stubFetch(() => batch({ items: [], nextCursor: null }));
    renderPage();
    expect(await screen.findByText('No clients yet')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('loads the next page with the cursor and sends the status filter', async () => {
    const { calls } = stubFetch((c) => {
      const input = trpcInputs(c.url)[0] as { cursor?: string | null };
      return input.cursor === 'cur_1'
        ? batch({ items: [client(3)], nextCursor: null })
        : batch({ items: [client(1), client(2)], nextCursor: 'cur_1' });
    });
    const user = userEvent.setup();
    renderPage();

    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Client 3')).toBeInstanceOf(HTMLElement);
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(trpcInputs(calls[1]?.url as URL)).toEqual([{ cursor: 'cur_1', limit: 25 }]);

    await user.selectOptions(screen.getByLabelText('Filter by status'), 'archived');
    await waitFor(() =>
      expect(calls.some((c) => (trpcInputs(c.url)[0] as { status?: string }).status === 'archived')).toBe(
        true,
      ),
    );
  });
});

describe('New client', () => {
  it('opens the onboarding wizard on its first step, and each row links to the client detail', async () => {
    stubFetch(() => batch({ items: [client(1)], nextCursor: null }));
    const user = userEvent.setup();
    renderPage();
    const link = await screen.findByRole('link', { name: 'Client 1' });
    expect(link.getAttribute('href')).toBe(`/clients/${client(1).id}`);

    await user.click(screen.getByRole('button', { name: 'New client' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading', { name: 'Basics' })).toBeInstanceOf(HTMLElement);
    expect(within(dialog).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('17');
    expect(within(dialog).getByLabelText('Brand story')).toBeInstanceOf(HTMLElement);
  });
});
