import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { llmCalls } from '../schema/llm-calls';
import { workflowRuns } from '../schema/workflow-runs';

export const LLM_USAGE_GROUPS = ['day', 'model', 'activity'] as const;
export type LlmUsageGroup = (typeof LLM_USAGE_GROUPS)[number];

export interface LlmUsageFilter {
  /** Inclusive lower bound on created_at. */
  from: Date;
  /** Exclusive upper bound on created_at. */
  to: Date;
  groupBy: LlmUsageGroup;
  clientId?: string | undefined;
  runId?: string | undefined;
}

export interface LlmUsageSums {
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface LlmUsage {
  totals: LlmUsageSums & { avgLatencyMs: number | null };
  rows: (LlmUsageSums & { key: string })[];
  /** False when a clientId / runId filter names nothing in the org (the caller answers NOT_FOUND). */
  clientFound: boolean;
  runFound: boolean;
}

// Inlined (not bound) so the GROUP BY expression is textually identical to the selected one.
// Columns are written out qualified: drizzle renders a single-table select's columns unqualified, and the
// workflow_runs join (client filter) brings its own status / org_id columns.
const GROUP_KEYS: Record<LlmUsageGroup, SQL> = {
  day: sql.raw(`to_char("llm_calls"."created_at" at time zone 'UTC', 'YYYY-MM-DD')`),
  model: sql.raw('"llm_calls"."model"'),
  activity: sql.raw('"llm_calls"."activity"'),
};
const col = (name: string) => sql.raw(`"llm_calls"."${name}"`);

/**
 * An org's LLM usage in one statement: GROUPING SETS gives the per-key rows and the grand total together, and
 * the existence of the filtered client / run rides along as constant subqueries. Client filtering goes through
 * workflow_runs because llm_calls has no client_id.
 */
export async function getLlmUsage(q: Queryable, orgId: string, f: LlmUsageFilter): Promise<LlmUsage> {
  const key = GROUP_KEYS[f.groupBy];
  const where: (SQL | undefined)[] = [
    eq(llmCalls.orgId, orgId),
    gte(llmCalls.createdAt, f.from),
    lt(llmCalls.createdAt, f.to),
  ];
  if (f.runId) where.push(eq(llmCalls.workflowRunId, f.runId));
  if (f.clientId) where.push(eq(workflowRuns.clientId, f.clientId));
  const base = q
    .select({
      isTotal: sql<number>`grouping(${key})`.mapWith(Number),
      key: sql<string | null>`${key}`,
      calls: sql<number>`count(*)`.mapWith(Number),
      errors: sql<number>`count(*) filter (where ${col('status')} = 'error')`.mapWith(Number),
      inputTokens: sql<number>`coalesce(sum(${col('input_tokens')}), 0)`.mapWith(Number),
      outputTokens: sql<number>`coalesce(sum(${col('output_tokens')}), 0)`.mapWith(Number),
      costUsd: sql<number>`coalesce(sum(${col('cost_usd')}), 0)`.mapWith(Number),
      avgLatencyMs: sql<number | null>`round(avg(${col('latency_ms')}))`.mapWith((v) =>
        v === null ? null : Number(v),
      ),
      clientFound: f.clientId
        ? sql<boolean>`exists(select 1 from clients c where c.org_id = ${orgId} and c.id = ${f.clientId})`
        : sql<boolean>`true`,
      runFound: f.runId
        ? sql<boolean>`exists(select 1 from workflow_runs r where r.org_id = ${orgId} and r.id = ${f.runId})`
        : sql<boolean>`true`,
    })
    .from(llmCalls);
  const joined = f.clientId
    ? base.innerJoin(
        workflowRuns,
        and(eq(workflowRuns.id, llmCalls.workflowRunId), eq(workflowRuns.orgId, llmCalls.orgId)),
      )
    : base;
  const rows = await joined.where(and(...where)).groupBy(sql`grouping sets ((${key}), ())`);

  const totalRow = rows.find((r) => r.isTotal === 1);
  const sums = (r: (typeof rows)[number] | undefined): LlmUsageSums => ({
    calls: r?.calls ?? 0,
    errors: r?.errors ?? 0,
    inputTokens: r?.inputTokens ?? 0,
    outputTokens: r?.outputTokens ?? 0,
    costUsd: r?.costUsd ?? 0,
  });
  const grouped = rows
    .filter((r) => r.isTotal === 0)
    .map((r) => ({ key: r.key ?? '', ...sums(r) }))
    .sort((a, b) =>
      f.groupBy === 'day' ? a.key.localeCompare(b.key) : b.costUsd - a.costUsd || a.key.localeCompare(b.key),
    );
  return {
    totals: { ...sums(totalRow), avgLatencyMs: totalRow?.avgLatencyMs ?? null },
    rows: grouped,
    // The empty grouping set always yields a row, so these are known even when no call matched.
    clientFound: totalRow?.clientFound ?? !f.clientId,
    runFound: totalRow?.runFound ?? !f.runId,
  };
}
