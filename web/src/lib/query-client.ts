import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { notifyUnauthorized } from './auth-token';
import { errorCode, errorMessage } from './errors';
import { clearSession } from './session';

function onError(err: unknown, opts: { silent: boolean }) {
  // An expired or revoked token: back to sign-in rather than a page of errors.
  if (errorCode(err) === 'UNAUTHORIZED') {
    clearSession();
    notifyUnauthorized();
    toast.error('Your session ended. Please sign in again.', { id: 'session-ended' });
    return;
  }
  if (!opts.silent) toast.error(errorMessage(err));
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
