import { ById } from '../../schemas/clients';
import { removeClient } from '../../services/clients/remove';
import { adminProcedure } from '../../trpc';

export const remove = adminProcedure.input(ById).mutation(({ ctx, input }) => removeClient({ ctx, input }));
