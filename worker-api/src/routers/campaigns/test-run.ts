import { CampaignById } from '../../schemas/campaigns';
import { testRunCampaign } from '../../services/campaigns/test-run';
import { operatorProcedure } from '../../trpc';

export const testRun = operatorProcedure
  .input(CampaignById)
  .mutation(({ ctx, input }) => testRunCampaign({ ctx, input }));
