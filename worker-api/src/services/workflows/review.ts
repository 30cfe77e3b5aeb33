import { getWorkflowRun, logActivity, recordApproval, type WorkflowRunRow, writeAudit } from '@mos/db';
import { parseArtifactData } from '@mos/db/artifacts';
import {
  type ReviewSignal as ReviewSignalPayload,
  SIGNAL_REVIEW,
  WorkflowGatewayError,
} from '@mos/db/contracts';
import { DomainError, type FieldIssue } from '../../errors';
import type { WorkflowReview } from '../../schemas/workflows';
import type { ServiceCtx } from '../context';
import { gateArtifactType, isActiveRunStatus, isWorkflowGone } from './gates';

/** The `review` signal payload every gate of every workflow receives. */
export type { ReviewSignal } from '@mos/db/contracts';

/**
 * Records a human decision at a gate and signals the workflow, atomically: the approval, its audit record and
 * log are written in one transaction and the signal is sent inside it, so a signal Temporal refuses rolls the
 * approval back (no phantom approvals) and a recorded approval has always been delivered (none lost).
 */
export async function reviewWorkflow({ ctx, input }: { ctx: ServiceCtx; input: WorkflowReview }) {
  const orgId = ctx.member.orgId;
  const run = await getWorkflowRun(ctx.db, orgId, input.runId);
  if (!run) throw DomainError.notFound('workflow run');
  if (!isActiveRunStatus(run.status)) {
    throw new DomainError('PRECONDITION_FAILED', `the run is ${run.status}; there is nothing to review`);
  }
  if (run.waitingGate && run.waitingGate !== input.gate) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      `the run is waiting at gate "${run.waitingGate}", not "${input.gate}"`,
    );
  }
  const edited = input.decision === 'edit' ? validateEdit(run, input.gate, input.edited) : null;

  const feedback = input.feedback ? input.feedback : null;
  try {
    return await ctx.db.transaction(async (tx) => {
      const approval = await recordApproval(tx, {
        orgId,
        workflowRunId: run.id,
        gate: input.gate,
        decision: input.decision,
        feedback,
        edited,
        approvedIds: input.approvedIds,
        rejectedIds: input.rejectedIds,
        decidedBy: ctx.member.userId,
      });
      await writeAudit(tx, {
        orgId,
        actorUserId: ctx.member.userId,
        action: 'workflow.review',
        targetType: 'workflow_run',
        targetId: run.id,
        data: { gate: input.gate, decision: input.decision, approvalId: approval.id },
      });
      await logActivity(tx, {
        orgId,
        workflowRunId: run.id,
        step: `review:${input.gate}`,
        status: input.decision,
        payloadIn: {
          approvalId: approval.id,
          feedback,
          approvedIds: input.approvedIds,
          rejectedIds: input.rejectedIds,
          edited: edited !== null,
        },
      });
      const signal: ReviewSignalPayload = {
        gate: input.gate,
        decision: input.decision,
        draftKey: input.draftKey,
        edited,
        feedback,
        approvedIds: input.approvedIds,
        rejectedIds: input.rejectedIds,
        approvalId: approval.id,
      };
      // Last, so every write above is undone if the workflow cannot be told.
      await ctx.gateway.signal({ workflowId: run.temporalWorkflowId }, SIGNAL_REVIEW, [signal]);
      return { approvalId: approval.id };
    });
  } catch (err) {
    if (isWorkflowGone(err)) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        'the workflow is no longer running; nothing was recorded',
        {
          cause: err,
        },
      );
    }
    if (err instanceof WorkflowGatewayError) {
      throw new DomainError('UNAVAILABLE', 'the workflow service is unavailable; nothing was recorded', {
        cause: err,
      });
    }
    throw err;
  }
}

/**
 * Validates an edited document with the schema of the gate's artifact type and returns the parsed document.
 * Issues come back under `edited.…`; the document must stay about the run's own client and campaign.
 */
function validateEdit(run: WorkflowRunRow, gate: string, edited: unknown): unknown {
  const type = gateArtifactType(gate);
  if (type === undefined) throw DomainError.field(['gate'], `gate "${gate}" has no editable document`);
  if (type === null) {
    throw DomainError.field(['decision'], `gate "${gate}" is decided per item: approve or reject with ids`);
  }
  const parsed = parseArtifactData(type, edited);
  if (!parsed.success) {
    const issues: FieldIssue[] = parsed.error.issues.map((i) => ({
      path: ['edited', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: i.message,
    }));
    throw new DomainError('VALIDATION', `edited: not a valid ${type} document`, { issues });
  }
  const doc = parsed.data as { clientId?: unknown; campaignId?: unknown };
  const issues: FieldIssue[] = [];
  if (run.clientId && 'clientId' in doc && doc.clientId !== run.clientId) {
    issues.push({ path: ['edited', 'clientId'], message: "must be the run's client id" });
  }
  if (run.campaignId && 'campaignId' in doc && doc.campaignId !== run.campaignId) {
    issues.push({ path: ['edited', 'campaignId'], message: "must be the run's campaign id" });
  }
  if (issues.length > 0)
    throw new DomainError('VALIDATION', 'edited: belongs to another client or campaign', { issues });
  return parsed.data;
}
