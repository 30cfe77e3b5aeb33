import { SnapshotImports } from '../../schemas/snapshots';
import { listImports } from '../../services/snapshots/imports';
import { orgProcedure } from '../../trpc';

export const imports = orgProcedure
  .input(SnapshotImports)
  .query(({ ctx, input }) => listImports({ ctx, input }));
