/**
 * ExperimentSpecSet (`experiment_spec`): every experiment designed for a campaign, in one artifact (reference §3).
 * The prompt that produced it is tracked by the LLM call log, not stored here.
 */
import * as z from 'zod';
import { checkUnique, list, longText, Money, positiveInt, shortText, slug, uuid } from './common';
import { defineRule, ruleIssue } from './rules';

/**
 * What one experiment varies between its arms; everything else stays the same in every arm's brief and assets
 * (checked by code on the briefs: `checkArmsDifferOnlyIn`).
 */
export const TESTED_VARIABLES = ['hook', 'angle', 'offer', 'format', 'audience', 'landing_page'] as const;
export const TestedVariable = z
  .enum(TESTED_VARIABLES)
  .describe(
    'The one thing the arms of this experiment differ in: hook (first line / first 3 seconds), angle (the ' +
      'argument and its hook), offer (which offer or price point), format (e.g. video vs static), audience ' +
      '(which ICP) or landing_page.',
  );
export type TestedVariable = z.infer<typeof TestedVariable>;

export const experimentControlRule = defineRule({
  id: 'experiment_spec.control-is-a-variant',
  statement: "`controlVariantId` is the id of one of the experiment's own variants.",
  prompts: ['build/experiment_specs'],
});

export const uniqueVariantsRule = defineRule({
  id: 'experiment_spec.unique-variant-ids',
  statement: 'Variant ids are unique within an experiment.',
  prompts: ['build/experiment_specs'],
});
export const uniqueExperimentsRule = defineRule({
  id: 'experiment_spec.unique-experiment-ids',
  statement: 'Experiment ids are unique.',
  prompts: ['build/experiment_specs'],
});

export const ExperimentVariant = z.strictObject({
  id: slug(),
  name: shortText(),
  description: longText(1000).nullable(),
  /** Channel ids, e.g. `meta`, `tiktok`. */
  channels: list(slug(), 10, 1),
  guardrails: list(shortText(300), 10).describe(
    "Rules specific to this arm of the test, on top of the canon's constraints (e.g. for a subscription offer: " +
      '"State the renewal interval and how to cancel").',
  ),
});
export type ExperimentVariant = z.infer<typeof ExperimentVariant>;

export const ExperimentSpec = z
  .strictObject({
    id: slug(),
    name: shortText(),
    hypothesis: longText(1000).nullable(),
    /** Null only on specs stored before issue 8 (not stated); a model always states it (model-output.ts). */
    testedVariable: TestedVariable.nullable(),
    /** The arm the others are compared with (the current best practice or the status quo); null as above. */
    controlVariantId: slug()
      .describe("Id of the variant that is the control (one of this experiment's variants).")
      .nullable(),
    /** What every arm keeps the same, in words a creative team can follow (channels, format, offer, audience…). */
    constants: list(shortText(300), 10).describe(
      'What stays the same in every arm (e.g. "Same 30s UGC video format", "Same offer: Starter Set $49").',
    ),
    /** Metric ids from the client's metric schema; the first is the decision metric. */
    metricIds: list(slug(), 10, 1),
    variants: list(ExperimentVariant, 8, 2),
    /** Total sample (e.g. visitors or impressions) needed across variants. */
    sampleSizeEstimate: positiveInt().nullable(),
    durationDays: positiveInt(365).nullable(),
    budgetEstimate: Money.nullable(),
  })
  .superRefine((spec, ctx) => {
    checkUnique(spec.variants, (v) => v.id, ctx, ['variants'], 'variant id', uniqueVariantsRule);
    if (spec.controlVariantId !== null && !spec.variants.some((v) => v.id === spec.controlVariantId)) {
      ruleIssue(
        ctx,
        experimentControlRule,
        ['controlVariantId'],
        `"${spec.controlVariantId}" is not one of this experiment's variant ids (${spec.variants.map((v) => v.id).join(', ')})`,
      );
    }
  });
export type ExperimentSpec = z.infer<typeof ExperimentSpec>;

export const ExperimentSpecSet = z
  .strictObject({
    clientId: uuid(),
    campaignId: uuid().nullable(),
    experimentSpecs: list(ExperimentSpec, 10, 1),
  })
  .superRefine((set, ctx) => {
    checkUnique(
      set.experimentSpecs,
      (s) => s.id,
      ctx,
      ['experimentSpecs'],
      'experiment id',
      uniqueExperimentsRule,
    );
  });
export type ExperimentSpecSet = z.infer<typeof ExperimentSpecSet>;
