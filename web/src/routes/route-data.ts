import type { RouterInputs, trpc } from '@/lib/trpc';

/** The first page of each list route, shared by the page's query and the prefetch so both use one query key. */
export const CLIENTS_PAGE_SIZE = 25;
export const clientsListInput = (
  filters: { search?: string | undefined; status?: RouterInputs['clients']['list']['status'] } = {},
) => ({ ...filters, limit: CLIENTS_PAGE_SIZE }) satisfies RouterInputs['clients']['list'];

export const INBOX_INPUT = {
  status: ['waiting_for_approval'],
  limit: 25,
} satisfies RouterInputs['workflows']['list'];

type Utils = ReturnType<typeof trpc.useUtils>;

const nextCursor = (last: { nextCursor: string | null }) => last.nextCursor;

/**
 * Starts a route's first data request the moment the route is known, while its code chunk is still loading, so the
 * page finds its data on the way instead of asking only once it has rendered (one round trip instead of two in a
 * row). Only routes whose first query does not depend on anything the page computes are listed.
 */
export function prefetchRouteData(pathname: string, utils: Utils): void {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/clients')
    void utils.clients.list.prefetchInfinite(clientsListInput(), {
      initialCursor: null,
      getNextPageParam: nextCursor,
    });
  else if (path === '/inbox' || path === '/')
    void utils.workflows.list.prefetchInfinite(INBOX_INPUT, {
      initialCursor: null,
      getNextPageParam: nextCursor,
    });
}
