import type { DesiredStateSpec, Plan } from '@mos/cloudhand/plan';

/*
 * The part of cloudhand the deploy activities call, as one injectable object: the real engine in production
 * (`loadCloudhandEngine`), a recording one in the workflow-mechanics tests. The option shapes are cloudhand's
 * apply contract (`cloudhand/src/apply/types.ts`), restated here because that module is not a package export yet.
 */
export type ApplyLogLevel = 'info' | 'warn' | 'error';
export interface ApplyLogLine {
  step: string;
  level: ApplyLogLevel;
  message: string;
  instance?: string;
  workload?: string;
}
export interface ApplyReporter {
  log(line: ApplyLogLine): void | Promise<void>;
}
export interface ServerLayout {
  nginxSitesAvailable: string;
  nginxSitesEnabled: string;
  nginxTest: string;
  nginxReload: string;
  nginxCacheDir: string;
  systemdDir: string;
  envDir: string;
  systemctl: string;
}
export interface HostKeyStore {
  get(host: string): Promise<string | null>;
  pin(host: string, fingerprint: string): Promise<void>;
}
export type SecretResolver = (name: string) => Promise<string>;

export interface TerraformStepOptions {
  spec: DesiredStateSpec;
  workDir: string;
  terraformBin: string | undefined;
  hcloudToken: string;
  sshPublicKey: string;
  reporter: ApplyReporter;
  signal?: AbortSignal;
}
export interface TerraformStepResult {
  serverIps: Record<string, string>;
}
export interface SshTarget {
  host: string;
  port: number;
  username: string;
}
export interface ServerStepOptions {
  spec: DesiredStateSpec;
  instance: string;
  ssh: SshTarget & { privateKey: string };
  hostKeys: HostKeyStore;
  secrets: SecretResolver;
  releaseId: string;
  nginxMode: 'per-app' | 'combined';
  gitToken: string | null;
  certbotEmail: string | null;
  layout?: Partial<ServerLayout>;
  reporter: ApplyReporter;
  signal?: AbortSignal;
}
export interface ServerStepResult {
  releases: { workload: string; releaseId: string; path: string }[];
  accessUrls: string[];
}
export interface RollbackStepOptions extends Omit<ServerStepOptions, 'releaseId' | 'secrets'> {
  releases: { workload: string; releaseId: string }[];
}

/** `funnelWorkloadPatch` of `@mos/cloudhand/plan`: the funnel's workload and the URLs it will answer at. */
export interface FunnelWorkloadPatchOptions {
  publicId: string;
  workloadName?: string;
  serverNames: string[];
  https: boolean;
  destinationPath: string;
  upstreamBaseUrl: string;
  upstreamApiBaseUrl: string;
}
export interface FunnelWorkloadPatch {
  patch: Record<string, unknown> & { name: string };
  accessUrls(serverIp: string, port: number | null): string[];
}
export interface PatchWorkloadResult {
  plan: Plan;
  updatedCount: number;
  created: boolean;
  instance: string;
}

export interface DeployEngine {
  /** `@mos/cloudhand/ports`: the deterministic port rule; throws `PlanValidationError`. */
  assignPorts(spec: DesiredStateSpec): DesiredStateSpec;
  terraformStep(opts: TerraformStepOptions): Promise<TerraformStepResult>;
  serverStep(opts: ServerStepOptions): Promise<ServerStepResult>;
  rollbackStep(opts: RollbackStepOptions): Promise<ServerStepResult>;
  funnelWorkloadPatch(opts: FunnelWorkloadPatchOptions): FunnelWorkloadPatch;
  patchWorkload(
    plan: Plan,
    patch: Record<string, unknown>,
    opts: { instanceName?: string; createIfMissing?: boolean },
  ): PatchWorkloadResult;
}

// Module names in variables: the engine's modules are loaded at the first deploy, not when the worker starts
// (synthesis pulls in cdktn), and tests that inject an engine never load them.
const APPLY_MODULE = '@mos/cloudhand/apply';
const PORTS_MODULE = '@mos/cloudhand/ports';
const PLAN_MODULE = '@mos/cloudhand/plan';

let loaded: Promise<DeployEngine> | null = null;

/** cloudhand's engine: apply steps, the port rule and the plan patching functions. */
export function loadCloudhandEngine(): Promise<DeployEngine> {
  loaded ??= (async () => {
    const [apply, ports, plan] = await Promise.all([
      import(/* @vite-ignore */ APPLY_MODULE),
      import(/* @vite-ignore */ PORTS_MODULE),
      import(/* @vite-ignore */ PLAN_MODULE),
    ]);
    return {
      assignPorts: ports.assignPorts,
      terraformStep: apply.terraformStep,
      serverStep: apply.serverStep,
      rollbackStep: apply.rollbackStep,
      funnelWorkloadPatch: plan.funnelWorkloadPatch,
      patchWorkload: plan.patchWorkload,
    } as DeployEngine;
  })();
  loaded.catch(() => {
    loaded = null;
  });
  return loaded;
}
