import { DeployRuns } from '../../schemas/deploy';
import { listRuns } from '../../services/deploy/runs';
import { adminProcedure } from '../../trpc';

export const runs = adminProcedure.input(DeployRuns).query(({ ctx, input }) => listRuns({ ctx, input }));
