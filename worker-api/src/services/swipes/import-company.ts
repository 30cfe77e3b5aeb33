import { ImportFormatError, importAdLibraryExport } from '@mos/db';
import { DomainError } from '../../errors';
import type { CompanySwipeImport } from '../../schemas/swipes';
import type { ServiceCtx } from '../context';

/** Imports an ad-library export into the caller's org; malformed rows come back in the report, not as an error. */
export async function importCompanySwipes({ ctx, input }: { ctx: ServiceCtx; input: CompanySwipeImport }) {
  try {
    return await importAdLibraryExport(ctx.db, ctx.member.orgId, input.export);
  } catch (err) {
    if (err instanceof ImportFormatError) {
      throw new DomainError('VALIDATION', err.message, {
        issues: [{ path: ['export', ...err.path], message: err.message }],
      });
    }
    throw err;
  }
}
