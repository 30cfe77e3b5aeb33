import { getWorkflowRunDetail } from '@mos/db';
import { QUERY_STATUS } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { WorkflowById } from '../../schemas/workflows';
import type { ServiceCtx } from '../context';
import { isActiveRunStatus } from './gates';

/** How long the detail page waits for the workflow's own `status` query before showing stored data only. */
export const LIVE_STATUS_TIMEOUT_MS = 2_000;

type Live = { live: unknown; liveError: 'unavailable' | null };

/**
 * A run with its logs, approvals and artifacts (one statement), plus the workflow's live `status` query while it
 * is active. Temporal being slow or down costs the live part only: the page still loads from the database.
 */
export async function getWorkflow({ ctx, input }: { ctx: ServiceCtx; input: WorkflowById }) {
  const detail = await getWorkflowRunDetail(ctx.db, ctx.member.orgId, input.runId);
  if (!detail) throw DomainError.notFound('workflow run');
  const { run } = detail;
  const live: Live = isActiveRunStatus(run.status)
    ? await queryLiveStatus(ctx, { workflowId: run.temporalWorkflowId })
    : { live: null, liveError: null };
  return { ...toJson(detail), ...live };
}

/** The workflow's `status` query answer, or liveError 'unavailable' when it fails or takes too long. */
export async function queryLiveStatus(
  ctx: Pick<ServiceCtx, 'gateway'>,
  ref: { workflowId: string },
): Promise<Live> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('status query timed out')), LIVE_STATUS_TIMEOUT_MS);
  });
  try {
    const live = await Promise.race([ctx.gateway.query<unknown>(ref, QUERY_STATUS), timeout]);
    return { live: live ?? null, liveError: null };
  } catch {
    // Unreachable, timed out, or the run is gone from Temporal: the stored state is still worth showing.
    return { live: null, liveError: 'unavailable' };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
