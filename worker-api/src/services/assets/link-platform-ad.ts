import { getAsset, linkPlatformAd as linkRow, writeAudit } from '@mos/db';
import { DomainError } from '../../errors';
import type { AssetLinkPlatformAd } from '../../schemas/assets';
import type { ServiceCtx } from '../context';

/** Links a platform ad to an asset of the org (moving it from the asset it was on, which the answer names). */
export async function linkPlatformAd({ ctx, input }: { ctx: ServiceCtx; input: AssetLinkPlatformAd }) {
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    if (!(await getAsset(tx, orgId, input.assetId))) throw DomainError.notFound('asset');
    const { previousAssetId } = await linkRow(tx, orgId, input);
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'asset.link_platform_ad',
      targetType: 'asset',
      targetId: input.assetId,
      data: { platform: input.platform, externalAdId: input.externalAdId, previousAssetId },
    });
    return { ...input, previousAssetId };
  });
}
