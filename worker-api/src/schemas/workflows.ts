import { REVIEW_DECISIONS, ReviewDecision, WORKFLOW_KINDS, WORKFLOW_STATUSES } from '@mos/db/contracts';
import * as z from 'zod';
import { Cursor, Id, Limit } from './common';

export const WorkflowKind = z.enum(WORKFLOW_KINDS);
export type WorkflowKind = z.infer<typeof WorkflowKind>;
export const WorkflowStatus = z.enum(WORKFLOW_STATUSES);
export type WorkflowStatus = z.infer<typeof WorkflowStatus>;
export { REVIEW_DECISIONS, ReviewDecision, WORKFLOW_KINDS, WORKFLOW_STATUSES };

/** Largest edited document accepted, as serialized JSON (the biggest artifact schemas stay well below). */
export const MAX_EDITED_CHARS = 1_000_000;

export const WorkflowList = z.strictObject({
  status: z.array(WorkflowStatus).max(WORKFLOW_STATUSES.length).optional(),
  kind: z.array(WorkflowKind).max(WORKFLOW_KINDS.length).optional(),
  clientId: Id.optional(),
  campaignId: Id.optional(),
  /** true: only runs waiting at a gate (status waiting_for_approval); false: only the others. */
  waiting: z.boolean().optional(),
  cursor: Cursor,
  limit: Limit,
});
export type WorkflowList = z.infer<typeof WorkflowList>;

export const WorkflowById = z.strictObject({ runId: Id });
export type WorkflowById = z.infer<typeof WorkflowById>;

const ItemId = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');

export const WorkflowReview = z
  .strictObject({
    runId: Id,
    gate: z.string().trim().min(1, 'is required').max(60, 'must be at most 60 characters'),
    decision: ReviewDecision,
    /** The draft this review decides on: the run's `waitingDraftKey` (or the live status `draftKey`). */
    draftKey: z.string().trim().min(1, 'is required').max(600, 'must be at most 600 characters'),
    /** The edited document (decision 'edit'); validated against the gate's artifact schema by the service. */
    edited: z
      .unknown()
      .refine((v) => v === undefined || (JSON.stringify(v)?.length ?? 0) <= MAX_EDITED_CHARS, {
        message: `must be at most ${MAX_EDITED_CHARS} characters as JSON`,
      })
      .optional(),
    feedback: z.string().trim().max(5000, 'must be at most 5000 characters').optional(),
    approvedIds: z.array(ItemId).max(200, 'at most 200 ids').default([]),
    rejectedIds: z.array(ItemId).max(200, 'at most 200 ids').default([]),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.feedback) {
      ctx.addIssue({
        code: 'custom',
        path: ['feedback'],
        message: 'is required to reject: say what to change',
      });
    }
    if (v.decision === 'edit' && (v.edited === undefined || v.edited === null)) {
      ctx.addIssue({ code: 'custom', path: ['edited'], message: 'is required to edit' });
    }
  });
export type WorkflowReview = z.infer<typeof WorkflowReview>;
