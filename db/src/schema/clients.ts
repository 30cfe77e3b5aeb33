import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, orgId, updatedAt } from './columns';
import { adVertical, clientStatus } from './enums';

export const clients = pgTable(
  'clients',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    industry: text('industry'),
    primaryMarkets: text('primary_markets').array().notNull().default([]),
    primaryLanguages: text('primary_languages').array().notNull().default([]),
    status: clientStatus('status').notNull().default('active'),
    /** The ad-policy vertical compliance QA applies (null: derived from `industry`). */
    adVertical: adVertical('ad_vertical'),
    /** `DesignTokens` the client's funnel pages render with (null: drawn from the canon's visual style). */
    designTokens: jsonb('design_tokens'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('idx_clients_org').on(t.orgId, t.createdAt.desc(), t.id.desc())],
);
