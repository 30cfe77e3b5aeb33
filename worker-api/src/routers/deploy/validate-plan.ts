import { DeployPlanValidate } from '../../schemas/deploy';
import { checkPlan } from '../../services/deploy/plans';
import { adminProcedure } from '../../trpc';

export const validatePlan = adminProcedure
  .input(DeployPlanValidate)
  .mutation(({ ctx, input }) => checkPlan({ ctx, input }));
