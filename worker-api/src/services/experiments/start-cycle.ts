import { lockExperimentForCycle, updateExperiment } from '@mos/db';
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
      },
    });
    return { runId: run.id, workflowId: run.temporalWorkflowId, experiment: toJson(experiment) };
  });
}
