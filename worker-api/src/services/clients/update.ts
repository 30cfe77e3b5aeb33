import { updateClient as updateRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ClientUpdate } from '../../schemas/clients';
import type { ServiceCtx } from '../context';

export async function updateClient({ ctx, input }: { ctx: ServiceCtx; input: ClientUpdate }) {
  const { id, ...patch } = input;
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const row = await updateRow(ctx.db, ctx.member.orgId, id, defined);
  if (!row) throw DomainError.notFound('client');
  return toJson(row);
}
