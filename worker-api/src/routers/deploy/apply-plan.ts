import { DeployApply } from '../../schemas/deploy';
import { queueApplyRun } from '../../services/deploy/runs';
import { adminProcedure } from '../../trpc';

export const applyPlan = adminProcedure
  .input(DeployApply)
  .mutation(({ ctx, input }) => queueApplyRun({ ctx, input }));
