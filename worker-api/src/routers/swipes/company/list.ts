import { CompanySwipeList } from '../../../schemas/swipes';
import { listCompanySwipes } from '../../../services/swipes/list-company';
import { orgProcedure } from '../../../trpc';

export const list = orgProcedure
  .input(CompanySwipeList)
  .query(({ ctx, input }) => listCompanySwipes({ ctx, input }));
