import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Providers } from '@/app';
import { setSession } from '@/lib/session';
import { json, type RecordedCall, stubFetch, trpcPaths } from '@/test/http';
import CampaignsRoutes from '../campaigns';

const CLIENT = '00000000-0000-4000-8000-0000000000c1';
const CAMPAIGN = '00000000-0000-4000-8000-0000000000a1';
const asset = (n: number, over: Record<string, unknown> = {}) => ({
  id: `00000000-0000-4000-8000-00000000010${n}`,
  orgId: 'o',
  clientId: CLIENT,
  campaignId: CAMPAIGN,
  experimentId: null,
  assetBriefArtifactId: null,
  variantId: 'v1',
  sourceType: 'ai',
  status: 'qa_passed',
  channelId: 'meta',
  format: 'static_1080x1080',
  icpId: null,
  funnelStageId: null,
  conceptId: null,
  angleType: null,
  content: { headline: `Headline ${n}`, primaryText: `Body ${n}`, hook: `Hook ${n}` },
  qa: { passed: true, notes: null, issues: [] },
  qaReportArtifactId: null,
  statusChangedAt: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  ...over,
});
const campaign = {
  id: CAMPAIGN,
  orgId: 'o',
  clientId: CLIENT,
  name: 'Spring launch',
  status: 'draft',
  goalDescription: 'Grow first purchases',
  objectiveType: 'purchases',
  numericTarget: 500,
  baseline: { metric: 'cvr', value: 0.032 },
  timeframeDays: 30,
  budgetMin: 5000,
  budgetMax: 8000,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
};
const me = {
  userId: 'u',
  clerkUserId: 'user_1',
  email: 'op@mos.local',
  role: 'operator',
  org: { id: 'o', externalId: 'org_1', name: 'Acme Agency' },
};

type Answer = { data: unknown } | { error: { code: string; httpStatus: number; message: string } };

/** Answers each procedure of a batched tRPC request from `routes`, in the wire shape tRPC uses. */
function api(routes: Record<string, (call: RecordedCall) => Answer>) {
  return stubFetch((call) => {
    const answers = trpcPaths(call.url).map((p) => {
      const route = routes[p];
      if (!route) throw new Error(`unexpected procedure ${p}`);
      return route(call);
    });
    const body = answers.map((a, i) =>
      'data' in a
        ? { result: { data: a.data } }
        : {
            error: {
              message: a.error.message,
              code: -32012,
              data: { code: a.error.code, httpStatus: a.error.httpStatus, path: trpcPaths(call.url)[i] },
            },
          },
    );
    const failed = answers.find((a) => 'error' in a);
    return json(body, failed && 'error' in failed ? failed.error.httpStatus : 200);
  });
}

function renderAt(path: string) {
  setSession({ token: 'tok', email: 'op@mos.local', orgId: 'org_1' });
  return render(
    <Providers>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="campaigns/*" element={<CampaignsRoutes />} />
        </Routes>
      </MemoryRouter>
    </Providers>,
  );
}

const common = {
  'me.get': () => ({ data: me }),
  'clients.list': () => ({ data: { items: [{ id: CLIENT, name: 'Acme Skincare' }], nextCursor: null } }),
};

