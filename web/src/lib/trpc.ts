import type { AppRouter } from '@mos/worker-api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { API_BASE_URL } from './config';
import { getSession } from './session';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export function createApiClient(opts: { baseUrl?: string; getToken?: () => string | null } = {}) {
  const getToken = opts.getToken ?? (() => getSession()?.token ?? null);
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${opts.baseUrl ?? API_BASE_URL}/trpc`,
        headers() {
          const token = getToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
        // Looked up per call so tests can stub fetch at the HTTP boundary.
        fetch: (input, init) => globalThis.fetch(input, init),
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The app's one client; the token is read from the session on every request. */
export const api: ApiClient = createApiClient();

export function isTRPCClientError(err: unknown): err is TRPCClientError<AppRouter> {
  return err instanceof TRPCClientError;
}
