import { SwipeBrandList } from '../../../schemas/swipes';
import { listSwipeBrands } from '../../../services/swipes/list-brands';
import { orgProcedure } from '../../../trpc';

export const list = orgProcedure
  .input(SwipeBrandList)
  .query(({ ctx, input }) => listSwipeBrands({ ctx, input }));
