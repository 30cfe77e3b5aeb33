import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Providers } from '@/app';
import { setSession } from '@/lib/session';
import { json, type RecordedCall, stubFetch, trpcInputs, trpcPaths } from '@/test/http';
import ClientDetailPage from './index';

const CLIENT_ID = '3f0e6a52-7c1b-4c55-9d3e-2a4b6c8d0e1f';
const client = {
  id: CLIENT_ID,
  orgId: 'o',
  name: 'Acme Outdoor',
  industry: 'Outdoor gear',
  primaryMarkets: ['US'],
  primaryLanguages: ['en'],
  status: 'active',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
};
const artifactRow = (id: string, version: number, status: string) => ({
  id,
  orgId: 'o',
  clientId: CLIENT_ID,
  campaignId: null,
  type: 'client_canon',
  version,
  status,
  source: 'workflow',
  workflowRunId: null,
  stepKey: null,
  createdByUser: null,
  approvedBy: null,
  approvedAt: null,
  createdAt: '2026-11-02T10:00:00.000Z',
});
const canonV1 = {
  clientId: CLIENT_ID,
  brand: {
    story: 'Tents that last.',
    values: ['durability', 'repairability'],
    toneOfVoice: { do: ['calm'], dont: ['hype'] },
  },
};
const canonV2 = {
  clientId: CLIENT_ID,
  brand: {
    story: 'Tents that last a lifetime.',
    values: ['durability', 'repairability', 'warranty'],
    toneOfVoice: { do: ['calm'], dont: ['hype'] },
  },
};
const V1 = '11111111-1111-4111-8111-111111111111';
const V2 = '22222222-2222-4222-8222-222222222222';

/** Answers each procedure of a (possibly batched) request by name. */
function respond(handlers: Record<string, (input: unknown, call: RecordedCall) => unknown>) {
  return stubFetch((c) => {
    const paths = trpcPaths(c.url);
    const inputs = c.method === 'GET' ? trpcInputs(c.url) : [JSON.parse(c.body ?? '{}')['0']];
    return json(
      paths.map((p, i) => {
        const h = handlers[p];
        return h
          ? { result: { data: h(inputs[i], c) } }
          : { result: { data: { items: [], nextCursor: null } } };
      }),
    );
  });
}

function renderDetail(tab = '') {
  setSession({ token: 'tok', email: 'op@mos.local', orgId: 'org' });
  return render(
    <Providers>
      <MemoryRouter initialEntries={[`/clients/${CLIENT_ID}${tab ? `?tab=${tab}` : ''}`]}>
        <Routes>
          <Route path="/clients/:clientId" element={<ClientDetailPage />} />
        </Routes>
      </MemoryRouter>
    </Providers>,
  );
}

