import { ClientCreate } from '../../schemas/clients';
import { createClient } from '../../services/clients/create';
import { orgProcedure } from '../../trpc';

export const create = orgProcedure
  .input(ClientCreate)
  .mutation(({ ctx, input }) => createClient({ ctx, input }));
