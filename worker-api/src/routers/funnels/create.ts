import { FunnelCreate } from '../../schemas/funnels';
import { createFunnel } from '../../services/funnels/create';
import { operatorProcedure } from '../../trpc';

export const create = operatorProcedure
  .input(FunnelCreate)
  .mutation(({ ctx, input }) => createFunnel({ ctx, input }));
