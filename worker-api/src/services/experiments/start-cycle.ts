import { lockExperimentForCycle, updateExperiment } from '@mos/db';
import { PlanStopRule } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ExperimentStartCycle } from '../../schemas/experiments';
import type { ServiceCtx } from '../context';
import { startWorkflowRun } from '../workflows/start-run';
import { ENTER_FROM } from './transitions';

/**
 * Starts ExperimentCycle (business id `experiment-cycle-{experimentId}`) and sets the experiment running,
 * in one transaction: the row lock makes a second concurrent start see the first run and answer CONFLICT.
 */
export async function startExperimentCycle({ ctx, input }: { ctx: ServiceCtx; input: ExperimentStartCycle }) {
  const orgId = ctx.member.orgId;
  const workflowId = `experiment-cycle-${input.experimentId}`;
  return ctx.db.transaction(async (tx) => {
    const locked = await lockExperimentForCycle(tx, orgId, input.experimentId, workflowId);
    if (!locked) throw DomainError.notFound('experiment');
    if (locked.cycleRunning)
      throw new DomainError('CONFLICT', 'a cycle for this experiment is already running');
    const current = locked.experiment;
    if (!ENTER_FROM.running.includes(current.status)) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `the experiment is ${current.status}; a cycle cannot start`,
      );
    }
    if (input.stopRule) checkStopRule(current.plan, input.stopRule);
    const experiment = await updateExperiment(
      tx,
      orgId,
      current.id,
      { status: 'running' },
      ENTER_FROM.running,
    );
    if (!experiment) throw new Error('locked experiment row was not updated');
    const run = await startWorkflowRun(ctx, tx, {
      kind: 'experiment_cycle',
      workflowId,
      clientId: experiment.clientId,
      campaignId: experiment.campaignId,
      input: {
        experimentId: experiment.id,
        experimentSpecArtifactId: experiment.experimentSpecArtifactId,
        specId: experiment.specId,
        ...(input.pollSeconds === undefined ? {} : { pollSeconds: input.pollSeconds }),
      },
    });
    return { runId: run.id, workflowId: run.temporalWorkflowId, experiment: toJson(experiment) };
  });
}

/**
 * The stop rule is pre-registered: a cycle runs under the locked plan's, so a caller naming another one is refused
 * (PRECONDITION_FAILED naming `stopRule`) and pointed at changePlan, which starts a new phase.
 */
function checkStopRule(storedPlan: unknown, asked: PlanStopRule): void {
  // Only the rule and the phase are read here (the whole plan schema would weigh on the Worker bundle).
  const locked = storedPlan as { stopRule?: unknown; phase?: unknown } | null;
  const rule = PlanStopRule.safeParse(locked?.stopRule);
  if (!rule.success) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      'stopRule: the experiment has no locked plan to run a stop rule from; lock one with experiments.changePlan',
      { issues: [{ path: ['stopRule'], message: 'the experiment has no locked plan', reason: 'no_plan' }] },
    );
  }
  if (!sameRule(rule.data, asked)) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      `stopRule: differs from the locked plan's (phase ${String(locked?.phase ?? 1)}); change the plan with experiments.changePlan, which starts a new phase`,
      { issues: [{ path: ['stopRule'], message: "differs from the locked plan's", reason: 'plan_locked' }] },
    );
  }
}

function sameRule(a: PlanStopRule, b: PlanStopRule): boolean {
  if (a.kind === 'sequential' && b.kind === 'sequential')
    return a.alpha === b.alpha && a.minPerArm === b.minPerArm && a.plannedPerArm === b.plannedPerArm;
  if (a.kind === 'fixed' && b.kind === 'fixed')
    return a.alpha === b.alpha && a.samplePerArm === b.samplePerArm;
  return false;
}
