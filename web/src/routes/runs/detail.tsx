import {
  ArrowLeftIcon,
  CheckCircle2Icon,
  CircleDotIcon,
  CircleIcon,
  FileTextIcon,
  GavelIcon,
  PlayCircleIcon,
  WifiOffIcon,
  XCircleIcon,
} from 'lucide-react';
import { Link, useParams } from 'react-router';
import { liveSnapshot, ReviewPanel, type RunDetail } from '@/components/review/review-panel';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatDuration, formatRelative, humanize } from '@/lib/format';
import { enumLabel, workflowKindLabel } from '@/lib/labels';
import { trpc } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import {
  formatDateTime,
  isActive,
  RunStatusBadge,
  runDuration,
  StopRunButton,
  useCanOperate,
} from './shared';
import { buildTimeline, stepLabel, type TimelineStep } from './timeline';

/** How often an active run's live status is asked for. */
export const LIVE_POLL_MS = 2_500;
const DAY_MS = 86_400_000;
const MAX_USAGE_DAYS = 366;

export default function RunDetailPage() {
  const { runId = '' } = useParams();
  const query = trpc.workflows.get.useQuery(
    { runId },
    {
      enabled: runId !== '',
      // Live while the run is active; a finished run does not change.
      refetchInterval: (q) => (q.state.data && isActive(q.state.data.run.status) ? LIVE_POLL_MS : false),
    },
  );

  if (query.isPending) return <DetailSkeleton />;
  if (query.isError) {
    return (
      <EmptyState
        icon={PlayCircleIcon}
        title="This run could not be loaded"
        description={query.error.message}
        action={
          <Button asChild variant="outline">
            <Link to="/runs">Back to runs</Link>
          </Button>
        }
      />
    );
  }
  return <RunDetailView detail={query.data} />;
}

function DetailSkeleton() {
  return (
    <div className="grid gap-6" role="status" aria-busy="true" aria-label="Loading run">
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-24 w-full" />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Skeleton className="h-64 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="mt-1 truncate text-sm">{children}</dd>
    </div>
  );
}

