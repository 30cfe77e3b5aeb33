import { getClient, insertCampaign } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { CampaignCreate } from '../../schemas/campaigns';
import type { ServiceCtx } from '../context';
import { campaignCurrency, campaignMarkets } from './markets';

export async function createCampaign({ ctx, input }: { ctx: ServiceCtx; input: CampaignCreate }) {
  const orgId = ctx.member.orgId;
  const row = await ctx.db.transaction(async (tx) => {
    const client = await getClient(tx, orgId, input.clientId);
    if (!client) throw DomainError.notFound('client');
    const markets = campaignMarkets(client, input.markets);
    const campaign = await insertCampaign(tx, orgId, {
      clientId: input.clientId,
      name: input.name,
      goalDescription: input.goalDescription ?? null,
      objectiveType: input.objectiveType ?? null,
      numericTarget: input.numericTarget ?? null,
      baseline: input.baseline ?? null,
      timeframeDays: input.timeframeDays ?? null,
      budgetMin: input.budgetMin ?? null,
      budgetMax: input.budgetMax ?? null,
      markets,
      currency: campaignCurrency(markets, input.currency),
      specialAdCategory: input.specialAdCategory ?? null,
    });
    return { ...campaign, clientName: client.name };
  });
  return toJson(row);
}
