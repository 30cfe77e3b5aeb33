import { FunnelRef } from '../../schemas/funnels';
import { listImages } from '../../services/funnels/images';
import { orgProcedure } from '../../trpc';

export const images = orgProcedure.input(FunnelRef).query(({ ctx, input }) => listImages({ ctx, input }));
