import { ImportFormatError, importAdLibraryExport, listSwipeMediaToImport } from '@mos/db';
import { DomainError } from '../../errors';
import type { CompanySwipeImport } from '../../schemas/swipes';
import type { ServiceCtx } from '../context';
import { startWorkflowRun } from '../workflows/start-run';

/**
 * Imports an ad-library export into the caller's org; malformed rows come back in the report, not as an error.
 * Then a SwipeMediaImport run copies the new media into the media store (ad-CDN links expire); the import stands
 * even when that start fails, and the report says so.
 */
export async function importCompanySwipes({ ctx, input }: { ctx: ServiceCtx; input: CompanySwipeImport }) {
  let report: Awaited<ReturnType<typeof importAdLibraryExport>>;
  try {
    report = await importAdLibraryExport(ctx.db, ctx.member.orgId, input.export);
  } catch (err) {
    if (err instanceof ImportFormatError) {
      throw new DomainError('VALIDATION', err.message, {
        issues: [{ path: ['export', ...err.path], message: err.message }],
      });
    }
    throw err;
  }
  const orgId = ctx.member.orgId;
  const waiting = await listSwipeMediaToImport(ctx.db, orgId, null);
  const swipeAssetIds = [...new Set(waiting.map((m) => m.swipeAssetId))];
  if (swipeAssetIds.length === 0) return { ...report, mediaImport: null };
  try {
    const run = await ctx.db.transaction((tx) =>
      startWorkflowRun(ctx, tx, {
        kind: 'swipe_media_import',
        workflowId: `swipe-media-import-${orgId}-${crypto.randomUUID().slice(0, 8)}`,
        clientId: null,
        campaignId: null,
        input: { swipeAssetIds },
      }),
    );
    return { ...report, mediaImport: { runId: run.id, swipes: swipeAssetIds.length, error: null } };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ...report, mediaImport: { runId: null, swipes: swipeAssetIds.length, error: message } };
  }
}
