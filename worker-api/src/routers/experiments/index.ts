import { router } from '../../trpc';
import { create } from './create';
import { decisions } from './decisions';
import { design } from './design';
import { get } from './get';
import { list } from './list';
import { readings } from './readings';
import { startCycle } from './start-cycle';
import { update } from './update';

export const experimentsRouter = router({
  list,
  get,
  create,
  update,
  design,
  startCycle,
  readings,
  decisions,
});
