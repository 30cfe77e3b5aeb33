import { getExperiment as getRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ExperimentById } from '../../schemas/experiments';
import type { ServiceCtx } from '../context';

export async function getExperiment({ ctx, input }: { ctx: ServiceCtx; input: ExperimentById }) {
  const row = await getRow(ctx.db, ctx.member.orgId, input.id);
  if (!row) throw DomainError.notFound('experiment');
  return toJson(row);
}
