import type { DesiredStateSpec, Plan } from '../plan/schema';
import { assignPorts } from './deps';
import { ApplyError } from './errors';
import { serverStep } from './server';
import { terraformStep } from './terraform';
import type { ServerStepOptions, ServerStepResult, TerraformStepOptions } from './types';

export interface ApplyPlanOptions
  extends Omit<TerraformStepOptions, 'spec'>,
    Omit<ServerStepOptions, 'spec' | 'instance' | 'ssh' | 'serverIp' | 'reporter' | 'signal'> {
  plan: Plan;
  /** The project's SSH key (its public half is `sshPublicKey`). */
  sshPrivateKey: string;
  sshUser?: string;
  /** sshd's port on every server (22). */
  sshPort?: number;
}

export interface ApplyPlanResult {
  spec: DesiredStateSpec;
  serverIps: Record<string, string>;
  servers: Record<string, ServerStepResult>;
  accessUrls: string[];
}

/**
 * The CLI's `ch apply`: ports assigned (reference §7.4), terraform, then every instance that has workloads deployed
 * over SSH in turn. MOS's DeployProject workflow runs the same steps as separate activities instead.
 */
export async function applyPlan(opts: ApplyPlanOptions): Promise<ApplyPlanResult> {
  const spec = assignPorts(opts.plan.new_spec);
  const { serverIps } = await terraformStep({ ...opts, spec });
  const servers: Record<string, ServerStepResult> = {};
  for (const inst of spec.instances) {
    if (!inst.workloads.length) continue;
    const ip = serverIps[inst.name];
    if (!ip)
      throw new ApplyError(
        'terraform_output',
        `terraform output server_ips has no address for instance ${inst.name}`,
      );
    servers[inst.name] = await serverStep({
      ...opts,
      spec,
      instance: inst.name,
      ssh: {
        host: ip,
        port: opts.sshPort ?? 22,
        username: opts.sshUser ?? 'root',
        privateKey: opts.sshPrivateKey,
      },
      serverIp: ip,
    });
  }
  return { spec, serverIps, servers, accessUrls: Object.values(servers).flatMap((s) => s.accessUrls) };
}
