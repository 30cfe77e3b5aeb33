import { getClient, listClientPlatformAds, unlinkPlatformAd as unlinkRow, writeAudit } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { AssetPlatformAdsOfClient, AssetUnlinkPlatformAd } from '../../schemas/assets';
import type { ServiceCtx } from '../context';

/** The platform ads linked to a client's assets (another org's client answers NOT_FOUND). */
export async function clientPlatformAds({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: AssetPlatformAdsOfClient;
}) {
  const orgId = ctx.member.orgId;
  if (!(await getClient(ctx.db, orgId, input.clientId))) throw DomainError.notFound('client');
  return toJson({ items: await listClientPlatformAds(ctx.db, orgId, input.clientId) });
}

/** Removes a platform ad's link; its numbers stop landing on the asset (those already stored stay). */
export async function unlinkPlatformAd({ ctx, input }: { ctx: ServiceCtx; input: AssetUnlinkPlatformAd }) {
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    const assetId = await unlinkRow(tx, orgId, input);
    if (!assetId) throw DomainError.notFound('platform ad link');
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'asset.unlink_platform_ad',
      targetType: 'asset',
      targetId: assetId,
      data: { platform: input.platform, externalAdId: input.externalAdId },
    });
    return { ...input, assetId };
  });
}
