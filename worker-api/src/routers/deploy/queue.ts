import { DeployProjectRef } from '../../schemas/deploy';
import { projectQueue } from '../../services/deploy/runs';
import { adminProcedure } from '../../trpc';

export const queue = adminProcedure
  .input(DeployProjectRef)
  .query(({ ctx, input }) => projectQueue({ ctx, input }));
