import { ArrowLeftIcon, FlaskConicalIcon, PencilIcon, PlayIcon } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { findSpec } from '@/components/campaigns/artifact-views';
import { useCanOperate } from '@/components/campaigns/campaign-actions';
import { CampaignStatusBadge } from '@/components/campaigns/campaign-status';
import { CsvUploadButton } from '@/components/experiments/ad-data';
import { DecisionHistory } from '@/components/experiments/decision-history';
import { followRun } from '@/components/experiments/follow-run';
import { LiftChart } from '@/components/experiments/lift-chart';
import { type ArmLabels, PlanCard } from '@/components/experiments/plan-card';
import { ChangePlanDialog, StartCycleDialog } from '@/components/experiments/plan-dialogs';
import { ReadingWarnings, ResultsTable } from '@/components/experiments/results';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { formatRelative } from '@/lib/format';
import { trpc } from '@/lib/trpc';

/** While a cycle runs, new polls and proposals appear without a reload. */
const LIVE_MS = 15_000;

function useArmLabels(artifactId: string | undefined, specId: string | undefined): ArmLabels {
  const spec = trpc.artifacts.get.useQuery(
    { id: artifactId ?? '' },
    { enabled: Boolean(artifactId), meta: { silent: true } },
  );
  return useMemo(() => {
    const found = specId ? findSpec(spec.data?.data, specId) : null;
    const variants = Array.isArray(found?.variants) ? (found.variants as unknown[]) : [];
    const labels: Record<string, string> = {};
    for (const v of variants) {
      const { id, name } = (v ?? {}) as { id?: unknown; name?: unknown };
      if (typeof id === 'string' && typeof name === 'string') labels[id] = name;
    }
    return labels;
  }, [spec.data, specId]);
}

