import { getCampaign as getRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { CampaignById } from '../../schemas/campaigns';
import type { ServiceCtx } from '../context';

export async function getCampaign({ ctx, input }: { ctx: ServiceCtx; input: CampaignById }) {
  const row = await getRow(ctx.db, ctx.member.orgId, input.id);
  if (!row) throw DomainError.notFound('campaign');
  return toJson(row);
}
