import { router } from '../../trpc';
import { produce } from './produce';

export const creativesRouter = router({ produce });
