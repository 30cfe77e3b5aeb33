/**
 * Deploy fixtures for the DeployProject tests: a project with a plan, queued runs (as the API creates them), and a
 * recording engine standing in for cloudhand's apply steps (terraform, SSH) while the workflow mechanics are
 * tested; the plan functions (ports, patching) are cloudhand's own. The real engine runs against a local sshd +
 * nginx in the end-to-end tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { funnelWorkloadPatch, type PlanInput, patchWorkload } from '@mos/cloudhand/plan';
import { assignPorts } from '@mos/cloudhand/ports';
import { type Db, deployPlans, deployProjects, insertDeployRun, lockDeployProject } from '@mos/db';
import { deployWorkflowId } from '@mos/db/contracts';
import type { DeployEngine, ServerStepOptions, ServerStepResult } from '../../src/activities/deploy/engine';

export interface EngineCall {
  kind: 'terraform' | 'server' | 'rollback';
  workDir?: string;
  instance?: string;
  releaseId?: string;
  releases?: { workload: string; releaseId: string }[];
  at: number;
}

/** An error as cloudhand raises it: a message and a `reason` (final reasons fail the run without retrying). */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

export interface RecordingEngine extends DeployEngine {
  calls: EngineCall[];
  /** Held steps that were aborted (the worker stopping, the run cancelled), when, by this process's clock. */
  aborted: { instance: string; at: Date }[];
  /**
   * The next server or rollback step of `instance` waits (until `release()`, or until it is aborted: then it
   * rejects).
   */
  hold(instance: string): { reached: Promise<void>; release(): void };
  /** The server step of `instance` for release `releaseId` (that run, no other) throws this once. */
  failOnce(instance: string, releaseId: string, error: Error): void;
  /** Terraform applies recorded for a project folder. */
  applies(workDir: string): number;
}

/**
 * Records every step; `serverStep` resolves each workload's env like the real engine (secrets through the
 * resolver, at the last moment), writes the env file into `serverDir` (the only place a value may appear) and logs
 * a line quoting the resolved values and the git token, which the masker must hide.
 */
export function recordingEngine(serverDir: string): RecordingEngine {
  const calls: EngineCall[] = [];
  const holds = new Map<string, { reached: () => void; released: Promise<void> }>();
  const failures = new Map<string, Error>();
  const aborted: RecordingEngine['aborted'] = [];
  const now = () => performance.now();

  async function held(instance: string, signal: AbortSignal | undefined): Promise<void> {
    const hold = holds.get(instance);
    if (!hold) return;
    holds.delete(instance);
    hold.reached();
    await new Promise<void>((resolve, reject) => {
      hold.released.then(resolve, reject);
      signal?.addEventListener('abort', () => {
        aborted.push({ instance, at: new Date() });
        reject(new Error('aborted: the worker is stopping'));
      });
    });
  }

  async function deploy(opts: ServerStepOptions): Promise<ServerStepResult> {
    calls.push({ kind: 'server', instance: opts.instance, releaseId: opts.releaseId, at: now() });
    await opts.hostKeys.pin(`${opts.ssh.host}:${opts.ssh.port}`, 'SHA256:recording-engine-host-key');
    await held(opts.instance, opts.signal);
    const failureKey = `${opts.instance}\u0000${opts.releaseId}`;
    const failure = failures.get(failureKey);
    if (failure) {
      failures.delete(failureKey);
      throw failure;
    }
    const instance = opts.spec.instances.find((i) => i.name === opts.instance);
    if (!instance) throw new EngineError(`no instance ${opts.instance}`, 'invalid_input');
    const releases: ServerStepResult['releases'] = [];
    const urls: string[] = [];
    for (const w of instance.workloads) {
      const env: string[] = [];
      for (const [k, v] of Object.entries(w.service_config.environment))
        env.push(`${k}=${typeof v === 'string' ? v : await opts.secrets(v.secret)}`);
      const dir = join(serverDir, opts.instance, w.name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${opts.releaseId}.env`), `${env.join('\n')}\n`, { mode: 0o600 });
      await opts.reporter.log({
        step: 'env',
        level: 'info',
        instance: opts.instance,
        workload: w.name,
        message: `env file written: ${env.join(' ')}${opts.gitToken ? ` (git via https://${opts.gitToken}@git.example)` : ''}`,
      });
      releases.push({
        workload: w.name,
        releaseId: opts.releaseId,
        path: `${w.destination_path}/${w.name}/releases/${opts.releaseId}`,
      });
      const port = w.service_config.ports[0];
      urls.push(
        w.service_config.server_names.length > 0
          ? `http://${w.service_config.server_names[0]}/`
          : `http://${opts.ssh.host}:${port ?? 80}/`,
      );
    }
    return { releases, accessUrls: urls };
  }

  return {
    calls,
    aborted,
    hold(instance) {
      let reached!: () => void;
      let release!: () => void;
      const reachedP = new Promise<void>((r) => {
        reached = r;
      });
      const released = new Promise<void>((r) => {
        release = r;
      });
      holds.set(instance, { reached, released });
      return { reached: reachedP, release };
    },
    failOnce(instance, releaseId, error) {
      failures.set(`${instance}\u0000${releaseId}`, error);
    },
    applies: (workDir) => calls.filter((c) => c.kind === 'terraform' && c.workDir === workDir).length,
    assignPorts: (spec) => assignPorts(spec),
    async terraformStep(opts) {
      calls.push({ kind: 'terraform', workDir: opts.workDir, at: now() });
      await opts.reporter.log({
        step: 'terraform',
        level: 'info',
        message: `terraform apply with token ${opts.hcloudToken} and key ${opts.sshPublicKey.slice(0, 20)}`,
      });
      return {
        serverIps: Object.fromEntries(opts.spec.instances.map((i, n) => [i.name, `127.0.0.${n + 1}`])),
      };
    },
    serverStep: deploy,
    async rollbackStep(opts) {
      calls.push({ kind: 'rollback', instance: opts.instance, releases: opts.releases, at: now() });
      await held(opts.instance, opts.signal);
      await opts.reporter.log({
        step: 'rollback',
        level: 'info',
        message: `current -> ${opts.releases.map((r) => `${r.workload}@${r.releaseId}`).join(', ')}`,
      });
      return {
        releases: opts.releases.map((r) => ({
          ...r,
          path: `/opt/apps/${r.workload}/releases/${r.releaseId}`,
        })),
        accessUrls: [],
      };
    },
    funnelWorkloadPatch,
    patchWorkload,
  };
}

