import { ClientSwipeUpdate } from '../../../schemas/swipes';
import { updateClientSwipe } from '../../../services/swipes/update-client';
import { orgProcedure } from '../../../trpc';

export const update = orgProcedure
  .input(ClientSwipeUpdate)
  .mutation(({ ctx, input }) => updateClientSwipe({ ctx, input }));
