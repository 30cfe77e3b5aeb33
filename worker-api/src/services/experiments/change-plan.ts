import { lockExperimentForCycle, writeAudit } from '@mos/db';
import type { ExperimentPlanChanges } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import type { ExperimentChangePlan } from '../../schemas/experiments';
import type { ServiceCtx } from '../context';
import { startWorkflowRun } from '../workflows/start-run';

/**
 * A new phase with a changed plan (pre-registration: a locked plan is never edited). Checked here: the experiment
 * is the caller's org's, no cycle runs (its readings belong to the phase in force), it is not finished; then an
 * ExperimentPlanChange run (business id `experiment-plan-change-{id}`: one change at a time) computes the numbers
 * from the current traffic, baseline and prior in the Temporal worker — the statistics stay out of the Worker
 * bundle — and locks the new phase, or fails with the field to state. The request is audited.
 */
export async function changeExperimentPlan({ ctx, input }: { ctx: ServiceCtx; input: ExperimentChangePlan }) {
  const orgId = ctx.member.orgId;
  return ctx.db.transaction(async (tx) => {
    const locked = await lockExperimentForCycle(tx, orgId, input.id, `experiment-cycle-${input.id}`);
    if (!locked) throw DomainError.notFound('experiment');
    const { experiment, cycleRunning } = locked;
    if (cycleRunning || experiment.status === 'running')
      throw new DomainError(
        'PRECONDITION_FAILED',
        "the experiment's cycle is running: its plan cannot change while it reads results; stop the cycle first",
        { issues: [{ path: ['id'], message: 'a cycle is running', reason: 'cycle_running' }] },
      );
    if (experiment.status === 'completed' || experiment.status === 'cancelled')
      throw new DomainError(
        'PRECONDITION_FAILED',
        `the experiment is ${experiment.status}; its plan is final`,
        {
          issues: [{ path: ['id'], message: `is ${experiment.status}`, reason: 'experiment_finished' }],
        },
      );

    // No plan locked yet (an experiment created by hand): the change locks phase 1.
    const seenPhase = experiment.plan === null ? null : experiment.phase;
    const phase = seenPhase === null ? 1 : seenPhase + 1;
    const { id: _id, reason, ...changes } = input;
    const run = await startWorkflowRun(ctx, tx, {
      kind: 'experiment_plan_change',
      workflowId: `experiment-plan-change-${experiment.id}`,
      clientId: experiment.clientId,
      campaignId: experiment.campaignId,
      input: {
        experimentId: experiment.id,
        reason,
        seenPhase,
        phase,
        changes: changes satisfies ExperimentPlanChanges,
      },
    });
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'experiment.plan.change',
      targetType: 'experiment',
      targetId: experiment.id,
      data: { reason, fromPhase: seenPhase, toPhase: phase, changed: Object.keys(changes), runId: run.id },
    });
    return { runId: run.id, workflowId: run.temporalWorkflowId, experimentId: experiment.id, phase };
  });
}
