import { DeployPlanRef } from '../../schemas/deploy';
import { exportPlanFile } from '../../services/deploy/plans';
import { adminProcedure } from '../../trpc';

export const exportPlan = adminProcedure
  .input(DeployPlanRef)
  .query(({ ctx, input }) => exportPlanFile({ ctx, input }));
