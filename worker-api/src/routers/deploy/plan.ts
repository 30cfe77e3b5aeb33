import { DeployPlanRef } from '../../schemas/deploy';
import { getPlan } from '../../services/deploy/plans';
import { adminProcedure } from '../../trpc';

export const plan = adminProcedure.input(DeployPlanRef).query(({ ctx, input }) => getPlan({ ctx, input }));
