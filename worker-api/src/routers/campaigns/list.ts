import { CampaignList } from '../../schemas/campaigns';
import { listCampaigns } from '../../services/campaigns/list';
import { orgProcedure } from '../../trpc';

export const list = orgProcedure.input(CampaignList).query(({ ctx, input }) => listCampaigns({ ctx, input }));
