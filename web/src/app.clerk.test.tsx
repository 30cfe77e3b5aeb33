import { render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes, Providers } from '@/app';
import { json, stubFetch, trpcPaths } from '@/test/http';

// The Clerk SDK, mocked at the module level: just enough of its components and hooks for the app's gate.
const clerk = vi.hoisted(() => ({
  auth: {
    isLoaded: true,
    isSignedIn: false as boolean,
    userId: null as string | null,
    orgId: null as string | null,
    getToken: (() => Promise.resolve(null)) as () => Promise<string | null>,
  },
  providerKey: '' as string,
  signOut: () => Promise.resolve(),
}));

vi.mock('@clerk/react', () => ({
  ClerkProvider: ({ publishableKey, children }: { publishableKey: string; children: ReactNode }) => {
    clerk.providerKey = publishableKey;
    return children;
  },
  SignIn: () => <div data-testid="clerk-sign-in">Clerk sign-in</div>,
  OrganizationSwitcher: () => <div data-testid="clerk-org-switcher">Organization switcher</div>,
  UserButton: () => <div data-testid="clerk-user-button">User menu</div>,
  useAuth: () => clerk.auth,
  useClerk: () => ({ signOut: clerk.signOut }),
  useOrganization: () => ({
    memberships: {
      isLoading: false,
      data: [
        { id: 'mem_1', role: 'org:admin', publicUserData: { identifier: 'lead@agency.test' } },
        { id: 'mem_2', role: 'org:operator', publicUserData: { identifier: 'buyer@agency.test' } },
        { id: 'mem_3', role: 'org:billing', publicUserData: { identifier: 'finance@agency.test' } },
      ],
    },
  }),
}));

const ME = {
  userId: 'u1',
  clerkUserId: 'user_2abc',
  email: 'ops@agency.test',
  role: 'operator',
  org: { id: 'o1', externalId: 'org_2xyz', name: 'Northstar Media' },
};

function renderAt(path: string) {
  return render(
    <Providers>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </Providers>,
  );
}

beforeEach(() => {
  vi.stubEnv('VITE_CLERK_PUBLISHABLE_KEY', 'pk_test_Y2xlcmsuZXhhbXBsZS5jb20k');
  clerk.auth = {
    isLoaded: true,
    isSignedIn: false,
    userId: null,
    orgId: null,
    getToken: () => Promise.resolve(null),
  };
  clerk.providerKey = '';
  clerk.signOut = () => Promise.resolve();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('Clerk mode (VITE_CLERK_PUBLISHABLE_KEY set)', () => {
  it('shows only Clerk sign-in to signed-out users and calls no API', async () => {
    const { calls } = stubFetch(() => json({}));
    renderAt('/clients');
    expect(await screen.findByTestId('clerk-sign-in')).toBeInstanceOf(HTMLElement);
    expect(clerk.providerKey).toBe('pk_test_Y2xlcmsuZXhhbXBsZS5jb20k');
    expect(screen.queryByRole('form', { name: 'Sign in' })).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('sends the Clerk session token, fetched fresh for every request, as the bearer token', async () => {
    let issued = 0;
    const tokens: string[] = [];
    const getToken = vi.fn(async () => {
      const token = `clerk_jwt_${++issued}`;
      tokens.push(token);
      return token;
    });
    clerk.auth = { isLoaded: true, isSignedIn: true, userId: 'user_2abc', orgId: 'org_2xyz', getToken };
    const data: Record<string, unknown> = { 'me.get': ME, 'workflows.list': { items: [], nextCursor: null } };
    const { calls } = stubFetch((c) => json(trpcPaths(c.url).map((p) => ({ result: { data: data[p] } }))));

    renderAt('/inbox');
    const header = await screen.findByRole('banner');
    expect(within(header).getByTestId('clerk-org-switcher')).toBeInstanceOf(HTMLElement);
    expect(within(header).getByTestId('clerk-user-button')).toBeInstanceOf(HTMLElement);
    expect(await within(header).findByText('Operator')).toBeInstanceOf(HTMLElement);
    expect(await screen.findByText('Nothing waiting for you')).toBeInstanceOf(HTMLElement);

    const trpcCalls = calls.filter((c) => c.url.pathname.includes('/trpc/'));
    expect(trpcCalls.flatMap((c) => trpcPaths(c.url))).toEqual(
      expect.arrayContaining(['me.get', 'workflows.list']),
    );
    // One getToken call per HTTP request, and each request carries the token that call returned.
    expect(getToken).toHaveBeenCalledTimes(trpcCalls.length);
    expect(trpcCalls.map((c) => c.headers.get('authorization'))).toEqual(tokens.map((t) => `Bearer ${t}`));
  });

  it('asks for an organization, without calling the API, when none is active', async () => {
    const getToken = vi.fn(async () => 'clerk_jwt_no_org');
    clerk.auth = { isLoaded: true, isSignedIn: true, userId: 'user_2abc', orgId: null, getToken };
    const { calls } = stubFetch(() => json({}));

    renderAt('/inbox');
    expect(await screen.findByText('Select or create an organization')).toBeInstanceOf(HTMLElement);
    expect(screen.getByTestId('clerk-org-switcher')).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('navigation')).toBeNull();
    // Give any stray query a chance to fire before asserting that none did.
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toHaveLength(0);
    expect(getToken).not.toHaveBeenCalled();
  });

  it('signs out of Clerk when the API rejects the session token', async () => {
    const signOut = vi.fn(() => Promise.resolve());
    clerk.signOut = signOut;
    clerk.auth = {
      isLoaded: true,
      isSignedIn: true,
      userId: 'user_2abc',
      orgId: 'org_2xyz',
      getToken: async () => 'clerk_jwt_revoked',
    };
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
    renderAt('/inbox');
    await waitFor(() => expect(signOut).toHaveBeenCalled());
  });
});

describe('local mode (no publishable key)', () => {
  it('keeps the local sign-in screen', async () => {
    vi.stubEnv('VITE_CLERK_PUBLISHABLE_KEY', '');
    const { calls } = stubFetch(() => json({}));
    renderAt('/inbox');
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeInstanceOf(HTMLElement);
    expect(screen.queryByTestId('clerk-sign-in')).toBeNull();
    expect(calls).toHaveLength(0);
  });
});

// Last: the settings page keeps polling usage after it renders, which must not leak into the tests above.
describe('Clerk mode: settings', () => {
  it('lists the organization members and their roles from Clerk on the settings page', async () => {
    clerk.auth = {
      isLoaded: true,
      isSignedIn: true,
      userId: 'user_2abc',
      orgId: 'org_2xyz',
      getToken: () => Promise.resolve('clerk_jwt'),
    };
    const usage = {
      totals: { calls: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, avgLatencyMs: null },
      rows: [],
    };
    const data: Record<string, unknown> = { 'me.get': ME, 'llm.usage': usage };
    stubFetch((c) => json(trpcPaths(c.url).map((p) => ({ result: { data: data[p] } }))));
    renderAt('/settings');
    const list = await screen.findByRole('list', { name: 'Members' });
    const items = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'lead@agency.testAdmin',
      'buyer@agency.testOperator',
      'finance@agency.testMember',
    ]);
  });
});
