import { WorkflowList } from '../../schemas/workflows';
import { listWorkflows } from '../../services/workflows/list';
import { orgProcedure } from '../../trpc';

export const list = orgProcedure.input(WorkflowList).query(({ ctx, input }) => listWorkflows({ ctx, input }));
