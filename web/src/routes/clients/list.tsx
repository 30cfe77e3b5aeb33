import { CLIENT_STATUSES } from '@mos/db/contracts';
import { BuildingIcon, PlusIcon, SearchIcon } from 'lucide-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '@/components/layout/page-header';
import { ListState } from '@/components/list/list-state';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatDate } from '@/lib/format';
import { type RouterInputs, trpc } from '@/lib/trpc';
import { useDebounced } from '@/lib/use-debounced';
import { clientsListInput } from '../route-data';

const loadWizard = () => import('@/components/wizard/onboarding-wizard');
const OnboardingWizard = lazy(() => loadWizard().then((m) => ({ default: m.OnboardingWizard })));

/** Fetches the wizard's chunk once the list is on screen and the browser is idle, so "New client" opens at once. */
function usePreloadWizard(ready: boolean) {
  useEffect(() => {
    if (!ready) return;
    const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 200));
    idle(() => void loadWizard());
  }, [ready]);
}

type Status = NonNullable<RouterInputs['clients']['list']['status']>;

const STATUS_VARIANT: Record<Status, BadgeProps['variant']> = {
  active: 'success',
  paused: 'warning',
  archived: 'secondary',
};

function TableSkeleton() {
  return (
    <div className="divide-y" role="status" aria-busy="true" aria-label="Loading clients">
      {Array.from({ length: 6 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder rows never reorder
        <div key={i} className="flex items-center gap-6 px-4 py-4">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-4 w-24" />
          <Skeleton className="ml-auto h-5 w-16 rounded-full" />
        </div>
      ))}
    </div>
  );
}

export default function ClientsListPage() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [wizardOpen, setWizardOpen] = useState(false);
  // Mounted from the first open on, so closing and reopening keeps what was typed.
  const [wizardUsed, setWizardUsed] = useState(false);
  if (wizardOpen && !wizardUsed) setWizardUsed(true);
  const debounced = useDebounced(search.trim());
  const filters = { search: debounced || undefined, status: status || undefined };

  const query = trpc.clients.list.useInfiniteQuery(clientsListInput(filters), {
    initialCursor: null,
    getNextPageParam: (last) => last.nextCursor,
  });
  usePreloadWizard(!query.isPending);
  const filtered = Boolean(filters.search || filters.status);

  return (
    <>
      <PageHeader
        title="Clients"
        description="The businesses your agency runs marketing for."
        actions={
          <Button onClick={() => setWizardOpen(true)}>
            <PlusIcon /> New client
          </Button>
        }
      />
      {/* The wizard's code (steps, schemas, zod) loads when it is first opened, not with the list. */}
      {wizardUsed ? (
        <Suspense fallback={null}>
          <OnboardingWizard open={wizardOpen} onOpenChange={setWizardOpen} />
        </Suspense>
      ) : null}
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <div className="relative w-full max-w-xs">
          <SearchIcon
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <Input
            type="search"
            aria-label="Search clients"
            placeholder="Search by name"
            className="pl-9"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <NativeSelect
          aria-label="Filter by status"
          className="w-40"
          value={status}
          onChange={(e) => setStatus(e.target.value as Status | '')}
        >
          <option value="">All statuses</option>
          {CLIENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.charAt(0).toUpperCase() + s.slice(1)}
            </option>
          ))}
        </NativeSelect>
      </div>

      <ListState
        query={query}
        icon={BuildingIcon}
        errorTitle="Clients could not be loaded"
        loading={
          <Card>
            <TableSkeleton />
          </Card>
        }
        empty={{
          title: filtered ? 'No clients match' : 'No clients yet',
          description: filtered
            ? 'Try another name or status.'
            : 'Add your first client to start onboarding: MOS researches the business and drafts its definition files for your review.',
          action: filtered ? undefined : (
            <Button onClick={() => setWizardOpen(true)}>
              <PlusIcon /> Add your first client
            </Button>
          ),
        }}
      >
        {(rows) => (
          <Card className="overflow-hidden">
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>Name</TableHead>
                  <TableHead>Industry</TableHead>
                  <TableHead>Markets</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="text-right">Created</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell className="font-medium">
                      <Link
                        to={`/clients/${c.id}`}
                        className="rounded-sm hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                      >
                        {c.name}
                      </Link>
                    </TableCell>
                    <TableCell className="text-muted-foreground">{c.industry ?? '—'}</TableCell>
                    <TableCell className="text-muted-foreground">
                      {c.primaryMarkets.length ? c.primaryMarkets.join(', ') : '—'}
                    </TableCell>
                    <TableCell>
                      <Badge variant={STATUS_VARIANT[c.status]}>{c.status}</Badge>
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
    </>
  );
}
