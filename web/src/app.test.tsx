import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppRoutes, Providers } from '@/app';
import { setSession } from '@/lib/session';
import { json, stubFetch, trpcPaths } from '@/test/http';

const ME = {
  userId: 'u1',
  clerkUserId: 'user_local_1',
  email: 'ops@agency.test',
  role: 'operator',
  org: { id: 'o1', externalId: 'org_x', name: 'Northstar Media' },
};

/** Answers each procedure of a batched request from `data` by name. */
function api(data: Record<string, unknown>) {
  return stubFetch((c) => json(trpcPaths(c.url).map((p) => ({ result: { data: data[p] } }))));
}

function renderAt(path: string) {
  return render(
    <Providers>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </Providers>,
  );
}

describe('app shell', () => {
  it('shows only the sign-in screen to signed-out users, whatever the URL', async () => {
    const { calls } = stubFetch(() => json({}));
    renderAt('/clients');
    // The first lazy route of the file is transformed on demand: on a loaded 2-core machine that takes over 1 s.
    expect(await screen.findByRole('form', { name: 'Sign in' }, { timeout: 8000 })).toBeInstanceOf(
      HTMLElement,
    );
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('loads me.get after sign-in and shows the org name and role in the header', async () => {
    setSession({ token: 't', email: 'ops@agency.test', orgId: 'org_x' });
    api({ 'me.get': ME, 'workflows.list': { items: [], nextCursor: null } });
    renderAt('/inbox');
    const header = await screen.findByRole('banner');
    expect(await within(header).findByText('Northstar Media')).toBeInstanceOf(HTMLElement);
    expect(within(header).getByText('Operator')).toBeInstanceOf(HTMLElement);
    const nav = screen.getAllByRole('navigation', { name: 'Main' })[0] as HTMLElement;
    for (const label of [
      'Inbox',
      'Clients',
      'Campaigns',
      'Runs',
      'Funnels',
      'Library',
      'Playbook',
      'Settings',
    ]) {
      expect(within(nav).getByRole('link', { name: label })).toBeInstanceOf(HTMLElement);
    }
    expect(await screen.findByText('Nothing waiting for you')).toBeInstanceOf(HTMLElement);
  });

  it('lists runs waiting for a decision with their gate and a link', async () => {
    setSession({ token: 't', email: 'ops@agency.test', orgId: 'org_x' });
    const { calls } = api({
      'me.get': ME,
      'workflows.list': {
        items: [
          {
            id: '11111111-1111-4111-8111-111111111111',
            kind: 'client_onboarding',
            status: 'waiting_for_approval',
            waitingGate: 'canon',
            clientName: 'Lumen & Moss',
            campaignName: null,
            startedAt: new Date().toISOString(),
          },
        ],
        nextCursor: null,
      },
    });
    renderAt('/inbox');
    expect(await screen.findByText('Client onboarding')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText('Waiting for canon')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(/Lumen & Moss/)).toBeInstanceOf(HTMLElement);
    expect(screen.getByRole('link', { name: 'Review Client onboarding' }).getAttribute('href')).toBe(
      '/runs/11111111-1111-4111-8111-111111111111',
    );
    const listCall = calls.find((c) => trpcPaths(c.url).includes('workflows.list'));
    const input = JSON.parse(listCall?.url.searchParams.get('input') ?? '{}') as Record<string, unknown>;
    // The first page carries no cursor, and never the `direction` useInfiniteQuery adds (the API's inputs are strict).
    expect(Object.values(input)).toContainEqual({ status: ['waiting_for_approval'], limit: 25 });
  });

  it('lists a run whose LLM step failed as one that needs a person, with the step', async () => {
    setSession({ token: 't', email: 'ops@agency.test', orgId: 'org_x' });
    api({
      'me.get': ME,
      'workflows.list': {
        items: [
          {
            id: '22222222-2222-4222-8222-222222222222',
            kind: 'client_onboarding',
            status: 'waiting_for_approval',
            waitingGate: 'step_failed',
            currentStep: 'research:01',
            clientName: 'Lumen & Moss',
            campaignName: null,
            startedAt: new Date().toISOString(),
          },
          {
            id: '11111111-1111-4111-8111-111111111111',
            kind: 'campaign_planning',
            status: 'waiting_for_approval',
            waitingGate: 'strategy_sheet',
            currentStep: 'wait:strategy_sheet',
            clientName: 'Lumen & Moss',
            campaignName: 'Spring',
            startedAt: new Date().toISOString(),
          },
        ],
        nextCursor: null,
      },
    });
    renderAt('/inbox');
    expect(await screen.findByText('Step failed — needs you')).toBeInstanceOf(HTMLElement);
    expect(screen.getByText(/^Research 01 · Lumen & Moss/)).toBeInstanceOf(HTMLElement);
    expect(screen.getByRole('link', { name: 'Resolve Client onboarding' }).getAttribute('href')).toBe(
      '/runs/22222222-2222-4222-8222-222222222222',
    );
    // An ordinary gate keeps its own words.
    expect(screen.getByText('Waiting for strategy sheet')).toBeInstanceOf(HTMLElement);
    expect(screen.getByRole('link', { name: 'Review Campaign planning' }).getAttribute('href')).toBe(
      '/runs/11111111-1111-4111-8111-111111111111',
    );
  });

  it('shows a 404 page for unknown routes', async () => {
    setSession({ token: 't', email: 'ops@agency.test', orgId: 'org_x' });
    api({ 'me.get': ME });
    renderAt('/nope');
    expect(await screen.findByText('Page not found')).toBeInstanceOf(HTMLElement);
  });

  it('signs out when the API says the session is no longer valid', async () => {
    setSession({ token: 'expired', email: 'ops@agency.test', orgId: 'org_x' });
    stubFetch((c) =>
      json(
        trpcPaths(c.url).map(() => ({
          error: {
            message: 'sign in required',
            code: -32001,
            data: { code: 'UNAUTHORIZED', httpStatus: 401 },
          },
        })),
        401,
      ),
    );
    renderAt('/clients');
    // The first lazy route of the file is transformed on demand: on a loaded 2-core machine that takes over 1 s.
    expect(await screen.findByRole('form', { name: 'Sign in' }, { timeout: 8000 })).toBeInstanceOf(
      HTMLElement,
    );
  });
});
