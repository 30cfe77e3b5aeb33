import { deleteCampaign, writeAudit } from '@mos/db';
import { DomainError } from '../../errors';
import type { CampaignById } from '../../schemas/campaigns';
import type { ServiceCtx } from '../context';

/** Deletes a campaign (its experiments go with it; runs and artifacts keep their rows), audited. */
export async function removeCampaign({ ctx, input }: { ctx: ServiceCtx; input: CampaignById }) {
  const removed = await ctx.db.transaction(async (tx) => {
    const ok = await deleteCampaign(tx, ctx.member.orgId, input.id);
    if (ok) {
      await writeAudit(tx, {
        orgId: ctx.member.orgId,
        actorUserId: ctx.member.userId,
        action: 'campaign.remove',
        targetType: 'campaign',
        targetId: input.id,
      });
    }
    return ok;
  });
  if (!removed) throw DomainError.notFound('campaign');
  return { id: input.id, removed: true as const };
}
