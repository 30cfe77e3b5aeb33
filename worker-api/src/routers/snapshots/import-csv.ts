import { SnapshotImportCsv } from '../../schemas/snapshots';
import { importCsv as run } from '../../services/snapshots/import-csv';
import { operatorProcedure } from '../../trpc';

/** Operators and admins: imported numbers drive experiment decisions. */
export const importCsv = operatorProcedure
  .input(SnapshotImportCsv)
  .mutation(({ ctx, input }) => run({ ctx, input }));
