import { ConnectorRemove } from '../../schemas/connectors';
import { removeConnector } from '../../services/connectors/connectors';
import { adminProcedure } from '../../trpc';

export const remove = adminProcedure
  .input(ConnectorRemove)
  .mutation(({ ctx, input }) => removeConnector({ ctx, input }));
