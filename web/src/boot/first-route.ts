/**
 * What the first route of a page load asks the API for, as plain data: read by the app (route-data.ts prefetches
 * it) and by the build (vite/first-route-boot.ts bakes the request URL into index.html, so the request can leave
 * before the app's code has loaded). No imports: the Vite config loads this file too.
 */

/** The first page of each list route; the page's query and the prefetch use one input, so one query key. */
export const CLIENTS_PAGE_SIZE = 25;
export const INBOX_INPUT = { status: ['waiting_for_approval' as const], limit: 25 };

/** One tRPC call of a first-route batch: procedure path and the input the client sends (after `forwardOnlyPages`). */
export type FirstRouteCall = readonly [path: string, input: unknown];

/**
 * The calls each first route makes, in the order the prefetch makes them: the signed-in member (the header shows
 * it on every page) and the first page of the route's list, as the infinite query sends it (a first page's `null`
 * cursor is left out of the input).
 */
export const FIRST_ROUTE_CALLS: Record<string, readonly FirstRouteCall[]> = {
  '/clients': [
    ['me.get', undefined],
    ['clients.list', { limit: CLIENTS_PAGE_SIZE }],
  ],
  '/inbox': [
    ['me.get', undefined],
    ['workflows.list', INBOX_INPUT],
  ],
};

/** The route modules whose chunk a first route loads (`/` redirects to the inbox). */
export const FIRST_ROUTE_MODULES: Record<string, string> = {
  '/clients': 'src/routes/clients/index.tsx',
  '/inbox': 'src/routes/inbox.tsx',
};

/** `/inbox/` → `/inbox`, `/` → `/inbox` (the index redirects there). */
export function firstRoutePath(pathname: string): string {
  const path = pathname.replace(/\/+$/, '') || '/';
  return path === '/' ? '/inbox' : path;
}

/**
 * The URL tRPC's `httpBatchLink` (GET, `batch=1`) builds for these calls: paths joined by commas, inputs as a JSON
 * object keyed by position (an `undefined` input is left out). web/src/boot/first-route.test.ts holds it to the link.
 */
export function batchUrl(apiBaseUrl: string, calls: readonly FirstRouteCall[]): string {
  const inputs: Record<string, unknown> = {};
  calls.forEach(([, input], i) => {
    if (input !== undefined) inputs[i] = input;
  });
  return `${apiBaseUrl}/trpc/${calls.map(([path]) => path).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}

/** Where worker-api answers, from VITE_API_BASE_URL (Cloudflare Pages builds set it); shared with the build. */
export function apiBaseUrl(envValue: string | undefined): string {
  return (envValue ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
}
