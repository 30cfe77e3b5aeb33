import { index, integer, jsonb, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
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
    /**
     * The template the prompt was rendered from (`build/strategy_sheet`, version 1) and the SHA-256 of the values
     * it was rendered with: with `output`, a reviewer's decision on the draft becomes a labelled example, and two
     * prompt versions can be compared on the same input. Null for calls made without a template.
     */
    promptId: text('prompt_id'),
    promptVersion: integer('prompt_version'),
    inputSha256: text('input_sha256'),
    /** What the model answered on this attempt: parsed JSON when it parsed, else the raw text (null: no answer). */
    output: jsonb('output'),
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
    index('idx_llm_calls_org_prompt').on(t.orgId, t.promptId, t.promptVersion),
  ],
);
