import { OfferById } from '../../schemas/offers';
import { removeOffer } from '../../services/offers/remove';
import { operatorProcedure } from '../../trpc';

export const remove = operatorProcedure
  .input(OfferById)
  .mutation(({ ctx, input }) => removeOffer({ ctx, input }));
