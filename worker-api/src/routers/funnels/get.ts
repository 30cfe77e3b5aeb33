import { FunnelById } from '../../schemas/funnels';
import { getFunnel } from '../../services/funnels/get';
import { orgProcedure } from '../../trpc';

export const get = orgProcedure.input(FunnelById).query(({ ctx, input }) => getFunnel({ ctx, input }));
