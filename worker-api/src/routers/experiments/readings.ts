import { ExperimentReadings } from '../../schemas/experiments';
import { experimentReadings } from '../../services/experiments/readings';
import { orgProcedure } from '../../trpc';

export const readings = orgProcedure
  .input(ExperimentReadings)
  .query(({ ctx, input }) => experimentReadings({ ctx, input }));
