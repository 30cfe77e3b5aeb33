import {
  BookmarkIcon,
  ExternalLinkIcon,
  MegaphoneIcon,
  PlayIcon,
  ThumbsDownIcon,
  ThumbsUpIcon,
} from 'lucide-react';
import { Link } from 'react-router';
import { ListState } from '@/components/list/list-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatDate, formatRelative, humanize } from '@/lib/format';
import { workflowKindLabel } from '@/lib/labels';
import { trpc } from '@/lib/trpc';
import { ListSkeleton } from './list-skeleton';
import { STATUS_VARIANT } from './status';

/** One keyset page of a client's campaigns, runs or swipes; "Load more" fetches the next. */
const PAGE_SIZE = 25;

export function CampaignsTab({ clientId }: { clientId: string }) {
  const query = trpc.campaigns.list.useInfiniteQuery(
    { clientId, limit: PAGE_SIZE },
    { initialCursor: null, getNextPageParam: (last) => last.nextCursor, meta: { silent: true } },
  );
  return (
    <ListState
      query={query}
      icon={MegaphoneIcon}
      errorTitle="Campaigns could not be loaded"
      loading={<ListSkeleton label="Loading campaigns" />}
      empty={{
        title: 'No campaigns yet',
        description:
          'Create a campaign once the canon and metric schema are approved; MOS then plans its strategy.',
        action: (
          <Button asChild variant="outline">
            <Link to="/campaigns">Go to campaigns</Link>
          </Button>
        ),
      }}
    >
      {(items) => (
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
              {items.map((c) => (
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
      )}
    </ListState>
  );
}

export function RunsTab({ clientId }: { clientId: string }) {
  const query = trpc.workflows.list.useInfiniteQuery(
    { clientId, limit: PAGE_SIZE },
    {
      initialCursor: null,
      getNextPageParam: (last) => last.nextCursor,
      meta: { silent: true },
      // Live while anything runs: the worker records status transitions, so polling the list is cheap.
      refetchInterval: (q) =>
        q.state.data?.pages.some((p) =>
          p.items.some((r) => r.status === 'running' || r.status === 'waiting_for_approval'),
        )
          ? 5000
          : false,
    },
  );
  return (
    <ListState
      query={query}
      icon={PlayIcon}
      errorTitle="Runs could not be loaded"
      loading={<ListSkeleton label="Loading runs" />}
      empty={{
        title: 'No runs yet',
        description: 'Onboarding, planning and production runs for this client will show up here.',
      }}
    >
      {(items) => (
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
              {items.map((r) => (
                <TableRow key={r.id}>
                  <TableCell className="font-medium">
                    <Link to={`/runs/${r.id}`} className="hover:underline">
                      {workflowKindLabel(r.kind)}
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
      )}
    </ListState>
  );
}

export function SwipesTab({ clientId }: { clientId: string }) {
  const query = trpc.swipes.client.list.useInfiniteQuery(
    { clientId, limit: PAGE_SIZE },
    { initialCursor: null, getNextPageParam: (last) => last.nextCursor, meta: { silent: true } },
  );
  return (
    <ListState
      query={query}
      icon={BookmarkIcon}
      errorTitle="Swipes could not be loaded"
      loading={<ListSkeleton label="Loading swipes" />}
      empty={{
        title: 'No swipes saved',
        description: 'Save ads from the library to this client, tagged and marked as good or bad examples.',
        action: (
          <Button asChild variant="outline">
            <Link to="/library">Open the library</Link>
          </Button>
        ),
      }}
    >
      {(items) => (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {items.map((s) => (
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
              {s.customBody ? (
                <p className="line-clamp-4 text-sm text-muted-foreground">{s.customBody}</p>
              ) : null}
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
      )}
    </ListState>
  );
}
