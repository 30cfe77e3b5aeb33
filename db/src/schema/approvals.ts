import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { artifacts } from './artifacts';
import { id, orgId } from './columns';
import { approvalDecision } from './enums';
import { users } from './users';
import { workflowRuns } from './workflow-runs';

export const approvals = pgTable(
  'approvals',
  {
    id: id(),
    orgId: orgId(),
    workflowRunId: uuid('workflow_run_id')
      .notNull()
      .references(() => workflowRuns.id, { onDelete: 'cascade' }),
    gate: text('gate').notNull(),
    decision: approvalDecision('decision').notNull(),
    feedback: text('feedback'),
    edited: jsonb('edited'),
    approvedIds: text('approved_ids').array().notNull().default([]),
    rejectedIds: text('rejected_ids').array().notNull().default([]),
    artifactId: uuid('artifact_id').references(() => artifacts.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('idx_approvals_run').on(t.workflowRunId, t.decidedAt)],
);
