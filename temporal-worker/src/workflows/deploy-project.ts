import {
  type DeployEnqueueSignal,
  type DeployProjectInput,
  type DeployQueueSnapshot,
  QUERY_DEPLOY_QUEUE,
  SIGNAL_DEPLOY_ENQUEUE,
} from '@mos/db/contracts';
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index';
import { NON_RETRYABLE_ERROR_TYPES } from './shared/activities';
import { describeFailure } from './shared/run';

export const deployEnqueueSignal = defineSignal<[DeployEnqueueSignal]>(SIGNAL_DEPLOY_ENQUEUE);
export const deployQueueQuery = defineQuery<DeployQueueSnapshot>(QUERY_DEPLOY_QUEUE);

/** The workflow's input: the project, and the runs still waiting when an execution continued as new. */
export interface DeployProjectState extends DeployProjectInput {
  queue?: string[];
}

export interface DeployProjectResult {
  /** Runs this execution took from its queue (finished or skipped). */
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
const applySteps = proxyActivities<Activities>({
  startToCloseTimeout: '45 minutes',
  heartbeatTimeout: '30 seconds',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 3,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

/**
 * The deploy lock of one project (workflow id `deployWorkflowId(org, project)`): a FIFO queue of runs fed by the
 * `enqueue` signal (signal-with-start by the API and by Publish + Deploy), applied one at a time. Each run is
 * claim → prepare → terraform → each server (or each server's rollback) → finish; every step is an activity that
 * records itself on the run, so a worker killed mid-run resumes at the step it was in. A failed run is recorded
 * and the queue goes on. The workflow ends when the queue stays empty for a moment.
 */
export async function DeployProject(input: DeployProjectState): Promise<DeployProjectResult> {
  const queue: string[] = [...(input.queue ?? [])];
  const handled = new Set<string>();
  let current: string | null = null;
  setHandler(deployEnqueueSignal, ({ runId }) => {
    // A repeated request (a retried signal-with-start) is queued once; a finished run is skipped at its claim.
    if (runId !== current && !queue.includes(runId) && !handled.has(runId)) queue.push(runId);
  });
  setHandler(deployQueueQuery, () => ({ current, waiting: [...queue] }));

  const scope = { orgId: input.orgId, projectId: input.projectId };
  let runs = 0;
  for (;;) {
    // Linger before ending: a request signalled now joins this execution. (A signal that arrives as the workflow
    // completes makes Temporal refuse the completion and deliver it, so none is lost either way.)
    if (queue.length === 0 && !(await condition(() => queue.length > 0, LINGER))) break;
    const runId = queue.shift();
    if (runId === undefined) continue;
    current = runId;
    await applyRun(scope, runId);
    handled.add(runId);
    current = null;
    runs += 1;
    if (runs >= RUNS_PER_EXECUTION || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof DeployProject>({ ...scope, queue });
    }
  }
  return { runs };
}

async function applyRun(scope: { orgId: string; projectId: string }, runId: string): Promise<void> {
  const run = { orgId: scope.orgId, runId };
  const claimed = await books.claimDeployRun({ ...scope, runId, workflowId: workflowInfo().workflowId });
  if (!claimed.run) return;
  try {
    const prepared = await checks.prepareDeploy(run);
    if (prepared.kind === 'rollback') {
      for (const instance of prepared.instances) await applySteps.rollbackServer({ ...run, instance });
    } else {
      await applySteps.terraformApply(run);
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
