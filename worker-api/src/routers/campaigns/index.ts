import { router } from '../../trpc';
import { create } from './create';
import { get } from './get';
import { list } from './list';
import { plan } from './plan';
import { remove } from './remove';
import { testRun } from './test-run';
import { update } from './update';

export const campaignsRouter = router({ list, get, create, update, remove, plan, testRun });
