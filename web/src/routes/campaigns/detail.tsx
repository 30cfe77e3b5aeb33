import { ArrowLeftIcon, ArrowRightIcon, FileTextIcon, FlaskConicalIcon, MegaphoneIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ArtifactStatusBadge } from '@/components/artifacts/artifact-status-badge';
import { SpecialAdCategoryEditor } from '@/components/campaigns/ad-policy-fields';
import {
  BriefsView,
  ExperimentSpecView,
  findSpec,
  StrategySheetView,
} from '@/components/campaigns/artifact-views';
import { AssetGallery } from '@/components/campaigns/asset-gallery';
import { CampaignActions, useCanOperate } from '@/components/campaigns/campaign-actions';
import { CampaignStatusBadge, campaignNumbers } from '@/components/campaigns/campaign-status';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { formatRelative } from '@/lib/format';
import { trpc } from '@/lib/trpc';

type ArtifactKind = 'strategy_sheet' | 'experiment_spec' | 'asset_brief';

/**
 * The campaign's documents change while its workflows run, so they are refetched on every visit and
 * polled while the campaign is being planned.
 */
const liveOptions = (live: boolean): { refetchOnMount: 'always'; refetchInterval: number | false } => ({
  refetchOnMount: 'always',
  refetchInterval: live ? 5000 : false,
});

function useCampaignArtifact(
  clientId: string | undefined,
  campaignId: string,
  type: ArtifactKind,
  live: boolean,
) {
  return trpc.artifacts.latest.useQuery(
    { clientId: clientId ?? '', campaignId, type },
    { enabled: Boolean(clientId), ...liveOptions(live) },
  );
}

function ArtifactCard({
  title,
  artifact,
  loading,
  empty,
  children,
}: {
  title: string;
  artifact: { version: number; status: string; createdAt: string } | null | undefined;
  loading: boolean;
  empty: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader className="flex-row items-center justify-between gap-3 space-y-0">
        <div className="grid gap-1">
          <CardTitle>{title}</CardTitle>
          {artifact ? (
            <CardDescription>
              Version {artifact.version} · updated {formatRelative(artifact.createdAt)}
            </CardDescription>
          ) : null}
        </div>
        {artifact ? <ArtifactStatusBadge status={artifact.status} /> : null}
      </CardHeader>
      <CardContent>
        {loading ? (
          <Skeleton className="h-32" />
        ) : artifact ? (
          children
        ) : (
          <p className="text-sm text-muted-foreground">{empty}</p>
        )}
      </CardContent>
    </Card>
  );
}

