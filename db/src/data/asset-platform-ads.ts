import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { assetPlatformAds, assets } from '../schema/assets';

/** The asset (and its experiment arm) a platform's ad reports for. */
export interface LinkedAsset {
  assetId: string;
  clientId: string;
  experimentId: string | null;
  /** The experiment arm (`assets.variant_id`). */
  armId: string | null;
}

const linkedAssetColumns = {
  assetId: assets.id,
  clientId: assets.clientId,
  experimentId: assets.experimentId,
  armId: assets.variantId,
};

/**
 * Links a platform ad to an asset of the org. An ad reports for one asset: linking it again moves the link, and
 * the asset it was on before is returned (null when it is new or unchanged).
 */
export async function linkPlatformAd(
  q: Queryable,
  orgId: string,
  link: { assetId: string; platform: string; externalAdId: string },
): Promise<{ previousAssetId: string | null }> {
  const [before] = await q
    .select({ assetId: assetPlatformAds.assetId })
    .from(assetPlatformAds)
    .where(
      and(
        eq(assetPlatformAds.orgId, orgId),
        eq(assetPlatformAds.platform, link.platform),
        eq(assetPlatformAds.externalAdId, link.externalAdId),
      ),
    );
  await q
    .insert(assetPlatformAds)
    .values({ orgId, ...link })
    .onConflictDoUpdate({
      target: [assetPlatformAds.orgId, assetPlatformAds.platform, assetPlatformAds.externalAdId],
      set: { assetId: link.assetId },
    });
  return { previousAssetId: before && before.assetId !== link.assetId ? before.assetId : null };
}

/** The platform ad ids linked to an asset. */
export async function platformAdsOfAsset(q: Queryable, orgId: string, assetId: string) {
  return q
    .select({ platform: assetPlatformAds.platform, externalAdId: assetPlatformAds.externalAdId })
    .from(assetPlatformAds)
    .where(and(eq(assetPlatformAds.orgId, orgId), eq(assetPlatformAds.assetId, assetId)))
    .orderBy(assetPlatformAds.platform, assetPlatformAds.externalAdId);
}

/** A client's platform ad links, newest first, with what the assets list shows of each asset. */
export async function listClientPlatformAds(q: Queryable, orgId: string, clientId: string) {
  return q
    .select({
      assetId: assets.id,
      // The headline the asset gallery titles a card with (a string, or lines of one); null → channel · format.
      headline: sql<string | null>`case jsonb_typeof(${assets.content}->'headline')
        when 'string' then nullif(${assets.content}->>'headline', '')
        when 'array' then nullif(array_to_string(array(select jsonb_array_elements_text(${assets.content}->'headline')), E'\n'), '') end`,
      channelId: assets.channelId,
      format: assets.format,
      variantId: assets.variantId,
      experimentId: assets.experimentId,
      platform: assetPlatformAds.platform,
      externalAdId: assetPlatformAds.externalAdId,
      createdAt: assetPlatformAds.createdAt,
    })
    .from(assetPlatformAds)
    .innerJoin(assets, and(eq(assets.id, assetPlatformAds.assetId), eq(assets.orgId, orgId)))
    .where(and(eq(assetPlatformAds.orgId, orgId), eq(assets.clientId, clientId)))
    .orderBy(desc(assetPlatformAds.createdAt), asc(assetPlatformAds.externalAdId));
}

/** Removes a platform ad's link; the asset it was on (null when there was none). */
export async function unlinkPlatformAd(
  q: Queryable,
  orgId: string,
  link: { platform: string; externalAdId: string },
): Promise<string | null> {
  const [row] = await q
    .delete(assetPlatformAds)
    .where(
      and(
        eq(assetPlatformAds.orgId, orgId),
        eq(assetPlatformAds.platform, link.platform),
        eq(assetPlatformAds.externalAdId, link.externalAdId),
      ),
    )
    .returning({ assetId: assetPlatformAds.assetId });
  return row?.assetId ?? null;
}

/** Platform ad id → the client's asset it is linked to (ads of other clients or orgs are not matched). */
export async function resolvePlatformAds(
  q: Queryable,
  orgId: string,
  f: { clientId: string; platform: string; externalAdIds: readonly string[] },
): Promise<Map<string, LinkedAsset>> {
  const ids = [...new Set(f.externalAdIds)];
  const out = new Map<string, LinkedAsset>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await q
      .select({ externalAdId: assetPlatformAds.externalAdId, ...linkedAssetColumns })
      .from(assetPlatformAds)
      .innerJoin(assets, and(eq(assets.id, assetPlatformAds.assetId), eq(assets.orgId, orgId)))
      .where(
        and(
          eq(assetPlatformAds.orgId, orgId),
          eq(assetPlatformAds.platform, f.platform),
          eq(assets.clientId, f.clientId),
          inArray(assetPlatformAds.externalAdId, ids.slice(i, i + 1000)),
        ),
      );
    for (const { externalAdId, ...asset } of rows) out.set(externalAdId, asset);
  }
  return out;
}

/** Asset id → the client's asset (ids of other clients or orgs are not matched). */
export async function resolveClientAssets(
  q: Queryable,
  orgId: string,
  f: { clientId: string; assetIds: readonly string[] },
): Promise<Map<string, LinkedAsset>> {
  const ids = [...new Set(f.assetIds)];
  const out = new Map<string, LinkedAsset>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await q
      .select(linkedAssetColumns)
      .from(assets)
      .where(
        and(
          eq(assets.orgId, orgId),
          eq(assets.clientId, f.clientId),
          inArray(assets.id, ids.slice(i, i + 1000)),
        ),
      );
    for (const r of rows) out.set(r.assetId, r);
  }
  return out;
}
