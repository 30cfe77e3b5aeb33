import { index, jsonb, pgTable, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { createdAt, id, orgId } from './columns';
import { users } from './users';

export const onboardingPayloads = pgTable(
  'onboarding_payloads',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** The validated onboarding intake, as submitted. */
    data: jsonb('data').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('idx_onboarding_payloads_client').on(t.clientId, t.createdAt.desc())],
);
