/**
 * StrategySheet (`strategy_sheet`): a campaign's goal, hypothesis, channel plan and messaging pillars (reference §3).
 * The prompt that produced it is tracked by the LLM call log, not stored here.
 */
import * as z from 'zod';
import { list, longText, percent, shortText, slug, uuid } from './common';

export const ChannelPlanItem = z.strictObject({
  /** Channel id as used on assets, e.g. `meta`, `google_search`, `tiktok`, `email`. */
  channel: slug(),
  objective: longText(500).nullable(),
  budgetSplitPercent: percent().nullable(),
  notes: longText(1000).nullable(),
});
export type ChannelPlanItem = z.infer<typeof ChannelPlanItem>;

export const MessagingPillar = z.strictObject({
  title: shortText(),
  proofPoints: list(shortText(500), 20),
  /** ICP ids or segment names. */
  targetSegments: list(shortText(), 20),
});
export type MessagingPillar = z.infer<typeof MessagingPillar>;

export const StrategySheet = z
  .strictObject({
    clientId: uuid(),
    campaignId: uuid().nullable(),
    goal: longText(1000).nullable(),
    hypothesis: longText(1000).nullable(),
    channelPlan: list(ChannelPlanItem, 12),
    messaging: list(MessagingPillar, 12),
    risks: list(longText(500), 20),
    mitigations: list(longText(500), 20),
  })
  .superRefine((sheet, ctx) => {
    const total = sheet.channelPlan.reduce((sum, item) => sum + (item.budgetSplitPercent ?? 0), 0);
    if (total > 100.5) {
      ctx.addIssue({
        code: 'custom',
        path: ['channelPlan'],
        message: `Budget splits add up to ${Math.round(total * 10) / 10}%, more than 100%`,
      });
    }
  });
export type StrategySheet = z.infer<typeof StrategySheet>;
