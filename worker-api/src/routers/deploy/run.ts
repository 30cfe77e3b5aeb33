import { DeployRunRef } from '../../schemas/deploy';
import { getRun } from '../../services/deploy/runs';
import { adminProcedure } from '../../trpc';

export const run = adminProcedure.input(DeployRunRef).query(({ ctx, input }) => getRun({ ctx, input }));
