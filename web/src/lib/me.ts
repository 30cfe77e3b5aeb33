import { useQuery } from '@tanstack/react-query';
import { api } from './trpc';

export const meQueryKey = ['me.get'] as const;

/** The signed-in member and their org, loaded once after sign-in. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: () => api.me.get.query(), staleTime: 5 * 60_000 });
}
