import { ArrowLeftIcon, ExternalLinkIcon, LayoutTemplateIcon, RocketIcon } from 'lucide-react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useExperimentArms } from '@/components/funnels/experiment-arms';
import { GeneratePageDialog } from '@/components/funnels/generate-page-dialog';
import { publicPageUrl } from '@/components/funnels/page-state';
import { PublishProblems } from '@/components/funnels/publish-problems';
import { RunProgress } from '@/components/funnels/run-progress';
import { FunnelStatusBadge } from '@/components/funnels/status-badges';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { API_BASE_URL } from '@/lib/config';
import { errorMessage } from '@/lib/errors';
import { useMe } from '@/lib/me';
import { trpc } from '@/lib/trpc';
import { DomainsTab } from './domains-tab';
import { LeadsTab } from './leads-tab';
import { PagesTab } from './pages-tab';
import { PublicationsTab } from './publications-tab';
import { PublishDeployAction } from './publish-deploy';
import { DesignTab, SettingsTab } from './settings-tab';
import { editHref, type FunnelDetail } from './shared';
import { VariantsTab } from './variants-tab';

const TABS = [
  ['pages', 'Pages'],
  ['variants', 'Variants & results'],
  ['leads', 'Leads'],
  ['publications', 'Publications'],
  ['domains', 'Domains'],
  ['settings', 'Settings'],
  ['design', 'Design'],
] as const;
type TabId = (typeof TABS)[number][0];

function Actions({
  detail,
  canEdit,
  isAdmin,
  onPublished,
}: {
  detail: FunnelDetail;
  canEdit: boolean;
  isAdmin: boolean;
  onPublished: (runId: string) => void;
}) {
  const { funnel } = detail;
  const offers = trpc.offers.list.useQuery(
    { clientId: funnel.clientId, limit: 100 },
    { meta: { silent: true }, enabled: canEdit },
  );
  const arms = useExperimentArms(funnel.clientId, funnel.campaignId);
  const utils = trpc.useUtils();
  const publish = trpc.funnels.publish.useMutation({
    meta: { silent: true },
    onSuccess: (r) => onPublished(r.runId),
    onError: (err) => toast.error(errorMessage(err)),
  });
  const generate = trpc.funnels.generatePage.useMutation({ meta: { silent: true } });
  const entry = detail.entryPage;
  return (
    <>
      {funnel.activePublicationId && entry ? (
        <Button variant="outline" asChild>
          <a href={publicPageUrl(API_BASE_URL, funnel.publicId, entry.slug)} target="_blank" rel="noreferrer">
            <ExternalLinkIcon aria-hidden /> Open public page
          </a>
        </Button>
      ) : null}
      {canEdit ? (
        <>
          <GeneratePageDialog
            pages={detail.pages}
            offers={offers.data?.items ?? []}
            arms={arms.data ?? []}
            defaultOfferId={funnel.offerId}
            editHref={(id) => editHref(funnel.id)(id)}
            onStart={async (req) => {
              const r = await generate.mutateAsync({ variantId: null, ...req });
              void utils.funnels.get.invalidate({ id: funnel.id });
              return r;
            }}
          />
          <Button
            disabled={!detail.canPublish || publish.isPending}
            onClick={() => publish.mutate({ funnelId: funnel.id })}
          >
            <RocketIcon aria-hidden /> {publish.isPending ? 'Starting…' : 'Publish'}
          </Button>
          {isAdmin ? (
            <PublishDeployAction
              detail={detail}
              onFinished={() => {
                void utils.funnels.get.invalidate({ id: funnel.id });
                void utils.funnels.publications.invalidate({ funnelId: funnel.id });
              }}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

export default function FunnelDetailPage() {
  const { funnelId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: TabId = TABS.some(([id]) => id === params.get('tab')) ? (params.get('tab') as TabId) : 'pages';
  const me = useMe();
  const utils = trpc.useUtils();
  const [publishRun, setPublishRun] = useState<string | null>(null);
  const query = trpc.funnels.get.useQuery({ id: funnelId }, { meta: { silent: true } });
  const clients = trpc.clients.get.useQuery(
    { id: query.data?.funnel.clientId ?? '' },
    { enabled: Boolean(query.data?.funnel.clientId), meta: { silent: true }, staleTime: 60_000 },
  );

  if (query.isPending) {
    return (
      <div className="space-y-4" role="status" aria-busy="true" aria-label="Loading funnel">
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
        icon={LayoutTemplateIcon}
        title="Funnel could not be loaded"
        description={query.error.message}
        action={
          <Button asChild variant="outline">
            <Link to="/funnels">Back to funnels</Link>
          </Button>
        }
      />
    );
  }
  const detail = query.data;
  const { funnel } = detail;
  const role = me.data?.role;
  const canEdit = role === 'admin' || role === 'operator';

  return (
    <>
      <Link
        to="/funnels"
        className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeftIcon className="size-4" aria-hidden /> Funnels
      </Link>
      <PageHeader
        title={funnel.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <FunnelStatusBadge status={funnel.status} />
            {clients.data ? <span>{clients.data.name}</span> : null}
            <span className="font-mono text-xs">/f/{funnel.publicId}</span>
          </span>
        }
        actions={
          <Actions detail={detail} canEdit={canEdit} isAdmin={role === 'admin'} onPublished={setPublishRun} />
        }
      />
      <div className="mb-6 grid gap-3">
        {publishRun ? (
          <RunProgress
            runId={publishRun}
            onDone={(status) => {
              if (status === 'completed') toast.success('Published: the new pages are live');
              void utils.funnels.get.invalidate({ id: funnel.id });
              void utils.funnels.publications.invalidate({ funnelId: funnel.id });
            }}
          />
        ) : null}
        {!detail.canPublish ? (
          <PublishProblems
            problems={detail.publishProblems}
            editHref={(pageId) => editHref(funnel.id)(pageId)}
            pageIds={detail.pages.map((p) => p.id)}
          />
        ) : null}
      </div>
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
        <TabsContent value="pages">
          <PagesTab detail={detail} canEdit={canEdit} />
        </TabsContent>
        <TabsContent value="variants">
          <VariantsTab detail={detail} canEdit={canEdit} />
        </TabsContent>
        <TabsContent value="leads">
          <LeadsTab detail={detail} />
        </TabsContent>
        <TabsContent value="publications">
          <PublicationsTab detail={detail} canEdit={canEdit} />
        </TabsContent>
        <TabsContent value="domains">
          <DomainsTab detail={detail} canEdit={canEdit} />
        </TabsContent>
        <TabsContent value="settings">
          <SettingsTab detail={detail} canEdit={canEdit} isAdmin={role === 'admin'} />
        </TabsContent>
        <TabsContent value="design">
          <DesignTab detail={detail} canEdit={canEdit} />
        </TabsContent>
      </Tabs>
    </>
  );
}
