import { SnapshotPreviewCsv } from '../../schemas/snapshots';
import { previewCsv as preview } from '../../services/snapshots/preview-csv';
import { orgProcedure } from '../../trpc';

export const previewCsv = orgProcedure
  .input(SnapshotPreviewCsv)
  .mutation(({ ctx, input }) => preview({ ctx, input }));
