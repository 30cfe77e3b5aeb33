import { WorkflowById } from '../../schemas/workflows';
import { stopWorkflow } from '../../services/workflows/stop';
import { operatorProcedure } from '../../trpc';

export const stop = operatorProcedure
  .input(WorkflowById)
  .mutation(({ ctx, input }) => stopWorkflow({ ctx, input }));
