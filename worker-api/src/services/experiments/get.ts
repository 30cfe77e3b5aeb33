import { getExperiment as getRow, listExperimentPhases } from '@mos/db';
import { ExperimentPlan } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ExperimentById } from '../../schemas/experiments';
import type { ServiceCtx } from '../context';
import { phaseView } from './phases';

/** The experiment with its plan in force (null before a plan was locked), its phase and every phase. */
export async function getExperiment({ ctx, input }: { ctx: ServiceCtx; input: ExperimentById }) {
  const row = await getRow(ctx.db, ctx.member.orgId, input.id);
  if (!row) throw DomainError.notFound('experiment');
  const phases = await listExperimentPhases(ctx.db, ctx.member.orgId, row.id);
  const plan = row.plan === null ? null : ExperimentPlan.safeParse(row.plan);
  return toJson({ ...row, plan: plan?.success ? plan.data : null, phases: phases.map(phaseView) });
}
