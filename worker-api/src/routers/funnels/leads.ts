import { LeadList } from '../../schemas/funnels';
import { listLeads } from '../../services/funnels/leads';
import { orgProcedure } from '../../trpc';

export const leads = orgProcedure.input(LeadList).query(({ ctx, input }) => listLeads({ ctx, input }));
