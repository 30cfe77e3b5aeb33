import { FunnelRollback } from '../../schemas/funnels';
import { rollbackFunnel } from '../../services/funnels/publish';
import { operatorProcedure } from '../../trpc';

export const rollback = operatorProcedure
  .input(FunnelRollback)
  .mutation(({ ctx, input }) => rollbackFunnel({ ctx, input }));
