import { router } from '../../trpc';
import { list } from './list';
import { remove } from './remove';
import { set } from './set';

/** Org secrets, admin only: values go in and never come out. */
export const secretsRouter = router({ list, set, delete: remove });
