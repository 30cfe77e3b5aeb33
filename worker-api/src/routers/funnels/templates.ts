import { listTemplates } from '../../services/funnels/templates';
import { orgProcedure } from '../../trpc';

export const templates = orgProcedure.query(() => listTemplates());
