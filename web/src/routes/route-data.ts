import { CLIENTS_PAGE_SIZE, INBOX_INPUT as FIRST_INBOX_INPUT, firstRoutePath } from '@/boot/first-route';
import { ME_STALE_MS } from '@/lib/me';
import type { RouterInputs } from '@/lib/trpc';

export { CLIENTS_PAGE_SIZE };
/** The first page of each list route, shared by the page's query and the prefetch so both use one query key. */
export const clientsListInput = (
  filters: { search?: string | undefined; status?: RouterInputs['clients']['list']['status'] } = {},
) => ({ ...filters, limit: CLIENTS_PAGE_SIZE }) satisfies RouterInputs['clients']['list'];

export const INBOX_INPUT = FIRST_INBOX_INPUT satisfies RouterInputs['workflows']['list'];

type PrefetchInfinite<I> = (
  input: I,
  opts: { initialCursor: null; getNextPageParam: (last: { nextCursor: string | null }) => string | null },
) => Promise<void>;
/** What prefetching needs from the tRPC utils: `trpc.useUtils()` in React, `createTRPCQueryUtils` before it. */
export interface RouteDataUtils {
  me: { get: { prefetch: (input: undefined, opts: { staleTime: number }) => Promise<void> } };
  clients: { list: { prefetchInfinite: PrefetchInfinite<RouterInputs['clients']['list']> } };
  workflows: { list: { prefetchInfinite: PrefetchInfinite<RouterInputs['workflows']['list']> } };
}

const nextCursor = (last: { nextCursor: string | null }) => last.nextCursor;

/**
 * Starts a route's first data request the moment the route is known, while its code chunk is still loading, so the
 * page finds its data on the way instead of asking only once it has rendered (one round trip instead of two in a
 * row). Only routes whose first query does not depend on anything the page computes are listed. The calls match
 * FIRST_ROUTE_CALLS (boot/first-route.ts), which index.html may already have sent; resolves when the data is in.
 */
export function prefetchRouteData(pathname: string, utils: RouteDataUtils): Promise<unknown> {
  const path = firstRoutePath(pathname);
  // The header shows who is signed in on every page: asked in the same batch as the page's own data.
  const me = utils.me.get.prefetch(undefined, { staleTime: ME_STALE_MS });
  if (path === '/clients')
    return Promise.all([
      me,
      utils.clients.list.prefetchInfinite(clientsListInput(), {
        initialCursor: null,
        getNextPageParam: nextCursor,
      }),
    ]);
  if (path === '/inbox')
    return Promise.all([
      me,
      utils.workflows.list.prefetchInfinite(INBOX_INPUT, {
        initialCursor: null,
        getNextPageParam: nextCursor,
      }),
    ]);
  return me;
}
