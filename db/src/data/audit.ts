import { and, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { auditLog } from '../schema/audit-log';

export interface AuditEntry {
  orgId: string;
  actorUserId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: unknown;
}

/** Appends one audit record (approvals, deploys, secrets, member changes, destructive edits). */
export async function writeAudit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.insert(auditLog).values({ ...entry, targetId: entry.targetId ?? null, data: entry.data ?? null });
}

export type AuditRow = typeof auditLog.$inferSelect;

/** An org's audit records, newest first, optionally for one target. */
export async function listAudit(
  q: Queryable,
  orgId: string,
  f: { targetId?: string; limit?: number } = {},
): Promise<AuditRow[]> {
  const where = f.targetId
    ? and(eq(auditLog.orgId, orgId), eq(auditLog.targetId, f.targetId))
    : eq(auditLog.orgId, orgId);
  return q
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at))
    .limit(f.limit ?? 100);
}
