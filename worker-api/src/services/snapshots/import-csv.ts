import { insertSnapshotImport, upsertPlatformSnapshots, writeAudit } from '@mos/db';
import { DomainError } from '../../errors';
import type { SnapshotImportCsv } from '../../schemas/snapshots';
import type { ServiceCtx } from '../context';
import { checkCsv } from './check-csv';
import { MAX_LISTED_ERRORS } from './preview-csv';

/**
 * Imports a checked CSV in one transaction: all rows, or (with `skipInvalidRows`) the valid ones with the others'
 * errors recorded on the import. Each snapshot keeps source `csv`, the import's id, its window and the attribution
 * window; a window already imported is revised in place (`revision` + 1) when its numbers changed.
 * `imported` counts the rows taken in, `revised` those that changed an earlier import's window.
 */
export async function importCsv({ ctx, input }: { ctx: ServiceCtx; input: SnapshotImportCsv }) {
  const checked = await checkCsv(ctx, input, input.mapping);
  const refused =
    checked.errors.some((e) => e.line === 1) || (checked.errors.length > 0 && !input.skipInvalidRows);
  if (refused || checked.validRows === 0) {
    const issues = checked.errors.slice(0, 50).map((e) => ({
      path: ['line', e.line, e.field],
      message: `line ${e.line}, ${e.field}: ${e.message}`,
      reason: 'csv_row_invalid',
    }));
    const message = refused
      ? `${checked.errors.length} error(s) in the file; nothing was imported (fix them or skip invalid rows)`
      : 'no valid rows to import';
    throw new DomainError('VALIDATION', message, { issues });
  }
  const orgId = ctx.member.orgId;
  const importId = crypto.randomUUID();
  const now = new Date();
  const counts = await ctx.db.transaction(async (tx) => {
    const written = await upsertPlatformSnapshots(
      tx,
      orgId,
      'csv',
      checked.rows.flatMap((r) =>
        r.snapshot
          ? [
              {
                assetId: r.snapshot.asset.assetId,
                experimentId: r.snapshot.asset.experimentId,
                timeFrom: r.snapshot.timeFrom,
                timeTo: r.snapshot.timeTo,
                metrics: r.snapshot.metrics,
                segments: { line: r.line },
                attributionWindow: input.mapping.attributionWindow,
                sourceRef: importId,
              },
            ]
          : [],
      ),
      now,
    );
    await insertSnapshotImport(tx, {
      id: importId,
      orgId,
      clientId: input.clientId,
      experimentId: input.experimentId ?? null,
      fileName: input.fileName,
      mapping: input.mapping,
      rowsImported: checked.validRows,
      rowsRevised: written.revised,
      errors: checked.errors.slice(0, MAX_LISTED_ERRORS),
      createdBy: ctx.member.userId,
    });
    await writeAudit(tx, {
      orgId,
      actorUserId: ctx.member.userId,
      action: 'snapshots.import',
      targetType: 'snapshot_import',
      targetId: importId,
      data: {
        clientId: input.clientId,
        rows: checked.validRows,
        skipped: input.rows.length - checked.validRows,
      },
    });
    return written;
  });
  return {
    importId,
    imported: checked.validRows,
    revised: counts.revised,
    errors: checked.errors.slice(0, MAX_LISTED_ERRORS),
  };
}
