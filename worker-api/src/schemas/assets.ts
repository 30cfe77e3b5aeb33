import { ASSET_STATUSES } from '@mos/db/contracts';
import * as z from 'zod';
import { Cursor, Id, Limit } from './common';

export { ASSET_STATUSES };
export const AssetStatus = z.enum(ASSET_STATUSES);
export type AssetStatus = z.infer<typeof AssetStatus>;

/** Largest asset content accepted, in bytes of UTF-8 JSON. */
export const MAX_ASSET_CONTENT_BYTES = 64 * 1024;
/** Deepest nesting accepted in asset content (headlines, scripts and sections need a handful of levels). */
export const MAX_ASSET_CONTENT_DEPTH = 32;

/** Channel, format, ICP, stage, concept and variant ids: short one-line strings. */
const Tag = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

/** Depth of a JSON value, walked iteratively so a hostile nesting cannot overflow the stack. */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 1 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.v === null || typeof item.v !== 'object') continue;
    if (item.d > max) return true;
    for (const child of Object.values(item.v)) stack.push({ v: child, d: item.d + 1 });
  }
  return false;
}

/** An asset's content: a JSON object, bounded in depth and in serialized size. */
export const AssetContent = z.unknown().superRefine((v, ctx) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
    return;
  }
  if (jsonDepthExceeds(v, MAX_ASSET_CONTENT_DEPTH)) {
    ctx.addIssue({ code: 'custom', message: `must nest at most ${MAX_ASSET_CONTENT_DEPTH} levels deep` });
    return;
  }
  if (new TextEncoder().encode(JSON.stringify(v)).length > MAX_ASSET_CONTENT_BYTES) {
    ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_ASSET_CONTENT_BYTES / 1024} KB as JSON` });
  }
});

export const AssetList = z.strictObject({
  clientId: Id.optional(),
  campaignId: Id.optional(),
  experimentId: Id.optional(),
  status: AssetStatus.optional(),
  channelId: Tag.optional(),
  cursor: Cursor,
  limit: Limit,
});
export type AssetList = z.infer<typeof AssetList>;

export const AssetById = z.strictObject({ id: Id });
export type AssetById = z.infer<typeof AssetById>;

/** Omitted fields stay as they are; null clears an optional one. Changing status needs the operator role. */
export const AssetUpdate = z.strictObject({
  id: Id,
  content: AssetContent.optional(),
  status: AssetStatus.optional(),
  channelId: Tag.optional(),
  format: Tag.optional(),
  variantId: Tag.nullish(),
  icpId: Tag.nullish(),
  funnelStageId: Tag.nullish(),
  conceptId: Tag.nullish(),
  angleType: Tag.nullish(),
});
export type AssetUpdate = z.infer<typeof AssetUpdate>;

export const AssetSetStatus = z.strictObject({
  ids: z.array(Id).min(1, 'at least one id').max(200, 'at most 200 ids'),
  status: AssetStatus,
});
export type AssetSetStatus = z.infer<typeof AssetSetStatus>;

/** Links a platform ad to the asset, so pulled and uploaded numbers of that ad land on it (operators). */
export const AssetLinkPlatformAd = z.strictObject({
  assetId: Id,
  platform: z.enum(['meta']),
  externalAdId: z
    .string()
    .trim()
    .regex(/^\d{1,30}$/, 'must be a Meta ad id (digits)'),
});
export type AssetLinkPlatformAd = z.infer<typeof AssetLinkPlatformAd>;

export const AssetPlatformAdsOfClient = z.strictObject({ clientId: Id });
export type AssetPlatformAdsOfClient = z.infer<typeof AssetPlatformAdsOfClient>;

export const AssetUnlinkPlatformAd = AssetLinkPlatformAd.omit({ assetId: true });
export type AssetUnlinkPlatformAd = z.infer<typeof AssetUnlinkPlatformAd>;
