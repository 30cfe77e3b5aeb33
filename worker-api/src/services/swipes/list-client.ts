import { getClient, listClientSwipes as listRows } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ClientSwipeList } from '../../schemas/swipes';
import type { ServiceCtx } from '../context';
import { withCursor } from '../cursor';

export async function listClientSwipes({ ctx, input }: { ctx: ServiceCtx; input: ClientSwipeList }) {
  const page = await withCursor(() => listRows(ctx.db, ctx.member.orgId, input));
  // Rows are org-scoped, so a non-empty page proves the client is ours; only an empty one needs the check
  // that tells "no swipes yet" from another org's (or a missing) client.
  if (page.items.length === 0 && !(await getClient(ctx.db, ctx.member.orgId, input.clientId))) {
    throw DomainError.notFound('client');
  }
  return toJson(page);
}
