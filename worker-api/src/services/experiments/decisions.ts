import { getExperiment, listExperimentDecisions } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ExperimentById } from '../../schemas/experiments';
import type { ServiceCtx } from '../context';

/** The decisions the cycle proposed, with who approved or rejected each and what applying it changed. */
export async function experimentDecisions({ ctx, input }: { ctx: ServiceCtx; input: ExperimentById }) {
  const orgId = ctx.member.orgId;
  if (!(await getExperiment(ctx.db, orgId, input.id))) throw DomainError.notFound('experiment');
  const items = await listExperimentDecisions(ctx.db, orgId, input.id);
  return { items: toJson(items) };
}
