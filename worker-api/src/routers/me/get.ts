import { getMe } from '../../services/me/get';
import { orgProcedure } from '../../trpc';

export const get = orgProcedure.query(({ ctx }) => getMe({ ctx }));
