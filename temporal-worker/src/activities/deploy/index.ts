import { join } from 'node:path';
import { createMasker, type Masker } from '@mos/cloudhand/mask';
import { DesiredStateSpec, PlanValidationError, parsePlan, secretRefs } from '@mos/cloudhand/plan';
import {
  claimNextDeployRun,
  type DeployRunRow,
  deployHostKeyStore,
  finishDeployRun,
  getDeployPlanById,
  getDeployProject,
  getDeployRun,
  listSecrets,
  putSecret,
  readSecret,
  recordDeployReleases,
  rollbackSourceRun,
  setDeploySteps,
  storeResolvedSpec,
  storeServerIps,
  updateDeployStep,
} from '@mos/db';
import type { DeployRelease, DeployRunKind, DeployRunStatus, DeployStep } from '@mos/db/contracts';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import ssh2 from 'ssh2';
import { type ActivityDeps, type DeployDeps, NotFoundError, ValidationError } from '../deps';
import { withHeartbeat } from '../shared/heartbeat';
import { type DeployEngine, loadCloudhandEngine, type SshTarget } from './engine';
import { StepLog } from './run-log';

/** ApplicationFailure type of a deploy the engine refused for good (bad plan, build failed, port taken…). */
export const DEPLOY_REFUSED = 'DeployRefused';

/**
 * Reasons (the `reason` field cloudhand's errors carry) that retrying cannot fix: the step fails the run at once.
 * Anything else (ssh timeouts, a terraform crash, the database) is retried by the activity's policy.
 */
const FINAL_REASONS = new Set([
  'invalid_plan',
  'terraform_missing',
  'terraform_failed',
  'port_conflict',
  'preflight_failed',
  'build_failed',
  'nginx_invalid',
  'health_check_failed',
  'host_key_mismatch',
  'secret_missing',
  'invalid_input',
]);

export interface RunScope {
  orgId: string;
  runId: string;
}

export interface ClaimedRun {
  /** The run to apply now; null: none is queued. */
  runId: string | null;
  kind: DeployRunKind;
  /** Runs queued behind it, in the order they run. */
  waiting: string[];
}

export interface PreparedRun {
  kind: DeployRunKind;
  /** The instances to deploy (with workloads) or roll back, in plan order. */
  instances: string[];
}

export const stepKeys = {
  prepare: 'prepare',
  terraform: 'terraform',
  server: (instance: string) => `server:${instance}`,
  rollback: (instance: string) => `rollback:${instance}`,
};

const pendingStep = (key: string, label: string): DeployStep => ({
  key,
  label,
  status: 'pending',
  startedAt: null,
  finishedAt: null,
  detail: null,
});

/** `DEPLOY_SSH_KEY_<PROJECT>`: the project's key when its settings name none. */
export function defaultSshKeySecret(projectName: string): string {
  return `DEPLOY_SSH_KEY_${projectName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`.slice(0, 100);
}

/** The public half (`ssh-ed25519 AAAA…`) of an OpenSSH private key. */
export function publicKeyOf(privateKey: string): string {
  const parsed = sshUtils.parseKey(privateKey);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error)
    throw new ValidationError('the project SSH key is not an OpenSSH private key');
  return `${key.type} ${key.getPublicSSH().toString('base64')}`;
}

function errorReason(err: unknown): string | null {
  const reason = (err as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' ? reason : null;
}

/**
 * The failure a step ends with: its message masked (it goes into the Temporal history and the run row), final
 * for validation errors and the engine's final reasons, retryable otherwise.
 */
function stepFailure(err: unknown, mask: Masker): Error {
  if (err instanceof ApplicationFailure && err.nonRetryable) return err;
  const message = mask(err instanceof Error ? err.message : String(err));
  if (err instanceof ValidationError || err instanceof NotFoundError)
    return ApplicationFailure.nonRetryable(message, err.name);
  if (err instanceof PlanValidationError) return ApplicationFailure.nonRetryable(message, 'ValidationError');
  const reason = errorReason(err);
  if (reason && FINAL_REASONS.has(reason))
    return ApplicationFailure.create({
      type: DEPLOY_REFUSED,
      nonRetryable: true,
      message,
      details: [reason],
    });
  return ApplicationFailure.create({ type: 'DeployStepError', message });
}

// ssh2 is CommonJS: its `utils` come from the default export under Node's ESM loader.
const sshUtils = ssh2.utils;

function cancelSignal(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return undefined;
  }
}

