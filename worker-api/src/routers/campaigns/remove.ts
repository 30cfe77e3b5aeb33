import { CampaignById } from '../../schemas/campaigns';
import { removeCampaign } from '../../services/campaigns/remove';
import { adminProcedure } from '../../trpc';

export const remove = adminProcedure
  .input(CampaignById)
  .mutation(({ ctx, input }) => removeCampaign({ ctx, input }));
