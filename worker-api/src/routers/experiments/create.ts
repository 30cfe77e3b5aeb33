import { ExperimentCreate } from '../../schemas/experiments';
import { createExperiment } from '../../services/experiments/create';
import { orgProcedure } from '../../trpc';

export const create = orgProcedure
  .input(ExperimentCreate)
  .mutation(({ ctx, input }) => createExperiment({ ctx, input }));
