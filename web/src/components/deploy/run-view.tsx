import type { DeployRunStatus, DeployStep } from '@mos/db/contracts';
import {
  CircleAlertIcon,
  CircleCheckIcon,
  CircleDashedIcon,
  CircleMinusIcon,
  ExternalLinkIcon,
  HourglassIcon,
  LoaderCircleIcon,
} from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { formatDuration } from '@/lib/format';
import { cn } from '@/lib/utils';
import { type DeployLogLineView, type DeployRunView, type QueuePlace, shortId } from './types';

export function durationOf(from: string | null, to: string | null, now: number): number | null {
  if (!from) return null;
  return (to ? Date.parse(to) : now) - Date.parse(from);
}

const STATUS_BADGE: Record<
  DeployRunStatus,
  { label: string; variant: 'secondary' | 'default' | 'success' | 'destructive' }
> = {
  queued: { label: 'Queued', variant: 'secondary' },
  running: { label: 'Running', variant: 'default' },
  succeeded: { label: 'Succeeded', variant: 'success' },
  failed: { label: 'Failed', variant: 'destructive' },
};

export function RunStatusBadge({ status }: { status: DeployRunStatus }) {
  const b = STATUS_BADGE[status];
  return (
    <Badge variant={b.variant} data-run-status={status}>
      {status === 'running' ? <LoaderCircleIcon className="size-3 animate-spin" aria-hidden /> : null}
      {b.label}
    </Badge>
  );
}

function StepIcon({ status }: { status: DeployStep['status'] }) {
  const cls = 'size-4 shrink-0';
  switch (status) {
    case 'succeeded':
      return <CircleCheckIcon className={cn(cls, 'text-success')} aria-label="done" />;
    case 'failed':
      return <CircleAlertIcon className={cn(cls, 'text-destructive')} aria-label="failed" />;
    case 'running':
      return <LoaderCircleIcon className={cn(cls, 'animate-spin text-primary')} aria-label="running" />;
    case 'skipped':
      return <CircleMinusIcon className={cn(cls, 'text-muted-foreground')} aria-label="skipped" />;
    default:
      return <CircleDashedIcon className={cn(cls, 'text-muted-foreground')} aria-label="pending" />;
  }
}

/** A ticking clock while something runs (durations of running steps grow live), stopped otherwise. */
export function useNow(active: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [active, everyMs]);
  return now;
}

