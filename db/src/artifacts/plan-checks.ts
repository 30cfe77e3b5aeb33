/**
 * Code checks of the planning chain's drafts that need context beyond the document (the campaign, the canon,
 * the requirement): pure functions the LLM steps feed back to the model and the evaluation harness runs on
 * recorded outputs. Re-exports the format and arms checks so one module holds every planning check.
 */

import { definedRules, defineRule } from './rules';
import type { StrategySheet } from './strategy-sheet';

export { type ArmIssue, checkArmsDifferOnlyIn } from './asset-brief-set';
export { checkAssetFormat, type FormatIssue, formatSpecOf } from './generated-asset';

export const campaignBudgetRule = defineRule({
  id: 'strategy_sheet.within-campaign-budget',
  statement: "The total budget stays within the campaign's budget range.",
  prompts: ['build/strategy_sheet'],
});
export const budgetCurrencyRule = defineRule({
  id: 'strategy_sheet.client-currency',
  statement: "The budget is in the client's currency given above.",
  prompts: ['build/strategy_sheet'],
});
export const phasesTimeframeRule = defineRule({
  id: 'strategy_sheet.phases-within-timeframe',
  statement: "The last phase ends by the last day of the campaign's timeframe.",
  prompts: ['build/strategy_sheet'],
});
export const audiencesFromCanonRule = defineRule({
  id: 'strategy_sheet.audiences-from-canon',
  statement: "Every audience is one of the canon's ICP ids.",
  prompts: ['build/strategy_sheet'],
});

/** What the budget checks read of a campaign (the campaigns row) and its client's currency. */
export interface CampaignBudget {
  budgetMin: number | null;
  budgetMax: number | null;
  timeframeDays: number | null;
  /** The client's currency (its offers' price points, else its market); null when unknown. */
  currency: string | null;
}

export interface PlanIssue {
  path: string;
  message: string;
  rule: string;
}

/** The strategy's budget against the campaign's: total within the range, the client's currency, phases in time. */
export function checkStrategyBudget(
  sheet: Pick<StrategySheet, 'budget' | 'phases'>,
  campaign: CampaignBudget,
): PlanIssue[] {
  const issues: PlanIssue[] = [];
  // Only sheets stored before issue 8 lack a budget; measured against the campaign, that is a finding.
  if (sheet.budget === null)
    issues.push({ path: 'budget', message: 'The sheet states no budget', rule: campaignBudgetRule.id });
  const { total, currency } = sheet.budget ?? { total: Number.NaN, currency: null };
  if (campaign.budgetMax !== null && total > campaign.budgetMax + 0.005)
    issues.push({
      path: 'budget.total',
      message: `${total} ${currency} is more than the campaign's budget of at most ${campaign.budgetMax}`,
      rule: campaignBudgetRule.id,
    });
  if (campaign.budgetMin !== null && total < campaign.budgetMin - 0.005)
    issues.push({
      path: 'budget.total',
      message: `${total} ${currency} is less than the campaign's budget of at least ${campaign.budgetMin}`,
      rule: campaignBudgetRule.id,
    });
  if (campaign.currency !== null && currency !== null && currency !== campaign.currency)
    issues.push({
      path: 'budget.currency',
      message: `${currency} is not the client's currency ${campaign.currency}`,
      rule: budgetCurrencyRule.id,
    });
  const last = sheet.phases.at(-1);
  if (campaign.timeframeDays !== null && last && last.endDay > campaign.timeframeDays)
    issues.push({
      path: `phases.${sheet.phases.length - 1}.endDay`,
      message: `Ends on day ${last.endDay}, after the campaign's ${campaign.timeframeDays} days`,
      rule: phasesTimeframeRule.id,
    });
  return issues;
}

/** The strategy's audiences against the canon's ICPs. */
export function checkStrategyAudiences(
  sheet: Pick<StrategySheet, 'audiences'>,
  icpIds: readonly string[],
): PlanIssue[] {
  return sheet.audiences.flatMap((a, i) =>
    icpIds.includes(a.icpId)
      ? []
      : [
          {
            path: `audiences.${i}.icpId`,
            message: `"${a.icpId}" is not an ICP id of the canon (${icpIds.join(', ') || 'none'})`,
            rule: audiencesFromCanonRule.id,
          },
        ],
  );
}

/** A code check's issue as fed back to the model: the detail, then the sentence of the rule it breaks. */
export function feedbackIssue(issue: { path: string; message: string; rule: string }): {
  path: string;
  message: string;
} {
  const statement = definedRules().find((r) => r.id === issue.rule)?.statement;
  return { path: issue.path, message: statement ? `${issue.message}. Rule: ${statement}` : issue.message };
}
