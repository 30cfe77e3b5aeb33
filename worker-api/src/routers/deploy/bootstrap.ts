import { DeployBootstrap } from '../../schemas/deploy';
import { bootstrapProject } from '../../services/deploy/plans';
import { adminProcedure } from '../../trpc';

export const bootstrap = adminProcedure
  .input(DeployBootstrap)
  .mutation(({ ctx, input }) => bootstrapProject({ ctx, input }));
