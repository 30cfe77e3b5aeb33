import { listClients as listRows } from '@mos/db';
import { toJson } from '../../lib/json';
import type { ClientList } from '../../schemas/clients';
import type { ServiceCtx } from '../context';
import { withCursor } from '../cursor';

export async function listClients({ ctx, input }: { ctx: ServiceCtx; input: ClientList }) {
  const page = await withCursor(() => listRows(ctx.db, ctx.member.orgId, input));
  return toJson(page);
}