export default function CampaignDetailPage() {
  const { id = '' } = useParams();
  const canOperate = useCanOperate();
  const campaign = trpc.campaigns.get.useQuery({ id }, { refetchOnMount: 'always' });
  const clientId = campaign.data?.clientId;
  const live = campaign.data?.status === 'planning';
  const strategy = useCampaignArtifact(clientId, id, 'strategy_sheet', live);
  const specs = useCampaignArtifact(clientId, id, 'experiment_spec', live);
  const briefs = useCampaignArtifact(clientId, id, 'asset_brief', live);
  const experiments = trpc.experiments.list.useQuery({ campaignId: id, limit: 100 }, liveOptions(live));
  const assets = trpc.assets.list.useQuery({ campaignId: id, limit: 100 }, liveOptions(live));

  if (campaign.isPending) {
    return (
      <div className="grid gap-4" aria-busy="true">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-48" />
      </div>
    );
  }
  if (campaign.isError) {
    return (
      <EmptyState
        icon={MegaphoneIcon}
        title="Campaign not found"
        description={campaign.error.message}
        action={
          <Link to="/campaigns" className="text-sm font-medium text-primary hover:underline">
            Back to campaigns
          </Link>
        }
      />
    );
  }
  const c = campaign.data;
  const assetItems = assets.data?.items ?? [];
  const expItems = experiments.data?.items ?? [];

  return (
    <>
      <Link
        to="/campaigns"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeftIcon aria-hidden className="size-4" /> Campaigns
      </Link>
      <PageHeader
        title={c.name}
        description={c.goalDescription ?? undefined}
        actions={<CampaignStatusBadge status={c.status} />}
      />
      <Card className="mb-6 grid gap-4 p-5">
        <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
          {campaignNumbers(c).map(([label, value]) => (
            <div key={label} className="grid">
              <dt className="text-xs text-muted-foreground">{label}</dt>
              <dd className="font-medium tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
        <SpecialAdCategoryEditor key={c.specialAdCategory ?? 'none'} campaign={c} canEdit={canOperate} />
        <CampaignActions campaign={c} size="default" />
      </Card>

      <Tabs defaultValue="strategy">
        <TabsList>
          <TabsTrigger value="strategy">Strategy</TabsTrigger>
          <TabsTrigger value="experiments">Experiments ({expItems.length})</TabsTrigger>
          <TabsTrigger value="briefs">Briefs</TabsTrigger>
          <TabsTrigger value="assets">Assets ({assetItems.length})</TabsTrigger>
        </TabsList>
        <TabsContent value="strategy" className="mt-4">
          <ArtifactCard
            title="Strategy sheet"
            artifact={strategy.data}
            loading={strategy.isPending && Boolean(clientId)}
            empty="No strategy sheet yet. Plan the campaign to have MOS draft one for your review."
          >
            <StrategySheetView data={strategy.data?.data} />
          </ArtifactCard>
        </TabsContent>
        <TabsContent value="experiments" className="mt-4 grid gap-4">
          {experiments.isPending ? (
            <Skeleton className="h-32" />
          ) : expItems.length === 0 ? (
            <EmptyState
              icon={FlaskConicalIcon}
              title="No experiments yet"
              description="Experiments are designed after the strategy sheet is approved."
            />
          ) : (
            expItems.map((e) => {
              const spec = findSpec(specs.data?.data, e.specId);
              return (
                <Card key={e.id}>
                  <CardHeader className="flex-row items-center justify-between gap-3 space-y-0">
                    <div className="grid gap-1">
                      <CardTitle>
                        <Link to={`/experiments/${e.id}`} className="hover:underline">
                          {e.name}
                        </Link>
                      </CardTitle>
                      {e.startedAt ? (
                        <CardDescription>{`Started ${formatRelative(e.startedAt)}`}</CardDescription>
                      ) : null}
                    </div>
                    <div className="flex items-center gap-2">
                      <CampaignStatusBadge status={e.status} />
                      <Button asChild variant="outline" size="sm">
                        <Link to={`/experiments/${e.id}`} aria-label={`Results & plan: ${e.name}`}>
                          Results & plan <ArrowRightIcon aria-hidden />
                        </Link>
                      </Button>
                    </div>
                  </CardHeader>
                  {spec ? (
                    <CardContent>
                      <ExperimentSpecView spec={spec} />
                    </CardContent>
                  ) : null}
                </Card>
              );
            })
          )}
        </TabsContent>
        <TabsContent value="briefs" className="mt-4">
          <ArtifactCard
            title="Asset briefs"
            artifact={briefs.data}
            loading={briefs.isPending && Boolean(clientId)}
            empty="No briefs yet. They are written for each experiment variant once experiments are approved."
          >
            <BriefsView data={briefs.data?.data} />
          </ArtifactCard>
        </TabsContent>
        <TabsContent value="assets" className="mt-4">
          {assets.isPending ? (
            <Skeleton className="h-48" />
          ) : assets.isError ? (
            <EmptyState
              icon={FileTextIcon}
              title="Assets could not be loaded"
              description={assets.error.message}
            />
          ) : (
            <AssetGallery assets={assetItems} canOperate={canOperate} />
          )}
        </TabsContent>
      </Tabs>
    </>
  );
}
