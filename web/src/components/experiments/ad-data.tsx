import { FileSpreadsheetIcon, UploadIcon } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/errors';
import { formatRelative } from '@/lib/format';
import { useMe } from '@/lib/me';
import { trpc } from '@/lib/trpc';
import { AdLinksCard, assetLabel, headlineOf, type LinkableAsset } from './ad-links';
import { CsvUploadDialog } from './csv-upload';
import { formatInt } from './format';
import { MetaConnectorCard } from './meta-connector';
import type { ArmLabels } from './plan-card';

/** The CSV upload wired to the API: preview and import for a client, optionally for one experiment. */
export function CsvUploadButton({
  clientId,
  experimentId,
  labels,
  variant = 'outline',
}: {
  clientId: string;
  experimentId?: string;
  labels?: ArmLabels;
  variant?: 'outline' | 'default';
}) {
  const [open, setOpen] = useState(false);
  const utils = trpc.useUtils();
  const preview = trpc.snapshots.previewCsv.useMutation({ meta: { silent: true } });
  const importCsv = trpc.snapshots.importCsv.useMutation({ meta: { silent: true } });
  const canLink = canLinkAds(useMe().data?.role);
  // Only an experiment's own assets are offered when the upload is for one (others would fail its check).
  const linkable = useLinkableAssets(clientId, experimentId, open && canLink);
  const link = useLinkAd(clientId);
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        <UploadIcon aria-hidden /> Upload CSV
      </Button>
      <CsvUploadDialog
        open={open}
        onOpenChange={setOpen}
        clientId={clientId}
        {...(experimentId ? { experimentId } : {})}
        {...(labels ? { labels } : {})}
        preview={(input) => preview.mutateAsync(input)}
        importRows={(input) => importCsv.mutateAsync(input)}
        {...(canLink ? { linkAd: { assets: linkable, link } } : {})}
        onImported={() => {
          void utils.snapshots.imports.invalidate({ clientId });
          if (experimentId) void utils.experiments.readings.invalidate({ id: experimentId });
        }}
      />
    </>
  );
}

const canLinkAds = (role: string | undefined) => role === 'admin' || role === 'operator';

/** The client's assets (at most 100, newest first) as the link forms offer them. */
function useLinkableAssets(
  clientId: string,
  experimentId: string | undefined,
  enabled: boolean,
): LinkableAsset[] {
  const list = trpc.assets.list.useQuery(
    { clientId, ...(experimentId ? { experimentId } : {}), limit: 100 },
    { enabled, meta: { silent: true } },
  );
  return (list.data?.items ?? []).map((a) => ({
    id: a.id,
    label: assetLabel({ headline: headlineOf(a.content), channelId: a.channelId, format: a.format }),
    variantId: a.variantId,
  }));
}

function useLinkAd(clientId: string) {
  const utils = trpc.useUtils();
  const link = trpc.assets.linkPlatformAd.useMutation({ meta: { silent: true } });
  return async (externalAdId: string, assetId: string) => {
    await link.mutateAsync({ assetId, platform: 'meta', externalAdId });
    toast.success(`Ad ${externalAdId} linked`);
    await utils.assets.platformAds.invalidate({ clientId });
  };
}

function AdLinks({ clientId }: { clientId: string }) {
  const canEdit = canLinkAds(useMe().data?.role);
  const utils = trpc.useUtils();
  const links = trpc.assets.platformAds.useQuery({ clientId }, { meta: { silent: true } });
  const assets = useLinkableAssets(clientId, undefined, canEdit);
  const link = useLinkAd(clientId);
  const unlink = trpc.assets.unlinkPlatformAd.useMutation({ meta: { silent: true } });
  if (links.isPending) return <Skeleton className="h-48" />;
  if (links.isError) return <p className="text-sm text-destructive">{errorMessage(links.error)}</p>;
  return (
    <AdLinksCard
      links={links.data.items}
      assets={assets}
      canEdit={canEdit}
      onLink={link}
      onUnlink={async (l) => {
        await unlink.mutateAsync({ platform: 'meta', externalAdId: l.externalAdId });
        toast.success(`Ad ${l.externalAdId} unlinked`);
        await utils.assets.platformAds.invalidate({ clientId });
      }}
    />
  );
}

