import { ById } from '../../schemas/clients';
import { archiveClient } from '../../services/clients/archive';
import { operatorProcedure } from '../../trpc';

export const archive = operatorProcedure
  .input(ById)
  .mutation(({ ctx, input }) => archiveClient({ ctx, input }));
