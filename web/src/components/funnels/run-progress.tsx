import type { WorkflowStatus } from '@mos/db/contracts';
import { CheckCircle2Icon, CircleAlertIcon, LoaderCircleIcon } from 'lucide-react';
import { Link } from 'react-router';
import { liveSnapshot } from '@/components/review/live-snapshot';
import { humanize } from '@/lib/format';
import { workflowKindLabel } from '@/lib/labels';
import { trpc } from '@/lib/trpc';

const DONE: readonly WorkflowStatus[] = ['completed', 'failed', 'cancelled'];
export const isRunDone = (status: string | undefined) => DONE.includes(status as WorkflowStatus);

/**
 * A started run's state, polled from `workflows.get` every second and a half until it ends: the worker records
 * every transition on the run row, so the poll is one indexed read.
 */
export function useRunProgress(runId: string | null, onDone?: (status: WorkflowStatus) => void) {
  return trpc.workflows.get.useQuery(
    { runId: runId ?? '' },
    {
      enabled: runId !== null,
      meta: { silent: true },
      refetchInterval: (q) => {
        const status = q.state.data?.run.status;
        if (isRunDone(status)) {
          if (status && onDone) queueMicrotask(() => onDone(status as WorkflowStatus));
          return false;
        }
        return 1500;
      },
    },
  );
}

/** One line of live progress for a run the page started (publish, AI draft), with its error in words. */
export function RunProgress({ runId, onDone }: { runId: string; onDone?: (status: WorkflowStatus) => void }) {
  const q = useRunProgress(runId, onDone);
  const run = q.data?.run;
  const live = liveSnapshot(q.data?.live);
  const status = run?.status;
  const step = live?.step ?? run?.currentStep ?? null;
  const kind = run ? workflowKindLabel(run.kind) : 'Run';
  return (
    <div
      role="status"
      aria-live="polite"
      data-run-status={status ?? 'loading'}
      className="flex items-start gap-3 rounded-md border bg-muted/30 px-4 py-3 text-sm"
    >
      {status === 'completed' ? (
        <CheckCircle2Icon className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
      ) : status === 'failed' || status === 'cancelled' ? (
        <CircleAlertIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
      ) : (
        <LoaderCircleIcon className="mt-0.5 size-4 shrink-0 animate-spin text-muted-foreground" aria-hidden />
      )}
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          {kind}:{' '}
          {status === 'completed'
            ? 'done'
            : status === 'failed'
              ? 'failed'
              : status === 'cancelled'
                ? 'stopped'
                : status === 'waiting_for_approval'
                  ? 'waiting for a decision'
                  : step
                    ? `${humanize(step).toLowerCase()}…`
                    : 'starting…'}
        </p>
        {run?.error ? <p className="mt-1 text-destructive">{run.error}</p> : null}
        {q.isError ? <p className="mt-1 text-destructive">{q.error.message}</p> : null}
        {status === 'waiting_for_approval' || status === 'failed' ? (
          <Link to={`/runs/${runId}`} className="mt-1 inline-block text-primary hover:underline">
            Open the run
          </Link>
        ) : null}
      </div>
    </div>
  );
}
