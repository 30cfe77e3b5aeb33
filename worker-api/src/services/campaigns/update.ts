import { type CampaignPatch, getClient, lockCampaign, updateCampaign as updateRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { CampaignUpdate } from '../../schemas/campaigns';
import type { ServiceCtx } from '../context';
import { campaignMarkets } from './markets';

export async function updateCampaign({ ctx, input }: { ctx: ServiceCtx; input: CampaignUpdate }) {
  const orgId = ctx.member.orgId;
  const { id, ...fields } = input;
  const patch: CampaignPatch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const row = await ctx.db.transaction(async (tx) => {
    const current = await lockCampaign(tx, orgId, id);
    if (!current) throw DomainError.notFound('campaign');
    // The schema checks the range when both budgets are sent; a one-sided change is checked against the stored other.
    const budgetMin = patch.budgetMin === undefined ? current.budgetMin : patch.budgetMin;
    const budgetMax = patch.budgetMax === undefined ? current.budgetMax : patch.budgetMax;
    if (budgetMin != null && budgetMax != null && budgetMin > budgetMax) {
      throw DomainError.field(['budgetMax'], 'must be at least budgetMin');
    }
    if (patch.markets !== undefined) {
      const client = await getClient(tx, orgId, current.clientId);
      if (!client) throw DomainError.notFound('client');
      patch.markets = campaignMarkets(client, patch.markets);
    }
    return updateRow(tx, orgId, id, patch);
  });
  if (!row) throw DomainError.notFound('campaign');
  return toJson(row);
}
