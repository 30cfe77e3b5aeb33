import { getClient, listCampaigns as listRows } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { CampaignList } from '../../schemas/campaigns';
import type { ServiceCtx } from '../context';
import { withCursor } from '../cursor';

export async function listCampaigns({ ctx, input }: { ctx: ServiceCtx; input: CampaignList }) {
  const page = await withCursor(() => listRows(ctx.db, ctx.member.orgId, input));
  // Filtering on another org's client answers NOT_FOUND, as reading it would; checked only when empty.
  if (
    page.items.length === 0 &&
    input.clientId &&
    !(await getClient(ctx.db, ctx.member.orgId, input.clientId))
  ) {
    throw DomainError.notFound('client');
  }
  return toJson(page);
}
