import { AssetById } from '../../schemas/assets';
import { getAsset } from '../../services/assets/get';
import { orgProcedure } from '../../trpc';

export const get = orgProcedure.input(AssetById).query(({ ctx, input }) => getAsset({ ctx, input }));
