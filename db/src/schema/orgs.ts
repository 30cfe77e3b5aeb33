import { sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const orgs = pgTable('orgs', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  /** The Clerk organization id (or the local-mode org id). */
  externalId: text('external_id').unique('orgs_external_id_unique'),
  /** Monthly LLM spend allowed, in US cents; null means the default (contracts DEFAULT_LLM_MONTHLY_BUDGET_USD). */
  llmMonthlyBudgetCents: integer('llm_monthly_budget_cents'),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
