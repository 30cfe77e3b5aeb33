import { router } from '../../trpc';
import { get } from './get';
import { list } from './list';
import { review } from './review';
import { stop } from './stop';

export const workflowsRouter = router({ list, get, review, stop });
