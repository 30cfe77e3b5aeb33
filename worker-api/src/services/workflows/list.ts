import { listWorkflowRunsWithNames } from '@mos/db';
import { toJson } from '../../lib/json';
import type { WorkflowList } from '../../schemas/workflows';
import type { ServiceCtx } from '../context';
import { withCursor } from '../cursor';

/** Runs from the database only: the worker records their status, so a list never asks Temporal. */
export async function listWorkflows({ ctx, input }: { ctx: ServiceCtx; input: WorkflowList }) {
  const page = await withCursor(() => listWorkflowRunsWithNames(ctx.db, ctx.member.orgId, input));
  return toJson(page);
}
