import type { LucideIcon } from 'lucide-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** What a list page needs from a keyset-paginated infinite query (`{ items, nextCursor }` pages). */
export interface PagedListQuery<T> {
  data?: { pages: { items: T[] }[] } | undefined;
  isPending: boolean;
  isError: boolean;
  error: { message: string } | null;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  refetch: () => Promise<unknown>;
}

/** The rows of every page loaded so far, in order. */
export function listRows<T>(query: Pick<PagedListQuery<T>, 'data'>): T[] {
  return query.data?.pages.flatMap((p) => p.items) ?? [];
}

export interface ListStateProps<T> {
  query: PagedListQuery<T>;
  /** The placeholder while the first page loads (it carries `aria-busy`). */
  loading: ReactNode;
  icon: LucideIcon;
  /** Title of the error state, e.g. "Clients could not be loaded". */
  errorTitle: string;
  /** The empty state: what to say when there is nothing (or nothing matches the filters). */
  empty: { title: string; description?: ReactNode; action?: ReactNode };
  /** Load the next page when the end of the list scrolls into view (the button stays as the fallback). */
  autoLoad?: boolean;
  children: (rows: T[]) => ReactNode;
}

/**
 * The one list-state component of the web list pages: loading, error (with "Try again"), empty, the rows, and
 * "Load more" for the next keyset page. A failed refresh keeps the rows already shown.
 */
export function ListState<T>({
  query,
  loading,
  icon,
  errorTitle,
  empty,
  autoLoad,
  children,
}: ListStateProps<T>) {
  const rows = listRows(query);
  let body: ReactNode;
  if (query.isPending) body = loading;
  else if (query.isError && rows.length === 0)
    body = (
      <EmptyState
        icon={icon}
        title={errorTitle}
        description={query.error?.message}
        action={
          <Button variant="outline" onClick={() => void query.refetch()}>
            Try again
          </Button>
        }
      />
    );
  else if (rows.length === 0) body = <EmptyState icon={icon} {...empty} />;
  else body = children(rows);
  return (
    <>
      {body}
      {autoLoad ? <LoadMoreSentinel query={query} /> : null}
      {query.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button
            variant="outline"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </>
  );
}

/** Fetches the next page when it scrolls near the viewport; browsers without IntersectionObserver get the button. */
function LoadMoreSentinel({ query }: { query: PagedListQuery<unknown> }) {
  const ref = useRef<HTMLDivElement>(null);
  const latest = useRef(query);
  latest.current = query;
  const enabled = query.hasNextPage;
  useEffect(() => {
    const el = ref.current;
    if (!el || !enabled || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        const q = latest.current;
        if (entries.some((e) => e.isIntersecting) && q.hasNextPage && !q.isFetchingNextPage)
          void q.fetchNextPage();
      },
      { rootMargin: '600px 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [enabled]);
  return <div ref={ref} className="h-px" aria-hidden />;
}
