import { AlertTriangleIcon, ArrowRightIcon, InboxIcon } from 'lucide-react';
import { Link } from 'react-router';
import { PageHeader } from '@/components/layout/page-header';
import { ListState } from '@/components/list/list-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { formatRelative, humanize } from '@/lib/format';
import { workflowKindLabel } from '@/lib/labels';
import { trpc } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import { INBOX_INPUT } from './route-data';
import { stepLabel } from './runs/timeline';

function InboxSkeleton() {
  return (
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
  );
}

export default function InboxPage() {
  // The API lists newest first (by start time); new gates appear without a reload.
  const query = trpc.workflows.list.useInfiniteQuery(INBOX_INPUT, {
    initialCursor: null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 15_000,
  });

  return (
    <>
      <PageHeader title="Inbox" description="Workflow runs waiting for a decision, newest first." />
      <ListState
        query={query}
        icon={InboxIcon}
        errorTitle="The inbox could not be loaded"
        loading={<InboxSkeleton />}
        empty={{
          title: 'Nothing waiting for you',
          description:
            'When a workflow reaches an approval gate (a canon draft, a strategy, creative), or a step needs a person to go on, it shows up here.',
        }}
      >
        {(runs) => (
          <Card className="divide-y overflow-hidden">
            {runs.map((run) => {
              // A step that could not produce a valid document waits for a person like a gate does.
              const failed = run.waitingGate === 'step_failed';
              return (
                <div key={run.id} className="flex flex-wrap items-center gap-4 p-4 hover:bg-muted/40">
                  <div
                    className={cn(
                      'flex size-10 items-center justify-center rounded-full',
                      failed
                        ? 'bg-destructive/10 text-destructive'
                        : 'bg-warning/15 text-[oklch(0.5_0.12_60)]',
                    )}
                  >
                    {failed ? (
                      <AlertTriangleIcon className="size-5" aria-hidden />
                    ) : (
                      <InboxIcon className="size-5" aria-hidden />
                    )}
                  </div>
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{workflowKindLabel(run.kind)}</span>
                      {failed ? (
                        <Badge variant="destructive">Step failed — needs you</Badge>
                      ) : (
                        <Badge variant="warning">
                          Waiting for{' '}
                          {run.waitingGate ? humanize(run.waitingGate).toLowerCase() : 'a decision'}
                        </Badge>
                      )}
                    </div>
                    <p className="mt-1 truncate text-sm text-muted-foreground">
                      {failed && run.currentStep && !run.currentStep.startsWith('wait:')
                        ? `${stepLabel(run.currentStep)} · `
                        : ''}
                      {[run.clientName, run.campaignName].filter(Boolean).join(' · ') || 'No client'} ·
                      started {formatRelative(run.startedAt)}
                    </p>
                  </div>
                  <Button asChild variant={failed ? 'default' : 'outline'} size="sm">
                    <Link
                      to={`/runs/${run.id}`}
                      aria-label={`${failed ? 'Resolve' : 'Review'} ${workflowKindLabel(run.kind)}`}
                    >
                      {failed ? 'Resolve' : 'Review'}
                      <ArrowRightIcon aria-hidden />
                    </Link>
                  </Button>
                </div>
              );
            })}
          </Card>
        )}
      </ListState>
    </>
  );
}
