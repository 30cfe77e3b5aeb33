import { DeployRollback } from '../../schemas/deploy';
import { rollbackRun } from '../../services/deploy/runs';
import { adminProcedure } from '../../trpc';

export const rollback = adminProcedure
  .input(DeployRollback)
  .mutation(({ ctx, input }) => rollbackRun({ ctx, input }));
