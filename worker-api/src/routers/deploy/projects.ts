import { listProjects } from '../../services/deploy/projects';
import { adminProcedure } from '../../trpc';

export const projects = adminProcedure.query(({ ctx }) => listProjects({ ctx }));
