import { deleteClientSwipe } from '@mos/db';
import { DomainError } from '../../errors';
import type { SwipeById } from '../../schemas/swipes';
import type { ServiceCtx } from '../context';

export async function removeClientSwipe({ ctx, input }: { ctx: ServiceCtx; input: SwipeById }) {
  if (!(await deleteClientSwipe(ctx.db, ctx.member.orgId, input.id)))
    throw DomainError.notFound('client swipe');
  return { id: input.id, removed: true as const };
}
