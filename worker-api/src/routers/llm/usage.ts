import { LlmUsage } from '../../schemas/llm';
import { llmUsage } from '../../services/llm/usage';
import { orgProcedure } from '../../trpc';

export const usage = orgProcedure.input(LlmUsage).query(({ ctx, input }) => llmUsage({ ctx, input }));
