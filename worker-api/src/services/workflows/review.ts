import {
  claimWaitingDraft,
  getWorkflowRun,
  logActivity,
  recordApproval,
  type WorkflowRunRow,
  writeAudit,
} from '@mos/db';
import { type ArtifactType, parseArtifactData, withStepEditSystemFields } from '@mos/db/artifacts';
import { type ReviewSignal as ReviewSignalPayload, SIGNAL_REVIEW, StepFailure } from '@mos/db/contracts';
import { PageDocument } from '@mos/funnel-blocks/schema';
import * as z from 'zod';
import { DomainError, type FieldIssue } from '../../errors';
import type { WorkflowReview } from '../../schemas/workflows';
import type { ServiceCtx } from '../context';
import { gateArtifactType, isActiveRunStatus } from './gates';
import { fromGatewayError } from './gateway-errors';
import { queryLiveStatus } from './get';

/** The `review` signal payload every gate of every workflow receives. */
export type { ReviewSignal } from '@mos/db/contracts';

const STEP_FAILED = 'step_failed';

const staleDraft = () => new DomainError('CONFLICT', 'the draft changed; reload');

/**
 * Records a human decision on the draft a run waits on and signals the workflow, atomically. The review names
 * its draft (`draftKey`): the transaction first claims that key on the run row, so a review of a draft the run
 * no longer waits on, or a second click on the same draft, gets CONFLICT and records nothing. The approval, its
 * audit record and log are written after the claim and the signal is sent last inside the transaction, so a
 * signal Temporal refuses rolls everything back (the key included) and a recorded approval was delivered.
 */
export async function reviewWorkflow({ ctx, input }: { ctx: ServiceCtx; input: WorkflowReview }) {
  const orgId = ctx.member.orgId;
  if (gateArtifactType(input.gate) === undefined) {
    throw DomainError.field(['gate'], `"${input.gate}" is not a gate`);
  }
  if (input.decision === 'retry' && input.gate !== STEP_FAILED) {
    throw DomainError.field(['decision'], `retry is only for a failed step (gate "${STEP_FAILED}")`);
  }
  const run = await getWorkflowRun(ctx.db, orgId, input.runId);
  if (!run) throw DomainError.notFound('workflow run');
  if (!isActiveRunStatus(run.status)) {
    throw new DomainError('PRECONDITION_FAILED', `the run is ${run.status}; there is nothing to review`);
  }
  // Checked again by the claim below; refusing here spares an edit's validation (and a status query).
  if (
    run.status !== 'waiting_for_approval' ||
    run.waitingGate !== input.gate ||
    run.waitingDraftKey !== input.draftKey
  ) {
    throw staleDraft();
  }
  const edited = input.decision === 'edit' ? await validateEdit(ctx, run, input.gate, input.edited) : null;

  const feedback = input.feedback ? input.feedback : null;
  try {
    return await ctx.db.transaction(async (tx) => {
      if (!(await claimWaitingDraft(tx, orgId, run.id, input.gate, input.draftKey))) throw staleDraft();
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
        data: {
          gate: input.gate,
          decision: input.decision,
          approvalId: approval.id,
          draftKey: input.draftKey,
        },
      });
      await logActivity(tx, {
        orgId,
        workflowRunId: run.id,
        step: `review:${input.gate}`,
        status: input.decision,
        payloadIn: {
          approvalId: approval.id,
          draftKey: input.draftKey,
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
    throw fromGatewayError(err, 'nothing was recorded');
  }
}

/** The part of the live status an edit at `step_failed` needs; anything else in the answer is not read here. */
const StepFailedStatus = z.object({ stepFailure: StepFailure });

/**
 * The artifact type an edit is validated with, and at `step_failed` the failed step. At `step_failed` both are the
 * failed step's, which only the live status knows: when that query fails the edit goes through unvalidated and the
 * workflow validates it (it refuses an invalid edit and keeps waiting), since being unable to read the status must
 * not block the way on.
 */
async function editTarget(
  ctx: ServiceCtx,
  run: WorkflowRunRow,
  gate: string,
): Promise<{ type: ArtifactType | 'funnel_page'; failedStep: string | null } | null> {
  if (gate !== STEP_FAILED) {
    const type = gateArtifactType(gate);
    if (!type) {
      throw DomainError.field(['decision'], `gate "${gate}" is decided per item: approve or reject with ids`);
    }
    return { type, failedStep: null };
  }
  const { live } = await queryLiveStatus(ctx, { workflowId: run.temporalWorkflowId });
  const parsed = StepFailedStatus.safeParse(live);
  if (!parsed.success) return null;
  // An AI page draft's document is a Puck page, not an artifact: validated by the block library's schema.
  if (parsed.data.stepFailure.documentType === 'funnel_page') {
    return { type: 'funnel_page', failedStep: parsed.data.stepFailure.step };
  }
  if (!parsed.data.stepFailure.artifactType) return null;
  return { type: parsed.data.stepFailure.artifactType, failedStep: parsed.data.stepFailure.step };
}

/**
 * Validates an edited document with the schema of its artifact type and returns the parsed document.
 * Issues come back under `edited.…`; the document must stay about the run's own client and campaign.
 */
async function validateEdit(
  ctx: ServiceCtx,
  run: WorkflowRunRow,
  gate: string,
  edited: unknown,
): Promise<unknown> {
  const target = await editTarget(ctx, run, gate);
  if (target === null) return edited;
  const { type, failedStep } = target;
  if (type === 'funnel_page') {
    const page = PageDocument.safeParse(edited);
    if (!page.success) {
      const issues: FieldIssue[] = page.error.issues.map((i) => ({
        path: ['edited', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: i.message,
      }));
      throw new DomainError('VALIDATION', 'edited: not a valid page document', { issues });
    }
    return page.data;
  }
  // A person writing a failed step's document never types the fields code owns: they are filled as the worker
  // fills them (the worker sets the real provenance hash), and the edit is sent as written.
  const candidate =
    failedStep === null
      ? edited
      : withStepEditSystemFields(type, edited, {
          orgId: ctx.member.orgId,
          clientId: run.clientId,
          campaignId: run.campaignId,
          step: failedStep,
          promptSha256: '0'.repeat(64),
        });
  const parsed = parseArtifactData(type, candidate);
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
  return failedStep === null ? parsed.data : edited;
}
