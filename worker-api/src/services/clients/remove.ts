import { deleteClient, writeAudit } from '@mos/db';
import { DomainError } from '../../errors';
import type { ServiceCtx } from '../context';

/** Deletes a client and everything under it (cascade); admins only, recorded in the audit log. */
export async function removeClient({ ctx, input }: { ctx: ServiceCtx; input: { id: string } }) {
  const removed = await ctx.db.transaction(async (tx) => {
    const ok = await deleteClient(tx, ctx.member.orgId, input.id);
    if (ok) {
      await writeAudit(tx, {
        orgId: ctx.member.orgId,
        actorUserId: ctx.member.userId,
        action: 'client.remove',
        targetType: 'client',
        targetId: input.id,
      });
    }
    return ok;
  });
  if (!removed) throw DomainError.notFound('client');
  return { id: input.id, removed: true as const };
}
