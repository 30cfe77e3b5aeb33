import { STEP_FAILED_FAILURE_TYPE } from '@mos/db/contracts';
import { type ActivityOptions, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';

/** Failures that retrying cannot fix: invalid input or documents, a refused LLM request, a missing row. */
export const NON_RETRYABLE_ERROR_TYPES = [
  'LlmSchemaError',
  'LlmRequestError',
  'ValidationError',
  'NotFoundError',
  STEP_FAILED_FAILURE_TYPE,
];

const retry: ActivityOptions['retry'] = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  maximumAttempts: 8,
  nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES,
};

/**
 * Activity stubs with the shared policy: DB and LLM steps retry with backoff (rate limits, 5xx, a
 * killed worker), while invalid input and schema failures fail at once (non-retryable by type).
 */
export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry,
});

/**
 * LLM build steps. They heartbeat every few seconds while the model works, so a worker that dies mid-call
 * is noticed within the heartbeat timeout and the step is retried elsewhere, instead of after the
 * start-to-close timeout.
 */
export const llmActs = proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '15 seconds',
  retry,
});

/** Deep-research execution (reference §4.2 step 04): a long web-search run, 40 min per attempt, 90 in all. */
export const deepResearchActs = proxyActivities<Activities>({
  startToCloseTimeout: '40 minutes',
  scheduleToCloseTimeout: '90 minutes',
  heartbeatTimeout: '15 seconds',
  retry,
});

/** Bookkeeping writes (status, logs) are quick; they get a short timeout of their own. */
export const track = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumAttempts: 20 },
});
