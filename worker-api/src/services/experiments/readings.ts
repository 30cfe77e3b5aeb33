import { getExperiment, listExperimentReadings } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ExperimentReadings } from '../../schemas/experiments';
import type { ServiceCtx } from '../context';

/** The experiment's readings in time order (at most 500, evenly thinned), for the results-over-time chart. */
export async function experimentReadings({ ctx, input }: { ctx: ServiceCtx; input: ExperimentReadings }) {
  const orgId = ctx.member.orgId;
  if (!(await getExperiment(ctx.db, orgId, input.id))) throw DomainError.notFound('experiment');
  const items = await listExperimentReadings(ctx.db, orgId, input.id, input.phase);
  return { items: toJson(items) };
}