describe('Client detail', () => {
  it('renders the canon readably and diffs two versions from the history', async () => {
    const { calls } = respond({
      'clients.get': () => client,
      'artifacts.latest': (input) =>
        (input as { type: string }).type === 'client_canon'
          ? { ...artifactRow(V2, 2, 'draft'), data: canonV2 }
          : null,
      'artifacts.versions': () => [artifactRow(V2, 2, 'draft'), artifactRow(V1, 1, 'superseded')],
      'artifacts.get': (input) =>
        (input as { id: string }).id === V1
          ? { ...artifactRow(V1, 1, 'superseded'), data: canonV1 }
          : { ...artifactRow(V2, 2, 'draft'), data: canonV2 },
    });
    const user = userEvent.setup();
    renderDetail('definition-files');

    expect(await screen.findByText('Tents that last a lifetime.')).toBeInstanceOf(HTMLElement);
    // Readable, not JSON: field names become headings and short lists become chips.
    expect(screen.getByRole('heading', { name: 'Brand' })).toBeInstanceOf(HTMLElement);
    expect(screen.getByRole('heading', { name: 'Tone of voice' })).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('warranty')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByText(/"story"/)).toBeNull();
    expect(screen.getByText('Draft')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('No metric schema yet')).toBeInstanceOf(HTMLElement);

    await user.click(screen.getByRole('button', { name: 'Version history' }));
    const dialog = await screen.findByRole('dialog');
    const table = await within(dialog).findByRole('table', { name: 'Differences' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['changed', 'added']);
    expect(within(table).getByText('brand.story')).toBeInstanceOf(HTMLElement);
    expect(within(table).getByText('brand.values[2]')).toBeInstanceOf(HTMLElement);
    expect(calls.some((c) => trpcPaths(c.url).includes('artifacts.versions'))).toBe(true);

    // The same version on both sides: nothing to show.
    await user.selectOptions(within(dialog).getByLabelText('Compare'), V2);
    expect(await within(dialog).findByText('No differences between v2 and v2.')).toBeInstanceOf(HTMLElement);
  });

  it('saves the overview with clients.update and archives after a confirm', async () => {
    const { calls } = respond({
      'clients.get': () => client,
      'clients.update': (input) => ({ ...client, ...(input as object) }),
      'clients.archive': () => ({ ...client, status: 'archived' }),
    });
    const user = userEvent.setup();
    renderDetail();
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Acme Tents');
    await user.type(screen.getByLabelText('Primary markets'), 'DE{Enter}');
    await user.selectOptions(screen.getByLabelText('Status'), 'paused');
    // The ad vertical starts unset (the industry decides) and is sent as chosen.
    const vertical = screen.getByLabelText('Ad vertical') as HTMLSelectElement;
    expect(vertical.value).toBe('');
    await user.selectOptions(vertical, 'ecommerce');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => trpcPaths(c.url)[0] === 'clients.update')).toBe(true));
    const update = calls.find((c) => trpcPaths(c.url)[0] === 'clients.update');
    expect(JSON.parse(update?.body ?? '{}')['0']).toEqual({
      id: CLIENT_ID,
      name: 'Acme Tents',
      industry: 'Outdoor gear',
      adVertical: 'ecommerce',
      primaryMarkets: ['US', 'DE'],
      primaryLanguages: ['en'],
      status: 'paused',
    });

    await user.click(screen.getByRole('button', { name: 'Archive client' }));
    const dialog = await screen.findByRole('dialog');
    expect(calls.some((c) => trpcPaths(c.url)[0] === 'clients.archive')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(calls.some((c) => trpcPaths(c.url)[0] === 'clients.archive')).toBe(true));
  });

  it("shows the client's saved ad vertical and clears it back to derived-from-industry as null", async () => {
    const { calls } = respond({
      'clients.get': () => ({ ...client, adVertical: 'coaching' }),
      'clients.update': (input) => ({ ...client, ...(input as object) }),
    });
    const user = userEvent.setup();
    renderDetail();
    const vertical = (await screen.findByLabelText('Ad vertical')) as HTMLSelectElement;
    expect(vertical.value).toBe('coaching');
    expect(within(vertical).getAllByRole('option')).toHaveLength(12);
    await user.selectOptions(vertical, '');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => trpcPaths(c.url)[0] === 'clients.update')).toBe(true));
    const update = calls.find((c) => trpcPaths(c.url)[0] === 'clients.update');
    expect(JSON.parse(update?.body ?? '{}')['0']).toMatchObject({ id: CLIENT_ID, adVertical: null });
  });

  it('lists offers with their price points', async () => {
    respond({
      'clients.get': () => client,
      'offers.list': () => ({
        items: [
          {
            id: 'o1',
            orgId: 'o',
            clientId: CLIENT_ID,
            name: 'Trail tent',
            description: null,
            businessModel: 'one-time purchase',
            differentiationBullets: ['lifetime repairs'],
            guaranteeText: null,
            createdAt: '2026-11-01T10:00:00.000Z',
            updatedAt: '2026-11-01T10:00:00.000Z',
            pricePoints: [{ id: 'p1', label: 'Standard', amountCents: 4990, currency: 'USD' }],
          },
        ],
        nextCursor: null,
      }),
    });
    renderDetail('offers');
    const prices = await screen.findByRole('list', { name: 'Price points of Trail tent' });
    expect(within(prices).getByText('Standard')).toBeInstanceOf(HTMLElement);
    expect(within(prices).getByText(/49\.90/)).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('lifetime repairs')).toBeInstanceOf(HTMLElement);
  });
});
