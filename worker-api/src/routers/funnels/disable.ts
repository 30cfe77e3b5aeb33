import { FunnelById } from '../../schemas/funnels';
import { disableFunnel } from '../../services/funnels/set-status';
import { operatorProcedure } from '../../trpc';

export const disable = operatorProcedure
  .input(FunnelById)
  .mutation(({ ctx, input }) => disableFunnel({ ctx, input }));
