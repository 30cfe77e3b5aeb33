/**
 * ExperimentReport (`experiment_report`): results, decision and learnings of a campaign's experiments
 * (reference §3). The original's free-form metric dicts are arrays of named values here.
 */
import * as z from 'zod';
import { checkUnique, list, longText, shortText, slug, uuid } from './common';

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
  })
  .superRefine((result, ctx) => {
    if (result.decision === 'winner' && result.winningVariantId === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['winningVariantId'],
        message: 'A "winner" decision needs the winning variant id',
      });
    }
    if (result.decision !== 'winner' && result.winningVariantId !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['winningVariantId'],
        message: 'Only a "winner" decision names a winning variant; use null',
      });
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
    checkUnique(report.results, (r) => r.experimentId, ctx, ['results'], 'experiment id');
  });
export type ExperimentReport = z.infer<typeof ExperimentReport>;
