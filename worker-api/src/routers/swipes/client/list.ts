import { ClientSwipeList } from '../../../schemas/swipes';
import { listClientSwipes } from '../../../services/swipes/list-client';
import { orgProcedure } from '../../../trpc';

export const list = orgProcedure
  .input(ClientSwipeList)
  .query(({ ctx, input }) => listClientSwipes({ ctx, input }));
