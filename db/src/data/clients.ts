import { and, desc, eq, ilike, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { clients } from '../schema/clients';
import type { CLIENT_STATUSES } from '../schema/enums';
import { afterCursor, type Page, toPage } from './pagination';

export type ClientRow = typeof clients.$inferSelect;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];
export type ClientInsert = Pick<
  typeof clients.$inferInsert,
  'name' | 'industry' | 'adVertical' | 'primaryMarkets' | 'primaryLanguages'
>;
export type ClientPatch = Partial<ClientInsert & { status: ClientStatus; designTokens: unknown }>;

export interface ClientListFilter {
  status?: ClientStatus | undefined;
  search?: string | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listClients(
  q: Queryable,
  orgId: string,
  f: ClientListFilter,
): Promise<Page<ClientRow>> {
  const where: (SQL | undefined)[] = [eq(clients.orgId, orgId)];
  if (f.status) where.push(eq(clients.status, f.status));
  if (f.search) where.push(ilike(clients.name, `%${escapeLike(f.search)}%`));
  where.push(afterCursor(f.cursor, clients.createdAt, clients.id));
  const rows = await q
    .select()
    .from(clients)
    .where(and(...where))
    .orderBy(desc(clients.createdAt), desc(clients.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => ({ at: r.createdAt, id: r.id }));
}

export async function getClient(q: Queryable, orgId: string, id: string): Promise<ClientRow | undefined> {
  const [row] = await q
    .select()
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, id)))
    .limit(1);
  return row;
}

export async function createClient(q: Queryable, orgId: string, input: ClientInsert): Promise<ClientRow> {
  const [row] = await q
    .insert(clients)
    .values({ ...input, orgId })
    .returning();
  if (!row) throw new Error('client insert returned no row');
  return row;
}

export async function updateClient(
  q: Queryable,
  orgId: string,
  id: string,
  patch: ClientPatch,
): Promise<ClientRow | undefined> {
  const [row] = await q
    .update(clients)
    .set(patch)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, id)))
    .returning();
  return row;
}

export async function deleteClient(q: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await q
    .delete(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, id)))
    .returning({ id: clients.id });
  return rows.length > 0;
}
