import { DeployApply } from '../../schemas/deploy';
import { applyPlan } from '../../services/deploy/runs';
import { adminProcedure } from '../../trpc';

export const apply = adminProcedure
  .input(DeployApply)
  .mutation(({ ctx, input }) => applyPlan({ ctx, input }));
