import type {
  RollbackStepOptions,
  ServerStepOptions,
  ServerStepResult,
  TerraformStepOptions,
  TerraformStepResult,
} from '@mos/cloudhand/apply';
import { type DesiredStateSpec, funnelWorkloadPatch, patchWorkload } from '@mos/cloudhand/plan';
import { assignPorts } from '@mos/cloudhand/ports';

export type {
  ApplyLogLine,
  ApplyReporter,
  HostKeyStore,
  RollbackStepOptions,
  ServerLayout,
  ServerStepOptions,
  ServerStepResult,
  TerraformStepOptions,
  TerraformStepResult,
} from '@mos/cloudhand/apply';
export type { FunnelWorkloadPatchOptions } from '@mos/cloudhand/plan';

/** Where the engine's SSH connects (production: the server's IP, port 22, root). */
export interface SshTarget {
  host: string;
  port: number;
  username: string;
}

/**
 * The part of cloudhand the deploy activities call, as one injectable object: cloudhand's own functions in
 * production (`loadCloudhandEngine`), a recording engine in the workflow-mechanics tests.
 */
export interface DeployEngine {
  /** The deterministic port rule; throws `PlanValidationError`. */
  assignPorts(spec: DesiredStateSpec): DesiredStateSpec;
  terraformStep(opts: TerraformStepOptions): Promise<TerraformStepResult>;
  serverStep(opts: ServerStepOptions): Promise<ServerStepResult>;
  rollbackStep(opts: RollbackStepOptions): Promise<ServerStepResult>;
  funnelWorkloadPatch: typeof funnelWorkloadPatch;
  patchWorkload: typeof patchWorkload;
}

let loaded: Promise<DeployEngine> | null = null;

/**
 * cloudhand's engine. The apply module is loaded at the first deploy, not when the worker starts (synthesis pulls
 * in cdktn and the generated hcloud bindings).
 */
export function loadCloudhandEngine(): Promise<DeployEngine> {
  loaded ??= import('@mos/cloudhand/apply').then((apply) => {
    return {
      assignPorts: (spec) => assignPorts(spec),
      terraformStep: apply.terraformStep,
      serverStep: apply.serverStep,
      rollbackStep: apply.rollbackStep,
      funnelWorkloadPatch,
      patchWorkload,
    } satisfies DeployEngine;
  });
  loaded.catch(() => {
    loaded = null;
  });
  return loaded;
}
