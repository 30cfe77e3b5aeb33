import { CampaignUpdate } from '../../schemas/campaigns';
import { updateCampaign } from '../../services/campaigns/update';
import { orgProcedure } from '../../trpc';

export const update = orgProcedure
  .input(CampaignUpdate)
  .mutation(({ ctx, input }) => updateCampaign({ ctx, input }));
