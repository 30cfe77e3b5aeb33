import { FunnelRef } from '../../schemas/funnels';
import { listPublications } from '../../services/funnels/publish';
import { orgProcedure } from '../../trpc';

export const publications = orgProcedure
  .input(FunnelRef)
  .query(({ ctx, input }) => listPublications({ ctx, input }));
