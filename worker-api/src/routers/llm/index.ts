import { router } from '../../trpc';
import { setBudget } from './set-budget';
import { usage } from './usage';

export const llmRouter = router({ usage, setBudget });
