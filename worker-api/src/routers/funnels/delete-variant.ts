import { VariantById } from '../../schemas/funnels';
import { deleteVariant as run } from '../../services/funnels/variants';
import { operatorProcedure } from '../../trpc';

export const deleteVariant = operatorProcedure
  .input(VariantById)
  .mutation(({ ctx, input }) => run({ ctx, input }));
