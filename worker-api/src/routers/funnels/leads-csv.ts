import { LeadsCsv } from '../../schemas/funnels';
import { leadsCsv as run } from '../../services/funnels/leads';
import { orgProcedure } from '../../trpc';

export const leadsCsv = orgProcedure.input(LeadsCsv).query(({ ctx, input }) => run({ ctx, input }));
