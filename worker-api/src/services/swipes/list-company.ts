import { listCompanySwipes as listRows } from '@mos/db';
import { toJson } from '../../lib/json';
import type { CompanySwipeList } from '../../schemas/swipes';
import type { ServiceCtx } from '../context';
import { withCursor } from '../cursor';

export async function listCompanySwipes({ ctx, input }: { ctx: ServiceCtx; input: CompanySwipeList }) {
  const page = await withCursor(() => listRows(ctx.db, ctx.member.orgId, input));
  return toJson(page);
}
