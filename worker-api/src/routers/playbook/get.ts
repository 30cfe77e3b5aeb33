import { PlaybookGet } from '../../schemas/playbook';
import { getPlaybook } from '../../services/playbook/get';
import { orgProcedure } from '../../trpc';

export const get = orgProcedure.input(PlaybookGet).query(({ ctx, input }) => getPlaybook({ ctx, input }));
