import { MegaphoneIcon } from 'lucide-react';
import { Link, useSearchParams } from 'react-router';
import { CampaignActions } from '@/components/campaigns/campaign-actions';
import { CampaignStatusBadge, campaignNumbers } from '@/components/campaigns/campaign-status';
import { ClientSelect, useClientOptions } from '@/components/campaigns/client-select';
import { PageHeader } from '@/components/layout/page-header';
import { ListState } from '@/components/list/list-state';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { formatDate } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { NewCampaignDialog } from './new-campaign-dialog';

export default function CampaignListPage() {
  const [params, setParams] = useSearchParams();
  const clientId = params.get('client') ?? '';
  const clients = useClientOptions();
  const clientName = new Map((clients.data ?? []).map((c) => [c.id, c.name]));
  const filters = { clientId: clientId || undefined };

  const query = trpc.campaigns.list.useInfiniteQuery(
    { ...filters, limit: 25 },
    { initialCursor: null, getNextPageParam: (last) => last.nextCursor },
  );

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Plan campaigns, review strategy, experiments, briefs and creative."
        actions={<NewCampaignDialog defaultClientId={clientId} />}
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
        icon={MegaphoneIcon}
        errorTitle="Campaigns could not be loaded"
        empty={{
          title: clientId ? 'No campaigns for this client' : 'No campaigns yet',
          description:
            'Create a campaign with its goal and budget, then plan it: MOS drafts a strategy sheet, experiments and briefs for your review.',
        }}
        loading={
          <div
            className="grid gap-4 md:grid-cols-2"
            role="status"
            aria-busy="true"
            aria-label="Loading campaigns"
          >
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-40 rounded-lg" />
            ))}
          </div>
        }
      >
        {(rows) => (
          <ul className="grid gap-4 md:grid-cols-2" aria-label="Campaigns">
            {rows.map((c) => (
              <li key={c.id}>
                <Card className="flex h-full flex-col gap-4 p-5">
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <Link
                        to={`/campaigns/${c.id}`}
                        className="block truncate font-semibold hover:text-primary hover:underline"
                      >
                        {c.name}
                      </Link>
                      <p className="truncate text-sm text-muted-foreground">
                        {clientName.get(c.clientId) ?? 'Client'} · created {formatDate(c.createdAt)}
                      </p>
                    </div>
                    <CampaignStatusBadge status={c.status} />
                  </div>
                  {c.goalDescription ? <p className="line-clamp-2 text-sm">{c.goalDescription}</p> : null}
                  <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
                    {campaignNumbers(c).map(([label, value]) => (
                      <div key={label} className="flex gap-1.5">
                        <dt className="text-muted-foreground">{label}</dt>
                        <dd className="font-medium tabular-nums">{value}</dd>
                      </div>
                    ))}
                  </dl>
                  <div className="mt-auto">
                    <CampaignActions campaign={c} />
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </ListState>
    </>
  );
}
