import { DeployProjectRef } from '../../schemas/deploy';
import { listPlanVersions } from '../../services/deploy/plans';
import { adminProcedure } from '../../trpc';

export const planVersions = adminProcedure
  .input(DeployProjectRef)
  .query(({ ctx, input }) => listPlanVersions({ ctx, input }));
