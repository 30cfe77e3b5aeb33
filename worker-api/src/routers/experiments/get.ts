import { ExperimentById } from '../../schemas/experiments';
import { getExperiment } from '../../services/experiments/get';
import { orgProcedure } from '../../trpc';

export const get = orgProcedure
  .input(ExperimentById)
  .query(({ ctx, input }) => getExperiment({ ctx, input }));
