import { getExperiment, listExperimentPhases, type PhaseRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ExperimentById } from '../../schemas/experiments';
import type { ServiceCtx } from '../context';

/** A phase as the API answers it: which plan was in force, why it began, who locked it, and when it ended. */
export function phaseView(p: PhaseRow) {
  return {
    phase: p.phase,
    plan: p.plan,
    reason: p.reason,
    lockedBy: p.lockedBy,
    approvalId: p.approvalId,
    startedAt: p.startedAt,
    endedAt: p.endedAt,
  };
}

/** Every phase of an experiment, oldest first (each keeps the plan its numbers were read under). */
export async function experimentPhases({ ctx, input }: { ctx: ServiceCtx; input: ExperimentById }) {
  const orgId = ctx.member.orgId;
  const experiment = await getExperiment(ctx.db, orgId, input.id);
  if (!experiment) throw DomainError.notFound('experiment');
  const phases = await listExperimentPhases(ctx.db, orgId, input.id);
  return toJson({ items: phases.map(phaseView) });
}
