import { ById } from '../../schemas/clients';
import { getClient } from '../../services/clients/get';
import { orgProcedure } from '../../trpc';

export const get = orgProcedure.input(ById).query(({ ctx, input }) => getClient({ ctx, input }));
