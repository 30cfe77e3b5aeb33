import type { DeployRunStatus, FunnelPublishDeploy, FunnelPublishInput } from '@mos/db/contracts';
import { ApplicationFailure, sleep, uuid4 } from '@temporalio/workflow';
import { acts } from './shared/activities';
import { type RunState, trackedRun } from './shared/run';

export interface FunnelPublishResult {
  publicationId: string;
  number: number;
  pages: number;
  /** Publish + Deploy: true once the deploy run succeeded (a failed deploy fails the publish run). */
  deployed: boolean;
  deployRunId: string | null;
  accessUrls: string[];
}

/** How long Publish + Deploy follows its deploy run (queued behind others included) before giving up waiting. */
const DEPLOY_WAIT_MS = 2 * 60 * 60_000;
/** Polls of the run's status start at 1 s and back off to 5 s (the dialog shows the publish done that much after its deploy). */
const POLL_FIRST_MS = 1_000;
const POLL_MAX_MS = 5_000;

/**
 * Publishes a funnel: check the publish rules on the funnel as stored now (a refusal fails the run naming each
 * page), render every page and variant once and store the immutable publication (one transaction, idempotent
 * per run), then make it the active one. The publication id is chosen here, before rendering: the HTML carries it.
 */
export async function FunnelPublish(
  input: FunnelPublishInput,
): Promise<FunnelPublishResult | { stopped: true }> {
  return trackedRun(input, async (state) => {
    const scope = { orgId: input.orgId, funnelId: input.funnelId };
    const checked = await state.runStep(
      'check',
      () => acts.checkFunnelPublish(scope),
      (c) => ({ pages: c.pages, variants: c.variants, versions: c.versions.length }),
    );
    const publicationId = uuid4();
    const stored = await state.runStep(
      'render_and_store',
      () =>
        acts.storeFunnelPublication({
          ...scope,
          runId: input.runId,
          publicationId,
          createdBy: input.startedBy,
          versions: checked.versions,
        }),
      (s) => s,
    );
    await state.runStep(
      'activate',
      () =>
        acts.activateFunnelPublication({
          ...scope,
          runId: input.runId,
          publicationId: stored.publicationId,
          actorUserId: input.startedBy,
        }),
      (a) => a,
    );
    const published = { publicationId: stored.publicationId, number: stored.number, pages: stored.pages };
    if (input.deploy === null) {
      // No deploy target: the edge and the funnel proxy serve the active publication as soon as it is switched.
      state.snapshot.step = 'deploy:none';
      return { ...published, deployed: false, deployRunId: null, accessUrls: [] };
    }
    const deployed = await deployFunnel(state, input, input.deploy);
    return { ...published, deployed: true, ...deployed };
  });
}

/**
 * Publish + Deploy: the funnel's workload patched into the project's plan (a new version) with a queued run,
 * enqueued in the project's DeployProject workflow, then followed until it finishes. The run id and its status are
 * in the status snapshot meanwhile, so the dialog can show the run's steps and logs.
 */
async function deployFunnel(
  state: RunState,
  input: FunnelPublishInput,
  deploy: FunnelPublishDeploy,
): Promise<{ deployRunId: string; accessUrls: string[] }> {
  const deployRunId = uuid4();
  const prepared = await state.runStep(
    'deploy:plan',
    () =>
      acts.prepareFunnelDeploy({
        orgId: input.orgId,
        funnelId: input.funnelId,
        deploy,
        deployRunId,
        requestedBy: input.startedBy,
      }),
    (p) => p,
  );
  const run = { orgId: input.orgId, runId: prepared.deployRunId };
  const show = (status: DeployRunStatus, accessUrls: string[]) => {
    state.snapshot.deploy = { runId: prepared.deployRunId, status, accessUrls };
  };
  show(prepared.status, []);
  await state.runStep('deploy:enqueue', () =>
    acts.enqueueDeployRun({ orgId: input.orgId, projectId: prepared.projectId, runId: prepared.deployRunId }),
  );
  await state.step('deploy:apply');
  const deadline = Date.now() + DEPLOY_WAIT_MS;
  let wait = POLL_FIRST_MS;
  for (;;) {
    const now = await acts.deployRunStatus(run);
    show(now.status, now.accessUrls);
    if (now.status === 'succeeded') {
      // The funnel's own URLs (the run's list holds every workload's); a retried publish finds no workload info.
      const accessUrls =
        prepared.workload && prepared.instance
          ? await acts.funnelAccessUrls({ ...run, workload: prepared.workload, instance: prepared.instance })
          : now.accessUrls;
      show('succeeded', accessUrls);
      await state.stepDone('deploy:apply', { deployRunId: prepared.deployRunId, accessUrls });
      return { deployRunId: prepared.deployRunId, accessUrls };
    }
    if (now.status === 'failed')
      throw ApplicationFailure.nonRetryable(
        `The funnel is published, but its deploy failed: ${now.error ?? 'unknown error'}`,
        'DeployFailed',
      );
    if (Date.now() > deadline)
      throw ApplicationFailure.nonRetryable(
        `The funnel is published; its deploy run ${prepared.deployRunId} did not finish within 2 hours (still ${now.status})`,
        'DeployTimedOut',
      );
    // A stop ends the waiting only: the deploy run goes on in its project's workflow.
    state.throwIfStopped();
    await sleep(wait);
    wait = Math.min(wait * 2, POLL_MAX_MS);
  }
}
