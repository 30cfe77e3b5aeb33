import {
  computeSpecPlan,
  getArtifact,
  listExperimentPhases,
  lockExperimentForCycle,
  startNextPhase,
  writeAudit,
} from '@mos/db';
import { ExperimentPlan, parseStoredArtifactData } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ExperimentChangePlan } from '../../schemas/experiments';
import type { ServiceCtx } from '../context';
import { phaseView } from './phases';

/**
 * A new phase with a changed plan (pre-registration: a locked plan is never edited): the numbers are computed
 * again from the current traffic, baseline and prior, the old phase ends, and the change is audited. Refused while
 * the experiment's cycle runs (its readings belong to the phase in force) and once the experiment is finished.
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

    const artifact = await getArtifact(tx, orgId, experiment.experimentSpecArtifactId);
    const doc = artifact ? parseStoredArtifactData('experiment_spec', artifact.data) : null;
    const spec = doc?.success ? doc.data.experimentSpecs.find((s) => s.id === experiment.specId) : undefined;
    if (!spec) throw DomainError.notFound('experiment spec');
    const current = experiment.plan === null ? null : ExperimentPlan.safeParse(experiment.plan);
    const plan = current?.success ? current.data : null;

    // The current plan's choices, then the person's changes on top.
    const base = {
      ...spec,
      primaryMetric: input.primaryMetric ?? plan?.primaryMetric ?? spec.primaryMetric,
      guardrails: input.guardrails ?? plan?.guardrails ?? spec.guardrails,
      stopRule: input.stopRule ?? plan?.stopRule.kind ?? spec.stopRule,
      mde: plan?.mde ?? spec.mde,
    };
    // The locked plan's MDE was approved by a person: it stays unless they change it (never a newer prior's).
    const personMde = input.mde ?? plan?.mde;
    const phase = plan ? experiment.phase + 1 : 1;
    const out = await computeSpecPlan(tx, orgId, {
      clientId: experiment.clientId,
      campaignId: experiment.campaignId,
      spec: base,
      phase,
      ...(personMde === undefined ? {} : { choices: { mde: personMde } }),
    });
    if (!out.ok) {
      const path = out.field === 'mde' || out.field === 'primaryMetric' ? [out.field] : ['id'];
      throw new DomainError(out.field === 'mde' ? 'VALIDATION' : 'PRECONDITION_FAILED', out.message, {
        issues: [{ path, message: out.message, reason: `no_plan_${out.field}` }],
      });
    }
    await startNextPhase(tx, orgId, {
      experimentId: experiment.id,
      plan: out.plan,
      reason: input.reason,
      lockedBy: ctx.member.userId,
    });
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'experiment.plan.change',
      targetType: 'experiment',
      targetId: experiment.id,
      data: {
        reason: input.reason,
        fromPhase: plan ? experiment.phase : null,
        toPhase: phase,
        changed: Object.keys(input).filter((k) => k !== 'id' && k !== 'reason'),
        samplePerArm: out.plan.samplePerArm,
        expectedDays: out.plan.expectedDays,
      },
    });
    const phases = await listExperimentPhases(tx, orgId, experiment.id);
    return toJson({ experimentId: experiment.id, phase, plan: out.plan, phases: phases.map(phaseView) });
  });
}
