import { LeadById } from '../../schemas/funnels';
import { leadDeliveries as run } from '../../services/funnels/leads';
import { orgProcedure } from '../../trpc';

export const leadDeliveries = orgProcedure.input(LeadById).query(({ ctx, input }) => run({ ctx, input }));
