import { WorkflowById } from '../../schemas/workflows';
import { getWorkflow } from '../../services/workflows/get';
import { orgProcedure } from '../../trpc';

export const get = orgProcedure.input(WorkflowById).query(({ ctx, input }) => getWorkflow({ ctx, input }));
