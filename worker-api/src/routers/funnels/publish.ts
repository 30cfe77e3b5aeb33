import { FunnelPublish } from '../../schemas/funnels';
import { publishFunnel } from '../../services/funnels/publish';
import { operatorProcedure } from '../../trpc';

export const publish = operatorProcedure
  .input(FunnelPublish)
  .mutation(({ ctx, input }) => publishFunnel({ ctx, input }));
