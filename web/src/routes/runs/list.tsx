import { WORKFLOW_KINDS, WORKFLOW_STATUSES } from '@mos/db/contracts';
import { ArrowRightIcon, FilterXIcon, PlayCircleIcon } from 'lucide-react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/layout/page-header';
import { ListState, listRows } from '@/components/list/list-state';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatDuration, formatRelative } from '@/lib/format';
import { workflowKindLabel } from '@/lib/labels';
import { type RouterInputs, trpc } from '@/lib/trpc';
import {
  formatDateTime,
  isActive,
  type RunStatus,
  RunStatusBadge,
  runDuration,
  STATUS_LABEL,
  StopRunButton,
} from './shared';
import { stepLabel } from './timeline';

const PAGE_SIZE = 25;
/** Poll while a visible run is active; a finished list does not change by itself. */
export const LIVE_REFRESH_MS = 3_000;

type ListInput = RouterInputs['workflows']['list'];
type Kind = NonNullable<ListInput['kind']>[number];

export interface RunFilters {
  status: RunStatus | '';
  kind: Kind | '';
  client: string;
  campaign: string;
}

const FILTER_KEYS = ['status', 'kind', 'client', 'campaign'] as const;

/** Filters live in the URL (`?status=&kind=&client=&campaign=`) so links share them and back/forward restores them. */
export function readFilters(params: URLSearchParams): RunFilters {
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  return {
    status: (WORKFLOW_STATUSES as readonly string[]).includes(status) ? (status as RunStatus) : '',
    kind: (WORKFLOW_KINDS as readonly string[]).includes(kind) ? (kind as Kind) : '',
    client: params.get('client') ?? '',
    campaign: params.get('campaign') ?? '',
  };
}

function toInput(f: RunFilters): Omit<ListInput, 'cursor' | 'limit'> {
  return {
    ...(f.status ? { status: [f.status] } : {}),
    ...(f.kind ? { kind: [f.kind] } : {}),
    ...(f.client ? { clientId: f.client } : {}),
    ...(f.campaign ? { campaignId: f.campaign } : {}),
  };
}

function TableSkeleton() {
  return (
    <div className="divide-y" role="status" aria-busy="true" aria-label="Loading runs">
      {Array.from({ length: 6 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder rows never reorder
        <div key={i} className="flex items-center gap-6 px-4 py-4">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-5 w-24 rounded-full" />
          <Skeleton className="ml-auto h-4 w-24" />
        </div>
      ))}
    </div>
  );
}

