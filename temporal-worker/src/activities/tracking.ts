import { logActivity, setWorkflowRunStatus, type WorkflowStatus } from '@mos/db';
import type { ActivityDeps } from './deps';

/** Run status and activity logs, written by the worker so lists never need to ask Temporal. */
export function trackingActivities({ db }: ActivityDeps) {
  return {
    async recordRunStatus(input: {
      orgId: string;
      runId: string;
      status: WorkflowStatus;
      currentStep: string | null;
      waitingGate: string | null;
      error: string | null;
    }): Promise<void> {
      await setWorkflowRunStatus(db, input.orgId, input.runId, {
        status: input.status,
        currentStep: input.currentStep,
        waitingGate: input.waitingGate,
        error: input.error,
      });
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
