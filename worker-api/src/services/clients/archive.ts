import { updateClient as updateRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ServiceCtx } from '../context';

export async function archiveClient({ ctx, input }: { ctx: ServiceCtx; input: { id: string } }) {
  const row = await updateRow(ctx.db, ctx.member.orgId, input.id, { status: 'archived' });
  if (!row) throw DomainError.notFound('client');
  return toJson(row);
}
