import { index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, orgId } from './columns';
import { workflowRuns } from './workflow-runs';

export const activityLogs = pgTable(
  'activity_logs',
  {
    id: id(),
    orgId: orgId(),
    workflowRunId: uuid('workflow_run_id')
      .notNull()
      .references(() => workflowRuns.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    status: text('status').notNull(),
    payloadIn: jsonb('payload_in'),
    payloadOut: jsonb('payload_out'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    /** Set by retried writers (activities) so a retry cannot log the same event twice. */
    idempotencyKey: text('idempotency_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_activity_logs_run').on(t.workflowRunId, t.createdAt),
    unique('uq_activity_logs_idempotency').on(t.workflowRunId, t.idempotencyKey),
  ],
);
