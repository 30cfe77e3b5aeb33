import { index, integer, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { createdAt, id, orgId, updatedAt } from './columns';
import { campaignStatus, specialAdCategory } from './enums';

export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: campaignStatus('status').notNull().default('draft'),
    goalDescription: text('goal_description'),
    objectiveType: text('objective_type'),
    numericTarget: numeric('numeric_target', { mode: 'number' }),
    /** The baseline value of `baselineMetric` (a rate in 0..1 for CTR/CVR, money for CPA, a multiple for ROAS). */
    baseline: numeric('baseline', { mode: 'number' }),
    /** `DecisionMetricId` the baseline is a value of; null on campaigns from before (a bare number). */
    baselineMetric: text('baseline_metric'),
    timeframeDays: integer('timeframe_days'),
    budgetMin: numeric('budget_min', { mode: 'number' }),
    budgetMax: numeric('budget_max', { mode: 'number' }),
    /** ISO 3166-1 alpha-2 countries the campaign runs in, each a client primary market; empty: its first one. */
    markets: text('markets').array().notNull().default([]),
    /** ISO 4217 currency of the budget; null: derived from the first market, else the client's prices. */
    currency: text('currency'),
    /** The special ad category declared for the campaign's ads (credit, employment, housing, social issues). */
    specialAdCategory: specialAdCategory('special_ad_category'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_campaigns_client').on(t.clientId),
    index('idx_campaigns_org').on(t.orgId, t.createdAt.desc(), t.id.desc()),
  ],
);
