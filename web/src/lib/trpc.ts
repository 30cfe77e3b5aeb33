import type { AppRouter } from '@mos/worker-api';
import { createTRPCClient, httpBatchLink, type TRPCLink } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { getAuthToken } from './auth-token';
import { API_BASE_URL } from './config';
import { takeEarlyResponse } from './early-response';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/**
 * The tRPC React binding: every query and mutation in the app goes through its hooks, and `trpc.useUtils()` does
 * invalidation and prefetching, so query keys come from the router's paths and inputs and are never written by hand.
 */
export const trpc = createTRPCReact<AppRouter>();

/**
 * `useInfiniteQuery` adds `direction` to a list's input; MOS lists are forward-only keyset pages and the API's inputs
 * are strict objects, so the field is dropped here, before the request is made.
 */
export const forwardOnlyPages: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) => {
    const input: unknown = op.input;
    if (op.type === 'query' && input && typeof input === 'object' && 'direction' in input) {
      const { direction: _forward, ...rest } = input as Record<string, unknown>;
      return next({ ...op, input: rest });
    }
    return next(op);
  };

export function createApiClient(
  opts: { baseUrl?: string; getToken?: () => Promise<string | null> | string | null } = {},
) {
  const getToken = opts.getToken ?? getAuthToken;
  return createTRPCClient<AppRouter>({
    links: [
      forwardOnlyPages,
      httpBatchLink({
        url: `${opts.baseUrl ?? API_BASE_URL}/trpc`,
        // Asked once per HTTP request, so Clerk hands out a fresh (auto-refreshed) session token every time.
        async headers() {
          const token = await getToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
        // Looked up per call so tests can stub fetch at the HTTP boundary. The first route's data may already be
        // on the way, asked for by index.html before this code loaded.
        fetch: (input, init) => takeEarlyResponse(input, init) ?? globalThis.fetch(input, init),
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
