import { ExperimentById } from '../../schemas/experiments';
import { experimentPhases } from '../../services/experiments/phases';
import { orgProcedure } from '../../trpc';

export const phases = orgProcedure
  .input(ExperimentById)
  .query(({ ctx, input }) => experimentPhases({ ctx, input }));
