import { pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { createdAt, id, orgId } from './columns';
import { userRole } from './enums';

export const users = pgTable(
  'users',
  {
    id: id(),
    orgId: orgId(),
    clerkUserId: text('clerk_user_id').notNull(),
    email: text('email'),
    name: text('name'),
    role: userRole('role').notNull().default('member'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('uq_users_org_clerk_user').on(t.orgId, t.clerkUserId),
    unique('uq_users_org_email').on(t.orgId, t.email),
  ],
);
