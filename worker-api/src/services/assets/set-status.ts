import { setAssetsStatus, writeAudit } from '@mos/db';
import { DomainError } from '../../errors';
import type { AssetSetStatus } from '../../schemas/assets';
import type { ServiceCtx } from '../context';

/**
 * Sets the status of many assets at once, all or nothing: if any id is missing or another org's, the
 * transaction rolls back and the answer is NOT_FOUND naming the ids.
 */
export async function setAssetStatus({ ctx, input }: { ctx: ServiceCtx; input: AssetSetStatus }) {
  const orgId = ctx.member.orgId;
  const ids = [...new Set(input.ids)];
  const updated = await ctx.db.transaction(async (tx) => {
    const changed = new Set(await setAssetsStatus(tx, orgId, ids, input.status));
    if (changed.size !== ids.length) {
      const issues = input.ids.flatMap((id, i) =>
        changed.has(id) ? [] : [{ path: ['ids', i], message: 'not found' }],
      );
      throw new DomainError(
        'NOT_FOUND',
        `${ids.length - changed.size} of the assets were not found; nothing was changed`,
        {
          issues,
        },
      );
    }
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'asset.status',
      targetType: 'asset',
      data: { ids, status: input.status },
    });
    return changed.size;
  });
  return { updated };
}
