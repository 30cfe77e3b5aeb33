import { getClient as getRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ServiceCtx } from '../context';

export async function getClient({ ctx, input }: { ctx: ServiceCtx; input: { id: string } }) {
  const row = await getRow(ctx.db, ctx.member.orgId, input.id);
  if (!row) throw DomainError.notFound('client');
  return toJson(row);
}
