import { OfferUpdate } from '../../schemas/offers';
import { updateOffer } from '../../services/offers/update';
import { orgProcedure } from '../../trpc';

export const update = orgProcedure
  .input(OfferUpdate)
  .mutation(({ ctx, input }) => updateOffer({ ctx, input }));
