/**
 * ExperimentReport (`experiment_report`): results, decision and learnings of a campaign's experiments
 * (reference §3). The original's free-form metric dicts are arrays of named values here.
 */
import * as z from 'zod';
import { DecisionMetricId } from '../contracts/experiments';
import { checkUnique, list, longText, shortText, slug, uuid } from './common';
import { defineRule, ruleIssue } from './rules';

export const MetricValue = z.strictObject({
  metricId: slug(),
  /** The variant measured; null for the experiment as a whole. */
  variantId: slug().nullable(),
  value: z.number(),
  unit: shortText(30).nullable(),
});
export type MetricValue = z.infer<typeof MetricValue>;

export const EXPERIMENT_DECISIONS = [
  'winner',
  'no_significant_difference',
  'inconclusive',
  'stopped',
] as const;
export const ExperimentDecision = z.enum(EXPERIMENT_DECISIONS);
export type ExperimentDecision = z.infer<typeof ExperimentDecision>;

/**
 * Where a report's numbers come from (issue 11): the locked plan's phase, the metric tested, the stop rule's method
 * and alpha, and what the cycle's rule said (`DecisionReason` code). Set by code; null on reports from before plans.
 */
export const ExperimentReadout = z.strictObject({
  phase: z.number().int().positive(),
  metric: DecisionMetricId,
  method: z.enum(['sequential', 'fixed']),
  alpha: z.number().gt(0).lt(1),
  action: z.enum(['ship', 'stop', 'continue']),
  reason: slug(),
  polls: z.number().int().nonnegative(),
  /** The experiment_decisions row a person approved (null: stopped, or read out without a decision). */
  decisionId: uuid().nullable(),
});
export type ExperimentReadout = z.infer<typeof ExperimentReadout>;

const PROMPTS = ['build/experiment_report'];

export const EXPERIMENT_REPORT_RULES = {
  winnerVariant: defineRule({
    id: 'experiment_report.winner-variant',
    statement:
      'A `winner` decision names its winning variant in `winningVariantId`; every other decision has `winningVariantId` null.',
    prompts: PROMPTS,
  }),
  uniqueResults: defineRule({
    id: 'experiment_report.unique-results',
    statement: 'Each experiment has exactly one item in `results`.',
    prompts: PROMPTS,
  }),
};

export const ExperimentResult = z
  .strictObject({
    experimentId: slug(),
    decision: ExperimentDecision,
    /** Set exactly when `decision` is `winner`. */
    winningVariantId: slug().nullable(),
    primaryMetrics: list(MetricValue, 50),
    secondaryMetrics: list(MetricValue, 100),
    insights: list(longText(1000), 20),
    recommendations: list(longText(1000), 20),
    readout: ExperimentReadout.nullable(),
  })
  .superRefine((result, ctx) => {
    const rule = EXPERIMENT_REPORT_RULES.winnerVariant;
    if (result.decision === 'winner' && result.winningVariantId === null) {
      ruleIssue(ctx, rule, ['winningVariantId'], 'A "winner" decision needs the winning variant id');
    }
    if (result.decision !== 'winner' && result.winningVariantId !== null) {
      ruleIssue(
        ctx,
        rule,
        ['winningVariantId'],
        'Only a "winner" decision names a winning variant; use null',
      );
    }
  });
export type ExperimentResult = z.infer<typeof ExperimentResult>;

export const ExperimentReport = z
  .strictObject({
    clientId: uuid(),
    campaignId: uuid().nullable(),
    results: list(ExperimentResult, 20),
    summary: longText(5000).nullable(),
  })
  .superRefine((report, ctx) => {
    checkUnique(
      report.results,
      (r) => r.experimentId,
      ctx,
      ['results'],
      'experiment id',
      EXPERIMENT_REPORT_RULES.uniqueResults,
    );
  });
export type ExperimentReport = z.infer<typeof ExperimentReport>;
