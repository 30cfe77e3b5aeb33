import { PageCreate } from '../../schemas/funnels';
import { createPage as run } from '../../services/funnels/pages';
import { operatorProcedure } from '../../trpc';

export const createPage = operatorProcedure
  .input(PageCreate)
  .mutation(({ ctx, input }) => run({ ctx, input }));
