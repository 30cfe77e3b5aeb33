import { ClientSwipeSave } from '../../../schemas/swipes';
import { saveClientSwipe } from '../../../services/swipes/save-client';
import { orgProcedure } from '../../../trpc';

export const save = orgProcedure
  .input(ClientSwipeSave)
  .mutation(({ ctx, input }) => saveClientSwipe({ ctx, input }));
