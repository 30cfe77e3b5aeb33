import { type AssetPatch, getAsset, updateAsset as updateRow, writeAudit } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { AssetUpdate } from '../../schemas/assets';
import type { ServiceCtx } from '../context';

/**
 * Edits an asset's content and labels. A status change is a decision (approve, reject, back to draft),
 * so it needs the operator role, like assets.setStatus, and is audited.
 */
export async function updateAsset({ ctx, input }: { ctx: ServiceCtx; input: AssetUpdate }) {
  const { id, ...fields } = input;
  if (fields.status !== undefined && ctx.member.role === 'member') {
    throw new DomainError('FORBIDDEN', "changing an asset's status needs the operator or admin role");
  }
  const orgId = ctx.member.orgId;
  const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as AssetPatch;
  if (Object.keys(patch).length === 0) {
    const current = await getAsset(ctx.db, orgId, id);
    if (!current) throw DomainError.notFound('asset');
    return toJson(current);
  }
  const status = patch.status;
  const row = status
    ? await ctx.db.transaction(async (tx) => {
        const updated = await updateRow(tx, orgId, id, patch);
        if (updated) {
          await writeAudit(tx, {
            orgId,
            actorUserId: ctx.member.userId,
            action: 'asset.status',
            targetType: 'asset',
            targetId: id,
            data: { status },
          });
        }
        return updated;
      })
    : await updateRow(ctx.db, orgId, id, patch);
  if (!row) throw DomainError.notFound('asset');
  return toJson(row);
}
