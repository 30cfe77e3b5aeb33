import { ExperimentDesign } from '../../schemas/experiments';
import { designExperiments } from '../../services/experiments/design';
import { operatorProcedure } from '../../trpc';

export const design = operatorProcedure
  .input(ExperimentDesign)
  .mutation(({ ctx, input }) => designExperiments({ ctx, input }));
