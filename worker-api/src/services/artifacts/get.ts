import { getArtifact as getRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { ArtifactById } from '../../schemas/artifacts';
import type { ServiceCtx } from '../context';

export async function getArtifact({ ctx, input }: { ctx: ServiceCtx; input: ArtifactById }) {
  const row = await getRow(ctx.db, ctx.member.orgId, input.id);
  if (!row) throw DomainError.notFound('artifact');
  return toJson(row);
}
