import { FunnelById } from '../../schemas/funnels';
import { enableFunnel } from '../../services/funnels/set-status';
import { operatorProcedure } from '../../trpc';

export const enable = operatorProcedure
  .input(FunnelById)
  .mutation(({ ctx, input }) => enableFunnel({ ctx, input }));
