import { QueryClient } from '@tanstack/react-query';
import { createTRPCQueryUtils } from '@trpc/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { setSession } from '@/lib/session';
import { createApiClient } from '@/lib/trpc';
import { prefetchRouteData } from '@/routes/route-data';
import { json, stubFetch, trpcPaths } from '@/test/http';
import { type EarlyBootConfig, earlyBoot } from './early-boot';
import { batchUrl, FIRST_ROUTE_CALLS, firstRoutePath } from './first-route';

const BASE = 'http://api.test';
const ME = { email: 'ops@agency.test', role: 'admin', org: { name: 'Northstar' } };

/** Answers every procedure of a batch with an empty list (and the member for me.get). */
const answerAll = () =>
  stubFetch((c) =>
    json(
      trpcPaths(c.url).map((p) => ({
        result: { data: p === 'me.get' ? ME : { items: [], nextCursor: null } },
      })),
    ),
  );

async function urlTheAppRequests(path: string): Promise<string> {
  const { calls } = answerAll();
  const queryClient = new QueryClient();
  const client = createApiClient({ baseUrl: BASE, getToken: () => 'tok' });
  await prefetchRouteData(path, createTRPCQueryUtils({ queryClient, client }));
  expect(calls).toHaveLength(1);
  return (calls[0] as { url: URL }).url.href;
}

afterEach(() => {
  window.__mosEarly = undefined;
  localStorage.clear();
  for (const l of document.head.querySelectorAll('link[rel="modulepreload"]')) l.remove();
});

describe('first-route requests baked into index.html', () => {
  it.each(Object.keys(FIRST_ROUTE_CALLS))(
    '%s: the URL is exactly the one the app’s tRPC client requests',
    async (route) => {
      const calls = FIRST_ROUTE_CALLS[route] ?? [];
      expect(batchUrl(BASE, calls)).toBe(await urlTheAppRequests(route));
    },
  );

  it('maps / and trailing slashes to the route the app lands on', () => {
    expect(firstRoutePath('/')).toBe('/inbox');
    expect(firstRoutePath('/clients/')).toBe('/clients');
    expect(firstRoutePath('/clients/abc')).toBe('/clients/abc');
  });
});

const CONFIG: EarlyBootConfig = {
  requests: { '/clients': `${BASE}/trpc/me.get,clients.list?batch=1&input=x` },
  chunks: { '/clients': ['/assets/clients-abc.js'], '/inbox': ['/assets/inbox-abc.js'] },
};

describe('earlyBoot (the inline script)', () => {
  it('with a stored session, asks for the route’s data with its token and preloads its chunk', () => {
    setSession({ token: 'tok-1', email: 'a@b.test', orgId: 'org_1' });
    window.history.replaceState(null, '', '/clients');
    const { calls } = answerAll();
    earlyBoot(CONFIG);
    expect(calls.map((c) => [c.url.href, c.headers.get('authorization')])).toEqual([
      [CONFIG.requests['/clients'], 'Bearer tok-1'],
    ]);
    expect(window.__mosEarly?.url).toBe(CONFIG.requests['/clients']);
    const links = [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')];
    expect(links.map((l) => new URL(l.href).pathname)).toEqual(['/assets/clients-abc.js']);
  });

  it('signed out, does nothing (the app shows sign-in)', () => {
    window.history.replaceState(null, '', '/clients');
    const { calls } = answerAll();
    earlyBoot(CONFIG);
    expect(calls).toHaveLength(0);
    expect(window.__mosEarly).toBeUndefined();
    expect(document.head.querySelectorAll('link[rel="modulepreload"]')).toHaveLength(0);
  });

  it('on a route without a first request, only preloads its chunk', () => {
    setSession({ token: 'tok-1', email: 'a@b.test', orgId: 'org_1' });
    window.history.replaceState(null, '', '/');
    const { calls } = answerAll();
    earlyBoot(CONFIG);
    expect(calls).toHaveLength(0);
    expect(document.head.querySelectorAll('link[rel="modulepreload"]')).toHaveLength(1);
  });
});

describe('the API client takes the early response', () => {
  it('once, for the same URL and token, instead of asking again', async () => {
    setSession({ token: 'tok-3', email: 'a@b.test', orgId: 'org_1' });
    window.history.replaceState(null, '', '/clients');
    const { calls } = answerAll();
    earlyBoot({ requests: { '/clients': batchUrl(BASE, FIRST_ROUTE_CALLS['/clients'] ?? []) }, chunks: {} });
    expect(calls).toHaveLength(1);
    const queryClient = new QueryClient();
    const client = createApiClient({ baseUrl: BASE });
    await prefetchRouteData('/clients', createTRPCQueryUtils({ queryClient, client }));
    // The app's prefetch was answered by the early request: no second request left.
    expect(calls).toHaveLength(1);
    expect(window.__mosEarly).toBeUndefined();
    expect(
      queryClient
        .getQueryCache()
        .getAll()
        .map((q) => q.state.status),
    ).toEqual(['success', 'success']);
    // A later identical request goes to the network.
    await client.me.get.query();
    expect(calls).toHaveLength(2);
  });

  it('not for another token (e.g. signed in again meanwhile)', async () => {
    setSession({ token: 'old', email: 'a@b.test', orgId: 'org_1' });
    window.history.replaceState(null, '', '/clients');
    const { calls } = answerAll();
    earlyBoot({ requests: { '/clients': batchUrl(BASE, FIRST_ROUTE_CALLS['/clients'] ?? []) }, chunks: {} });
    const client = createApiClient({ baseUrl: BASE, getToken: () => 'new' });
    await prefetchRouteData('/clients', createTRPCQueryUtils({ queryClient: new QueryClient(), client }));
    expect(calls.map((c) => c.headers.get('authorization'))).toEqual(['Bearer old', 'Bearer new']);
  });
});
