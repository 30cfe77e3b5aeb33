import { CircleStopIcon, LoaderIcon } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { humanize } from '@/lib/format';
import { workflowKindLabel } from '@/lib/labels';
import { useMe } from '@/lib/me';
import { type RouterOutputs, trpc } from '@/lib/trpc';

export type RunStatus = RouterOutputs['workflows']['list']['items'][number]['status'];

export const ACTIVE_STATUSES: readonly RunStatus[] = ['running', 'waiting_for_approval'];
export const isActive = (status: string) => (ACTIVE_STATUSES as readonly string[]).includes(status);

const STATUS_VARIANT: Record<RunStatus, BadgeProps['variant']> = {
  running: 'default',
  waiting_for_approval: 'warning',
  completed: 'success',
  failed: 'destructive',
  cancelled: 'secondary',
};

export const STATUS_LABEL: Record<RunStatus, string> = {
  running: 'Running',
  waiting_for_approval: 'Waiting for review',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function RunStatusBadge({ status, gate }: { status: RunStatus; gate?: string | null }) {
  // A failed LLM step waits for a person: not "failed", but it needs more than a review.
  if (status === 'waiting_for_approval' && gate === 'step_failed')
    return <Badge variant="destructive">Step failed — needs you</Badge>;
  return (
    <Badge variant={STATUS_VARIANT[status]}>
      {status === 'running' ? (
        <LoaderIcon className="size-3 animate-spin motion-reduce:animate-none" aria-hidden />
      ) : null}
      {status === 'waiting_for_approval' && gate
        ? `Review: ${humanize(gate).toLowerCase()}`
        : STATUS_LABEL[status]}
    </Badge>
  );
}

export function runDuration(run: { startedAt: string; finishedAt: string | null }, now = Date.now()): number {
  const end = run.finishedAt ? new Date(run.finishedAt).getTime() : now;
  return end - new Date(run.startedAt).getTime();
}

const timeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatDateTime = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : timeFmt.format(d);
};

/** Stopping runs and deciding at gates are for operators and admins (the API enforces it too). */
export function useCanOperate(): { canOperate: boolean; loading: boolean } {
  const me = useMe();
  return { canOperate: me.data ? me.data.role !== 'member' : false, loading: me.isPending };
}

export const OPERATOR_ONLY = 'Only operators and admins can do this.';

/** Stop with a confirm dialog; disabled with the reason for members. */
export function StopRunButton({
  run,
  size = 'sm',
}: {
  run: { id: string; kind: string; clientName?: string | null };
  size?: 'sm' | 'default';
}) {
  const [open, setOpen] = useState(false);
  const { canOperate } = useCanOperate();
  const utils = trpc.useUtils();
  const stop = trpc.workflows.stop.useMutation({
    onSuccess: async (res) => {
      setOpen(false);
      toast.success(
        res.outcome === 'cancelled' ? 'Run cancelled.' : 'Stop requested. The run will wind down shortly.',
      );
      await Promise.all([
        utils.workflows.list.invalidate(),
        utils.workflows.get.invalidate({ runId: run.id }),
      ]);
    },
  });
  const label = `Stop ${workflowKindLabel(run.kind).toLowerCase()} run`;
  return (
    <>
      {/* A disabled button gets no pointer events, so the reason sits on a wrapper. */}
      <span title={canOperate ? undefined : OPERATOR_ONLY} className="inline-flex">
        <Button
          variant="outline"
          size={size}
          disabled={!canOperate}
          aria-label={label}
          aria-describedby={canOperate ? undefined : `stop-reason-${run.id}`}
          onClick={() => setOpen(true)}
        >
          <CircleStopIcon aria-hidden />
          Stop
        </Button>
        {canOperate ? null : (
          <span id={`stop-reason-${run.id}`} className="sr-only">
            {OPERATOR_ONLY}
          </span>
        )}
      </span>
      <Dialog open={open} onOpenChange={(o) => !stop.isPending && setOpen(o)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Stop this run?</DialogTitle>
            <DialogDescription>
              The {workflowKindLabel(run.kind).toLowerCase()} run
              {run.clientName ? ` for ${run.clientName}` : ''} stops after its current step. Work it has saved
              stays; anything still waiting for review is dropped. This cannot be undone.
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)} disabled={stop.isPending}>
              Keep running
            </Button>
            <Button
              variant="destructive"
              onClick={() => stop.mutate({ runId: run.id })}
              disabled={stop.isPending}
            >
              {stop.isPending ? 'Stopping…' : 'Stop run'}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
