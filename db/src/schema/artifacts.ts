import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { clients } from './clients';
import { createdAt, id, orgId } from './columns';
import { artifactSource, artifactStatus, artifactType } from './enums';
import { users } from './users';
import { workflowRuns } from './workflow-runs';

export const artifacts = pgTable(
  'artifacts',
  {
    id: id(),
    orgId: orgId(),
    /** Null only for org-wide documents (the org playbook). */
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    /** A campaign's documents go with it (set-null would collide on the version key). */
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    type: artifactType('type').notNull(),
    version: integer('version').notNull(),
    status: artifactStatus('status').notNull().default('draft'),
    source: artifactSource('source').notNull(),
    data: jsonb('data').notNull(),
    workflowRunId: uuid('workflow_run_id').references(() => workflowRuns.id, { onDelete: 'set null' }),
    /** With workflow_run_id, makes an activity's write idempotent across retries. */
    stepKey: text('step_key'),
    createdByUser: uuid('created_by_user').references(() => users.id, { onDelete: 'set null' }),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_artifacts_org_client_type').on(t.orgId, t.clientId, t.type, t.version.desc()),
    index('idx_artifacts_campaign_type').on(t.campaignId, t.type),
    index('idx_artifacts_org_created').on(t.orgId, t.createdAt.desc(), t.id.desc()),
    index('idx_artifacts_gin_data').using('gin', t.data),
    unique('uq_artifacts_run_step').on(t.workflowRunId, t.stepKey),
    unique('uq_artifacts_version')
      .on(t.orgId, t.clientId, t.campaignId, t.type, t.version)
      .nullsNotDistinct(),
  ],
);
