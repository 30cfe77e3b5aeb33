import { AssetUpdate } from '../../schemas/assets';
import { updateAsset } from '../../services/assets/update';
import { orgProcedure } from '../../trpc';

/** Any member may edit content; the service requires the operator role for a status change. */
export const update = orgProcedure
  .input(AssetUpdate)
  .mutation(({ ctx, input }) => updateAsset({ ctx, input }));
