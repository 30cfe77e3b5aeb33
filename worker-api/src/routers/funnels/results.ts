import { ResultsWindow } from '../../schemas/funnels';
import { getResults } from '../../services/funnels/results';
import { orgProcedure } from '../../trpc';

export const results = orgProcedure
  .input(ResultsWindow)
  .query(({ ctx, input }) => getResults({ ctx, input }));
