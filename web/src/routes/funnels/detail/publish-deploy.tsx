import type { DeployStep } from '@mos/db/contracts';
import { useEffect, useState } from 'react';
import {
  PublishDeployDialog,
  type PublishDeployProgress,
  type PublishDeployRequest,
} from '@/components/deploy/publish-deploy-dialog';
import { useRunFeed } from '@/components/deploy/use-run-feed';
import { isRunDone, useRunProgress } from '@/components/funnels/run-progress';
import { liveSnapshot } from '@/components/review/live-snapshot';
import { errorMessage } from '@/lib/errors';
import { humanize } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import type { FunnelDetail } from './shared';

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

/** The FunnelPublish workflow's steps with a deploy, in order (temporal-worker/src/workflows/funnel-publish.ts). */
const PUBLISH_STEPS: [key: string, label: string][] = [
  ['check', 'Check the approved pages'],
  ['render_and_store', 'Render and store the publication'],
  ['activate', 'Make it the live publication'],
  ['deploy:plan', 'Add the funnel to the project’s plan'],
  ['deploy:enqueue', 'Queue the deploy'],
  ['deploy:apply', 'Deploy to the server'],
];

/** Each publish step's state from the run's status and its live snapshot (completed steps, the current one). */
export function publishSteps(
  status: string | undefined,
  completed: readonly string[],
  current: string | null,
): DeployStep[] {
  const done = new Set(completed);
  const ended = status === 'completed';
  const failed = status === 'failed' || status === 'cancelled';
  return PUBLISH_STEPS.map(([key, label]) => ({
    key,
    label,
    status:
      ended || done.has(key) ? 'succeeded' : key === current ? (failed ? 'failed' : 'running') : 'pending',
    startedAt: null,
    finishedAt: null,
    detail: null,
  }));
}

function stepLabel(key: string | null): string | null {
  if (!key) return null;
  return (PUBLISH_STEPS.find(([k]) => k === key)?.[1] ?? humanize(key)).toLowerCase();
}

/**
 * Publish + Deploy on the funnel page (admins): starts `funnels.publish` with a deploy request, follows the publish
 * run (`workflows.get`) until it hands over to a deploy run, then that run's steps and log (`deploy.run`), and
 * shows the URL the page is served at.
 */
export function PublishDeployAction({
  detail,
  onFinished,
}: {
  detail: FunnelDetail;
  onFinished: () => void;
}) {
  const { funnel } = detail;
  // Asked for when the dialog first opens, not with the funnel page: most visits never publish to a server.
  const [opened, setOpened] = useState(false);
  const projects = trpc.deploy.projects.useQuery(undefined, {
    enabled: opened,
    meta: { silent: true },
    staleTime: 30_000,
  });
  const domains = trpc.domains.list.useQuery(
    { funnelId: funnel.id },
    { enabled: opened, meta: { silent: true } },
  );
  const publish = trpc.funnels.publish.useMutation({ meta: { silent: true } });
  const [started, setStarted] = useState<{
    runId: string;
    project: string;
    serverNames: string[];
    at: number;
  } | null>(null);
  const [deployRunId, setDeployRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const progress = useRunProgress(started?.runId ?? null, () => onFinished());
  // The publish's live status names the deploy run it waits for (absent until it has queued one).
  const snapshot = liveSnapshot(progress.data?.live);
  const live = snapshot?.deploy ?? null;
  // The publish's view of its page URLs (the funnel's own, not every workload's), kept once seen: the snapshot
  // goes away when the run ends.
  const [funnelUrls, setFunnelUrls] = useState<string[]>([]);
  const liveUrls = live?.accessUrls.join(' ') ?? '';
  useEffect(() => {
    if (liveUrls) setFunnelUrls(liveUrls.split(' '));
  }, [liveUrls]);
  const projectId = projects.data?.find((p) => p.name === started?.project)?.id ?? null;
  // The live status names the run while the publish waits for it; a publish that ended before it was seen is
  // matched to its run by funnel and time instead.
  const publishDone = isRunDone(progress.data?.run.status);
  const runs = trpc.deploy.runs.useQuery(
    { projectId: projectId ?? '', limit: 20 },
    {
      enabled: Boolean(started && projectId && publishDone && !deployRunId && !live),
      meta: { silent: true },
    },
  );
  useEffect(() => {
    if (deployRunId) return;
    if (live?.runId) {
      setDeployRunId(live.runId);
      return;
    }
    const mine = runs.data?.find(
      (r) => r.funnelId === funnel.id && started && Date.parse(String(r.createdAt)) >= started.at - 60_000,
    );
    if (mine) setDeployRunId(mine.id);
  }, [live?.runId, runs.data, deployRunId, funnel.id, started]);
  const feed = useRunFeed(deployRunId);

  const run = progress.data?.run;
  const state: PublishDeployProgress | null = started
    ? {
        publish: {
          status: run?.status ?? 'running',
          step: stepLabel(snapshot?.step ?? run?.currentStep ?? null),
          error: run?.error ?? null,
          steps: publishSteps(
            run?.status,
            snapshot?.completedSteps ?? [],
            snapshot?.step ?? run?.currentStep ?? null,
          ),
        },
        deploy: feed.run ? { run: feed.run, logs: feed.logs, queue: feed.queue } : null,
        url:
          feed.run?.status === 'succeeded'
            ? (funnelUrls[0] ??
              feed.run.accessUrls.find((u) => started.serverNames.includes(hostOf(u))) ??
              feed.run.accessUrls[0] ??
              null)
            : null,
      }
    : null;

  const onStart = (req: PublishDeployRequest) => {
    setError(null);
    publish.mutate(
      {
        funnelId: funnel.id,
        deploy: { project: req.project, serverNames: req.serverNames, https: req.https },
      },
      {
        onSuccess: (r) =>
          setStarted({ runId: r.runId, project: req.project, serverNames: req.serverNames, at: Date.now() }),
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };

  return (
    <PublishDeployDialog
      projects={projects.data ?? []}
      defaultServerNames={(domains.data ?? [])
        .filter((d) => d.status === 'verified' || d.status === 'active')
        .map((d) => d.hostname)}
      disabled={!detail.canPublish}
      disabledReason="Approve every page first: the funnel cannot be published yet"
      onStart={onStart}
      starting={publish.isPending}
      progress={state}
      error={error ?? feed.error ?? (progress.isError ? progress.error.message : null)}
      onOpen={() => setOpened(true)}
      loading={projects.isPending || domains.isPending}
      onReset={() => {
        setStarted(null);
        setDeployRunId(null);
        setFunnelUrls([]);
        setError(null);
      }}
    />
  );
}
