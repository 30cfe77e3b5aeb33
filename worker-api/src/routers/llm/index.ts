import { router } from '../../trpc';
import { usage } from './usage';

export const llmRouter = router({ usage });