describe('Campaign planning', () => {
  it('shows the readiness gate message with a link to the definition files when planning is refused', async () => {
    const gate =
      "Campaign planning needs the client's approved client canon and approved metric schema; missing: approved metric schema";
    const { calls } = api({
      ...common,
      'campaigns.list': () => ({ data: { items: [campaign], nextCursor: null } }),
      'campaigns.plan': () => ({ error: { code: 'PRECONDITION_FAILED', httpStatus: 412, message: gate } }),
    });
    const user = userEvent.setup();
    renderAt('/campaigns');

    const plan = await screen.findByRole('button', { name: 'Plan campaign Spring launch' });
    await waitFor(() => expect((plan as HTMLButtonElement).disabled).toBe(false));
    await user.click(plan);

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(gate)).toBeInstanceOf(HTMLElement);
    expect(
      within(alert).getByRole('link', { name: "Open the client's definition files" }).getAttribute('href'),
    ).toBe(`/clients/${CLIENT}?tab=definition-files`);
    const call = calls.find((c) => trpcPaths(c.url).includes('campaigns.plan'));
    expect(JSON.parse(call?.body ?? '{}')).toEqual({ 0: { id: CAMPAIGN } });
  });

  it('links the started run when planning starts', async () => {
    api({
      ...common,
      'campaigns.list': () => ({ data: { items: [campaign], nextCursor: null } }),
      'campaigns.plan': () => ({ data: { runId: 'run-1', workflowId: 'wf' } }),
    });
    const user = userEvent.setup();
    renderAt('/campaigns');
    const plan = await screen.findByRole('button', { name: 'Plan campaign Spring launch' });
    await waitFor(() => expect((plan as HTMLButtonElement).disabled).toBe(false));
    await user.click(plan);
    const link = await screen.findByRole('link', { name: /View campaign planning run/ });
    expect(link.getAttribute('href')).toBe('/runs/run-1');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('Campaign detail asset gallery', () => {
  it('sends exactly the selected asset ids with the chosen status', async () => {
    const { calls } = api({
      ...common,
      'campaigns.get': () => ({ data: campaign }),
      'artifacts.latest': () => ({ data: null }),
      'experiments.list': () => ({ data: { items: [], nextCursor: null } }),
      'assets.list': () => ({
        data: {
          items: [
            asset(1),
            asset(2, {
              status: 'qa_failed',
              qa: {
                passed: false,
                notes: null,
                issues: [
                  { kind: 'compliance', severity: 'blocker', message: 'Claims a cure', phrase: 'cures' },
                ],
              },
            }),
            asset(3),
          ],
          nextCursor: null,
        },
      }),
      'assets.setStatus': () => ({ data: { updated: 2 } }),
    });
    const user = userEvent.setup();
    renderAt(`/campaigns/${CAMPAIGN}`);

    await user.click(await screen.findByRole('tab', { name: /Assets/ }));
    const second = await screen.findByRole('group', { name: 'Asset Headline 2' });
    expect(within(second).getByText('QA failed · 1 issue')).toBeInstanceOf(HTMLElement);
    expect(within(second).getByText('blocker')).toBeInstanceOf(HTMLElement);
    expect(within(second).getByText(/Claims a cure/)).toBeInstanceOf(HTMLElement);

    await user.click(await screen.findByRole('checkbox', { name: 'Select Headline 1' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Headline 3' }));
    expect(screen.getByText('2 selected')).toBeInstanceOf(HTMLElement);
    await user.selectOptions(screen.getByLabelText('New status'), 'rejected');
    await user.click(screen.getByRole('button', { name: 'Set status' }));

    await waitFor(() => expect(calls.some((c) => trpcPaths(c.url).includes('assets.setStatus'))).toBe(true));
    const call = calls.find((c) => trpcPaths(c.url).includes('assets.setStatus'));
    expect(JSON.parse(call?.body ?? '{}')).toEqual({
      0: { ids: [asset(1).id, asset(3).id], status: 'rejected' },
    });
    await waitFor(() => expect(screen.getByText('0 selected')).toBeInstanceOf(HTMLElement));
  });
});

describe('New campaign market picker', () => {
  const transatlantic = {
    id: CLIENT,
    name: 'Acme Skincare',
    primaryMarkets: ['USA', 'Germany', 'Atlantis'],
  };

  it("offers the client's markets, starts with its first, shows the budget currency and sends the chosen markets", async () => {
    const { calls } = api({
      ...common,
      'clients.list': () => ({ data: { items: [transatlantic], nextCursor: null } }),
      'campaigns.list': () => ({ data: { items: [], nextCursor: null } }),
      'campaigns.create': () => ({ data: { ...campaign, markets: ['DE'], currency: 'EUR' } }),
    });
    const user = userEvent.setup();
    renderAt('/campaigns');
    await user.click(await screen.findByRole('button', { name: 'New campaign' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByRole('group', { name: 'Markets' })).toBeNull();
    const client = within(dialog).getByLabelText('Client');
    await waitFor(() => expect((client as HTMLSelectElement).disabled).toBe(false));
    await user.selectOptions(client, CLIENT);

    const markets = within(dialog).getByRole('group', { name: 'Markets' });
    const us = within(markets).getByRole('checkbox', { name: 'United States (US)' }) as HTMLInputElement;
    const de = within(markets).getByRole('checkbox', { name: 'Germany (DE)' }) as HTMLInputElement;
    // "Atlantis" is no country code: not offered.
    expect(within(markets).getAllByRole('checkbox')).toHaveLength(2);
    expect([us.checked, de.checked]).toEqual([true, false]);
    expect(within(dialog).getByLabelText('Budget min (USD)')).toBeInstanceOf(HTMLElement);

    // No market at all is refused before sending.
    await user.type(within(dialog).getByLabelText('Name'), 'Berlin launch');
    await user.click(us);
    await user.click(within(dialog).getByRole('button', { name: 'Create campaign' }));
    expect(await within(dialog).findByText('choose at least one market')).toBeInstanceOf(HTMLElement);
    expect(calls.some((c) => trpcPaths(c.url).includes('campaigns.create'))).toBe(false);

    // Germany alone: the budget is in euros.
    await user.click(de);
    expect(within(dialog).getByLabelText('Budget max (EUR)')).toBeInstanceOf(HTMLElement);
    // The baseline names its metric: a rate typed in percent is sent as a fraction; money as typed.
    await user.type(within(dialog).getByLabelText('Baseline (%)'), '3.2');
    await user.selectOptions(within(dialog).getByLabelText('Baseline metric'), 'cpa');
    expect(within(dialog).queryByLabelText('Baseline (%)')).toBeNull();
    await user.selectOptions(within(dialog).getByLabelText('Baseline metric'), 'cvr');
    await user.click(within(dialog).getByRole('button', { name: 'Create campaign' }));
    await waitFor(() => expect(calls.some((c) => trpcPaths(c.url).includes('campaigns.create'))).toBe(true));
    const call = calls.find((c) => trpcPaths(c.url).includes('campaigns.create'));
    expect(JSON.parse(call?.body ?? '{}')[0]).toMatchObject({
      clientId: CLIENT,
      name: 'Berlin launch',
      markets: ['DE'],
      currency: null,
      specialAdCategory: null,
      baseline: { metric: 'cvr', value: 0.032 },
    });
  });

  it('keeps the client order when markets are added and sends a currency typed in', async () => {
    const { calls } = api({
      ...common,
      'clients.list': () => ({ data: { items: [transatlantic], nextCursor: null } }),
      'campaigns.list': () => ({ data: { items: [], nextCursor: null } }),
      'campaigns.create': () => ({ data: { ...campaign, markets: ['US', 'DE'], currency: 'CHF' } }),
    });
    const user = userEvent.setup();
    renderAt('/campaigns');
    await user.click(await screen.findByRole('button', { name: 'New campaign' }));
    const dialog = await screen.findByRole('dialog');
    const client = within(dialog).getByLabelText('Client');
    await waitFor(() => expect((client as HTMLSelectElement).disabled).toBe(false));
    await user.selectOptions(client, CLIENT);
    await user.type(within(dialog).getByLabelText('Name'), 'Both');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Germany (DE)' }));
    await user.type(within(dialog).getByLabelText('Currency'), 'chf');
    expect(within(dialog).getByLabelText('Budget min (CHF)')).toBeInstanceOf(HTMLElement);
    await user.click(within(dialog).getByRole('button', { name: 'Create campaign' }));
    await waitFor(() => expect(calls.some((c) => trpcPaths(c.url).includes('campaigns.create'))).toBe(true));
    const call = calls.find((c) => trpcPaths(c.url).includes('campaigns.create'));
    expect(JSON.parse(call?.body ?? '{}')[0]).toMatchObject({ markets: ['US', 'DE'], currency: 'CHF' });
  });

  it('the campaign detail shows its markets and the budget with its currency', async () => {
    api({
      ...common,
      'campaigns.get': () => ({ data: { ...campaign, markets: ['US', 'DE'], currency: 'USD' } }),
      'artifacts.latest': () => ({ data: null }),
      'experiments.list': () => ({ data: { items: [], nextCursor: null } }),
      'assets.list': () => ({ data: { items: [], nextCursor: null } }),
    });
    renderAt(`/campaigns/${CAMPAIGN}`);
    expect(await screen.findByText('US, DE')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(/5,000 – 8,000 USD/)).toBeInstanceOf(HTMLElement);
  });
});

describe('Campaign experiments', () => {
  it('each experiment row opens the experiment page (plan, results, decisions)', async () => {
    const experimentId = '00000000-0000-4000-8000-0000000000e1';
    api({
      ...common,
      'campaigns.get': () => ({ data: campaign }),
      'artifacts.latest': () => ({ data: null }),
      'experiments.list': () => ({
        data: {
          items: [
            {
              id: experimentId,
              name: 'Hero proof test',
              status: 'running',
              specId: 'exp-hero',
              startedAt: '2026-11-20T09:00:00.000Z',
            },
          ],
          nextCursor: null,
        },
      }),
      'assets.list': () => ({ data: { items: [], nextCursor: null } }),
    });
    const user = userEvent.setup();
    renderAt(`/campaigns/${CAMPAIGN}`);
    await user.click(await screen.findByRole('tab', { name: /Experiments/ }));
    const open = await screen.findByRole('link', { name: 'Results & plan: Hero proof test' });
    expect(open.getAttribute('href')).toBe(`/experiments/${experimentId}`);
    expect(screen.getByRole('link', { name: 'Hero proof test' }).getAttribute('href')).toBe(
      `/experiments/${experimentId}`,
    );
  });
});

describe('Special ad category', () => {
  it('the new-campaign dialog sends the declared category', async () => {
    const { calls } = api({
      ...common,
      'clients.list': () => ({
        data: { items: [{ id: CLIENT, name: 'Acme Lending', primaryMarkets: ['USA'] }], nextCursor: null },
      }),
      'campaigns.list': () => ({ data: { items: [], nextCursor: null } }),
      'campaigns.create': () => ({ data: { ...campaign, specialAdCategory: 'credit' } }),
    });
    const user = userEvent.setup();
    renderAt('/campaigns');
    await user.click(await screen.findByRole('button', { name: 'New campaign' }));
    const dialog = await screen.findByRole('dialog');
    const client = within(dialog).getByLabelText('Client');
    await waitFor(() => expect((client as HTMLSelectElement).disabled).toBe(false));
    await user.selectOptions(client, CLIENT);
    await user.type(within(dialog).getByLabelText('Name'), 'Refi push');
    const category = within(dialog).getByLabelText('Special ad category') as HTMLSelectElement;
    expect(category.value).toBe('');
    expect(
      within(category)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['None', 'Credit', 'Employment', 'Housing', 'Social issues, elections or politics']);
    await user.selectOptions(category, 'credit');
    await user.click(within(dialog).getByRole('button', { name: 'Create campaign' }));
    await waitFor(() => expect(calls.some((c) => trpcPaths(c.url).includes('campaigns.create'))).toBe(true));
    const call = calls.find((c) => trpcPaths(c.url).includes('campaigns.create'));
    expect(JSON.parse(call?.body ?? '{}')[0]).toMatchObject({
      name: 'Refi push',
      specialAdCategory: 'credit',
    });
  });

  it('the campaign detail shows the category and an operator changes it with campaigns.update', async () => {
    const { calls } = api({
      ...common,
      'campaigns.get': () => ({ data: { ...campaign, specialAdCategory: 'housing' } }),
      'campaigns.update': () => ({ data: { ...campaign, specialAdCategory: 'credit' } }),
      'artifacts.latest': () => ({ data: null }),
      'experiments.list': () => ({ data: { items: [], nextCursor: null } }),
      'assets.list': () => ({ data: { items: [], nextCursor: null } }),
    });
    const user = userEvent.setup();
    renderAt(`/campaigns/${CAMPAIGN}`);
    const category = (await screen.findByLabelText('Special ad category')) as HTMLSelectElement;
    expect(category.value).toBe('housing');
    const save = screen.getByRole('button', { name: 'Save category' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await user.selectOptions(category, 'credit');
    await user.click(save);
    await waitFor(() => expect(calls.some((c) => trpcPaths(c.url).includes('campaigns.update'))).toBe(true));
    const call = calls.find((c) => trpcPaths(c.url).includes('campaigns.update'));
    expect(JSON.parse(call?.body ?? '{}')[0]).toEqual({ id: CAMPAIGN, specialAdCategory: 'credit' });
  });
});