export function StepList({
  steps,
  now,
  label = 'Steps',
}: {
  steps: readonly DeployStep[];
  now: number;
  label?: string;
}) {
  if (steps.length === 0)
    return <p className="text-sm text-muted-foreground">The steps appear when the run starts.</p>;
  return (
    <ol className="grid content-start gap-2" aria-label={label}>
      {steps.map((s) => {
        const ms = s.status === 'skipped' ? null : durationOf(s.startedAt, s.finishedAt, now);
        return (
          <li
            key={s.key}
            className="grid grid-cols-[auto_1fr_auto] items-start gap-x-2 text-sm"
            data-step={s.key}
            data-step-status={s.status}
          >
            <span className="mt-0.5">
              <StepIcon status={s.status} />
            </span>
            <div className="min-w-0">
              <span
                className={cn(
                  s.status === 'pending' && 'text-muted-foreground',
                  s.status === 'failed' && 'font-medium text-destructive',
                )}
              >
                {s.label}
              </span>
              {s.detail ? <p className="text-xs break-words text-muted-foreground">{s.detail}</p> : null}
            </div>
            <span className="font-mono text-xs text-muted-foreground tabular-nums">
              {ms === null ? '' : formatDuration(ms)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The log tail, monospace. It follows new lines while the reader is at the bottom and stays put once they scroll
 * up to read (scrolling back to the bottom follows again).
 */
export function LogTail({ lines, className }: { lines: readonly DeployLogLineView[]; className?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const count = lines.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when lines arrive (count), reading the DOM only
  useLayoutEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [count]);
  return (
    <div
      ref={box}
      role="log"
      aria-label="Deploy log"
      aria-live="off"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must be reachable by keyboard to scroll it (axe scrollable-region-focusable)
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
      className={cn(
        // Short while it is empty (a queued run), tall once lines arrive.
        lines.length === 0 ? 'h-24' : 'h-72',
        'overflow-auto rounded-md border bg-[oklch(0.2_0.01_260)] p-3 font-mono text-xs leading-5 text-[oklch(0.92_0.005_260)]',
        className,
      )}
    >
      {lines.length === 0 ? (
        <p className="text-[oklch(0.7_0.01_260)]">Waiting for the first log line…</p>
      ) : (
        lines.map((l) => (
          <div key={l.seq} className="flex gap-3 whitespace-pre-wrap break-all" data-level={l.level}>
            <span
              className="hidden w-28 shrink-0 truncate text-[oklch(0.7_0.01_260)] select-none sm:inline"
              title={l.step}
            >
              {l.step}
            </span>
            <span
              className={cn(
                l.level === 'error' && 'text-[oklch(0.78_0.15_25)]',
                l.level === 'warn' && 'text-[oklch(0.85_0.14_85)]',
              )}
            >
              {l.line}
            </span>
          </div>
        ))
      )}
    </div>
  );
}

export function AccessUrls({ urls }: { urls: readonly string[] }) {
  if (urls.length === 0) return null;
  return (
    <div className="grid gap-1">
      <h4 className="text-sm font-semibold">Access URLs</h4>
      <ul className="grid gap-1" aria-label="Access URLs">
        {urls.map((u) => (
          <li key={u}>
            <a
              href={u}
              target="_blank"
              rel="noreferrer"
              className="inline-flex items-center gap-1 text-sm break-all text-primary hover:underline"
            >
              {u} <ExternalLinkIcon className="size-3.5 shrink-0" aria-hidden />
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function QueuedNotice({ queue }: { queue: QueuePlace | null }) {
  return (
    <p
      className="flex items-center gap-2 rounded-md border border-dashed px-3 py-2 text-sm text-muted-foreground"
      role="status"
    >
      <HourglassIcon className="size-4 shrink-0" aria-hidden />
      {queue?.current
        ? `Queued: waiting behind run ${shortId(queue.current)}${queue.ahead > 1 ? ` and ${queue.ahead - 1} more` : ''}.`
        : 'Queued: starts as soon as the project’s deploy workflow picks it up.'}
    </p>
  );
}

/** One run: status, live steps with durations, the log tail, and where it is reachable when it is done. */
export function DeployRunPanel({
  run,
  logs,
  queue,
  title,
}: {
  run: DeployRunView;
  logs: readonly DeployLogLineView[];
  queue?: QueuePlace | null;
  title?: string;
}) {
  const active = run.status === 'queued' || run.status === 'running';
  const now = useNow(active);
  const total = durationOf(run.startedAt, run.finishedAt, now);
  return (
    <section
      className="grid gap-4"
      aria-label={title ?? `Run ${shortId(run.id)}`}
      data-run-id={run.id}
      data-run-status={run.status}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">
          {title ?? `${run.kind === 'rollback' ? 'Rollback' : 'Apply'} ${shortId(run.id)}`}
        </h3>
        <RunStatusBadge status={run.status} />
        {run.planVersion !== null ? (
          <span className="text-sm text-muted-foreground">plan v{run.planVersion}</span>
        ) : null}
        {total !== null ? (
          <span className="font-mono text-xs text-muted-foreground">{formatDuration(total)}</span>
        ) : null}
      </div>
      {run.status === 'queued' ? <QueuedNotice queue={queue ?? null} /> : null}
      {run.error ? (
        <p
          role="alert"
          className="rounded-md border border-destructive/30 bg-destructive/5 px-3 py-2 text-sm text-destructive"
        >
          {run.error}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(14rem,20rem)_1fr]">
        <StepList steps={run.steps} now={now} />
        <LogTail lines={logs} />
      </div>
      {run.status === 'succeeded' ? <AccessUrls urls={run.accessUrls} /> : null}
    </section>
  );
}
