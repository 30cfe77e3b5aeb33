import { PageRef } from '../../schemas/funnels';
import { approvePage as run } from '../../services/funnels/pages';
import { operatorProcedure } from '../../trpc';

export const approvePage = operatorProcedure.input(PageRef).mutation(({ ctx, input }) => run({ ctx, input }));
