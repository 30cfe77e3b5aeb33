import { LayoutTemplateIcon } from 'lucide-react';
import { Link, useSearchParams } from 'react-router';
import { ClientSelect, useClientOptions } from '@/components/campaigns/client-select';
import { FunnelStatusBadge } from '@/components/funnels/status-badges';
import { PageHeader } from '@/components/layout/page-header';
import { ListState } from '@/components/list/list-state';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { formatDate } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { NewFunnelDialog } from './new-funnel-dialog';

export default function FunnelListPage() {
  const [params, setParams] = useSearchParams();
  const clientId = params.get('client') ?? '';
  const clients = useClientOptions();
  const clientName = new Map((clients.data ?? []).map((c) => [c.id, c.name]));
  const query = trpc.funnels.list.useInfiniteQuery(
    { clientId: clientId || undefined, limit: 25 },
    { initialCursor: null, getNextPageParam: (last) => last.nextCursor },
  );
  return (
    <>
      <PageHeader
        title="Funnels"
        description="Landing pages built from the block library, approved page by page and published as static HTML."
        actions={<NewFunnelDialog defaultClientId={clientId} />}
      />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <ClientSelect
          aria-label="Filter by client"
          className="w-56"
          emptyLabel="All clients"
          value={clientId}
          onValueChange={(id) => setParams(id ? { client: id } : {}, { replace: true })}
        />
      </div>
      <ListState
        query={query}
        icon={LayoutTemplateIcon}
        errorTitle="Funnels could not be loaded"
        empty={{
          title: clientId ? 'No funnels for this client' : 'No funnels yet',
          description:
            'Create a funnel for a client’s campaign and offer, add pages from templates or an AI draft, then approve and publish.',
        }}
        loading={
          <div
            className="grid gap-4 md:grid-cols-2"
            role="status"
            aria-busy="true"
            aria-label="Loading funnels"
          >
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-32 rounded-lg" />
            ))}
          </div>
        }
      >
        {(rows) => (
          <ul className="grid gap-4 md:grid-cols-2" aria-label="Funnels">
            {rows.map((f) => (
              <li key={f.id}>
                <Card className="flex h-full flex-col gap-3 p-5">
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <Link
                        to={`/funnels/${f.id}`}
                        className="block truncate font-semibold hover:text-primary hover:underline"
                      >
                        {f.name}
                      </Link>
                      <p className="truncate text-sm text-muted-foreground">
                        {clientName.get(f.clientId) ?? 'Client'} · created {formatDate(f.createdAt)}
                      </p>
                    </div>
                    <FunnelStatusBadge status={f.status} />
                  </div>
                  {f.description ? <p className="line-clamp-2 text-sm">{f.description}</p> : null}
                  <p className="mt-auto text-sm text-muted-foreground">
                    {f.pageCount === 1 ? '1 page' : `${f.pageCount} pages`}
                    {f.status === 'published' ? ' · live' : ''}
                  </p>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </ListState>
    </>
  );
}
