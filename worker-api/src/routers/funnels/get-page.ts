import { PageRef } from '../../schemas/funnels';
import { getPage as run } from '../../services/funnels/pages';
import { orgProcedure } from '../../trpc';

export const getPage = orgProcedure.input(PageRef).query(({ ctx, input }) => run({ ctx, input }));
