import { SwipeById } from '../../../schemas/swipes';
import { removeClientSwipe } from '../../../services/swipes/remove-client';
import { orgProcedure } from '../../../trpc';

export const remove = orgProcedure
  .input(SwipeById)
  .mutation(({ ctx, input }) => removeClientSwipe({ ctx, input }));
