import { ConnectorUpsertMeta } from '../../schemas/connectors';
import { upsertMetaConnector } from '../../services/connectors/connectors';
import { adminProcedure } from '../../trpc';

export const upsertMeta = adminProcedure
  .input(ConnectorUpsertMeta)
  .mutation(({ ctx, input }) => upsertMetaConnector({ ctx, input }));
