import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { artifacts } from './artifacts';
import { campaigns } from './campaigns';
import { clients } from './clients';
import { createdAt, id, orgId, updatedAt } from './columns';
import { experimentStatus } from './enums';

export const experiments = pgTable(
  'experiments',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    experimentSpecArtifactId: uuid('experiment_spec_artifact_id')
      .notNull()
      .references(() => artifacts.id, { onDelete: 'cascade' }),
    /** The spec's id inside the ExperimentSpecSet artifact. */
    specId: text('spec_id').notNull(),
    status: experimentStatus('status').notNull().default('planned'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('idx_experiments_campaign').on(t.campaignId),
    index('idx_experiments_org').on(t.orgId, t.createdAt.desc(), t.id.desc()),
  ],
);
