import { index, integer, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, orgId } from './columns';
import { llmCallStatus } from './enums';
import { workflowRuns } from './workflow-runs';

export const llmCalls = pgTable(
  'llm_calls',
  {
    id: id(),
    orgId: orgId(),
    workflowRunId: uuid('workflow_run_id').references(() => workflowRuns.id, { onDelete: 'set null' }),
    activity: text('activity').notNull(),
    model: text('model').notNull(),
    promptSha256: text('prompt_sha256').notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    costUsd: numeric('cost_usd', { precision: 12, scale: 6, mode: 'number' }).notNull().default(0),
    status: llmCallStatus('status').notNull(),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_llm_calls_org_created').on(t.orgId, t.createdAt),
    index('idx_llm_calls_run').on(t.workflowRunId),
  ],
);
