import { listExperiments as listRows } from '@mos/db';
import { toJson } from '../../lib/json';
import type { ExperimentList } from '../../schemas/experiments';
import { assertOwnedRefs } from '../artifacts/refs';
import type { ServiceCtx } from '../context';
import { withCursor } from '../cursor';

export async function listExperiments({ ctx, input }: { ctx: ServiceCtx; input: ExperimentList }) {
  const page = await withCursor(() => listRows(ctx.db, ctx.member.orgId, input));
  // An empty page for a client or campaign that is not the org's answers NOT_FOUND, not "nothing yet".
  if (page.items.length === 0 && (input.clientId || input.campaignId)) {
    await assertOwnedRefs(ctx.db, ctx.member.orgId, {
      clientId: input.clientId,
      campaignId: input.campaignId,
    });
  }
  return toJson(page);
}
