import { PageUpdate } from '../../schemas/funnels';
import { updatePage as run } from '../../services/funnels/pages';
import { operatorProcedure } from '../../trpc';

export const updatePage = operatorProcedure
  .input(PageUpdate)
  .mutation(({ ctx, input }) => run({ ctx, input }));
