import { listSwipeBrands as listRows } from '@mos/db';
import { toJson } from '../../lib/json';
import type { SwipeBrandList } from '../../schemas/swipes';
import type { ServiceCtx } from '../context';
import { withCursor } from '../cursor';

export async function listSwipeBrands({ ctx, input }: { ctx: ServiceCtx; input: SwipeBrandList }) {
  const page = await withCursor(() => listRows(ctx.db, ctx.member.orgId, input));
  return toJson(page);
}
