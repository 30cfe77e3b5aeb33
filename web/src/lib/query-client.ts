import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { notifyUnauthorized } from './auth-token';
import { errorCode, errorMessage } from './errors';
import { clearSession } from './session';

/**
 * Sonner (toasts and the toaster) loads after the first page is on screen, not with the entry chunk: a toast raised
 * before it has loaded is shown once it has (sonner replays toasts to a toaster that mounts later).
 */
function showError(message: string, options?: { id: string }) {
  void import('sonner').then(({ toast }) => toast.error(message, options));
}

function onError(err: unknown, opts: { silent: boolean }) {
  // An expired or revoked token: back to sign-in rather than a page of errors.
  if (errorCode(err) === 'UNAUTHORIZED') {
    clearSession();
    notifyUnauthorized();
    showError('Your session ended. Please sign in again.', { id: 'session-ended' });
    return;
  }
  if (!opts.silent) showError(errorMessage(err));
}

/** Errors become toasts with the server's message, unless a query or mutation opts out with meta.silent. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => onError(err, { silent: query.meta?.silent === true }),
    }),
    mutationCache: new MutationCache({
      onError: (err, _v, _c, mutation) => onError(err, { silent: mutation.meta?.silent === true }),
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => {
          const code = errorCode(err);
          // Client errors will not go away by asking again.
          if (code && code !== 'INTERNAL_SERVER_ERROR' && code !== 'SERVICE_UNAVAILABLE') return false;
          return count < 2;
        },
      },
    },
  });
}
