import { WorkflowReview } from '../../schemas/workflows';
import { reviewWorkflow } from '../../services/workflows/review';
import { operatorProcedure } from '../../trpc';

export const review = operatorProcedure
  .input(WorkflowReview)
  .mutation(({ ctx, input }) => reviewWorkflow({ ctx, input }));
