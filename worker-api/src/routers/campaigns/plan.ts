import { CampaignById } from '../../schemas/campaigns';
import { planCampaign } from '../../services/campaigns/plan';
import { operatorProcedure } from '../../trpc';

export const plan = operatorProcedure
  .input(CampaignById)
  .mutation(({ ctx, input }) => planCampaign({ ctx, input }));
