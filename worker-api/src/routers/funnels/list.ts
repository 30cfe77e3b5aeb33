import { FunnelList } from '../../schemas/funnels';
import { listFunnels } from '../../services/funnels/list';
import { orgProcedure } from '../../trpc';

export const list = orgProcedure.input(FunnelList).query(({ ctx, input }) => listFunnels({ ctx, input }));
