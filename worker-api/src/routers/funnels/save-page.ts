import { PageSave } from '../../schemas/funnels';
import { savePage as run } from '../../services/funnels/pages';
import { operatorProcedure } from '../../trpc';

export const savePage = operatorProcedure.input(PageSave).mutation(({ ctx, input }) => run({ ctx, input }));
