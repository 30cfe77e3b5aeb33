import {
  type DeployEnqueueSignal,
  type DeployProjectInput,
  type DeployQueueSnapshot,
  QUERY_DEPLOY_QUEUE,
  SIGNAL_DEPLOY_ENQUEUE,
} from '@mos/db/contracts';
import {
  ActivityCancellationType,
  type ActivityOptions,
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  CancelledFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index';
import { NON_RETRYABLE_ERROR_TYPES } from './shared/activities';
import { describeFailure } from './shared/run';

export const deployEnqueueSignal = defineSignal<[DeployEnqueueSignal]>(SIGNAL_DEPLOY_ENQUEUE);
export const deployQueueQuery = defineQuery<DeployQueueSnapshot>(QUERY_DEPLOY_QUEUE);

/** The input; `runsPerExecution` lets a test see a continue-as-new without 25 runs. */
export interface DeployProjectState extends DeployProjectInput {
  runsPerExecution?: number;
}

export interface DeployProjectResult {
  /** Runs this execution applied (finished, succeeded or failed). */
  runs: number;
}

/** How long an empty queue waits for another request before the workflow ends. */
const LINGER = '10 seconds';
/** Runs per execution before it continues as new (keeps the history short). */
const RUNS_PER_EXECUTION = 25;

const NON_RETRYABLE = [...NON_RETRYABLE_ERROR_TYPES, 'DeployRefused'];

/** Claims and finishes: quick database writes, retried until the database answers. */
const books = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '500 milliseconds', maximumAttempts: 20, nonRetryableErrorTypes: NON_RETRYABLE },
});

/** Checks before anything is touched; invalid plans and missing secrets fail at once. */
const checks = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});

/**
 * Terraform and SSH steps: long, heartbeating (a dead worker is noticed within 30 s and the step resumes on
 * another), a few attempts for transient failures (network, a server still booting); final refusals fail at once.
 */
const APPLY_STEP_OPTIONS = {
  startToCloseTimeout: '45 minutes',
  heartbeatTimeout: '30 seconds',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 3,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
} as const satisfies ActivityOptions;
const applySteps = proxyActivities<Activities>(APPLY_STEP_OPTIONS);

/**
 * The server steps when a run's servers go at once: cancelling the workflow waits until each has stopped (its
 * remote commands killed, its previous release restored), so a run is never finished while one still runs.
 */
const serverSteps = proxyActivities<Activities>({
  ...APPLY_STEP_OPTIONS,
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});

/**
 * The deploy lock of one project (workflow id `deployWorkflowId(org, project)`): applies the project's queued runs
 * one at a time, in the order they were requested. The `enqueue` signal (signal-with-start by the API and by
 * Publish + Deploy) only wakes it: each turn claims the oldest queued run from the database (or resumes one left
 * running), so the queue shown by the API is the order things run, and a run whose signal was lost still runs.
 * Each run is prepare → terraform → all its servers at once (or their rollbacks) → finish; every step is an activity
 * that records itself on the run, so a worker killed mid-run resumes at the step it was in. A failed run is
 * recorded and the next one goes on. The workflow ends when nothing is queued for a moment.
 */
export async function DeployProject(input: DeployProjectState): Promise<DeployProjectResult> {
  let current: string | null = null;
  let waiting: string[] = [];
  let wakeups = 0;
  setHandler(deployEnqueueSignal, ({ runId }) => {
    wakeups += 1;
    // Shown as waiting until the next claim reads the queue's order from the database.
    if (runId !== current && !waiting.includes(runId)) waiting.push(runId);
  });
  setHandler(deployQueueQuery, () => ({ current, waiting: [...waiting] }));

  const scope = { orgId: input.orgId, projectId: input.projectId };
  let runs = 0;
  for (;;) {
    wakeups = 0;
    const next = await books.claimDeployRun({ ...scope, workflowId: workflowInfo().workflowId });
    // Requests signalled while the claim read the queue stay listed until the next claim sees them.
    waiting = [...next.waiting, ...waiting.filter((id) => id !== next.runId && !next.waiting.includes(id))];
    if (next.runId === null) {
      waiting = [];
      // Nothing queued: linger for a request signalled now (a signal that arrives as the workflow completes makes
      // Temporal refuse the completion and deliver it, so none is lost either way).
      if (wakeups > 0 || (await condition(() => wakeups > 0, LINGER))) continue;
      break;
    }
    current = next.runId;
    await applyRun(scope, next.runId);
    current = null;
    runs += 1;
    if (runs >= (input.runsPerExecution ?? RUNS_PER_EXECUTION) || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof DeployProject>(input);
    }
  }
  return { runs };
}

async function applyRun(scope: { orgId: string; projectId: string }, runId: string): Promise<void> {
  const run = { orgId: scope.orgId, runId };
  try {
    const prepared = await checks.prepareDeploy(run);
    if (prepared.kind !== 'rollback') await applySteps.terraformApply(run);
    // Histories recorded before servers went in parallel replay the one-after-another loop they recorded.
    if (patched('deploy-servers-in-parallel')) {
      await allServers(
        prepared.instances,
        prepared.kind === 'rollback'
          ? (instance) => serverSteps.rollbackServer({ ...run, instance })
          : (instance) => serverSteps.deployServer({ ...run, instance }),
      );
    } else if (prepared.kind === 'rollback') {
      for (const instance of prepared.instances) await applySteps.rollbackServer({ ...run, instance });
    } else {
      for (const instance of prepared.instances) await applySteps.deployServer({ ...run, instance });
    }
    await books.finishDeployRun({ ...run, status: 'succeeded', error: null });
  } catch (err) {
    // The failing step recorded itself (masked); the run ends failed and the queue goes on with the next run.
    await CancellationScope.nonCancellable(() =>
      books.finishDeployRun({ ...run, status: 'failed', error: describeFailure(err) }),
    );
    if (isCancellation(err)) throw err;
  }
}

/**
 * Runs one step per server at the same time and waits for every one of them (each failed step has already put its
 * server's previous release back), then fails with every failed server named, in plan order (as a cancellation
 * when the workflow was cancelled).
 */
async function allServers(instances: string[], step: (instance: string) => Promise<unknown>): Promise<void> {
  const outcomes = await Promise.allSettled(instances.map((instance) => step(instance)));
  const failed: { instance: string; error: unknown }[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'rejected') failed.push({ instance: instances[i] ?? '', error: outcome.reason });
  });
  if (failed.length === 0) return;
  const named = failed.map((f) => `${f.instance}: ${describeFailure(f.error)}`).join('; ');
  // A step stopped by the cancellation may fail with what stopped it (the engine's abort): still a cancellation.
  if (failed.some((f) => isCancellation(f.error)) || CancellationScope.current().consideredCancelled)
    throw new CancelledFailure(`the deploy was cancelled (${named})`);
  throw ApplicationFailure.create({ type: 'DeployServersFailed', nonRetryable: true, message: named });
}
