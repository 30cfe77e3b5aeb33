/**
 * ExperimentSpecSet (`experiment_spec`): every experiment designed for a campaign, in one artifact (reference §3).
 * The prompt that produced it is tracked by the LLM call log, not stored here.
 */
import * as z from 'zod';
import { checkUnique, list, longText, Money, positiveInt, shortText, slug, uuid } from './common';

export const ExperimentVariant = z.strictObject({
  id: slug(),
  name: shortText(),
  description: longText(1000).nullable(),
  /** Channel ids, e.g. `meta`, `tiktok`. */
  channels: list(slug(), 10, 1),
  guardrails: list(shortText(300), 10),
});
export type ExperimentVariant = z.infer<typeof ExperimentVariant>;

export const ExperimentSpec = z
  .strictObject({
    id: slug(),
    name: shortText(),
    hypothesis: longText(1000).nullable(),
    /** Metric ids from the client's metric schema; the first is the decision metric. */
    metricIds: list(slug(), 10, 1),
    variants: list(ExperimentVariant, 8, 2),
    /** Total sample (e.g. visitors or impressions) needed across variants. */
    sampleSizeEstimate: positiveInt().nullable(),
    durationDays: positiveInt(365).nullable(),
    budgetEstimate: Money.nullable(),
  })
  .superRefine((spec, ctx) => {
    checkUnique(spec.variants, (v) => v.id, ctx, ['variants'], 'variant id');
  });
export type ExperimentSpec = z.infer<typeof ExperimentSpec>;

export const ExperimentSpecSet = z
  .strictObject({
    clientId: uuid(),
    campaignId: uuid().nullable(),
    experimentSpecs: list(ExperimentSpec, 10, 1),
  })
  .superRefine((set, ctx) => {
    checkUnique(set.experimentSpecs, (s) => s.id, ctx, ['experimentSpecs'], 'experiment id');
  });
export type ExperimentSpecSet = z.infer<typeof ExperimentSpecSet>;
