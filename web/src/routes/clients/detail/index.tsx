import { ArrowLeftIcon, BuildingIcon } from 'lucide-react';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { trpc } from '@/lib/trpc';
import { DefinitionFilesTab } from './definition-files-tab';
import { OffersTab } from './offers-tab';
import { OverviewTab } from './overview-tab';
import { CampaignsTab, RunsTab, SwipesTab } from './simple-tabs';
import { STATUS_VARIANT } from './status';

// The ad-data tab (connector settings, CSV upload) loads only when it is opened.
const AdDataPanel = lazy(() =>
  import('@/components/experiments/ad-data').then((m) => ({ default: m.AdDataPanel })),
);

const TABS = [
  ['overview', 'Overview'],
  ['offers', 'Offers'],
  ['definition-files', 'Definition files'],
  ['campaigns', 'Campaigns'],
  ['runs', 'Runs'],
  ['ad-data', 'Ad data'],
  ['swipes', 'Swipes'],
] as const;
type TabId = (typeof TABS)[number][0];

export default function ClientDetailPage() {
  const { clientId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: TabId = TABS.some(([id]) => id === params.get('tab'))
    ? (params.get('tab') as TabId)
    : 'overview';

  const query = trpc.clients.get.useQuery({ id: clientId }, { meta: { silent: true } });

  if (query.isPending) {
    return (
      <div className="space-y-4" role="status" aria-busy="true" aria-label="Loading client">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-4 w-96" />
        <Skeleton className="mt-6 h-9 w-full max-w-2xl" />
        <Skeleton className="h-72 w-full" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <EmptyState
        icon={BuildingIcon}
        title="Client could not be loaded"
        description={query.error.message}
        action={
          <Button asChild variant="outline">
            <Link to="/clients">Back to clients</Link>
          </Button>
        }
      />
    );
  }
  const client = query.data;

  return (
    <>
      <Link
        to="/clients"
        className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeftIcon className="size-4" aria-hidden /> Clients
      </Link>
      <PageHeader
        title={client.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge variant={STATUS_VARIANT[client.status]}>{client.status}</Badge>
            {client.industry ? <span>{client.industry}</span> : null}
            {client.primaryMarkets.length ? <span>· {client.primaryMarkets.join(', ')}</span> : null}
          </span>
        }
      />
      <Tabs
        value={tab}
        onValueChange={(v) =>
          setParams(
            (p) => {
              p.set('tab', v);
              return p;
            },
            { replace: true },
          )
        }
      >
        <div className="mb-6 overflow-x-auto">
          <TabsList>
            {TABS.map(([id, label]) => (
              <TabsTrigger key={id} value={id}>
                {label}
              </TabsTrigger>
            ))}
          </TabsList>
        </div>
        <TabsContent value="overview">
          <OverviewTab client={client} />
        </TabsContent>
        <TabsContent value="offers">
          <OffersTab clientId={client.id} />
        </TabsContent>
        <TabsContent value="definition-files">
          <DefinitionFilesTab clientId={client.id} />
        </TabsContent>
        <TabsContent value="campaigns">
          <CampaignsTab clientId={client.id} />
        </TabsContent>
        <TabsContent value="runs">
          <RunsTab clientId={client.id} />
        </TabsContent>
        <TabsContent value="ad-data">
          <Suspense fallback={<Skeleton className="h-72 w-full" />}>
            <AdDataPanel clientId={client.id} />
          </Suspense>
        </TabsContent>
        <TabsContent value="swipes">
          <SwipesTab clientId={client.id} />
        </TabsContent>
      </Tabs>
    </>
  );
}
