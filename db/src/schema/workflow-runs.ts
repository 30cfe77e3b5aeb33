import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { clients } from './clients';
import { id, orgId, updatedAt } from './columns';
import { workflowKind, workflowStatus } from './enums';
import { users } from './users';

export const workflowRuns = pgTable(
  'workflow_runs',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    temporalWorkflowId: text('temporal_workflow_id').notNull(),
    temporalRunId: text('temporal_run_id').notNull(),
    kind: workflowKind('kind').notNull(),
    status: workflowStatus('status').notNull().default('running'),
    /** Step and gate as last recorded by the worker, so list views never ask Temporal. */
    currentStep: text('current_step'),
    waitingGate: text('waiting_gate'),
    /** The draft the run waits on at `waiting_gate` (contracts `DraftKey`); a review must name it. */
    waitingDraftKey: text('waiting_draft_key'),
    error: text('error'),
    input: jsonb('input'),
    startedBy: uuid('started_by').references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_workflow_runs_org').on(t.orgId, t.startedAt.desc(), t.id.desc()),
    index('idx_workflow_runs_client').on(t.clientId),
    index('idx_workflow_runs_campaign').on(t.campaignId),
    index('idx_workflow_runs_temporal').on(t.temporalWorkflowId),
  ],
);
