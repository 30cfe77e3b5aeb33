import { getAsset as getRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { AssetById } from '../../schemas/assets';
import type { ServiceCtx } from '../context';

export async function getAsset({ ctx, input }: { ctx: ServiceCtx; input: AssetById }) {
  const row = await getRow(ctx.db, ctx.member.orgId, input.id);
  if (!row) throw DomainError.notFound('asset');
  return toJson(row);
}
