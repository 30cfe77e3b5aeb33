import { DeployProjectUpdate } from '../../schemas/deploy';
import { editProject } from '../../services/deploy/projects';
import { adminProcedure } from '../../trpc';

export const updateProject = adminProcedure
  .input(DeployProjectUpdate)
  .mutation(({ ctx, input }) => editProject({ ctx, input }));
