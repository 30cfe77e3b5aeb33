import { ExperimentPriors } from '../../schemas/experiments';
import { experimentPriors } from '../../services/experiments/priors';
import { orgProcedure } from '../../trpc';

export const priors = orgProcedure
  .input(ExperimentPriors)
  .query(({ ctx, input }) => experimentPriors({ ctx, input }));
