import { cancelActiveWorkflowRun, getWorkflowRun, logActivity, writeAudit } from '@mos/db';
import { SIGNAL_STOP } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import type { WorkflowById } from '../../schemas/workflows';
import type { ServiceCtx } from '../context';
import { isActiveRunStatus } from './gates';
import { fromGatewayError, isWorkflowGone } from './gateway-errors';

/**
 * Asks a run to stop. The `stop` signal lets the workflow cancel itself cleanly and record 'cancelled'; it is sent
 * inside the transaction that logs and audits the request, so an unreachable Temporal leaves no trace. When
 * Temporal no longer knows the workflow, the stored row is stale: cancel (best effort) and record it here.
 */
export async function stopWorkflow({ ctx, input }: { ctx: ServiceCtx; input: WorkflowById }) {
  const orgId = ctx.member.orgId;
  const run = await getWorkflowRun(ctx.db, orgId, input.runId);
  if (!run) throw DomainError.notFound('workflow run');
  if (!isActiveRunStatus(run.status)) {
    throw new DomainError('PRECONDITION_FAILED', `the run is already ${run.status}`);
  }
  // By workflow id only: a run that continued-as-new has a newer run id than the one recorded at start.
  const ref = { workflowId: run.temporalWorkflowId };
  const audit = (outcome: 'requested' | 'cancelled') => ({
    orgId,
    actorUserId: ctx.member.userId,
    action: 'workflow.stop',
    targetType: 'workflow_run',
    targetId: run.id,
    data: { outcome },
  });

  try {
    await ctx.db.transaction(async (tx) => {
      await logActivity(tx, { orgId, workflowRunId: run.id, step: 'stop', status: 'requested' });
      await writeAudit(tx, audit('requested'));
      await ctx.gateway.signal(ref, SIGNAL_STOP, []);
    });
    return { runId: run.id, outcome: 'requested' as const };
  } catch (err) {
    if (!isWorkflowGone(err)) throw fromGatewayError(err, 'nothing was changed');
  }

  // Temporal answered that it does not know this run; cancel in case only the signal path failed, then
  // reconcile the row, which would otherwise show a run that can never finish.
  await ctx.gateway.cancel(ref).catch(() => undefined);
  await ctx.db.transaction(async (tx) => {
    const changed = await cancelActiveWorkflowRun(tx, orgId, run.id);
    if (!changed) return;
    await logActivity(tx, {
      orgId,
      workflowRunId: run.id,
      step: 'stop',
      status: 'cancelled',
      error: 'the workflow was no longer known to Temporal',
    });
    await writeAudit(tx, audit('cancelled'));
  });
  return { runId: run.id, outcome: 'cancelled' as const };
}
