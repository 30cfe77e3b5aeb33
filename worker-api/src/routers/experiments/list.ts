import { ExperimentList } from '../../schemas/experiments';
import { listExperiments } from '../../services/experiments/list';
import { orgProcedure } from '../../trpc';

export const list = orgProcedure
  .input(ExperimentList)
  .query(({ ctx, input }) => listExperiments({ ctx, input }));