function ImportsList({ clientId }: { clientId: string }) {
  const imports = trpc.snapshots.imports.useQuery({ clientId }, { meta: { silent: true } });
  if (imports.isPending) return <Skeleton className="h-24" />;
  if (imports.isError) return <p className="text-sm text-destructive">{imports.error.message}</p>;
  const items = imports.data.items;
  if (items.length === 0)
    return <p className="text-sm text-muted-foreground">No CSV uploaded for this client yet.</p>;
  return (
    <div className="overflow-x-auto rounded-md border">
      <Table aria-label="CSV uploads">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>File</TableHead>
            <TableHead className="text-right">Imported</TableHead>
            <TableHead className="text-right">Revised</TableHead>
            <TableHead className="text-right">Refused</TableHead>
            <TableHead className="text-right">When</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody className="tabular-nums">
          {items.map((i) => (
            <TableRow key={i.id}>
              <TableCell className="font-medium">{i.fileName}</TableCell>
              <TableCell className="text-right">{formatInt(i.rowsImported)}</TableCell>
              <TableCell className="text-right">{formatInt(i.rowsRevised)}</TableCell>
              <TableCell className="text-right">
                {i.errors.length ? <Badge variant="warning">{formatInt(i.errors.length)}</Badge> : '0'}
              </TableCell>
              <TableCell className="text-right text-muted-foreground">
                {formatRelative(i.createdAt)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function MetaConnector({ clientId }: { clientId: string }) {
  const me = useMe().data;
  const utils = trpc.useUtils();
  const view = trpc.connectors.get.useQuery({ clientId }, { meta: { silent: true } });
  const upsert = trpc.connectors.upsertMeta.useMutation({ meta: { silent: true } });
  const remove = trpc.connectors.remove.useMutation({ meta: { silent: true } });
  const setSecret = trpc.secrets.set.useMutation({ meta: { silent: true } });
  if (view.isPending) return <Skeleton className="h-72" />;
  if (view.isError) return <p className="text-sm text-destructive">{errorMessage(view.error)}</p>;
  return (
    <MetaConnectorCard
      // A saved connector replaces the draft the form started from.
      key={view.data.meta ? JSON.stringify(view.data.meta.settings) : 'none'}
      view={view.data}
      canEdit={me?.role === 'admin'}
      onCreateSecret={async (name, value) => {
        await setSecret.mutateAsync({ name, value });
        await utils.secrets.list.invalidate();
      }}
      onSave={async (settings, enabled) => {
        await upsert.mutateAsync({ clientId, settings, enabled });
        toast.success('Meta connector saved');
        await utils.connectors.get.invalidate({ clientId });
      }}
      onRemove={async () => {
        await remove.mutateAsync({ clientId, platform: 'meta' });
        toast.success('Meta connector removed');
        await utils.connectors.get.invalidate({ clientId });
      }}
    />
  );
}

/**
 * The client page's "Ad data" tab: where ad-platform numbers come from (the Meta connector, CSV uploads) and which
 * asset each ad's numbers land on (ad links).
 */
export function AdDataPanel({ clientId }: { clientId: string }) {
  return (
    <div className="grid gap-6">
      <MetaConnector clientId={clientId} />
      <AdLinks clientId={clientId} />
      <Card>
        <CardHeader className="flex-row items-start justify-between gap-3 space-y-0">
          <div className="grid gap-1.5">
            <CardTitle className="flex items-center gap-2">
              <FileSpreadsheetIcon className="size-4 text-muted-foreground" aria-hidden /> CSV uploads
            </CardTitle>
            <CardDescription>
              Exports from any ad platform, one row per ad and day; re-uploading a window revises its numbers.
            </CardDescription>
          </div>
          <CsvUploadButton clientId={clientId} />
        </CardHeader>
        <CardContent>
          <ImportsList clientId={clientId} />
        </CardContent>
      </Card>
    </div>
  );
}
