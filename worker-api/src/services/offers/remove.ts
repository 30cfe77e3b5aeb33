import { deleteOffer, writeAudit } from '@mos/db';
import { DomainError } from '../../errors';
import type { ServiceCtx } from '../context';

/** Deletes an offer and its price points (cascade), recorded in the audit log. */
export async function removeOffer({ ctx, input }: { ctx: ServiceCtx; input: { id: string } }) {
  const removed = await ctx.db.transaction(async (tx) => {
    const ok = await deleteOffer(tx, ctx.member.orgId, input.id);
    if (ok) {
      await writeAudit(tx, {
        orgId: ctx.member.orgId,
        actorUserId: ctx.member.userId,
        action: 'offer.remove',
        targetType: 'offer',
        targetId: input.id,
      });
    }
    return ok;
  });
  if (!removed) throw DomainError.notFound('offer');
  return { id: input.id, removed: true as const };
}
