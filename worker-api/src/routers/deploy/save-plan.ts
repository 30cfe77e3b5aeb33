import { DeployPlanSave } from '../../schemas/deploy';
import { saveNewPlanVersion } from '../../services/deploy/plans';
import { adminProcedure } from '../../trpc';

export const savePlan = adminProcedure
  .input(DeployPlanSave)
  .mutation(({ ctx, input }) => saveNewPlanVersion({ ctx, input }));
