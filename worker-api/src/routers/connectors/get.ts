import { ConnectorByClient } from '../../schemas/connectors';
import { getConnectors } from '../../services/connectors/connectors';
import { orgProcedure } from '../../trpc';

export const get = orgProcedure
  .input(ConnectorByClient)
  .query(({ ctx, input }) => getConnectors({ ctx, input }));
