import { priorFor } from '@mos/db';
import { DomainError } from '../../errors';
import type { ExperimentPriors } from '../../schemas/experiments';
import type { ServiceCtx } from '../context';

/** The client's vertical's pooled prior on the metric (null until the vertical has finished experiments). */
export async function experimentPriors({ ctx, input }: { ctx: ServiceCtx; input: ExperimentPriors }) {
  const found = await priorFor(ctx.db, ctx.member.orgId, input);
  if (!found) throw DomainError.notFound('client');
  return found;
}
