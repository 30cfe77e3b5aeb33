import { listAssets as listRows } from '@mos/db';
import { toJson } from '../../lib/json';
import type { AssetList } from '../../schemas/assets';
import { assertOwnedRefs } from '../artifacts/refs';
import type { ServiceCtx } from '../context';
import { withCursor } from '../cursor';

export async function listAssets({ ctx, input }: { ctx: ServiceCtx; input: AssetList }) {
  const page = await withCursor(() => listRows(ctx.db, ctx.member.orgId, input));
  // An empty page for a client, campaign or experiment that is not the org's answers NOT_FOUND.
  if (page.items.length === 0 && (input.clientId || input.campaignId || input.experimentId)) {
    await assertOwnedRefs(ctx.db, ctx.member.orgId, {
      clientId: input.clientId,
      campaignId: input.campaignId,
      experimentId: input.experimentId,
    });
  }
  return toJson(page);
}
