import { trpc } from './trpc';

/** The signed-in member and their org, loaded once after sign-in. */
export function useMe() {
  return trpc.me.get.useQuery(undefined, { staleTime: 5 * 60_000 });
}
