import { PageById } from '../../schemas/funnels';
import { deletePage as run } from '../../services/funnels/pages';
import { operatorProcedure } from '../../trpc';

export const deletePage = operatorProcedure.input(PageById).mutation(({ ctx, input }) => run({ ctx, input }));
