import { createWorkflowRun, logActivity, type Tx, type WorkflowKind, type WorkflowRunRow } from '@mos/db';
import { WORKFLOW_TYPE_NAMES } from '@mos/db/contracts';
import type { ServiceCtx } from '../context';
import { fromGatewayError } from './gateway-errors';

export interface StartRunSpec {
  kind: WorkflowKind;
  /** A business id, e.g. `campaign-planning-{campaignId}`. */
  workflowId: string;
  clientId: string | null;
  campaignId: string | null;
  /** Workflow-specific input; orgId, runId, clientId and campaignId are added. */
  input: Record<string, unknown>;
}

/**
 * Starts a workflow and records its run and first activity log inside the caller's transaction:
 * when Temporal refuses, the error rolls the transaction back, so nothing is half-written.
 * The run row's id is chosen first and passed to the workflow, which records its own progress.
 */
export async function startWorkflowRun(ctx: ServiceCtx, tx: Tx, spec: StartRunSpec): Promise<WorkflowRunRow> {
  const runId = crypto.randomUUID();
  const input = {
    ...spec.input,
    orgId: ctx.member.orgId,
    runId,
    clientId: spec.clientId,
    campaignId: spec.campaignId,
    startedBy: ctx.member.userId,
  };
  let started: { workflowId: string; runId: string };
  try {
    started = await ctx.gateway.start({
      workflowType: WORKFLOW_TYPE_NAMES[spec.kind],
      workflowId: spec.workflowId,
      taskQueue: ctx.taskQueue,
      args: [input],
      memo: { orgId: ctx.member.orgId, runId },
    });
  } catch (err) {
    throw fromGatewayError(err, 'nothing was started');
  }
  try {
    const run = await createWorkflowRun(tx, {
      id: runId,
      orgId: ctx.member.orgId,
      clientId: spec.clientId,
      campaignId: spec.campaignId,
      kind: spec.kind,
      temporalWorkflowId: started.workflowId,
      temporalRunId: started.runId,
      input,
      startedBy: ctx.member.userId,
      currentStep: 'started',
    });
    await logActivity(tx, {
      orgId: ctx.member.orgId,
      workflowRunId: runId,
      step: spec.kind,
      status: 'started',
      payloadIn: input,
      idempotencyKey: 'api:start',
    });
    return run;
  } catch (err) {
    // The transaction will roll back; do not leave a workflow running with no run row behind (best effort:
    // the insert's error is the one the caller needs).
    await ctx.gateway.cancel({ workflowId: started.workflowId, runId: started.runId }).catch(() => undefined);
    throw err;
  }
}
