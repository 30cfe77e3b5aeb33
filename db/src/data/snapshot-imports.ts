import { and, desc, eq } from 'drizzle-orm';
import type { CsvRowError } from '../contracts/experiments';
import type { Queryable } from '../db-type';
import { snapshotImports } from '../schema/experiments';

/** CSV uploads of performance snapshots: the mapping used, what was imported, each row refused. */
export type SnapshotImportRow = typeof snapshotImports.$inferSelect;

export async function insertSnapshotImport(
  q: Queryable,
  row: {
    id: string;
    orgId: string;
    clientId: string;
    experimentId: string | null;
    fileName: string;
    mapping: unknown;
    rowsImported: number;
    rowsRevised: number;
    errors: CsvRowError[];
    createdBy: string | null;
  },
): Promise<SnapshotImportRow> {
  const [inserted] = await q.insert(snapshotImports).values(row).returning();
  if (!inserted) throw new Error('snapshot import insert returned no row');
  return inserted;
}

/** The client's imports, newest first. */
export async function listSnapshotImports(
  q: Queryable,
  orgId: string,
  clientId: string,
  limit = 50,
): Promise<SnapshotImportRow[]> {
  return q
    .select()
    .from(snapshotImports)
    .where(and(eq(snapshotImports.orgId, orgId), eq(snapshotImports.clientId, clientId)))
    .orderBy(desc(snapshotImports.createdAt), desc(snapshotImports.id))
    .limit(limit);
}
