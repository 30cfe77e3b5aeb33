import { ExperimentStartCycle } from '../../schemas/experiments';
import { startExperimentCycle } from '../../services/experiments/start-cycle';
import { operatorProcedure } from '../../trpc';

export const startCycle = operatorProcedure
  .input(ExperimentStartCycle)
  .mutation(({ ctx, input }) => startExperimentCycle({ ctx, input }));
