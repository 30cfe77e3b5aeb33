import { getClient, listSnapshotImports } from '@mos/db';
import type { CsvRowError } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { SnapshotImports } from '../../schemas/snapshots';
import type { ServiceCtx } from '../context';

/** The client's CSV imports, newest first (at most 50). */
export async function listImports({ ctx, input }: { ctx: ServiceCtx; input: SnapshotImports }) {
  const rows = await listSnapshotImports(ctx.db, ctx.member.orgId, input.clientId);
  if (rows.length === 0 && !(await getClient(ctx.db, ctx.member.orgId, input.clientId))) {
    throw DomainError.notFound('client');
  }
  return {
    items: rows.map((r) =>
      toJson({
        id: r.id,
        experimentId: r.experimentId,
        fileName: r.fileName,
        rowsImported: r.rowsImported,
        rowsRevised: r.rowsRevised,
        errors: r.errors as CsvRowError[],
        createdBy: r.createdBy,
        createdAt: r.createdAt,
      }),
    ),
  };
}
