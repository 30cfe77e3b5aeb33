import { router } from '../../trpc';
import { applyPlan } from './apply-plan';
import { bootstrap } from './bootstrap';
import { createProject } from './create-project';
import { exportPlan } from './export-plan';
import { patchWorkload } from './patch-workload';
import { plan } from './plan';
import { planVersions } from './plan-versions';
import { projects } from './projects';
import { queue } from './queue';
import { rollback } from './rollback';
import { run } from './run';
import { runs } from './runs';
import { savePlan } from './save-plan';
import { updateProject } from './update-project';
import { validatePlan } from './validate-plan';

/**
 * Deploys (cloudhand), admins only: projects, versioned plans (validate, save, patch a workload, bootstrap,
 * export for the CLI), and runs queued one at a time per project (apply, rollback, status with steps and logs).
 */
export const deployRouter = router({
  projects,
  createProject,
  updateProject,
  plan,
  planVersions,
  validatePlan,
  savePlan,
  exportPlan,
  patchWorkload,
  bootstrap,
  // `apply` is a name tRPC reserves (Function.prototype.apply on its proxies).
  applyPlan,
  runs,
  run,
  rollback,
  queue,
});
