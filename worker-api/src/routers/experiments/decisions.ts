import { ExperimentById } from '../../schemas/experiments';
import { experimentDecisions } from '../../services/experiments/decisions';
import { orgProcedure } from '../../trpc';

export const decisions = orgProcedure
  .input(ExperimentById)
  .query(({ ctx, input }) => experimentDecisions({ ctx, input }));
