import { logActivity, recordWorkflowRunState, type WorkflowStatus } from '@mos/db';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from './deps';

/** Run status and activity logs, written by the worker so lists never need to ask Temporal. */
export function trackingActivities({ db }: ActivityDeps) {
  return {
    /**
     * Writes the run row's state. A row that is not there yet (the API starts the workflow before its insert
     * commits) fails retryably, so Temporal writes the transition again once the row exists.
     */
    async recordRunStatus(input: {
      orgId: string;
      runId: string;
      status: WorkflowStatus;
      currentStep: string | null;
      waitingGate: string | null;
      /** The draft a review must name while the run waits; null when it does not wait. */
      waitingDraftKey?: string | null;
      error: string | null;
    }): Promise<void> {
      const row = await recordWorkflowRunState(db, input.orgId, input.runId, {
        status: input.status,
        currentStep: input.currentStep,
        waitingGate: input.waitingGate,
        waitingDraftKey: input.waitingGate === null ? null : (input.waitingDraftKey ?? null),
        error: input.error,
      });
      if (!row) {
        throw ApplicationFailure.retryable(
          `workflow run ${input.runId} has no row yet; its ${input.status} status is written again on retry`,
          'RunRowMissing',
        );
      }
    },

    /** One log per (run, key): the key is deterministic, so retries and replays never duplicate it. */
    async recordStep(input: {
      orgId: string;
      runId: string;
      step: string;
      status: string;
      key: string;
      payloadIn?: unknown;
      payloadOut?: unknown;
      error?: string | null;
    }): Promise<void> {
      await logActivity(db, {
        orgId: input.orgId,
        workflowRunId: input.runId,
        step: input.step,
        status: input.status,
        payloadIn: input.payloadIn ?? null,
        payloadOut: input.payloadOut ?? null,
        error: input.error ?? null,
        idempotencyKey: input.key,
      });
    },
  };
}