export function RunDetailView({ detail }: { detail: RunDetail }) {
  const { run } = detail;
  const live = liveSnapshot(detail.live);
  const active = isActive(run.status);
  const { canOperate } = useCanOperate();
  const timeline = buildTimeline(detail.logs);
  // At a failed step the step that failed is the one to name, not the wait for a person.
  const currentStep = live?.stepFailure?.step ?? live?.step ?? run.currentStep;

  return (
    <div className="grid gap-6">
      <div>
        <Link
          to="/runs"
          className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeftIcon className="size-4" aria-hidden />
          Runs
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-3">
              <h1 className="text-2xl font-semibold tracking-tight">{workflowKindLabel(run.kind)}</h1>
              <RunStatusBadge status={run.status} gate={live?.waitingFor ?? run.waitingGate} />
              {active ? (
                <span className="inline-flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
                  <span
                    className="size-2 animate-pulse rounded-full bg-success motion-reduce:animate-none"
                    aria-hidden
                  />
                  Live
                </span>
              ) : null}
            </div>
            <p className="mt-1 font-mono text-xs text-muted-foreground">{run.temporalWorkflowId}</p>
          </div>
          {active ? <StopRunButton run={run} size="default" /> : null}
        </div>
      </div>

      <Card>
        <CardContent className="pt-6">
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
            <Fact label="Client">
              {run.clientId && run.clientName ? (
                run.clientName
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </Fact>
            <Fact label="Campaign">
              {run.campaignName ?? <span className="text-muted-foreground">—</span>}
            </Fact>
            <Fact label="Current step">{currentStep ? stepLabel(currentStep) : '—'}</Fact>
            <Fact label="Started">
              <span title={formatDateTime(run.startedAt)}>{formatRelative(run.startedAt)}</span>
            </Fact>
            <Fact label={run.finishedAt ? 'Finished' : 'Running for'}>
              {run.finishedAt ? (
                <span title={formatDateTime(run.finishedAt)}>{formatRelative(run.finishedAt)}</span>
              ) : (
                formatDuration(runDuration(run))
              )}
            </Fact>
            <Fact label="Duration">{formatDuration(runDuration(run))}</Fact>
          </dl>
          {run.status === 'failed' && run.error ? (
            <p
              role="alert"
              className="mt-4 rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm text-destructive"
            >
              {run.error}
            </p>
          ) : null}
          {active && detail.liveError ? (
            <p className="mt-4 flex items-center gap-2 rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
              <WifiOffIcon className="size-4" aria-hidden />
              Live status is unavailable right now; showing what the worker last recorded. Retrying
              automatically.
            </p>
          ) : null}
          {live?.stopRequested ? (
            <p className="mt-4 rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
              Stop requested: the run ends after its current step.
            </p>
          ) : null}
        </CardContent>
      </Card>

      {live?.waitingFor ? (
        <ReviewPanel
          detail={detail}
          live={live}
          canReview={canOperate}
          stop={<StopRunButton run={run} size="default" />}
        />
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card>
          <CardHeader>
            <CardTitle>Steps</CardTitle>
            <CardDescription>What the workflow did, in order, with how long each step took.</CardDescription>
          </CardHeader>
          <CardContent>
            <Timeline steps={timeline} currentStep={active ? currentStep : null} />
          </CardContent>
        </Card>
        <div className="grid content-start gap-6">
          <UsageCard run={run} active={active} />
          <ApprovalsCard approvals={detail.approvals} />
        </div>
      </div>

      <ArtifactsCard artifacts={detail.artifacts} />
      <ActivityLog logs={detail.logs} />
    </div>
  );
}

function Timeline({ steps, currentStep }: { steps: TimelineStep[]; currentStep: string | null | undefined }) {
  if (steps.length === 0) {
    return <p className="text-sm text-muted-foreground">No steps recorded yet.</p>;
  }
  // The current step is the newest open entry of that name.
  const currentKey = currentStep
    ? [...steps].reverse().find((s) => s.step === currentStep && s.status === 'running')?.key
    : undefined;
  return (
    <ol className="relative grid gap-0" aria-label="Step timeline">
      {steps.map((s, i) => {
        const current = s.key === currentKey;
        const Icon =
          s.status === 'completed'
            ? CheckCircle2Icon
            : s.status === 'failed'
              ? XCircleIcon
              : s.status === 'decision'
                ? GavelIcon
                : current
                  ? CircleDotIcon
                  : CircleIcon;
        return (
          <li
            key={s.key}
            aria-current={current ? 'step' : undefined}
            className={cn('relative flex gap-3 pb-4', i === steps.length - 1 && 'pb-0')}
          >
            {i < steps.length - 1 ? (
              <span className="absolute top-6 bottom-0 left-[0.6875rem] w-px bg-border" aria-hidden />
            ) : null}
            <Icon
              aria-hidden
              className={cn(
                'relative z-10 mt-0.5 size-6 shrink-0 rounded-full bg-card p-0.5',
                s.status === 'completed' && 'text-success',
                s.status === 'failed' && 'text-destructive',
                s.status === 'decision' && 'text-primary',
                s.status === 'running' &&
                  (current
                    ? 'animate-pulse text-primary motion-reduce:animate-none'
                    : 'text-muted-foreground'),
              )}
            />
            <div
              className={cn(
                'flex min-w-0 flex-1 flex-wrap items-baseline justify-between gap-x-4 gap-y-1 rounded-md px-2 py-1',
                current && 'bg-primary/5 ring-1 ring-primary/20',
              )}
            >
              <div className="min-w-0">
                <p className={cn('text-sm', current ? 'font-semibold' : 'font-medium')}>
                  {stepLabel(s.step)}
                  {s.detail ? (
                    <span className="font-normal text-muted-foreground"> · {humanize(s.detail)}</span>
                  ) : null}
                  {current ? (
                    <Badge variant="default" className="ml-2 align-middle">
                      Now
                    </Badge>
                  ) : null}
                </p>
                {s.error ? <p className="text-xs text-destructive">{s.error}</p> : null}
              </div>
              <p
                className="text-xs whitespace-nowrap text-muted-foreground tabular-nums"
                title={formatDateTime(s.startedAt)}
              >
                {s.status === 'decision'
                  ? formatRelative(s.startedAt)
                  : s.status === 'running'
                    ? `started ${formatRelative(s.startedAt)}`
                    : formatDuration(s.durationMs)}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

const usd = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 4,
});
const int = new Intl.NumberFormat();

/**
 * The usage window: the run's own lifetime, padded a minute each side, within the API's longest range. A running
 * run leaves `to` open (the API reads it as now), so the query's input, and with it its key, stays the same while
 * it works.
 */
export function usageRange(run: { startedAt: string; finishedAt: string | null }): {
  from: string;
  to?: string;
} {
  const from = new Date(run.startedAt).getTime() - 60_000;
  if (!run.finishedAt) return { from: new Date(from).toISOString() };
  const to = new Date(run.finishedAt).getTime() + 60_000;
  return {
    from: new Date(Math.max(from, to - (MAX_USAGE_DAYS - 1) * DAY_MS)).toISOString(),
    to: new Date(to).toISOString(),
  };
}

function UsageCard({
  run,
  active,
}: {
  run: { id: string; startedAt: string; finishedAt: string | null; status: string };
  active: boolean;
}) {
  const query = trpc.llm.usage.useQuery(
    { runId: run.id, groupBy: 'model', ...usageRange(run) },
    {
      // New calls land while the run works; a slower beat than the status is plenty.
      refetchInterval: active ? 10_000 : false,
      meta: { silent: true },
    },
  );
  const totals = query.data?.totals;
  return (
    <Card>
      <CardHeader>
        <CardTitle>LLM usage</CardTitle>
        <CardDescription>Calls, tokens and cost of this run.</CardDescription>
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <Skeleton className="h-24 w-full" />
        ) : query.isError || !totals ? (
          <p className="text-sm text-muted-foreground">Usage is not available right now.</p>
        ) : (
          <div className="grid gap-4">
            <dl className="grid grid-cols-3 gap-3">
              <div>
                <dt className="text-xs text-muted-foreground">Calls</dt>
                <dd className="text-lg font-semibold tabular-nums">{int.format(totals.calls)}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">Tokens</dt>
                <dd className="text-lg font-semibold tabular-nums">
                  {int.format(totals.inputTokens + totals.outputTokens)}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">Cost</dt>
                <dd className="text-lg font-semibold tabular-nums">{usd.format(totals.costUsd)}</dd>
              </div>
            </dl>
            {query.data.rows.length > 0 ? (
              <ul className="divide-y rounded-md border" aria-label="Usage by model">
                {query.data.rows.map((r) => (
                  <li key={r.key} className="flex items-center justify-between gap-3 px-3 py-2">
                    <div className="min-w-0">
                      <p className="truncate font-mono text-xs font-medium">{r.key}</p>
                      <p className="text-xs text-muted-foreground tabular-nums">
                        {int.format(r.calls)} calls · {int.format(r.inputTokens)} in /{' '}
                        {int.format(r.outputTokens)} out
                        {r.errors ? <span className="text-destructive"> · {r.errors} failed</span> : null}
                      </p>
                    </div>
                    <span className="text-sm font-medium tabular-nums">{usd.format(r.costUsd)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted-foreground">No model calls yet.</p>
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function ApprovalsCard({ approvals }: { approvals: RunDetail['approvals'] }) {
  if (approvals.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Decisions</CardTitle>
        <CardDescription>Who decided what at each gate.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-3">
          {approvals.map((a) => (
            <li key={a.id} className="grid gap-1 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Badge
                  variant={
                    a.decision === 'reject' ? 'destructive' : a.decision === 'edit' ? 'default' : 'success'
                  }
                >
                  {a.decision === 'edit'
                    ? 'Edited & approved'
                    : humanize(a.decision === 'approve' ? 'approved' : 'rejected')}
                </Badge>
                <span className="font-medium">{humanize(a.gate)}</span>
              </div>
              <p className="text-xs text-muted-foreground">
                {a.decidedByName ?? a.decidedByEmail ?? 'Someone'} · {formatRelative(a.decidedAt)}
                {a.approvedIds.length || a.rejectedIds.length
                  ? ` · ${a.approvedIds.length} approved, ${a.rejectedIds.length} rejected`
                  : ''}
              </p>
              {a.feedback ? <p className="rounded-md bg-muted/60 px-2 py-1 text-xs">“{a.feedback}”</p> : null}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

function ArtifactsCard({ artifacts }: { artifacts: RunDetail['artifacts'] }) {
  if (artifacts.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Documents written</CardTitle>
        <CardDescription>Definition files and reports this run produced.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
          {artifacts.map((a) => (
            <li key={a.id} className="flex items-center gap-3 rounded-md border p-3">
              <FileTextIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium">
                  {enumLabel(a.type)}
                  {a.stepKey ? (
                    <span className="font-normal text-muted-foreground"> · {a.stepKey}</span>
                  ) : null}
                </p>
                <p className="text-xs text-muted-foreground">
                  v{a.version} · {formatRelative(a.createdAt)}
                </p>
              </div>
              <Badge
                variant={a.status === 'approved' ? 'success' : a.status === 'draft' ? 'warning' : 'secondary'}
              >
                {a.status}
              </Badge>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

function ActivityLog({ logs }: { logs: RunDetail['logs'] }) {
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <CardTitle>Activity log</CardTitle>
        <CardDescription>Every record the worker wrote for this run, newest first.</CardDescription>
      </CardHeader>
      {logs.length === 0 ? (
        <CardContent>
          <p className="text-sm text-muted-foreground">Nothing logged yet.</p>
        </CardContent>
      ) : (
        <section
          className="max-h-[28rem] overflow-auto border-t"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable)
          tabIndex={0}
          aria-label="Activity log entries"
        >
          <Table aria-label="Activity log">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Time</TableHead>
                <TableHead>Step</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Duration</TableHead>
                <TableHead>Error</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {logs.map((l) => (
                <TableRow key={l.id}>
                  <TableCell className="whitespace-nowrap text-xs text-muted-foreground tabular-nums">
                    {formatDateTime(l.createdAt)}
                  </TableCell>
                  <TableCell className="font-mono text-xs">{l.step}</TableCell>
                  <TableCell>
                    <Badge
                      variant={
                        l.status === 'completed' || l.status === 'approve'
                          ? 'success'
                          : l.status === 'failed' || l.status === 'reject'
                            ? 'destructive'
                            : 'secondary'
                      }
                    >
                      {l.status}
                    </Badge>
                  </TableCell>
                  <TableCell className="text-right text-xs tabular-nums">
                    {formatDuration(l.durationMs)}
                  </TableCell>
                  <TableCell
                    className="max-w-80 truncate text-xs text-destructive"
                    title={l.error ?? undefined}
                  >
                    {l.error ?? ''}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}
    </Card>
  );
}
