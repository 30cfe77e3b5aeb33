import { CampaignById } from '../../schemas/campaigns';
import { getCampaign } from '../../services/campaigns/get';
import { orgProcedure } from '../../trpc';

export const get = orgProcedure.input(CampaignById).query(({ ctx, input }) => getCampaign({ ctx, input }));
