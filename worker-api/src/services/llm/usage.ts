import { getLlmUsage } from '@mos/db';
import { DomainError } from '../../errors';
import { DEFAULT_USAGE_RANGE_DAYS, type LlmUsage, MAX_USAGE_RANGE_DAYS } from '../../schemas/llm';
import type { ServiceCtx } from '../context';
import { llmBudget } from './budget';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day starts at 00:00 UTC; as an upper bound it covers the whole day (exclusive next midnight). */
function bound(value: string, end: boolean): Date {
  if (!DATE_ONLY.test(value)) return new Date(value);
  const start = new Date(`${value}T00:00:00.000Z`);
  return end ? new Date(start.getTime() + DAY_MS) : start;
}

/** LLM calls, tokens, errors and cost for the org over a date range, grouped by day, model or activity. */
export async function llmUsage({ ctx, input }: { ctx: ServiceCtx; input: LlmUsage }) {
  const to = input.to ? bound(input.to, true) : new Date();
  const from = input.from
    ? bound(input.from, false)
    : new Date(to.getTime() - DEFAULT_USAGE_RANGE_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) throw DomainError.field(['from'], 'must be before to');
  if (to.getTime() - from.getTime() > MAX_USAGE_RANGE_DAYS * DAY_MS) {
    throw DomainError.field(['to'], `the range may cover at most ${MAX_USAGE_RANGE_DAYS} days`);
  }
  // The month's spend against the budget is org-wide, whatever range or filter the usage view asked for.
  const [usage, budget] = await Promise.all([
    getLlmUsage(ctx.db, ctx.member.orgId, {
      from,
      to,
      groupBy: input.groupBy,
      clientId: input.clientId,
      runId: input.runId,
    }),
    llmBudget({ ctx }),
  ]);
  if (!usage.clientFound) throw DomainError.notFound('client');
  if (!usage.runFound) throw DomainError.notFound('workflow run');
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    groupBy: input.groupBy,
    totals: usage.totals,
    rows: usage.rows,
    budget,
  };
}
