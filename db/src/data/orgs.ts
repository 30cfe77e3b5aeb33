import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import type { UserRole } from '../schema/enums';
import { orgs } from '../schema/orgs';
import { users } from '../schema/users';

export type OrgRow = typeof orgs.$inferSelect;
export type UserRow = typeof users.$inferSelect;

/**
 * Finds or creates the org of an external (Clerk or local) organization id in one statement;
 * concurrent first requests converge on the same row through the unique external_id.
 */
export async function ensureOrg(q: Queryable, input: { externalId: string; name: string }): Promise<OrgRow> {
  const [row] = await q
    .insert(orgs)
    .values({ externalId: input.externalId, name: input.name })
    .onConflictDoUpdate({ target: orgs.externalId, set: { externalId: sql`excluded.external_id` } })
    .returning();
  if (!row) throw new Error('org upsert returned no row');
  return row;
}

export async function getOrg(q: Queryable, orgId: string): Promise<OrgRow | undefined> {
  const [row] = await q.select().from(orgs).where(eq(orgs.id, orgId)).limit(1);
  return row;
}

/** Inserts or refreshes the user of an external user id in an org (role and email follow the token). */
export async function ensureUser(
  q: Queryable,
  input: { orgId: string; clerkUserId: string; email: string | null; name: string | null; role: UserRole },
): Promise<UserRow> {
  const [row] = await q
    .insert(users)
    .values(input)
    .onConflictDoUpdate({
      target: [users.orgId, users.clerkUserId],
      set: {
        role: input.role,
        email: input.email,
        name: sql`coalesce(${input.name}, ${users.name})`,
        lastSeenAt: sql`now()`,
      },
    })
    .returning();
  if (!row) throw new Error('user upsert returned no row');
  return row;
}

export async function listUsers(q: Queryable, orgId: string): Promise<UserRow[]> {
  return q.select().from(users).where(eq(users.orgId, orgId)).orderBy(users.createdAt);
}

/** One trivial statement, for health checks. */
export async function pingDatabase(q: Queryable): Promise<void> {
  await q.execute(sql`select 1`);
}
