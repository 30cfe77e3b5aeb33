import { DEPLOY_RUN_STATUSES } from '@mos/db/contracts';
import { useEffect, useState } from 'react';
import * as z from 'zod';
import {
  PublishDeployDialog,
  type PublishDeployProgress,
  type PublishDeployRequest,
} from '@/components/deploy/publish-deploy-dialog';
import { useRunFeed } from '@/components/deploy/use-run-feed';
import { isRunDone, useRunProgress } from '@/components/funnels/run-progress';
import { errorMessage } from '@/lib/errors';
import { humanize } from '@/lib/format';
import { trpc } from '@/lib/trpc';
import type { FunnelDetail } from './shared';

/** The publish workflow's live status names the deploy run it waits for (absent until it has queued one). */
const LiveDeploy = z.object({
  deploy: z
    .object({ runId: z.string(), status: z.enum(DEPLOY_RUN_STATUSES), accessUrls: z.array(z.string()) })
    .nullish(),
});

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
  const [started, setStarted] = useState<{ runId: string; project: string; at: number } | null>(null);
  const [deployRunId, setDeployRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const progress = useRunProgress(started?.runId ?? null, () => onFinished());
  const live = LiveDeploy.safeParse(progress.data?.live).data?.deploy ?? null;
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
          // Once the publish has queued its deploy, its own part (check, render, activate) is done: it only waits.
          status:
            run && isRunDone(run.status)
              ? run.status
              : deployRunId
                ? 'completed'
                : (run?.status ?? 'running'),
          step: run?.currentStep ? humanize(run.currentStep).toLowerCase() : null,
          error: run?.error ?? null,
        },
        deploy: feed.run ? { run: feed.run, logs: feed.logs, queue: feed.queue } : null,
        url: feed.run?.status === 'succeeded' ? (feed.run.accessUrls[0] ?? null) : null,
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
        onSuccess: (r) => setStarted({ runId: r.runId, project: req.project, at: Date.now() }),
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
        setError(null);
      }}
    />
  );
}
