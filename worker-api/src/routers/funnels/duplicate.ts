import { FunnelDuplicate } from '../../schemas/funnels';
import { duplicateFunnel } from '../../services/funnels/duplicate';
import { operatorProcedure } from '../../trpc';

export const duplicate = operatorProcedure
  .input(FunnelDuplicate)
  .mutation(({ ctx, input }) => duplicateFunnel({ ctx, input }));
