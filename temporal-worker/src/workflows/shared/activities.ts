import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index';

/**
 * Activity stubs with the shared policy: DB and LLM steps retry with backoff (rate limits, 5xx, a
 * killed worker), while invalid input and schema failures fail at once (non-retryable by type).
 */
export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 8,
    nonRetryableErrorTypes: ['LlmSchemaError', 'ValidationError', 'NotFoundError'],
  },
});

/** Bookkeeping writes (status, logs) are quick; they get a short timeout of their own. */
export const track = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumAttempts: 20 },
});
