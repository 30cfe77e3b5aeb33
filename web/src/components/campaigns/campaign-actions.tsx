import { FlaskConicalIcon, RocketIcon, ShieldAlertIcon } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/sonner';
import { errorCode, errorMessage } from '@/lib/errors';
import { useMe } from '@/lib/me';
import { trpc } from '@/lib/trpc';

/** Where a client's definition files (canon, metric schema) are reviewed and approved. */
export const definitionFilesHref = (clientId: string) => `/clients/${clientId}?tab=definition-files`;

/** True for roles that may start workflows and change statuses (operator, admin). */
export function useCanOperate(): boolean {
  const me = useMe();
  return me.data ? me.data.role !== 'member' : false;
}

/**
 * "Plan campaign" and "Test run". When the readiness gate refuses planning, its message is shown in a
 * callout with a link to the client's definition files, since that is what has to happen next.
 */
export function CampaignActions({
  campaign,
  size = 'sm',
}: {
  campaign: { id: string; clientId: string; name: string };
  size?: 'sm' | 'default';
}) {
  const utils = trpc.useUtils();
  const canOperate = useCanOperate();
  const [gate, setGate] = useState<string | null>(null);
  const [started, setStarted] = useState<{ runId: string; label: string } | null>(null);

  const onStarted = async (label: string, runId: string) => {
    setGate(null);
    setStarted({ runId, label });
    toast.success(`${label} started`);
    await Promise.all([
      utils.campaigns.list.invalidate(),
      utils.campaigns.get.invalidate({ id: campaign.id }),
    ]);
  };

  const plan = trpc.campaigns.plan.useMutation({
    meta: { silent: true },
    onSuccess: (r) => onStarted('Campaign planning', r.runId),
    onError: (err) => {
      if (errorCode(err) === 'PRECONDITION_FAILED') setGate(errorMessage(err));
      else toast.error(errorMessage(err));
    },
  });
  const testRun = trpc.campaigns.testRun.useMutation({
    onSuccess: (r) => onStarted('Test run', r.runId),
  });

  const roleHint = canOperate ? undefined : 'Needs the operator or admin role';
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size={size}
          onClick={() => plan.mutate({ id: campaign.id })}
          disabled={!canOperate || plan.isPending}
          title={roleHint}
          aria-label={`Plan campaign ${campaign.name}`}
        >
          <RocketIcon aria-hidden />
          {plan.isPending ? 'Starting…' : 'Plan campaign'}
        </Button>
        <Button
          size={size}
          variant="outline"
          onClick={() => testRun.mutate({ id: campaign.id })}
          disabled={!canOperate || testRun.isPending}
          title={roleHint ?? 'Runs the whole chain without approval gates, as a smoke test'}
          aria-label={`Test run ${campaign.name}`}
        >
          <FlaskConicalIcon aria-hidden />
          {testRun.isPending ? 'Starting…' : 'Test run'}
        </Button>
        {started ? (
          <Link to={`/runs/${started.runId}`} className="text-sm font-medium text-primary hover:underline">
            View {started.label.toLowerCase()} run →
          </Link>
        ) : null}
      </div>
      {gate ? (
        <div
          role="alert"
          className="flex gap-3 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm"
        >
          <ShieldAlertIcon aria-hidden className="mt-0.5 size-4 shrink-0 text-[oklch(0.5_0.12_60)]" />
          <div className="grid gap-1">
            <p className="font-medium">Planning is blocked by the readiness check</p>
            <p className="text-muted-foreground">{gate}</p>
            <Link
              to={definitionFilesHref(campaign.clientId)}
              className="font-medium text-primary hover:underline"
            >
              Open the client's definition files
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
