import { ClientUpdate } from '../../schemas/clients';
import { updateClient } from '../../services/clients/update';
import { orgProcedure } from '../../trpc';

export const update = orgProcedure
  .input(ClientUpdate)
  .mutation(({ ctx, input }) => updateClient({ ctx, input }));
