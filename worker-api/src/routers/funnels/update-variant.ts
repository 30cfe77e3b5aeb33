import { VariantUpdate } from '../../schemas/funnels';
import { updateVariant as run } from '../../services/funnels/variants';
import { operatorProcedure } from '../../trpc';

export const updateVariant = operatorProcedure
  .input(VariantUpdate)
  .mutation(({ ctx, input }) => run({ ctx, input }));
