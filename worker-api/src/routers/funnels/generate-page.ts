import { GeneratePage } from '../../schemas/funnels';
import { generatePage as run } from '../../services/funnels/generate-page';
import { operatorProcedure } from '../../trpc';

export const generatePage = operatorProcedure
  .input(GeneratePage)
  .mutation(({ ctx, input }) => run({ ctx, input }));
