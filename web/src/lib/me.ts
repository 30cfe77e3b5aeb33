import { trpc } from './trpc';

/** How long the signed-in member is taken as fresh; the header's query and the route prefetch share it. */
export const ME_STALE_MS = 5 * 60_000;

/** The signed-in member and their org, loaded once after sign-in. */
export function useMe() {
  return trpc.me.get.useQuery(undefined, { staleTime: ME_STALE_MS });
}
