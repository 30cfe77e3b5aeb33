import { ExperimentUpdate } from '../../schemas/experiments';
import { updateExperiment } from '../../services/experiments/update';
import { orgProcedure } from '../../trpc';

export const update = orgProcedure
  .input(ExperimentUpdate)
  .mutation(({ ctx, input }) => updateExperiment({ ctx, input }));
