import { AssetList } from '../../schemas/assets';
import { listAssets } from '../../services/assets/list';
import { orgProcedure } from '../../trpc';

export const list = orgProcedure.input(AssetList).query(({ ctx, input }) => listAssets({ ctx, input }));
