import { DeployWorkloadPatch } from '../../schemas/deploy';
import { patchPlanWorkload } from '../../services/deploy/plans';
import { adminProcedure } from '../../trpc';

export const patchWorkload = adminProcedure
  .input(DeployWorkloadPatch)
  .mutation(({ ctx, input }) => patchPlanWorkload({ ctx, input }));
