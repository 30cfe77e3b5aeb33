import { getLlmBudget, type LlmBudget, setLlmBudget, writeAudit } from '@mos/db';
import { DEFAULT_LLM_MONTHLY_BUDGET_USD } from '@mos/db/contracts';
import { DomainError } from '../../errors';
import type { LlmSetBudget } from '../../schemas/llm';
import type { ServiceCtx } from '../context';

/** The budget as the API answers it: dates as ISO strings, the worker-only `exhausted` flag left out. */
export interface LlmBudgetView {
  limitUsd: number;
  isDefault: boolean;
  spentUsd: number;
  remainingUsd: number;
  periodStart: string;
}

export function budgetView(b: LlmBudget): LlmBudgetView {
  return {
    limitUsd: b.limitUsd,
    isDefault: b.isDefault,
    spentUsd: b.spentUsd,
    remainingUsd: b.remainingUsd,
    periodStart: b.periodStart.toISOString(),
  };
}

/** This UTC month's spend against the org's budget (its own, or the default when it set none). */
export async function llmBudget({ ctx }: { ctx: ServiceCtx }): Promise<LlmBudgetView> {
  const budget = await getLlmBudget(
    ctx.db,
    ctx.member.orgId,
    new Date(),
    ctx.llmBudgetDefaultUsd ?? DEFAULT_LLM_MONTHLY_BUDGET_USD,
  );
  if (!budget) throw DomainError.notFound('organization');
  return budgetView(budget);
}

/** Sets (or, with null, clears back to the default) the org's monthly LLM budget, recorded in the audit log. */
export async function setBudget({ ctx, input }: { ctx: ServiceCtx; input: LlmSetBudget }) {
  return ctx.db.transaction(async (tx) => {
    const ok = await setLlmBudget(tx, ctx.member.orgId, input.limitUsd);
    if (!ok) throw DomainError.notFound('organization');
    await writeAudit(tx, {
      orgId: ctx.member.orgId,
      actorUserId: ctx.member.userId,
      action: 'llm.budget.set',
      targetType: 'org',
      targetId: ctx.member.orgId,
      data: { limitUsd: input.limitUsd },
    });
    const budget = await getLlmBudget(
      tx,
      ctx.member.orgId,
      new Date(),
      ctx.llmBudgetDefaultUsd ?? DEFAULT_LLM_MONTHLY_BUDGET_USD,
    );
    if (!budget) throw DomainError.notFound('organization');
    return budgetView(budget);
  });
}
