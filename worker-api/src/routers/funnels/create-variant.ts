import { VariantCreate } from '../../schemas/funnels';
import { createVariant as run } from '../../services/funnels/variants';
import { operatorProcedure } from '../../trpc';

export const createVariant = operatorProcedure
  .input(VariantCreate)
  .mutation(({ ctx, input }) => run({ ctx, input }));