export default function RunsListPage() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const input = toInput(filters);
  const filtered = FILTER_KEYS.some((k) => filters[k] !== '');

  const setFilter = (key: keyof RunFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    // A campaign belongs to one client: changing the client drops a campaign filter that may not match it.
    if (key === 'client') next.delete('campaign');
    setParams(next);
  };

  const clients = trpc.clients.list.useQuery({ limit: 100 }, { staleTime: 60_000 });
  const campaigns = trpc.campaigns.list.useQuery(
    { clientId: filters.client || undefined, limit: 100 },
    { staleTime: 60_000 },
  );

  const query = trpc.workflows.list.useInfiniteQuery(
    { ...input, limit: PAGE_SIZE },
    {
      initialCursor: null,
      getNextPageParam: (last) => last.nextCursor,
      refetchInterval: (q) =>
        q.state.data?.pages.some((p) => p.items.some((r) => isActive(r.status))) ? LIVE_REFRESH_MS : false,
    },
  );
  const runs = listRows(query);
  const anyActive = runs.some((r) => isActive(r.status));

  const clientOptions = clients.data?.items ?? [];
  const campaignOptions = campaigns.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Runs"
        description={
          <span className="inline-flex items-center gap-2">
            Every workflow run across your clients.
            {anyActive ? (
              <span className="inline-flex items-center gap-1.5 text-xs font-medium text-success">
                <span className="relative flex size-2">
                  <span className="absolute inline-flex size-full animate-ping rounded-full bg-success opacity-60 motion-reduce:animate-none" />
                  <span className="relative inline-flex size-2 rounded-full bg-success" />
                </span>
                Live
              </span>
            ) : null}
          </span>
        }
      />
      <fieldset className="m-0 mb-4 flex min-w-0 flex-wrap items-center gap-3 border-0 p-0">
        <legend className="sr-only">Filters</legend>
        <NativeSelect
          aria-label="Status"
          className="w-48"
          value={filters.status}
          onChange={(e) => setFilter('status', e.target.value)}
        >
          <option value="">All statuses</option>
          {WORKFLOW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label="Kind"
          className="w-52"
          value={filters.kind}
          onChange={(e) => setFilter('kind', e.target.value)}
        >
          <option value="">All kinds</option>
          {WORKFLOW_KINDS.map((k) => (
            <option key={k} value={k}>
              {workflowKindLabel(k)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label="Client"
          className="w-52"
          value={filters.client}
          onChange={(e) => setFilter('client', e.target.value)}
        >
          <option value="">All clients</option>
          {filters.client && !clientOptions.some((c) => c.id === filters.client) ? (
            <option value={filters.client}>Selected client</option>
          ) : null}
          {clientOptions.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label="Campaign"
          className="w-52"
          value={filters.campaign}
          onChange={(e) => setFilter('campaign', e.target.value)}
        >
          <option value="">All campaigns</option>
          {filters.campaign && !campaignOptions.some((c) => c.id === filters.campaign) ? (
            <option value={filters.campaign}>Selected campaign</option>
          ) : null}
          {campaignOptions.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </NativeSelect>
        {filtered ? (
          <Button variant="ghost" size="sm" onClick={() => setParams(new URLSearchParams())}>
            <FilterXIcon aria-hidden />
            Clear filters
          </Button>
        ) : null}
      </fieldset>

      <ListState
        query={query}
        icon={PlayCircleIcon}
        errorTitle="Runs could not be loaded"
        loading={
          <Card>
            <TableSkeleton />
          </Card>
        }
        empty={{
          title: filtered ? 'No runs match these filters' : 'No runs yet',
          description: filtered
            ? 'Try another status, kind, client or campaign.'
            : 'Runs appear here when you onboard a client, plan a campaign or produce creative.',
          action: filtered ? (
            <Button variant="outline" onClick={() => setParams(new URLSearchParams())}>
              Clear filters
            </Button>
          ) : undefined,
        }}
      >
        {(runs) => (
          <Card className="overflow-hidden">
            <div className="overflow-x-auto">
              <Table>
                <TableHeader>
                  <TableRow className="hover:bg-transparent">
                    <TableHead>Run</TableHead>
                    <TableHead>Client · campaign</TableHead>
                    <TableHead>Status</TableHead>
                    <TableHead>Started</TableHead>
                    <TableHead>Finished</TableHead>
                    <TableHead className="text-right">
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {runs.map((run) => (
                    <TableRow key={run.id}>
                      <TableCell>
                        <Link
                          to={`/runs/${run.id}`}
                          className="font-medium hover:underline focus-visible:underline focus-visible:outline-none"
                        >
                          {workflowKindLabel(run.kind)}
                        </Link>
                        <p className="text-xs text-muted-foreground">
                          {run.status === 'running' && run.currentStep
                            ? stepLabel(run.currentStep)
                            : run.id.slice(0, 8)}
                        </p>
                      </TableCell>
                      <TableCell>
                        <span>{run.clientName ?? '—'}</span>
                        {run.campaignName ? (
                          <p className="text-xs text-muted-foreground">{run.campaignName}</p>
                        ) : null}
                      </TableCell>
                      <TableCell>
                        <RunStatusBadge status={run.status} gate={run.waitingGate} />
                        {run.status === 'failed' && run.error ? (
                          <p className="mt-1 max-w-64 truncate text-xs text-destructive" title={run.error}>
                            {run.error}
                          </p>
                        ) : null}
                      </TableCell>
                      <TableCell
                        className="whitespace-nowrap text-muted-foreground"
                        title={formatDateTime(run.startedAt)}
                      >
                        {formatRelative(run.startedAt)}
                      </TableCell>
                      <TableCell className="whitespace-nowrap text-muted-foreground">
                        {run.finishedAt ? (
                          <span title={formatDateTime(run.finishedAt)}>
                            {formatRelative(run.finishedAt)}
                            <span className="block text-xs">took {formatDuration(runDuration(run))}</span>
                          </span>
                        ) : (
                          <span>running {formatDuration(runDuration(run))}</span>
                        )}
                      </TableCell>
                      <TableCell className="text-right">
                        <div className="flex justify-end gap-2">
                          {isActive(run.status) ? <StopRunButton run={run} /> : null}
                          <Button
                            asChild
                            variant={run.status === 'waiting_for_approval' ? 'default' : 'ghost'}
                            size="sm"
                          >
                            <Link
                              to={`/runs/${run.id}`}
                              aria-label={`Open ${workflowKindLabel(run.kind).toLowerCase()} run`}
                            >
                              {run.status === 'waiting_for_approval' ? 'Review' : 'Open'}
                              <ArrowRightIcon aria-hidden />
                            </Link>
                          </Button>
                        </div>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </Card>
        )}
      </ListState>
    </>
  );
}