export function deployActivities(deps: ActivityDeps) {
  const { db, clock } = deps;

  const config = (): DeployDeps => {
    if (!deps.deploy)
      throw new ValidationError('deploys are not configured on this worker (DEPLOY_ROOT_DIR)');
    return deps.deploy;
  };
  const engine = async (): Promise<DeployEngine> => config().engine ?? loadCloudhandEngine();
  const secretsKey = () => {
    if (!deps.secretsKey)
      throw new ValidationError('MOS_SECRETS_KEY is not configured: deploy secrets cannot be read');
    return deps.secretsKey;
  };

  async function loadRun(scope: RunScope): Promise<DeployRunRow> {
    const run = await getDeployRun(db, scope.orgId, scope.runId);
    if (!run) throw new NotFoundError(`deploy run ${scope.runId}`);
    return run;
  }

  async function loadProject(run: DeployRunRow) {
    let project: Awaited<ReturnType<typeof getDeployProject>>;
    try {
      project = await getDeployProject(db, run.orgId, run.projectId);
    } catch (err) {
      // Stored settings the contract no longer accepts: no retry can fix them.
      throw new ValidationError(
        `deploy project ${run.projectId} has invalid settings: ${(err as Error).message}`,
      );
    }
    if (!project) throw new NotFoundError(`deploy project ${run.projectId}`);
    return {
      project,
      settings: project.settings,
      sshKeySecret: project.settings.sshKeySecret ?? defaultSshKeySecret(project.name),
    };
  }

  /** Reads a secret the deploy needs, adding its value to the step's masker first. */
  async function secret(orgId: string, name: string, mask: ReturnType<typeof createMasker>): Promise<string> {
    const value = await readSecret(db, secretsKey(), orgId, name);
    if (value === null) throw new ValidationError(`the org has no secret named ${name}`);
    mask.add(value);
    return value;
  }

  /**
   * A masker that already knows every secret value the run could print: the spec's secrets, the Hetzner token,
   * the git token and the SSH key (read for masking only), so even a failure before a value is resolved, or a
   * line quoting another step's secret, is stored masked.
   */
  async function runMasker(run: DeployRunRow): Promise<ReturnType<typeof createMasker>> {
    const mask = createMasker();
    if (!deps.secretsKey) return mask;
    const { settings, sshKeySecret } = await loadProject(run);
    const spec = DesiredStateSpec.safeParse(run.resolvedSpec);
    const names = new Set([
      ...(spec.success ? secretRefs(spec.data) : []),
      settings.hcloudTokenSecret,
      sshKeySecret,
      ...(settings.gitTokenSecret ? [settings.gitTokenSecret] : []),
    ]);
    for (const name of names) mask.add(await readSecret(db, deps.secretsKey, run.orgId, name));
    return mask;
  }

  function resolvedSpecOf(run: DeployRunRow): DesiredStateSpec {
    const parsed = DesiredStateSpec.safeParse(run.resolvedSpec);
    if (!parsed.success) throw new ValidationError(`deploy run ${run.id} has no resolved spec`);
    return parsed.data;
  }

  function sshTarget(instance: string, ip: string): SshTarget {
    return config().sshTarget?.({ instance, ip }) ?? { host: ip, port: 22, username: 'root' };
  }

  /**
   * What a deploy and a rollback on one instance both pass the engine: the resolved spec, SSH to the instance's
   * recorded IP with the project's key, the pinned host keys, nginx settings, layout, the step's log and abort.
   */
  async function instanceStepOptions(
    run: DeployRunRow,
    instance: string,
    mask: Masker,
    log: StepLog,
    noIpMessage: string,
  ) {
    const { settings, sshKeySecret } = await loadProject(run);
    const spec = resolvedSpecOf(run);
    const ip = (run.serverIps as Record<string, string>)?.[instance];
    if (!ip) throw new ValidationError(noIpMessage);
    const privateKey = await secret(run.orgId, sshKeySecret, mask);
    const signal = cancelSignal();
    const layouts = config().layout;
    const layout = typeof layouts === 'function' ? layouts({ instance, ip }) : layouts;
    return {
      settings,
      options: {
        spec,
        instance,
        ssh: { ...sshTarget(instance, ip), privateKey },
        hostKeys: deployHostKeyStore(db, run.orgId, run.projectId),
        nginxMode: settings.nginxMode,
        certbotEmail: settings.certbotEmail,
        ...(layout ? { layout } : {}),
        reporter: log,
        ...(signal ? { signal } : {}),
      },
    };
  }

  /** Records what now runs on the instance (its releases and URLs) on the run. */
  async function recordInstanceReleases(
    run: DeployRunRow,
    instance: string,
    result: { releases: { workload: string; releaseId: string; path: string }[]; accessUrls: string[] },
  ) {
    await recordDeployReleases(
      db,
      run.orgId,
      run.id,
      result.releases.map((r) => ({ instance, ...r })),
      result.accessUrls,
    );
  }

  /** Runs one step: its row and log, the body with heartbeats, the failure masked and classified. */
  async function inStep<T>(
    run: DeployRunRow,
    key: string,
    label: string,
    mask: ReturnType<typeof createMasker>,
    body: (log: StepLog) => Promise<{ result: T; detail: string | null }>,
  ): Promise<T> {
    const log = new StepLog(db, run.orgId, run.id, key, mask, clock);
    await log.start(label);
    try {
      const { result, detail } = await withHeartbeat(() => body(log));
      await log.flush();
      await log.end('succeeded', detail);
      return result;
    } catch (err) {
      if (cancelSignal()?.aborted) {
        // The worker is stopping (or the run was cancelled): the step stays `running` for the attempt that resumes.
        await log
          .log({ step: key, level: 'warn', message: 'interrupted; the step resumes on the next attempt' })
          .catch(() => undefined);
        await log.flush().catch(() => undefined);
        throw err;
      }
      const failure = stepFailure(err, mask);
      await log.log({ step: key, level: 'error', message: failure.message }).catch(() => undefined);
      await log.end('failed', failure.message).catch(() => undefined);
      throw failure;
    }
  }

  const stepDone = (run: DeployRunRow, key: string) =>
    ((run.steps as DeployStep[] | null) ?? []).some((s) => s.key === key && s.status === 'succeeded');

  return {
    /**
     * The project's next run, claimed (`running`) in request order, or the run still `running` (resumed); null
     * when nothing is queued. Also the ids waiting behind it, for the workflow's `queue` query.
     */
    async claimDeployRun(input: {
      orgId: string;
      projectId: string;
      workflowId: string;
    }): Promise<ClaimedRun> {
      const next = await claimNextDeployRun(db, input.orgId, {
        projectId: input.projectId,
        workflowId: input.workflowId,
        now: clock(),
      });
      return {
        runId: next.run?.id ?? null,
        kind: (next.run?.kind ?? 'apply') as DeployRunKind,
        waiting: next.waiting,
      };
    },

    /**
     * Everything checked before anything is touched: the plan version parses, ports are assigned by the
     * deterministic rule, every secret the plan names exists (and the Hetzner token), the project's SSH key pair
     * exists (generated and stored as an org secret on first use). Stores the resolved spec and the step list.
     * A rollback takes the spec and server IPs of the run it restores.
     */
    async prepareDeploy(input: RunScope): Promise<PreparedRun> {
      const run = await loadRun(input);
      const mask = createMasker();
      const kind = run.kind as DeployRunKind;
      return inStep<PreparedRun>(run, stepKeys.prepare, 'Check the plan and secrets', mask, async (log) => {
        const { project, settings, sshKeySecret } = await loadProject(run);
        if (kind === 'rollback') {
          if (!run.rollbackOfRunId) throw new ValidationError('a rollback run must name the run it restores');
          const source = await rollbackSourceRun(db, run.orgId, run.projectId, run.rollbackOfRunId);
          if (!source)
            throw new ValidationError(
              `run ${run.rollbackOfRunId} is not a succeeded run of project '${project.name}'`,
            );
          const releases = (source.releases as DeployRelease[] | null) ?? [];
          if (releases.length === 0)
            throw new ValidationError(`run ${run.rollbackOfRunId} recorded no releases to restore`);
          await storeResolvedSpec(db, run.orgId, run.id, source.resolvedSpec);
          await storeServerIps(db, run.orgId, run.id, (source.serverIps as Record<string, string>) ?? {});
          // In plan order: the source run recorded its servers' releases in the order they finished.
          const planOrder = (DesiredStateSpec.safeParse(source.resolvedSpec).data?.instances ?? []).map(
            (i) => i.name,
          );
          const rank = (name: string) =>
            planOrder.includes(name) ? planOrder.indexOf(name) : planOrder.length;
          const instances = [...new Set(releases.map((r) => r.instance))].sort((a, b) => rank(a) - rank(b));
          await log.info(`rolling back to the releases of run ${source.id} on ${instances.join(', ')}`);
          await setDeploySteps(db, run.orgId, run.id, [
            ...instances.map((i) => pendingStep(stepKeys.rollback(i), `Roll back ${i}`)),
          ]);
          return { result: { kind, instances }, detail: `${releases.length} release(s) of run ${source.id}` };
        }

        const planRow = await getDeployPlanById(db, run.orgId, run.planId);
        if (!planRow) throw new NotFoundError(`deploy plan ${run.planId}`);
        const plan = parsePlan(planRow.plan);
        const spec = (await engine()).assignPorts(plan.new_spec);
        await log.info(`plan version ${planRow.version}: ${spec.instances.length} instance(s)`);
        const needed = [
          ...secretRefs(spec),
          settings.hcloudTokenSecret,
          ...(settings.gitTokenSecret ? [settings.gitTokenSecret] : []),
        ];
        const have = new Set((await listSecrets(db, run.orgId)).map((s) => s.name));
        const missing = [...new Set(needed)].filter((n) => !have.has(n)).sort();
        if (missing.length > 0)
          throw new ValidationError(
            `the org has no secret named ${missing.join(', ')} (set it under Secrets)`,
          );
        if (!have.has(sshKeySecret)) {
          const pair = sshUtils.generateKeyPairSync('ed25519', { comment: `mos-deploy-${project.name}` });
          await putSecret(db, secretsKey(), run.orgId, sshKeySecret, pair.private);
          await log.info(`generated the project's SSH key (stored as secret ${sshKeySecret})`);
        }
        await storeResolvedSpec(db, run.orgId, run.id, spec);
        const instances = spec.instances.filter((i) => i.workloads.length > 0).map((i) => i.name);
        await setDeploySteps(db, run.orgId, run.id, [
          pendingStep(stepKeys.terraform, 'Terraform apply'),
          ...instances.map((i) => pendingStep(stepKeys.server(i), `Deploy ${i}`)),
        ]);
        return {
          result: { kind, instances },
          detail: `plan v${planRow.version}, ${spec.instances.length} instance(s), ports assigned`,
        };
      });
    },

    /**
     * `terraform init/apply/output` in the project's folder with the Hetzner token and the project's public key.
     * Runs once per run: a retry (or a resumed worker) finds the step done and returns the stored server IPs.
     */
    async terraformApply(input: RunScope): Promise<{ serverIps: Record<string, string>; applied: boolean }> {
      const run = await loadRun(input);
      if (stepDone(run, stepKeys.terraform))
        return { serverIps: (run.serverIps as Record<string, string>) ?? {}, applied: false };
      const mask = await runMasker(run);
      return inStep(run, stepKeys.terraform, 'Terraform apply', mask, async (log) => {
        const { settings, sshKeySecret } = await loadProject(run);
        const spec = resolvedSpecOf(run);
        const hcloudToken = await secret(run.orgId, settings.hcloudTokenSecret, mask);
        const sshPublicKey = publicKeyOf(await secret(run.orgId, sshKeySecret, mask));
        const workDir = join(config().rootDir, run.orgId, run.projectId, 'terraform');
        const signal = cancelSignal();
        const result = await (await engine()).terraformStep({
          spec,
          workDir,
          terraformBin: config().terraformBin,
          hcloudToken,
          sshPublicKey,
          reporter: log,
          ...(signal ? { signal } : {}),
        });
        await storeServerIps(db, run.orgId, run.id, result.serverIps);
        const names = Object.keys(result.serverIps);
        return {
          result: { serverIps: result.serverIps, applied: true },
          detail: names.map((n) => `${n}: ${result.serverIps[n]}`).join(', ') || 'no servers',
        };
      });
    },

    /**
     * Deploys every workload of one instance over SSH (release id = the run id, so a retry reuses the folder);
     * secrets are resolved from the org's store only now, and masked in every line. An instance whose release is
     * recorded as done is not deployed again.
     */
    async deployServer(
      input: RunScope & { instance: string },
    ): Promise<{ releases: number; skipped: boolean }> {
      const run = await loadRun(input);
      const key = stepKeys.server(input.instance);
      if (stepDone(run, key)) {
        const releases = ((run.releases as DeployRelease[]) ?? []).filter(
          (r) => r.instance === input.instance,
        );
        return { releases: releases.length, skipped: true };
      }
      const mask = await runMasker(run);
      return inStep(run, key, `Deploy ${input.instance}`, mask, async (log) => {
        const { settings, options } = await instanceStepOptions(
          run,
          input.instance,
          mask,
          log,
          `terraform reported no IP for instance '${input.instance}'`,
        );
        const gitToken = settings.gitTokenSecret
          ? await secret(run.orgId, settings.gitTokenSecret, mask)
          : null;
        const result = await (await engine()).serverStep({
          ...options,
          secrets: (name) => secret(run.orgId, name, mask),
          releaseId: run.id,
          gitToken,
        });
        await recordInstanceReleases(run, input.instance, result);
        return {
          result: { releases: result.releases.length, skipped: false },
          detail: `${result.releases.length} workload(s); ${result.accessUrls.join(' ') || 'no URL'}`,
        };
      });
    },

    /** Makes the releases of the run a rollback names `current` again on one instance (nginx re-checked). */
    async rollbackServer(
      input: RunScope & { instance: string },
    ): Promise<{ releases: number; skipped: boolean }> {
      const run = await loadRun(input);
      const key = stepKeys.rollback(input.instance);
      if (stepDone(run, key)) return { releases: 0, skipped: true };
      const mask = await runMasker(run);
      return inStep(run, key, `Roll back ${input.instance}`, mask, async (log) => {
        if (!run.rollbackOfRunId) throw new ValidationError('a rollback run must name the run it restores');
        const source = await rollbackSourceRun(db, run.orgId, run.projectId, run.rollbackOfRunId);
        if (!source)
          throw new ValidationError(`run ${run.rollbackOfRunId} is not a succeeded run of this project`);
        const releases = ((source.releases as DeployRelease[]) ?? []).filter(
          (r) => r.instance === input.instance,
        );
        const { options } = await instanceStepOptions(
          run,
          input.instance,
          mask,
          log,
          `no IP is recorded for instance '${input.instance}'`,
        );
        const result = await (await engine()).rollbackStep({
          ...options,
          releases: releases.map((r) => ({ workload: r.workload, releaseId: r.releaseId })),
          gitToken: null,
        });
        // The rollback run records what now runs (the restored releases), so it can itself be rolled back to.
        await recordInstanceReleases(run, input.instance, result);
        return {
          result: { releases: result.releases.length, skipped: false },
          detail: `restored ${releases.map((r) => `${r.workload}@${r.releaseId.slice(0, 8)}`).join(', ')}`,
        };
      });
    },

    /**
     * Ends the run (audit row included, once). A failed run's steps still pending are marked skipped, and a
     * step left running (the worker died and the retry failed elsewhere) failed.
     */
    async finishDeployRun(
      input: RunScope & { status: 'succeeded' | 'failed'; error: string | null },
    ): Promise<{ status: DeployRunStatus; accessUrls: string[] }> {
      const run = await loadRun(input);
      if (input.status === 'failed') {
        const now = clock().toISOString();
        for (const s of (run.steps as DeployStep[]) ?? []) {
          if (s.status === 'pending')
            await updateDeployStep(db, run.orgId, run.id, s.key, { status: 'skipped', finishedAt: now });
          if (s.status === 'running')
            await updateDeployStep(db, run.orgId, run.id, s.key, { status: 'failed', finishedAt: now });
        }
      }
      const row = await finishDeployRun(db, input.orgId, {
        runId: input.runId,
        status: input.status,
        error: input.error === null ? null : input.error.slice(0, 4000),
        now: clock(),
      });
      return {
        status: (row?.status ?? input.status) as DeployRunStatus,
        accessUrls: (row?.accessUrls as string[] | null) ?? [],
      };
    },

    /** A run's status and access URLs (Publish + Deploy polls it while the project's workflow applies). */
    async deployRunStatus(
      input: RunScope,
    ): Promise<{ status: DeployRunStatus; accessUrls: string[]; error: string | null }> {
      const run = await loadRun(input);
      return {
        status: run.status as DeployRunStatus,
        accessUrls: (run.accessUrls as string[] | null) ?? [],
        error: run.error,
      };
    },
  };
}
