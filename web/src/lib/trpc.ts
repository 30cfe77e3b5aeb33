import type { AppRouter } from '@mos/worker-api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { getAuthToken } from './auth-token';
import { API_BASE_URL } from './config';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

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

/** The app's one client; the token is read from the auth binding (local session or Clerk) on every request. */
export const api: ApiClient = createApiClient();

export function isTRPCClientError(err: unknown): err is TRPCClientError<AppRouter> {
  return err instanceof TRPCClientError;
}
