import { and, eq, gte, sql } from 'drizzle-orm';
import { DEFAULT_LLM_MONTHLY_BUDGET_USD } from '../contracts/workflows';
import type { Queryable } from '../db-type';
import { llmCalls } from '../schema/llm-calls';
import { orgs } from '../schema/orgs';

export interface LlmBudget {
  /** The month's allowance in US dollars (the org's own, else the default). */
  limitUsd: number;
  /** True when the org has set no budget of its own. */
  isDefault: boolean;
  /** What the org's LLM calls cost since `periodStart`. */
  spentUsd: number;
  remainingUsd: number;
  /** Start of the current calendar month, UTC. */
  periodStart: Date;
  exhausted: boolean;
}

export function monthStartUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/**
 * The org's LLM budget for the calendar month (UTC) that contains `now`, in one statement. Returns null when the
 * org does not exist. `defaultUsd` is the deployment's default (env), falling back to the contracts default.
 */
export async function getLlmBudget(
  q: Queryable,
  orgId: string,
  now: Date = new Date(),
  defaultUsd: number = DEFAULT_LLM_MONTHLY_BUDGET_USD,
): Promise<LlmBudget | null> {
  const periodStart = monthStartUtc(now);
  const spent = q
    .select({ total: sql<string>`coalesce(sum(${llmCalls.costUsd}), 0)`.as('total') })
    .from(llmCalls)
    .where(and(eq(llmCalls.orgId, orgId), gte(llmCalls.createdAt, periodStart)))
    .as('spent');
  const [row] = await q
    .select({ cents: orgs.llmMonthlyBudgetCents, spent: spent.total })
    .from(orgs)
    .innerJoin(spent, sql`true`)
    .where(eq(orgs.id, orgId));
  if (!row) return null;
  const limitUsd = row.cents === null ? defaultUsd : row.cents / 100;
  const spentUsd = Number(row.spent);
  const remainingUsd = Math.max(0, limitUsd - spentUsd);
  return {
    limitUsd,
    isDefault: row.cents === null,
    spentUsd,
    remainingUsd,
    periodStart,
    exhausted: spentUsd >= limitUsd,
  };
}

/** Sets (or, with null, clears back to the default) the org's monthly LLM budget. Returns false for an unknown org. */
export async function setLlmBudget(q: Queryable, orgId: string, limitUsd: number | null): Promise<boolean> {
  const cents = limitUsd === null ? null : Math.round(limitUsd * 100);
  const rows = await q
    .update(orgs)
    .set({ llmMonthlyBudgetCents: cents })
    .where(eq(orgs.id, orgId))
    .returning({ id: orgs.id });
  return rows.length > 0;
}
