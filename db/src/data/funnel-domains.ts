import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { funnelDomains } from '../schema/funnels';

/** Custom domains: a hostname per row, unique across every org (one host serves one funnel). */
export type FunnelDomainRow = typeof funnelDomains.$inferSelect;

export async function listFunnelDomains(
  q: Queryable,
  orgId: string,
  f: { clientId?: string | undefined; funnelId?: string | undefined },
): Promise<FunnelDomainRow[]> {
  const where: (SQL | undefined)[] = [eq(funnelDomains.orgId, orgId)];
  if (f.clientId) where.push(eq(funnelDomains.clientId, f.clientId));
  if (f.funnelId) where.push(eq(funnelDomains.funnelId, f.funnelId));
  return q
    .select()
    .from(funnelDomains)
    .where(and(...where))
    .orderBy(desc(funnelDomains.createdAt), desc(funnelDomains.id))
    .limit(500);
}

export async function getFunnelDomain(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<FunnelDomainRow | undefined> {
  const [row] = await q
    .select()
    .from(funnelDomains)
    .where(and(eq(funnelDomains.orgId, orgId), eq(funnelDomains.id, id)))
    .limit(1);
  return row;
}

/**
 * Adds a hostname; null when the hostname is taken (by this org or another: the caller answers CONFLICT and
 * learns nothing about whose it is).
 */
export async function insertFunnelDomain(
  q: Queryable,
  orgId: string,
  values: { clientId: string; funnelId: string | null; hostname: string; verificationToken: string },
): Promise<FunnelDomainRow | null> {
  const [row] = await q
    .insert(funnelDomains)
    .values({ ...values, orgId })
    .onConflictDoNothing({ target: funnelDomains.hostname })
    .returning();
  return row ?? null;
}

export type FunnelDomainPatch = Partial<
  Pick<
    typeof funnelDomains.$inferInsert,
    'funnelId' | 'status' | 'verifiedAt' | 'lastCheckedAt' | 'lastError'
  >
>;

export async function updateFunnelDomain(
  q: Queryable,
  orgId: string,
  id: string,
  patch: FunnelDomainPatch,
): Promise<FunnelDomainRow | undefined> {
  const [row] = await q
    .update(funnelDomains)
    .set(patch)
    .where(and(eq(funnelDomains.orgId, orgId), eq(funnelDomains.id, id)))
    .returning();
  return row;
}

export async function deleteFunnelDomain(q: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await q
    .delete(funnelDomains)
    .where(and(eq(funnelDomains.orgId, orgId), eq(funnelDomains.id, id)))
    .returning({ id: funnelDomains.id });
  return rows.length > 0;
}
