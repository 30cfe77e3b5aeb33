import { useInfiniteQuery } from '@tanstack/react-query';
import { ArrowRightIcon, InboxIcon } from 'lucide-react';
import { Link } from 'react-router';
import { PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { formatRelative, humanize } from '@/lib/format';
import { api } from '@/lib/trpc';

const PAGE_SIZE = 25;

export default function InboxPage() {
  const query = useInfiniteQuery({
    queryKey: ['workflows.list', { status: ['waiting_for_approval'] }],
    // The API lists newest first (by start time).
    queryFn: ({ pageParam }) =>
      api.workflows.list.query({ status: ['waiting_for_approval'], cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // New gates appear without a reload.
    refetchInterval: 15_000,
  });
  const runs = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title="Inbox" description="Workflow runs waiting for a decision, newest first." />
      {query.isPending ? (
        <Card className="divide-y" role="status" aria-busy="true" aria-label="Loading inbox">
          {Array.from({ length: 4 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder rows never reorder
            <div key={i} className="flex items-center gap-4 p-4">
              <Skeleton className="h-10 w-10 rounded-full" />
              <div className="flex-1 space-y-2">
                <Skeleton className="h-4 w-64" />
                <Skeleton className="h-3 w-40" />
              </div>
            </div>
          ))}
        </Card>
      ) : runs.length === 0 ? (
        <EmptyState
          icon={InboxIcon}
          title={query.isError ? 'The inbox could not be loaded' : 'Nothing waiting for you'}
          description={
            query.isError
              ? query.error.message
              : 'When a workflow reaches an approval gate (a canon draft, a strategy, creative), it shows up here.'
          }
        />
      ) : (
        <Card className="divide-y overflow-hidden">
          {runs.map((run) => (
            <div key={run.id} className="flex flex-wrap items-center gap-4 p-4 hover:bg-muted/40">
              <div className="flex size-10 items-center justify-center rounded-full bg-warning/15 text-[oklch(0.5_0.12_60)]">
                <InboxIcon className="size-5" aria-hidden />
              </div>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{humanize(run.kind)}</span>
                  <Badge variant="warning">
                    Waiting for {run.waitingGate ? humanize(run.waitingGate).toLowerCase() : 'a decision'}
                  </Badge>
                </div>
                <p className="mt-1 truncate text-sm text-muted-foreground">
                  {[run.clientName, run.campaignName].filter(Boolean).join(' · ') || 'No client'} · started{' '}
                  {formatRelative(run.startedAt)}
                </p>
              </div>
              <Button asChild variant="outline" size="sm">
                <Link to={`/runs/${run.id}`}>
                  Review
                  <ArrowRightIcon aria-hidden />
                </Link>
              </Button>
            </div>
          ))}
        </Card>
      )}
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
