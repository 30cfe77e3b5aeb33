import { LlmSetBudget } from '../../schemas/llm';
import { setBudget as setBudgetService } from '../../services/llm/budget';
import { adminProcedure } from '../../trpc';

export const setBudget = adminProcedure
  .input(LlmSetBudget)
  .mutation(({ ctx, input }) => setBudgetService({ ctx, input }));
