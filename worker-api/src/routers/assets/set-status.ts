import { AssetSetStatus } from '../../schemas/assets';
import { setAssetStatus } from '../../services/assets/set-status';
import { operatorProcedure } from '../../trpc';

export const setStatus = operatorProcedure
  .input(AssetSetStatus)
  .mutation(({ ctx, input }) => setAssetStatus({ ctx, input }));
