import {
  type ExperimentPlanChangeInput,
  type ExperimentPlanRefusal,
  PLAN_CHANGE_REFUSED_FAILURE_TYPE,
} from '@mos/db/contracts';
import { ApplicationFailure } from '@temporalio/workflow';
import type { PlanChangeResult } from '../activities/experiment-plans';
import { acts } from './shared/activities';
import { trackedRun } from './shared/run';

/**
 * A person's change of an experiment's locked plan (`experiments.changePlan`): one step computes the new phase's
 * numbers from the current traffic, baseline and prior and locks it. A refusal (a cycle started meanwhile, no plan
 * computable) fails the run with its message; the step's failed log entry names the field to state.
 */
export async function ExperimentPlanChange(
  input: ExperimentPlanChangeInput,
): Promise<PlanChangeResult | { stopped: true }> {
  return trackedRun(input, async (state) => {
    const step = 'compute_plan';
    await state.step(step, { experimentId: input.experimentId, phase: input.phase, changes: input.changes });
    let result: PlanChangeResult;
    try {
      result = await acts.changeExperimentPlan(input);
    } catch (err) {
      const refusal = refusalOf(err);
      if (refusal) {
        state.snapshot.lastError = refusal.message;
        await state.stepFailed(step, refusal);
      }
      throw err;
    }
    await state.stepDone(step, result);
    return result;
  });
}

/** The activity's refusal (field, reason, message) in a failure chain, or null for any other failure. */
function refusalOf(err: unknown): ExperimentPlanRefusal | null {
  let current: unknown = err;
  for (let depth = 0; current instanceof Error && depth < 6; depth++) {
    if (current instanceof ApplicationFailure && current.type === PLAN_CHANGE_REFUSED_FAILURE_TYPE)
      return (current.details?.[0] as ExperimentPlanRefusal | undefined) ?? null;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
