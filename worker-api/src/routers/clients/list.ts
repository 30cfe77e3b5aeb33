import { ClientList } from '../../schemas/clients';
import { listClients } from '../../services/clients/list';
import { orgProcedure } from '../../trpc';

export const list = orgProcedure.input(ClientList).query(({ ctx, input }) => listClients({ ctx, input }));