export default function ExperimentDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const canOperate = useCanOperate();
  const utils = trpc.useUtils();
  const [dialog, setDialog] = useState<'start' | 'change' | null>(null);

  const experiment = trpc.experiments.get.useQuery(
    { id },
    {
      refetchOnMount: 'always',
      refetchInterval: (q) => (q.state.data?.status === 'running' ? LIVE_MS : false),
    },
  );
  const e = experiment.data;
  const live = e?.status === 'running';
  const currentPhase = e?.phase ?? 1;
  const askedPhase = Number(params.get('phase'));
  const phase =
    Number.isInteger(askedPhase) && askedPhase >= 1 && askedPhase <= currentPhase ? askedPhase : currentPhase;
  const readings = trpc.experiments.readings.useQuery(
    { id, phase },
    { enabled: Boolean(e), refetchInterval: live ? LIVE_MS : false, meta: { silent: true } },
  );
  const decisions = trpc.experiments.decisions.useQuery(
    { id },
    { enabled: Boolean(e), refetchInterval: live ? LIVE_MS : false, meta: { silent: true } },
  );
  const startCycle = trpc.experiments.startCycle.useMutation({ meta: { silent: true } });
  const changePlan = trpc.experiments.changePlan.useMutation({ meta: { silent: true } });
  const labels = useArmLabels(e?.experimentSpecArtifactId, e?.specId);

  // Each phase keeps the plan its numbers were read under; a row from before plans has none (null).
  const phaseRow = e?.phases.find((p) => p.phase === phase);
  const plan = phaseRow?.plan ?? (phase === currentPhase ? (e?.plan ?? null) : null);

  if (experiment.isPending) {
    return (
      <div className="grid gap-4" role="status" aria-busy="true" aria-label="Loading experiment">
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-56" />
        <Skeleton className="h-72" />
      </div>
    );
  }
  if (experiment.isError || !e) {
    return (
      <EmptyState
        icon={FlaskConicalIcon}
        title="Experiment could not be loaded"
        description={experiment.error?.message ?? 'There is no experiment with this id.'}
        action={
          <Button asChild variant="outline">
            <Link to="/campaigns">Back to campaigns</Link>
          </Button>
        }
      />
    );
  }

  const items = readings.data?.items ?? [];
  const latest = items.at(-1);
  const controlArmId = plan?.controlArmId ?? latest?.data.arms[0]?.armId ?? '';
  const proposed = decisions.data?.items.find((d) => d.status === 'proposed');
  const viewingOld = phase !== currentPhase;

  return (
    <>
      <Link
        to={`/campaigns/${e.campaignId}`}
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeftIcon aria-hidden className="size-4" /> Campaign
      </Link>
      <PageHeader
        title={e.name}
        description={
          e.startedAt
            ? `Started ${formatRelative(e.startedAt)} · phase ${currentPhase}`
            : `Phase ${currentPhase}`
        }
        actions={
          <>
            <CampaignStatusBadge status={e.status} />
            {canOperate && plan && e.status === 'planned' && !viewingOld ? (
              <Button onClick={() => setDialog('start')}>
                <PlayIcon aria-hidden /> Start cycle
              </Button>
            ) : null}
          </>
        }
      />
      {proposed ? (
        <div
          role="status"
          className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-md border border-warning/40 bg-warning/10 px-4 py-3 text-sm"
        >
          <span>
            The cycle proposes to <strong>{proposed.action}</strong>
            {proposed.winningArmId ? ` ${labels[proposed.winningArmId] ?? proposed.winningArmId}` : ''}: it
            waits for an approval.
          </span>
          <Button asChild size="sm" variant="outline">
            <Link to={proposed.workflowRunId ? `/runs/${proposed.workflowRunId}` : '/inbox'}>
              Review in inbox
            </Link>
          </Button>
        </div>
      ) : null}

      <div className="grid gap-6">
        {e.phases.length > 1 ? (
          <div className="flex items-center gap-3 text-sm">
            <label htmlFor="phase-select" className="text-muted-foreground">
              Numbers of
            </label>
            <NativeSelect
              id="phase-select"
              className="w-56"
              value={String(phase)}
              onChange={(ev) =>
                setParams(
                  (p) => {
                    p.set('phase', ev.target.value);
                    return p;
                  },
                  { replace: true },
                )
              }
            >
              {[...e.phases]
                .sort((a, b) => b.phase - a.phase)
                .map((p) => (
                  <option key={p.phase} value={p.phase}>
                    Phase {p.phase}
                    {p.phase === currentPhase ? ' (current)' : ''}
                  </option>
                ))}
            </NativeSelect>
          </div>
        ) : null}

        {plan ? (
          <PlanCard
            plan={plan}
            lockedAt={phaseRow?.startedAt ?? e.planLockedAt}
            reason={phaseRow?.reason ?? null}
            labels={labels}
            actions={
              canOperate && !viewingOld && e.status !== 'completed' && e.status !== 'cancelled' ? (
                <Button variant="outline" size="sm" onClick={() => setDialog('change')}>
                  <PencilIcon aria-hidden /> Change plan
                </Button>
              ) : null
            }
          />
        ) : (
          <Card>
            <CardHeader>
              <CardTitle>No locked plan</CardTitle>
              <CardDescription>
                This experiment was created before plans were pre-registered; its cycle computes a plan from
                the spec when it starts.
              </CardDescription>
            </CardHeader>
          </Card>
        )}

        <Card aria-labelledby="results-title">
          <CardHeader className="flex-row items-start justify-between gap-3 space-y-0">
            <div className="grid gap-1.5">
              <CardTitle id="results-title">Results</CardTitle>
              <CardDescription>
                {latest
                  ? `Poll ${latest.poll} of phase ${phase} · ${items.length} reading${items.length === 1 ? '' : 's'}`
                  : 'Read on every poll of the cycle'}
              </CardDescription>
            </div>
            {canOperate ? (
              <CsvUploadButton clientId={e.clientId} experimentId={e.id} labels={labels} />
            ) : null}
          </CardHeader>
          <CardContent className="grid gap-6">
            {readings.isPending ? (
              <Skeleton className="h-48" />
            ) : readings.isError ? (
              <p className="text-sm text-destructive">{readings.error.message}</p>
            ) : latest ? (
              <>
                <ReadingWarnings reading={latest.data} labels={labels} />
                <ResultsTable
                  reading={latest.data}
                  readAt={latest.readAt}
                  labels={labels}
                  controlArmId={controlArmId}
                />
                <div className="grid gap-2">
                  <h3 className="text-sm font-medium">Lift over time</h3>
                  <LiftChart
                    readings={items}
                    controlArmId={controlArmId}
                    labels={labels}
                    mde={plan?.mde ?? null}
                  />
                </div>
              </>
            ) : (
              <p className="text-sm text-muted-foreground">
                {e.status === 'planned'
                  ? 'No readings yet: start the cycle to read the arms on a schedule.'
                  : 'No readings in this phase yet: the first poll stores one as soon as there is data.'}
              </p>
            )}
          </CardContent>
        </Card>

        <Card aria-labelledby="decisions-title">
          <CardHeader>
            <CardTitle id="decisions-title">Decisions</CardTitle>
            <CardDescription>
              Proposed by the cycle, decided by a person at the gate, then applied.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {decisions.isPending ? (
              <Skeleton className="h-24" />
            ) : decisions.isError ? (
              <p className="text-sm text-destructive">{decisions.error.message}</p>
            ) : (
              <DecisionHistory items={decisions.data.items} labels={labels} />
            )}
          </CardContent>
        </Card>
      </div>

      {plan ? (
        <>
          <StartCycleDialog
            open={dialog === 'start'}
            onOpenChange={(o) => setDialog(o ? 'start' : null)}
            plan={plan}
            onStart={async ({ pollSeconds, stopRule }) => {
              await startCycle.mutateAsync({ experimentId: e.id, pollSeconds, stopRule });
              toast.success('Cycle started');
              await utils.experiments.get.invalidate({ id: e.id });
            }}
          />
          <ChangePlanDialog
            key={`${currentPhase}:${dialog === 'change'}`}
            open={dialog === 'change'}
            onOpenChange={(o) => setDialog(o ? 'change' : null)}
            experimentId={e.id}
            plan={plan}
            cycleRunning={live}
            onChange={async (input) => {
              const started = await changePlan.mutateAsync(input);
              // The numbers are computed by the run the API started: the phase exists once it completed, and a
              // refusal (e.g. no baseline for the metric) is the run's error, shown in the dialog.
              await followRun(
                async () => (await utils.workflows.get.fetch({ runId: started.runId }, { staleTime: 0 })).run,
              );
              toast.success(`Plan locked as phase ${started.phase}`);
              setParams(
                (p) => {
                  p.delete('phase');
                  return p;
                },
                { replace: true },
              );
              await utils.experiments.get.invalidate({ id: e.id });
              await utils.experiments.readings.invalidate({ id: e.id });
            }}
          />
        </>
      ) : null}
    </>
  );
}