/** A plan with one instance and one git workload whose env names `secretName`. */
export function gitPlan(opts: { secretName: string; instances?: string[]; revision?: string }): PlanInput {
  return {
    new_spec: {
      provider: 'hetzner',
      region: 'nbg1',
      networks: [{ name: 'default', cidr: '10.0.0.0/16' }],
      instances: (opts.instances ?? ['web-1']).map((name) => ({
        name,
        size: 'cx23',
        network: 'default',
        workloads: [
          {
            name: 'landing',
            repo_url: 'https://git.example/acme/landing.git',
            runtime: 'nodejs',
            service_config: {
              command: 'npm start',
              environment: {
                DEPLOY_TEST_REVISION: opts.revision ?? 'r1',
                API_KEY: { secret: opts.secretName },
              },
            },
          },
        ],
      })),
    },
  };
}

export interface DeployFixture {
  projectId: string;
  projectName: string;
  planId: string;
}

/** A project (settings as given) with `plan` as version 1. */
export async function deployProject(
  db: Db,
  orgId: string,
  plan: PlanInput,
  settings: Record<string, unknown> = {},
): Promise<DeployFixture> {
  const projectName = `shop-${crypto.randomUUID().slice(0, 8)}`;
  const [project] = await db
    .insert(deployProjects)
    .values({ orgId, name: projectName, settings })
    .returning();
  if (!project) throw new Error('project insert returned nothing');
  const planId = await addPlanVersion(db, orgId, project.id, 1, plan);
  return { projectId: project.id, projectName, planId };
}

export async function addPlanVersion(
  db: Db,
  orgId: string,
  projectId: string,
  version: number,
  plan: PlanInput,
): Promise<string> {
  const [row] = await db
    .insert(deployPlans)
    .values({ orgId, projectId, version, plan, source: 'editor' })
    .returning();
  if (!row) throw new Error('plan insert returned nothing');
  return row.id;
}

/** A queued run, as `deploy.apply` / `deploy.rollback` create it. */
export async function queuedRun(
  db: Db,
  orgId: string,
  f: { projectId: string; planId: string },
  extra: { kind?: 'apply' | 'rollback'; rollbackOfRunId?: string | null; requestedBy?: string | null } = {},
): Promise<string> {
  // As the API queues a run: under the project's lock, through the one insert that orders the queue (two runs
  // written in one millisecond must still run in the order they were requested).
  const row = await db.transaction(async (tx) => {
    await lockDeployProject(tx, orgId, f.projectId);
    return insertDeployRun(tx, {
      orgId,
      projectId: f.projectId,
      planId: f.planId,
      kind: extra.kind ?? 'apply',
      rollbackOfRunId: extra.rollbackOfRunId ?? null,
      requestedBy: extra.requestedBy ?? null,
      workflowId: deployWorkflowId(orgId, f.projectId),
    });
  });
  return row.id;
}
