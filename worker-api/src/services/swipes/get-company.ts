import { getCompanySwipe as getRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { SwipeById } from '../../schemas/swipes';
import type { ServiceCtx } from '../context';

export async function getCompanySwipe({ ctx, input }: { ctx: ServiceCtx; input: SwipeById }) {
  const row = await getRow(ctx.db, ctx.member.orgId, input.id);
  if (!row) throw DomainError.notFound('swipe');
  return toJson(row);
}
