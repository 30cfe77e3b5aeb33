import type { SnapshotPreviewCsv } from '../../schemas/snapshots';
import type { ServiceCtx } from '../context';
import { checkCsv } from './check-csv';

/** Rows shown in a preview; `errors` covers every row (at most 500 listed). */
export const PREVIEW_ROWS = 50;
export const MAX_LISTED_ERRORS = 500;

/** What an import of the file would do: the mapping (suggested when none is given), the first rows, every error. */
export async function previewCsv({ ctx, input }: { ctx: ServiceCtx; input: SnapshotPreviewCsv }) {
  const checked = await checkCsv(ctx, input, input.mapping ?? null);
  return {
    mapping: checked.mapping,
    rows: checked.rows.slice(0, PREVIEW_ROWS).map(({ snapshot: _, ...row }) => row),
    errors: checked.errors.slice(0, MAX_LISTED_ERRORS),
    totalRows: input.rows.length,
    validRows: checked.validRows,
  };
}
