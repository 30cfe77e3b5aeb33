import { SwipeById } from '../../../schemas/swipes';
import { getCompanySwipe } from '../../../services/swipes/get-company';
import { orgProcedure } from '../../../trpc';

export const get = orgProcedure.input(SwipeById).query(({ ctx, input }) => getCompanySwipe({ ctx, input }));
