/**
 * StrategySheet (`strategy_sheet`): a campaign's goal, hypothesis, budget and targets, audiences, phases, channel
 * plan and messaging pillars (reference §3). The prompt that produced it is tracked by the LLM call log.
 */
import * as z from 'zod';
import { currencyCode, list, longText, percent, shortText, slug, uuid } from './common';
import { defineRule, ruleIssue } from './rules';

export const budgetSplitsRule = defineRule({
  id: 'strategy_sheet.budget-splits',
  statement: 'Budget splits add up to at most 100%.',
  prompts: ['build/strategy_sheet'],
});

export const phaseBudgetsRule = defineRule({
  id: 'strategy_sheet.phase-budgets',
  statement: 'The phase budgets add up to at most the total budget.',
  prompts: ['build/strategy_sheet'],
});

export const phaseOrderRule = defineRule({
  id: 'strategy_sheet.phase-days',
  statement:
    'Each phase ends on or after the day it starts, and phases follow each other without overlapping.',
  prompts: ['build/strategy_sheet'],
});

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

/** The campaign's money: the total to spend, in the client's currency (amounts in major units). */
export const StrategyBudget = z.strictObject({
  total: z
    .number()
    .min(0)
    .max(1_000_000_000)
    .describe("Total media budget for the campaign, in major units, within the campaign's budget range."),
  currency: currencyCode().describe("ISO 4217 code of the client's currency, as given in the prompt."),
});
export type StrategyBudget = z.infer<typeof StrategyBudget>;

/** What the campaign must hit to be worth scaling; null where the goal does not set one. */
export const StrategyTargets = z.strictObject({
  cpa: z
    .number()
    .min(0)
    .max(1_000_000)
    .nullable()
    .describe('Target cost per acquisition, in the budget currency; null when the goal sets none.'),
  roas: z
    .number()
    .min(0)
    .max(1000)
    .nullable()
    .describe('Target return on ad spend as a ratio (2.5 means 2.5× revenue per unit spent); null if none.'),
  rationale: longText(500).nullable(),
});
export type StrategyTargets = z.infer<typeof StrategyTargets>;

export const StrategyAudience = z.strictObject({
  icpId: slug().describe("An ICP id from the client canon's icps."),
  rationale: longText(500).nullable(),
  /** Channel ids this audience is reached on. */
  channels: list(slug(), 10),
});
export type StrategyAudience = z.infer<typeof StrategyAudience>;

export const StrategyPhase = z.strictObject({
  name: shortText(),
  /** Campaign days, 1-based and inclusive. */
  startDay: z.int().min(1).max(3650),
  endDay: z.int().min(1).max(3650),
  budget: z
    .number()
    .min(0)
    .max(1_000_000_000)
    .describe('Budget of this phase in the budget currency; the phases together stay within the total.'),
  objective: longText(500),
  /** What must be true to move on (e.g. "a hook with CAC under $32 over 50 purchases"). */
  exitCriteria: longText(500).nullable(),
});
export type StrategyPhase = z.infer<typeof StrategyPhase>;

export const StrategySheet = z
  .strictObject({
    clientId: uuid(),
    campaignId: uuid().nullable(),
    goal: longText(1000).nullable(),
    hypothesis: longText(1000).nullable(),
    /** Null: not stated (sheets stored before issue 8); a model always states it (model-output.ts). */
    budget: StrategyBudget.nullable(),
    targets: StrategyTargets,
    audiences: list(StrategyAudience, 10),
    phases: list(StrategyPhase, 6),
    assumptions: list(longText(500), 15).describe(
      'What the plan takes as given (conversion rates, prices, seasonality, tracking); each one testable.',
    ),
    channelPlan: list(ChannelPlanItem, 12),
    messaging: list(MessagingPillar, 12),
    risks: list(longText(500), 20),
    mitigations: list(longText(500), 20),
  })
  .superRefine((sheet, ctx) => {
    const total = sheet.channelPlan.reduce((sum, item) => sum + (item.budgetSplitPercent ?? 0), 0);
    if (total > 100.5) {
      ruleIssue(
        ctx,
        budgetSplitsRule,
        ['channelPlan'],
        `Budget splits add up to ${Math.round(total * 10) / 10}%, more than 100%`,
      );
    }
    const phased = sheet.phases.reduce((sum, p) => sum + p.budget, 0);
    if (sheet.budget !== null && phased > sheet.budget.total + 0.005) {
      ruleIssue(
        ctx,
        phaseBudgetsRule,
        ['phases'],
        `The phase budgets add up to ${round2(phased)}, more than the total budget ${round2(sheet.budget.total)}`,
      );
    }
    sheet.phases.forEach((phase, i) => {
      const previous = sheet.phases[i - 1];
      if (phase.endDay < phase.startDay) {
        ruleIssue(
          ctx,
          phaseOrderRule,
          ['phases', i, 'endDay'],
          `Ends on day ${phase.endDay}, before it starts`,
        );
      } else if (previous && phase.startDay <= previous.endDay) {
        ruleIssue(
          ctx,
          phaseOrderRule,
          ['phases', i, 'startDay'],
          `Starts on day ${phase.startDay}, before the previous phase ends (day ${previous.endDay})`,
        );
      }
    });
  });
export type StrategySheet = z.infer<typeof StrategySheet>;

const round2 = (n: number) => Math.round(n * 100) / 100;
