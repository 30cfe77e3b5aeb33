import type { AppRouter } from '@mos/worker-api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { getAuthToken } from './auth-token';
import { API_BASE_URL } from './config';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/**
 * The tRPC React binding: every query and mutation in the app goes through its hooks, and `trpc.useUtils()` does
 * invalidation and prefetching, so query keys come from the router's paths and inputs and are never written by hand.
 */
export const trpc = createTRPCReact<AppRouter>();

export function createApiClient(
  opts: { baseUrl?: string; getToken?: () => Promise<string | null> | string | null } = {},
) {
  const getToken = opts.getToken ?? getAuthToken;
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${opts.baseUrl ?? API_BASE_URL}/trpc`,
        // Asked once per HTTP request, so Clerk hands out a fresh (auto-refreshed) session token every time.
        async headers() {
          const token = await getToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
        // Looked up per call so tests can stub fetch at the HTTP boundary.
        fetch: (input, init) => globalThis.fetch(input, init),
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
