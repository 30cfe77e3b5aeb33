/**
 * AssetBriefSet (`asset_brief`): the creative briefs made in one call, typically one per (experiment, variant)
 * (reference §3; the original stored `{asset_briefs: [...]}`).
 */
import * as z from 'zod';
import { checkUnique, FunnelStage, list, longText, shortText, slug, uuid } from './common';

export const AssetRequirement = z.strictObject({
  /** Channel id, e.g. `meta`, `google_search`, `email`. */
  channel: slug(),
  /** Format id, e.g. `video_30s`, `static_1080x1080`, `lp_section`, `email_html`. */
  format: slug(),
  angle: shortText(300).nullable(),
  hook: shortText(500).nullable(),
  funnelStage: FunnelStage.nullable(),
});
export type AssetRequirement = z.infer<typeof AssetRequirement>;

export const AssetBrief = z.strictObject({
  id: slug(),
  clientId: uuid(),
  campaignId: uuid().nullable(),
  experimentId: slug().nullable(),
  variantId: slug().nullable(),
  creativeConcept: longText(2000).nullable(),
  requirements: list(AssetRequirement, 20, 1),
  constraints: list(longText(1000), 30),
  toneGuidelines: list(shortText(300), 30),
  visualGuidelines: list(shortText(300), 30),
});
export type AssetBrief = z.infer<typeof AssetBrief>;

export const AssetBriefSet = z
  .strictObject({
    clientId: uuid(),
    campaignId: uuid().nullable(),
    assetBriefs: list(AssetBrief, 50, 1),
  })
  .superRefine((set, ctx) => {
    checkUnique(set.assetBriefs, (b) => b.id, ctx, ['assetBriefs'], 'brief id');
    set.assetBriefs.forEach((brief, i) => {
      if (brief.clientId !== set.clientId) {
        ctx.addIssue({
          code: 'custom',
          path: ['assetBriefs', i, 'clientId'],
          message: 'Must equal the set clientId',
        });
      }
      if (brief.campaignId !== set.campaignId) {
        ctx.addIssue({
          code: 'custom',
          path: ['assetBriefs', i, 'campaignId'],
          message: 'Must equal the set campaignId',
        });
      }
    });
  });
export type AssetBriefSet = z.infer<typeof AssetBriefSet>;
