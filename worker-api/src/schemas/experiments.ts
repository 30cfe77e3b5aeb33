import { DecisionMetricId, EXPERIMENT_STATUSES, Guardrail, PlanStopRule } from '@mos/db/contracts';
import * as z from 'zod';
import { Cursor, Id, Limit, Name } from './common';

export { EXPERIMENT_STATUSES };
export const ExperimentStatus = z.enum(EXPERIMENT_STATUSES);
export type ExperimentStatus = z.infer<typeof ExperimentStatus>;

/** The id of a spec inside an ExperimentSpecSet (same shape as the artifact schema's ids). */
const SpecId = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'must be an id of letters, digits, ".", "_", ":" or "-"');

export const ExperimentList = z.strictObject({
  clientId: Id.optional(),
  campaignId: Id.optional(),
  status: ExperimentStatus.optional(),
  cursor: Cursor,
  limit: Limit,
});
export type ExperimentList = z.infer<typeof ExperimentList>;

export const ExperimentById = z.strictObject({ id: Id });
export type ExperimentById = z.infer<typeof ExperimentById>;

export const ExperimentCreate = z.strictObject({
  campaignId: Id,
  experimentSpecArtifactId: Id,
  specId: SpecId,
  name: Name,
});
export type ExperimentCreate = z.infer<typeof ExperimentCreate>;

export const ExperimentUpdate = z.strictObject({
  id: Id,
  name: Name.optional(),
  status: ExperimentStatus.optional(),
});
export type ExperimentUpdate = z.infer<typeof ExperimentUpdate>;

export const ExperimentDesign = z.strictObject({ campaignId: Id });
export type ExperimentDesign = z.infer<typeof ExperimentDesign>;

export const ExperimentStartCycle = z.strictObject({
  experimentId: Id,
  /** Seconds between reads (default 60). */
  pollSeconds: z
    .number()
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1 second')
    .max(86_400, 'must be at most a day (86400 seconds)')
    .optional(),
  /** The plan's stop rule, as the caller saw it: it must equal the locked plan's (a change is a new phase). */
  stopRule: PlanStopRule.optional(),
});
export type ExperimentStartCycle = z.infer<typeof ExperimentStartCycle>;

/**
 * A changed plan starts a new phase: its numbers are computed again (sample per arm, expected days, baseline,
 * prior) from what changed; omitted fields keep the current plan's.
 */
export const ExperimentChangePlan = z.strictObject({
  id: Id,
  /** Why the plan changes (kept with the phase and in the audit log). */
  reason: z.string().trim().min(3, 'say why the plan changes (at least 3 characters)').max(1000),
  /** Minimum detectable effect, relative (0.1 = 10 %). */
  mde: z.number().gt(0, 'must be greater than 0').max(1, 'at most 1 (100 %)').optional(),
  guardrails: z.array(Guardrail).max(5, 'at most 5 guardrails').optional(),
  stopRule: z.enum(['sequential', 'fixed']).optional(),
  primaryMetric: DecisionMetricId.optional(),
});
export type ExperimentChangePlan = z.infer<typeof ExperimentChangePlan>;

export const ExperimentReadings = z.strictObject({
  id: Id,
  /** One phase's readings; all phases when absent. */
  phase: z.number().int().positive().optional(),
});
export type ExperimentReadings = z.infer<typeof ExperimentReadings>;
