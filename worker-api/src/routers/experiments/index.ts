import { router } from '../../trpc';
import { changePlan } from './change-plan';
import { create } from './create';
import { decisions } from './decisions';
import { design } from './design';
import { get } from './get';
import { list } from './list';
import { phases } from './phases';
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
  changePlan,
  phases,
  readings,
  decisions,
});
