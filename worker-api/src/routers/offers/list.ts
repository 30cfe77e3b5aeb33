import { OfferList } from '../../schemas/offers';
import { listOffers } from '../../services/offers/list';
import { orgProcedure } from '../../trpc';

export const list = orgProcedure.input(OfferList).query(({ ctx, input }) => listOffers({ ctx, input }));
