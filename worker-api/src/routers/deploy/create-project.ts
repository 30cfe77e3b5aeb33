import { DeployProjectCreate } from '../../schemas/deploy';
import { addProject } from '../../services/deploy/projects';
import { adminProcedure } from '../../trpc';

export const createProject = adminProcedure
  .input(DeployProjectCreate)
  .mutation(({ ctx, input }) => addProject({ ctx, input }));
