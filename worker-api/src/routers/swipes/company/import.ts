import { CompanySwipeImport } from '../../../schemas/swipes';
import { importCompanySwipes } from '../../../services/swipes/import-company';
import { operatorProcedure } from '../../../trpc';

/** `import` is a reserved word, hence the const's name; the procedure is still `swipes.company.import`. */
export const importExport = operatorProcedure
  .input(CompanySwipeImport)
  .mutation(({ ctx, input }) => importCompanySwipes({ ctx, input }));
