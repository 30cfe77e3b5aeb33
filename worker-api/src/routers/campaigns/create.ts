import { CampaignCreate } from '../../schemas/campaigns';
import { createCampaign } from '../../services/campaigns/create';
import { orgProcedure } from '../../trpc';

export const create = orgProcedure
  .input(CampaignCreate)
  .mutation(({ ctx, input }) => createCampaign({ ctx, input }));
