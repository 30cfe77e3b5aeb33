import { router } from '../../trpc';
import { archive } from './archive';
import { create } from './create';
import { designTokens, setDesignTokens } from './design-tokens';
import { get } from './get';
import { list } from './list';
import { remove } from './remove';
import { update } from './update';

export const clientsRouter = router({
  list,
  get,
  create,
  update,
  archive,
  remove,
  designTokens,
  setDesignTokens,
});
