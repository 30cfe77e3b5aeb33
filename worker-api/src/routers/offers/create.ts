import { OfferCreate } from '../../schemas/offers';
import { createOffer } from '../../services/offers/create';
import { orgProcedure } from '../../trpc';

export const create = orgProcedure
  .input(OfferCreate)
  .mutation(({ ctx, input }) => createOffer({ ctx, input }));
