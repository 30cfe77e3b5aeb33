import { CsvExportButton, DeliveryLog, LeadsPanel } from '@/components/funnels/leads-panel';
import { listRows } from '@/components/list/list-state';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { trpc } from '@/lib/trpc';
import type { FunnelDetail } from './shared';

function LeadDeliveries({ leadId }: { leadId: string }) {
  const q = trpc.funnels.leadDeliveries.useQuery({ leadId }, { meta: { silent: true } });
  return q.isError ? (
    <p className="text-sm text-destructive">{q.error.message}</p>
  ) : (
    <DeliveryLog deliveries={q.data?.deliveries} />
  );
}

export function LeadsTab({ detail }: { detail: FunnelDetail }) {
  const { funnel } = detail;
  const utils = trpc.useUtils();
  const query = trpc.funnels.leads.useInfiniteQuery(
    { funnelId: funnel.id, limit: 50 },
    {
      initialCursor: null,
      getNextPageParam: (last) => last.nextCursor,
      meta: { silent: true },
      // Leads arrive while the tab is open; deliveries change status as the webhook answers.
      refetchInterval: 10_000,
    },
  );
  const names = new Map(detail.pages.map((p) => [p.id, p.name]));
  if (query.isPending) return <Skeleton className="h-48 w-full" />;
  if (query.isError) return <p className="text-sm text-destructive">{query.error.message}</p>;
  return (
    <div className="grid gap-3">
      <LeadsPanel
        leads={listRows(query)}
        pageName={(id) => names.get(id) ?? 'Deleted page'}
        deliveryLog={(leadId) => <LeadDeliveries leadId={leadId} />}
        actions={<CsvExportButton fetchCsv={() => utils.funnels.leadsCsv.fetch({ funnelId: funnel.id })} />}
      />
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="outline"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
