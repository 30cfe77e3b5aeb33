import { FunnelUpdate } from '../../schemas/funnels';
import { updateFunnel } from '../../services/funnels/update';
import { operatorProcedure } from '../../trpc';

export const update = operatorProcedure
  .input(FunnelUpdate)
  .mutation(({ ctx, input }) => updateFunnel({ ctx, input }));
