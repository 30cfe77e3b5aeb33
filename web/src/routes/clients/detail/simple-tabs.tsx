import {
  BookmarkIcon,
  ExternalLinkIcon,
  MegaphoneIcon,
  PlayIcon,
  ThumbsDownIcon,
  ThumbsUpIcon,
} from 'lucide-react';
import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatDate, formatRelative, humanize } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import { ListSkeleton } from './list-skeleton';
import { STATUS_VARIANT } from './status';

function LoadError({ title, message, retry }: { title: string; message: string; retry: () => void }) {
  return (
    <EmptyState
      icon={MegaphoneIcon}
      title={title}
      description={message}
      action={
        <Button variant="outline" onClick={retry}>
          Try again
        </Button>
      }
    />
  );
}

export function CampaignsTab({ clientId }: { clientId: string }) {
  const query = trpc.campaigns.list.useQuery({ clientId, limit: 100 }, { meta: { silent: true } });
  if (query.isPending) return <ListSkeleton label="Loading campaigns" />;
  if (query.isError)
    return (
      <LoadError
        title="Campaigns could not be loaded"
        message={query.error.message}
        retry={() => void query.refetch()}
      />
    );
  if (query.data.items.length === 0) {
    return (
      <EmptyState
        icon={MegaphoneIcon}
        title="No campaigns yet"
        description="Create a campaign once the canon and metric schema are approved; MOS then plans its strategy."
        action={
          <Button asChild variant="outline">
            <Link to="/campaigns">Go to campaigns</Link>
          </Button>
        }
      />
    );
  }
  return (
    <Card className="overflow-hidden">
      <Table>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Campaign</TableHead>
            <TableHead>Goal</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Created</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {query.data.items.map((c) => (
            <TableRow key={c.id}>
              <TableCell className="font-medium">
                <Link to={`/campaigns/${c.id}`} className="hover:underline">
                  {c.name}
                </Link>
              </TableCell>
              <TableCell className="max-w-80 truncate text-muted-foreground">
                {c.goalDescription ?? '—'}
              </TableCell>
              <TableCell>
                <Badge variant={STATUS_VARIANT[c.status] ?? 'secondary'}>{humanize(c.status)}</Badge>
              </TableCell>
              <TableCell className="text-right text-muted-foreground tabular-nums">
                {formatDate(c.createdAt)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}

export function RunsTab({ clientId }: { clientId: string }) {
  const query = trpc.workflows.list.useQuery(
    { clientId, limit: 100 },
    {
      meta: { silent: true },
      // Live while anything runs: the worker records status transitions, so polling the list is cheap.
      refetchInterval: (q) =>
        q.state.data?.items.some((r) => r.status === 'running' || r.status === 'waiting_for_approval')
          ? 5000
          : false,
    },
  );
  if (query.isPending) return <ListSkeleton label="Loading runs" />;
  if (query.isError)
    return (
      <LoadError
        title="Runs could not be loaded"
        message={query.error.message}
        retry={() => void query.refetch()}
      />
    );
  if (query.data.items.length === 0) {
    return (
      <EmptyState
        icon={PlayIcon}
        title="No runs yet"
        description="Onboarding, planning and production runs for this client will show up here."
      />
    );
  }
  return (
    <Card className="overflow-hidden">
      <Table>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Workflow</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Step</TableHead>
            <TableHead className="text-right">Started</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {query.data.items.map((r) => (
            <TableRow key={r.id}>
              <TableCell className="font-medium">
                <Link to={`/runs/${r.id}`} className="hover:underline">
                  {humanize(r.kind)}
                </Link>
              </TableCell>
              <TableCell>
                <Badge variant={STATUS_VARIANT[r.status] ?? 'secondary'}>
                  {r.status === 'waiting_for_approval' && r.waitingGate
                    ? `Waiting: ${humanize(r.waitingGate)}`
                    : humanize(r.status)}
                </Badge>
              </TableCell>
              <TableCell className="text-muted-foreground">
                {r.currentStep ? humanize(r.currentStep) : '—'}
              </TableCell>
              <TableCell className="text-right text-muted-foreground tabular-nums">
                {formatRelative(r.startedAt)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}

export function SwipesTab({ clientId }: { clientId: string }) {
  const query = trpc.swipes.client.list.useQuery({ clientId, limit: 100 }, { meta: { silent: true } });
  if (query.isPending) return <ListSkeleton label="Loading swipes" />;
  if (query.isError)
    return (
      <LoadError
        title="Swipes could not be loaded"
        message={query.error.message}
        retry={() => void query.refetch()}
      />
    );
  if (query.data.items.length === 0) {
    return (
      <EmptyState
        icon={BookmarkIcon}
        title="No swipes saved"
        description="Save ads from the library to this client, tagged and marked as good or bad examples."
        action={
          <Button asChild variant="outline">
            <Link to="/library">Open the library</Link>
          </Button>
        }
      />
    );
  }
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
      {query.data.items.map((s) => (
        <Card key={s.id} className="flex flex-col gap-3 p-4">
          <div className="flex items-start justify-between gap-2">
            <h3 className="line-clamp-2 text-sm font-semibold">{s.customTitle ?? 'Saved ad'}</h3>
            {s.isGoodExample ? (
              <Badge variant="success">
                <ThumbsUpIcon className="size-3" aria-hidden /> Good example
              </Badge>
            ) : s.isBadExample ? (
              <Badge variant="destructive">
                <ThumbsDownIcon className="size-3" aria-hidden /> Bad example
              </Badge>
            ) : null}
          </div>
          {s.customBody ? <p className="line-clamp-4 text-sm text-muted-foreground">{s.customBody}</p> : null}
          {s.tags.length > 0 ? (
            <div className="flex flex-wrap gap-1.5">
              {s.tags.map((t) => (
                <Badge key={t} variant="secondary">
                  {t}
                </Badge>
              ))}
            </div>
          ) : null}
          {s.notes ? (
            <p className="rounded-md bg-muted/40 p-2 text-xs">
              <span className="font-medium">Notes: </span>
              {s.notes}
            </p>
          ) : null}
          <div className="mt-auto flex items-center justify-between text-xs text-muted-foreground">
            <span>Saved {formatDate(s.createdAt)}</span>
            {s.customLandingPage ? (
              <a
                href={s.customLandingPage}
                target="_blank"
                rel="noreferrer"
                className="inline-flex items-center gap-1 text-primary hover:underline"
              >
                Landing page <ExternalLinkIcon className="size-3" aria-hidden />
              </a>
            ) : null}
          </div>
        </Card>
      ))}
    </div>
  );
}
