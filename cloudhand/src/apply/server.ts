import { createMasker } from '../mask';
import type { ApplicationSpec, InstanceSpec } from '../plan/schema';
import {
  aptInstallCommand,
  certbotCommand,
  layoutDirs,
  nodeInstallCommand,
  nodeMajor,
  preflightScript,
  readinessScript,
  renderEnvFile,
  renderUnit,
  writeFilesScript,
} from './commands';
import {
  certificateRequests,
  mosWorkerServices,
  type NginxSite,
  type RenderSitesOptions,
  renderSites,
} from './deps';
import { ApplyError, RemoteCommandError } from './errors';
import { resolveLayout } from './layout';
import { StepLog } from './log';
import { shq } from './shell';
import { SshExecutor } from './ssh';
import type { ResolvedServerLayout, RollbackStepOptions, ServerStepOptions, ServerStepResult } from './types';

export const DEFAULT_KEEP_RELEASES = 5;
const NODE_MAJOR = 24;

/** One systemd unit a workload runs (a git workload has one, a mos_worker workload three). */
interface UnitPlan {
  unit: string;
  description: string;
  command: string;
  environment: ApplicationSpec['service_config']['environment'];
  port: number | null;
  healthPath: string | null;
}

/** What a workload's deploy changed on the server, so a failure can put it back. */
interface WorkloadTx {
  workload: ApplicationSpec;
  appDir: string;
  releaseDir: string;
  /** `current`'s target before this apply (relative, `releases/<id>`), or null on a first deploy. */
  previous: string | null;
  units: UnitPlan[];
  created: boolean;
  filesBackedUp: boolean;
  switched: boolean;
}

export function unitsOf(w: ApplicationSpec): UnitPlan[] {
  if (w.source_type === 'funnel_publication') return [];
  if (w.source_type === 'mos_worker')
    return mosWorkerServices(w).map((s) => ({
      unit: s.unit,
      description: s.description,
      command: s.command,
      environment: s.environment,
      port: s.port,
      healthPath: null,
    }));
  return [
    {
      unit: w.name,
      description: w.name,
      command: w.service_config.command ?? '',
      environment: w.service_config.environment,
      port: w.service_config.ports[0] ?? null,
      healthPath: w.service_config.health_path ?? null,
    },
  ];
}

function findInstance(spec: ServerStepOptions['spec'], name: string): InstanceSpec {
  const inst = spec.instances.find((i) => i.name === name);
  if (!inst) throw new ApplyError('invalid_input', `The plan has no instance named "${name}"`);
  return inst;
}

/** The header git sends for an https repo: GitHub's token form (`x-access-token:<token>` as basic auth). */
export function gitAuthHeader(token: string): string {
  return `Authorization: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}

/**
 * Env for a git command: never a prompt; with a token, `http.<origin>/.extraheader` for the repo's own origin
 * only (git config from the environment, so it is neither in argv nor written to a .git/config).
 */
export function gitEnv(repoUrl: string, token: string | null): Record<string, string> {
  const env: Record<string, string> = { GIT_TERMINAL_PROMPT: '0' };
  const origin = /^(https?:\/\/[^/]+)\//i.exec(repoUrl)?.[1];
  if (token && origin) {
    env.GIT_CONFIG_COUNT = '1';
    env.GIT_CONFIG_KEY_0 = `http.${origin}/.extraheader`;
    env.GIT_CONFIG_VALUE_0 = gitAuthHeader(token);
  }
  return env;
}

/** The apply on one server: a transaction over its workloads and nginx sites. */
class ServerDeploy {
  readonly layout: ResolvedServerLayout;
  readonly instance: InstanceSpec;
  readonly log: StepLog;
  readonly ip: string;
  ex!: SshExecutor;
  private nginxBackup: string | null = null;
  private nodeVersion = '';
  private nginxReloaded = false;

  constructor(
    readonly opts: Omit<ServerStepOptions, 'releaseId' | 'secrets'> & {
      releaseId: string;
      secrets?: ServerStepOptions['secrets'];
    },
  ) {
    this.layout = resolveLayout(opts.layout);
    this.instance = findInstance(opts.spec, opts.instance);
    const mask = createMasker([opts.gitToken, opts.gitToken ? gitAuthHeader(opts.gitToken) : null]);
    this.log = new StepLog(opts.reporter, mask, { instance: opts.instance });
    this.ip = opts.serverIp ?? opts.ssh.host;
  }

  async connect(): Promise<void> {
    this.log.line(
      'connect',
      `Connecting to ${this.opts.ssh.username}@${this.opts.ssh.host}:${this.opts.ssh.port}`,
    );
    this.ex = await SshExecutor.connect({
      target: this.opts.ssh,
      hostKeys: this.opts.hostKeys,
      log: this.log,
      connect: this.opts.connect,
      signal: this.opts.signal,
      onCommand: this.opts.onCommand,
      lockDir: `${this.layout.stateDir}/locks`,
    });
    // One round trip: the folders, and the node version the runtime step decides on.
    const r = await this.ex.exec(
      `mkdir -p ${layoutDirs(this.layout).map(shq).join(' ')} && { node --version 2>/dev/null || true; }`,
      { step: 'connect', quiet: true },
    );
    this.nodeVersion = r.stdout.trim();
    this.log.line('connect', 'Prepared the cloudhand folders');
  }

  run(
    command: string,
    step: string,
    w?: ApplicationSpec,
    extra: Parameters<SshExecutor['exec']>[1] = { step },
  ) {
    return this.ex.exec(command, { ...extra, step, workload: w?.name });
  }

  appDir(w: ApplicationSpec): string {
    return `${w.destination_path.replace(/\/+$/, '')}/${w.name}`;
  }

  // ── system ────────────────────────────────────────────────────────────────────────────────────────────────
  async systemPackages(): Promise<void> {
    const pkgs = [...new Set(this.instance.workloads.flatMap((w) => w.build_config.system_packages))].sort();
    if (!pkgs.length) return this.log.line('packages', 'No system packages to install');
    this.log.line('packages', `Installing system packages: ${pkgs.join(' ')}`);
    await this.run(aptInstallCommand(pkgs), 'packages', undefined, {
      step: 'packages',
      label: `apt-get install ${pkgs.join(' ')}`,
    });
  }

  async runtime(): Promise<void> {
    const needsNode = this.instance.workloads.some(
      (w) => w.source_type === 'mos_worker' || (w.source_type === 'git' && w.runtime === 'nodejs'),
    );
    if (!needsNode) return this.log.line('runtime', 'No runtime to set up');
    const v = { stdout: this.nodeVersion };
    const major = nodeMajor(v.stdout);
    if (major !== null && major >= NODE_MAJOR)
      return this.log.line(
        'runtime',
        `Node ${v.stdout.trim()} is installed (≥ ${NODE_MAJOR}); nothing to do`,
      );
    this.log.line(
      'runtime',
      `Installing Node ${NODE_MAJOR} (found ${major === null ? 'none' : v.stdout.trim()})`,
    );
    await this.run(nodeInstallCommand(NODE_MAJOR), 'runtime', undefined, {
      step: 'runtime',
      label: `install Node ${NODE_MAJOR} from NodeSource`,
    });
  }

  // ── one workload ──────────────────────────────────────────────────────────────────────────────────────────
  async preflight(w: ApplicationSpec, units: UnitPlan[]): Promise<void> {
    const checks = units.flatMap((u) =>
      (u.port !== null ? [u.port] : []).map((port) => ({ port, unit: u.unit })),
    );
    if (w.source_type === 'git')
      for (const p of w.service_config.ports.slice(1)) checks.push({ port: p, unit: w.name });
    if (!checks.length) return this.log.line('preflight', 'No ports to check', 'info', w.name);
    this.log.line('preflight', `Checking ports ${checks.map((c) => c.port).join(', ')}`, 'info', w.name);
    const r = await this.run(preflightScript(this.layout.systemctl, checks), 'preflight', w, {
      step: 'preflight',
      quiet: true,
    });
    const busy = /busy (\d+)/.exec(r.stdout);
    if (busy)
      throw new ApplyError(
        'port_in_use',
        `Port ${busy[1]} is already in use on server ${this.ip}; cannot deploy workload '${w.name}'`,
      );
    this.log.line('preflight', 'Ports are free (or held by the workload itself)', 'info', w.name);
  }

  /** A funnel on its own port (no server names): that port must be free or nginx's already. */
  async preflightFunnel(w: ApplicationSpec): Promise<void> {
    const port = w.service_config.ports[0];
    if (w.service_config.server_names.length || port === undefined || this.opts.nginxMode !== 'per-app')
      return;
    this.log.line('preflight', `Checking port ${port} (nginx serves the funnel there)`, 'info', w.name);
    const r = await this.run(preflightScript(this.layout.systemctl, [{ port, unit: null }]), 'preflight', w, {
      step: 'preflight',
      quiet: true,
    });
    if (/busy (\d+)/.test(r.stdout))
      throw new ApplyError(
        'port_in_use',
        `Port ${port} is already in use on server ${this.ip}; cannot deploy workload '${w.name}'`,
      );
  }

  /** After a reload: nginx's ports answer (the http port, and each funnel's own port), so URLs are up. */
  async nginxListening(): Promise<void> {
    const ports = new Set<number>();
    for (const w of this.instance.workloads) {
      const own = w.source_type === 'funnel_publication' && !w.service_config.server_names.length;
      const p = w.service_config.ports[0];
      if (w.source_type === 'git' && p === undefined) continue; // no site
      if (own && p !== undefined && this.opts.nginxMode === 'per-app') ports.add(p);
      else ports.add(this.layout.httpPort);
    }
    if (!ports.size) return;
    await this.run(
      [...ports].map((port) => `(${readinessScript({ port, path: null, timeoutMs: 10_000 })})`).join(' && '),
      'nginx',
      undefined,
      { step: 'nginx', quiet: true, label: `nginx listens on ${[...ports].join(', ')}` },
    );
  }

  async gitSync(tx: WorkloadTx): Promise<void> {
    const w = tx.workload;
    const url = w.repo_url ?? '';
    this.log.line('git', `Syncing ${url} (${w.branch}) into ${tx.releaseDir}`, 'info', w.name);
    const branch = shq(w.branch);
    const script = [
      'set -e',
      `app=${shq(tx.appDir)}; rel=${shq(tx.releaseDir)}; repo="$app/repo"`,
      'mkdir -p "$app/releases"',
      'if [ -d "$repo" ]; then',
      `  git -C "$repo" remote set-url origin ${shq(url)}`,
      `  git -C "$repo" fetch --prune origin "+refs/heads/"${branch}":refs/heads/"${branch}`,
      'else',
      '  rm -rf "$repo.ch-tmp"',
      `  git clone --bare --single-branch --branch ${branch} ${shq(url)} "$repo.ch-tmp"`,
      '  mv "$repo.ch-tmp" "$repo"',
      'fi',
      'cur=$(readlink -f "$app/current" 2>/dev/null || true)',
      'if [ -e "$rel" ] && [ "$(readlink -f "$rel")" != "$cur" ]; then rm -rf "$rel"; fi',
      'if [ -e "$rel" ]; then',
      `  git -C "$rel" fetch origin ${branch} && git -C "$rel" reset --hard FETCH_HEAD`,
      'else',
      `  git clone --branch ${branch} "$repo" "$rel"`,
      'fi',
      'echo "release at commit $(git -C "$rel" rev-parse HEAD)"',
    ].join('\n');
    tx.created = true;
    await this.run(script, 'git', w, {
      step: 'git',
      env: gitEnv(url, this.opts.gitToken),
      label: `git sync ${url} ${w.branch}`,
    });
  }

  async build(tx: WorkloadTx): Promise<void> {
    const w = tx.workload;
    const cmds = [
      ['install', w.build_config.install_command],
      ['build', w.build_config.build_command],
    ] as const;
    for (const [what, cmd] of cmds) {
      if (!cmd?.trim()) {
        this.log.line('build', `No ${what} command`, 'info', w.name);
        continue;
      }
      try {
        await this.run(`cd ${shq(tx.releaseDir)} && ${cmd}`, 'build', w, {
          step: 'build',
          label: `${what}: ${cmd}`,
        });
      } catch (err) {
        if (err instanceof RemoteCommandError)
          throw new ApplyError(
            'build_failed',
            `The ${what} command of workload '${w.name}' failed: ${err.message}`,
            {
              cause: err,
            },
          );
        throw err;
      }
    }
  }

  envFile(unit: string): string {
    return `${this.layout.envDir}/${unit}.env`;
  }
  unitFile(unit: string): string {
    return `${this.layout.systemdDir}/${unit}.service`;
  }
  backupDir(): string {
    return `${this.layout.stateDir}/backup/${this.opts.releaseId}`;
  }

  /** Resolves env (secret refs only here, at the last moment) and writes env files (600) and units. */
  async writeServiceFiles(tx: WorkloadTx): Promise<void> {
    const w = tx.workload;
    const files = [];
    const backup = `${this.backupDir()}/${w.name}`;
    const paths = tx.units.flatMap((u) => [this.envFile(u.unit), this.unitFile(u.unit)]);
    await this.run(
      [
        `mkdir -p ${shq(backup)}`,
        ...paths.map(
          (p) =>
            `if [ -e ${shq(p)} ]; then cp -p ${shq(p)} ${shq(`${backup}/${p.split('/').pop()}`)}; else rm -f ${shq(`${backup}/${p.split('/').pop()}`)}; fi`,
        ),
      ].join('\n'),
      'env',
      w,
      { step: 'env', quiet: true },
    );
    tx.filesBackedUp = true;
    for (const u of tx.units) {
      const resolved: Record<string, string> = {};
      const secretNames: string[] = [];
      for (const [k, v] of Object.entries(u.environment)) {
        if (typeof v === 'string') resolved[k] = v;
        else {
          const resolver = this.opts.secrets;
          if (!resolver) throw new ApplyError('secret_missing', 'No secret resolver given');
          let value: string;
          try {
            value = await resolver(v.secret);
          } catch (err) {
            throw new ApplyError(
              'secret_missing',
              `Workload '${w.name}': the org secret ${v.secret} (env ${k}) could not be resolved`,
              { cause: err },
            );
          }
          this.log.mask.add(value);
          resolved[k] = value;
          secretNames.push(v.secret);
        }
      }
      this.log.line(
        'env',
        `Env file ${this.envFile(u.unit)}: ${Object.keys(resolved).length} variables${secretNames.length ? ` (secrets: ${secretNames.join(', ')})` : ''}`,
        'info',
        w.name,
      );
      const envFiles = [this.envFile(u.unit)];
      const extra = w.service_config.environment_file;
      if (extra) {
        const optional = extra.startsWith('-');
        const path = optional ? extra.slice(1) : extra;
        envFiles.push(
          `${optional ? '-' : ''}${path.startsWith('/') ? path : `${tx.appDir}/current/${path}`}`,
        );
      }
      files.push({ path: this.envFile(u.unit), content: renderEnvFile(resolved), mode: 0o600 });
      files.push({
        path: this.unitFile(u.unit),
        content: renderUnit({
          unit: u.unit,
          description: u.description,
          workingDirectory: `${tx.appDir}/current`,
          command: u.command,
          envFiles,
        }),
        mode: 0o644,
      });
    }
    this.log.line(
      'systemd',
      `Writing units ${tx.units.map((u) => `${u.unit}.service`).join(', ')}`,
      'info',
      w.name,
    );
    await this.run('sh -s', 'systemd', w, {
      step: 'systemd',
      stdin: writeFilesScript(files),
      label: 'write env files and units',
      quiet: true,
    });
  }

  /** `current` → the new release (a temp link renamed over the old one: atomic), then restart the units. */
  async switchAndRestart(tx: WorkloadTx): Promise<void> {
    const w = tx.workload;
    const rel = `releases/${this.opts.releaseId}`;
    this.log.line('release', `Switching current to ${rel}`, 'info', w.name);
    tx.switched = true;
    const units = tx.units.map((u) => shq(u.unit)).join(' ');
    const sc = this.layout.systemctl;
    await this.run(
      `cd ${shq(tx.appDir)} && ln -sfn ${shq(rel)} current.ch-tmp && mv -T current.ch-tmp current && ${sc} daemon-reload && ${sc} enable ${units} && ${sc} restart ${units}`,
      'systemd',
      w,
      {
        step: 'systemd',
        label: `switch current → ${rel}; systemctl daemon-reload, enable and restart ${tx.units.map((u) => u.unit).join(' ')}`,
      },
    );
  }

  async ready(tx: WorkloadTx): Promise<void> {
    const w = tx.workload;
    for (const u of tx.units) {
      if (u.port === null) continue;
      this.log.line(
        'health',
        u.healthPath ? `Checking ${u.healthPath} on port ${u.port}` : `Waiting for port ${u.port}`,
        'info',
        w.name,
      );
      try {
        await this.run(
          readinessScript({
            port: u.port,
            path: u.healthPath,
            // Without a health path the port is a hint, not a promise: a shorter wait, then the unit decides.
            timeoutMs: u.healthPath
              ? (this.opts.healthTimeoutMs ?? 30_000)
              : Math.min(this.opts.healthTimeoutMs ?? 30_000, 10_000),
            unit: { name: u.unit, systemctl: this.layout.systemctl },
          }),
          'health',
          w,
          {
            step: 'health',
            label: u.healthPath ? `health check ${u.healthPath}` : `wait for port ${u.port}`,
          },
        );
      } catch (err) {
        if (err instanceof RemoteCommandError)
          throw new ApplyError(
            'health_check_failed',
            `Workload '${w.name}' (${u.unit}) is not healthy: ${err.message}`,
            { cause: err },
          );
        throw err;
      }
    }
  }

  async snapshot(w: ApplicationSpec): Promise<WorkloadTx> {
    const appDir = this.appDir(w);
    const r = await this.run(`readlink ${shq(`${appDir}/current`)} || true`, 'release', w, {
      step: 'release',
      quiet: true,
    });
    const previous = r.stdout.trim() || null;
    return {
      workload: w,
      appDir,
      releaseDir: `${appDir}/releases/${this.opts.releaseId}`,
      previous,
      units: unitsOf(w),
      created: false,
      filesBackedUp: false,
      switched: false,
    };
  }

  async deployWorkload(tx: WorkloadTx): Promise<void> {
    await this.preflight(tx.workload, tx.units);
    await this.gitSync(tx);
    await this.build(tx);
    await this.writeServiceFiles(tx);
    await this.switchAndRestart(tx);
    await this.ready(tx);
  }

  /** Puts a workload back as it was: env files and units, `current`, the units restarted on it. */
  async rollbackWorkload(tx: WorkloadTx): Promise<void> {
    const w = tx.workload;
    const sc = this.layout.systemctl;
    const units = tx.units.map((u) => shq(u.unit)).join(' ');
    const backup = `${this.backupDir()}/${w.name}`;
    const lines = ['set +e'];
    if (tx.filesBackedUp)
      for (const p of tx.units.flatMap((u) => [this.envFile(u.unit), this.unitFile(u.unit)])) {
        const b = shq(`${backup}/${p.split('/').pop()}`);
        lines.push(`if [ -e ${b} ]; then mv -f ${b} ${shq(p)}; else rm -f ${shq(p)}; fi`);
      }
    if (tx.switched) {
      lines.push(`cd ${shq(tx.appDir)}`);
      if (tx.previous)
        lines.push(`ln -sfn ${shq(tx.previous)} current.ch-tmp && mv -T current.ch-tmp current`);
      else lines.push('rm -f current');
    }
    if (tx.filesBackedUp || tx.switched) {
      lines.push(`${sc} daemon-reload`);
      if (tx.previous) lines.push(`${sc} restart ${units}`);
      else lines.push(`${sc} stop ${units}; ${sc} disable ${units} 2>/dev/null`);
    }
    // A resumed apply may find `current` on this very release already: never delete what is being served.
    if (tx.created && tx.previous !== `releases/${this.opts.releaseId}`)
      lines.push(`rm -rf ${shq(tx.releaseDir)}`);
    this.log.line(
      'rollback',
      tx.previous
        ? `Restoring ${w.name} to ${tx.previous}`
        : `Removing the failed first release of ${w.name}`,
      'warn',
      w.name,
    );
    await this.run(lines.join('\n'), 'rollback', w, {
      step: 'rollback',
      label: `roll back ${w.name}`,
      check: false,
    });
  }

  // ── nginx ─────────────────────────────────────────────────────────────────────────────────────────────────
  renderOptions(): RenderSitesOptions {
    return {
      mode: this.opts.nginxMode,
      acmeWebroot: this.layout.acmeWebroot,
      cacheDir: this.layout.nginxCacheDir,
      layout: this.layout,
      httpPort: this.layout.httpPort,
      httpsPort: this.layout.httpsPort,
    };
  }

  private manifest(): string {
    return `${this.layout.stateDir}/nginx-sites`;
  }

  /** Sites written → `nginx -t` → reload; a refused config restores the previous files (nginx keeps serving). */
  async applySites(sites: NginxSite[]): Promise<void> {
    const L = this.layout;
    const b = `${this.backupDir()}/nginx`;
    if (!this.nginxBackup) {
      await this.run(
        [
          'set -e',
          `rm -rf ${shq(b)} && mkdir -p ${shq(b)}`,
          `cp -a ${shq(L.nginxSitesAvailable)} ${shq(`${b}/available`)}`,
          `cp -a ${shq(L.nginxSitesEnabled)} ${shq(`${b}/enabled`)}`,
          `if [ -e ${shq(this.manifest())} ]; then cp -p ${shq(this.manifest())} ${shq(`${b}/manifest`)}; fi`,
        ].join('\n'),
        'nginx',
        undefined,
        { step: 'nginx', quiet: true },
      );
      this.nginxBackup = b;
    }
    this.log.line('nginx', `Writing sites ${sites.map((s) => s.name).join(', ') || '(none)'}`);
    const names = sites.map((s) => s.name);
    const write = writeFilesScript([
      ...sites.map((s) => ({ path: `${L.nginxSitesAvailable}/${s.name}`, content: s.content, mode: 0o644 })),
      { path: this.manifest(), content: names.join('\n'), mode: 0o644 },
    ]);
    const link = [
      ...sites.map(
        (s) =>
          `ln -sfn ${shq(`${L.nginxSitesAvailable}/${s.name}`)} ${shq(`${L.nginxSitesEnabled}/${s.name}`)}`,
      ),
      // Sites this engine wrote before and no longer renders (a removed workload) go; so does Ubuntu's default.
      `if [ -e ${shq(`${b}/manifest`)} ]; then while read -r old; do case " ${names.join(' ')} " in *" $old "*) ;; *) [ -n "$old" ] && rm -f ${shq(L.nginxSitesEnabled)}/"$old" ${shq(L.nginxSitesAvailable)}/"$old";; esac; done < ${shq(`${b}/manifest`)}; fi`,
      `rm -f ${shq(`${L.nginxSitesEnabled}/default`)}`,
    ].join('\n');
    await this.run('sh -s', 'nginx', undefined, {
      step: 'nginx',
      stdin: `${write}${link}\n`,
      label: 'write nginx sites',
      quiet: true,
    });
    const test = await this.run(L.nginxTest, 'nginx', undefined, {
      step: 'nginx',
      check: false,
      label: 'nginx -t',
    });
    if (test.code !== 0) {
      const output = test.stderr.trim() || test.stdout.trim();
      const why = output.split('\n').slice(-3).join(' | ');
      // nginx resolves upstream host names when it loads the config: say which one, it is the usual cause.
      const host = /host not found in upstream "([^"]+)"/.exec(output)?.[1];
      const hint = host ? `: the upstream host ${host} does not resolve on the server` : '';
      await this.restoreSites();
      throw new ApplyError(
        'nginx_invalid',
        `nginx -t refused the new configuration${hint} (${this.log.mask(why)}); the previous sites were restored and nginx keeps serving them`,
      );
    }
    await this.run(L.nginxReload, 'nginx', undefined, { step: 'nginx', label: 'reload nginx' });
    this.nginxReloaded = true;
    if (sites.length) await this.nginxListening();
    this.log.line('nginx', 'nginx configuration valid and reloaded');
  }

  async restoreSites(): Promise<void> {
    const b = this.nginxBackup;
    if (!b) return;
    const L = this.layout;
    this.log.line('rollback', 'Restoring the previous nginx sites', 'warn');
    await this.run(
      [
        'set -e',
        `find ${shq(L.nginxSitesAvailable)} ${shq(L.nginxSitesEnabled)} -mindepth 1 -maxdepth 1 -exec rm -rf {} +`,
        `cp -a ${shq(`${b}/available`)}/. ${shq(L.nginxSitesAvailable)}/`,
        `cp -a ${shq(`${b}/enabled`)}/. ${shq(L.nginxSitesEnabled)}/`,
        `if [ -e ${shq(`${b}/manifest`)} ]; then cp -p ${shq(`${b}/manifest`)} ${shq(this.manifest())}; else rm -f ${shq(this.manifest())}; fi`,
      ].join('\n'),
      'rollback',
      undefined,
      { step: 'rollback', label: 'restore nginx sites' },
    );
    if (this.nginxReloaded) {
      // The new config was live: go back to the previous one (only if it still passes the test).
      const t = await this.run(L.nginxTest, 'rollback', undefined, {
        step: 'rollback',
        check: false,
        label: 'nginx -t',
      });
      if (t.code === 0)
        await this.run(L.nginxReload, 'rollback', undefined, { step: 'rollback', label: 'reload nginx' });
      this.nginxReloaded = false;
    }
  }

  /** Which certificates exist (by each request's first name). */
  async existingCerts(requests: string[][]): Promise<Set<string>> {
    if (!requests.length) return new Set();
    const firsts = [...new Set(requests.map((r) => r[0]).filter((n): n is string => !!n))];
    const dir = this.layout.certDir;
    const r = await this.run(
      `${firsts
        .map(
          (n) =>
            `[ -f ${shq(`${dir}/${n}/fullchain.pem`)} ] && [ -f ${shq(`${dir}/${n}/privkey.pem`)} ] && echo ${shq(n)}`,
        )
        .join('; ')}; true`,
      'tls',
      undefined,
      { step: 'tls', quiet: true },
    );
    return new Set(
      r.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
  }

  renderWith(certs: Set<string>): NginxSite[] {
    const dir = this.layout.certDir;
    try {
      return renderSites(this.instance, {
        ...this.renderOptions(),
        tls: (names) => {
          const first = names[0];
          return first && certs.has(first)
            ? { cert: `${dir}/${first}/fullchain.pem`, key: `${dir}/${first}/privkey.pem` }
            : null;
        },
      });
    } catch (err) {
      throw new ApplyError('invalid_input', `nginx sites could not be rendered: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  /** nginx for the instance; https: certbot for names without a certificate, then the sites again with TLS. */
  async nginx(): Promise<Set<string>> {
    const requests = certificateRequests(this.instance, this.renderOptions());
    let certs = await this.existingCerts(requests);
    await this.applySites(this.renderWith(certs));
    const missing = requests.filter((r) => r[0] && !certs.has(r[0]));
    if (missing.length) {
      for (const names of missing) {
        this.log.line('tls', `Requesting a certificate for ${names.join(', ')}`);
        await this.run(
          certbotCommand({
            certbot: this.layout.certbot,
            names,
            webroot: this.layout.acmeWebroot,
            email: this.opts.certbotEmail,
          }),
          'tls',
          undefined,
          { step: 'tls', label: `certbot certonly --webroot -d ${names.join(' -d ')}` },
        );
      }
      certs = await this.existingCerts(requests);
      await this.applySites(this.renderWith(certs));
    }
    return certs;
  }

  async commit(txs: WorkloadTx[]): Promise<void> {
    const keep = Math.max(1, this.opts.keepReleases ?? DEFAULT_KEEP_RELEASES);
    const lines = [`rm -rf ${shq(this.backupDir())}`];
    for (const tx of txs)
      lines.push(
        `(cd ${shq(`${tx.appDir}/releases`)} && cur=$(basename "$(readlink -f ../current)") && ls -1t | tail -n +${keep + 1} | while read -r r; do [ "$r" = "$cur" ] || { echo "pruned $r"; rm -rf -- "$r"; }; done)`,
      );
    // Units this engine started before whose workload left the plan: stopped, disabled, their files removed (the
    // release folders stay, so putting the workload back is a normal apply).
    const units = this.instance.workloads.flatMap((w) => unitsOf(w).map((u) => u.unit));
    const manifest = shq(`${this.layout.stateDir}/units`);
    const sc = this.layout.systemctl;
    lines.push(
      `if [ -e ${manifest} ]; then while read -r old; do case " ${units.join(' ')} " in *" $old "*) ;; *) [ -n "$old" ] && { echo "removing unit $old (its workload left the plan)"; ${sc} stop "$old"; ${sc} disable "$old" 2>/dev/null; rm -f ${shq(this.layout.systemdDir)}/"$old.service" ${shq(this.layout.envDir)}/"$old.env"; };; esac; done < ${manifest}; ${sc} daemon-reload; fi`,
      `printf '%s\n' ${units.map(shq).join(' ') || "''"} > ${manifest}`,
    );
    this.log.line('prune', `Keeping the newest ${keep} releases per workload`);
    await this.run(lines.join('\n'), 'prune', undefined, {
      step: 'prune',
      label: 'prune old releases',
      check: false,
    });
  }

  accessUrls(certs: Set<string>): string[] {
    const L = this.layout;
    const urls = new Set<string>();
    const host = (name: string, https: boolean) =>
      https
        ? `https://${name}${L.httpsPort === 443 ? '' : `:${L.httpsPort}`}/`
        : `http://${name}${L.httpPort === 80 ? '' : `:${L.httpPort}`}/`;
    const tlsFor = (names: string[]) => !!names[0] && certs.has(names[0]);
    for (const w of this.instance.workloads) {
      const sc = w.service_config;
      if (w.source_type === 'mos_worker' && w.mos_worker) {
        const names = [w.mos_worker.relay_server_name, ...w.mos_worker.funnel_server_names].filter(
          (n): n is string => !!n,
        );
        for (const n of names) urls.add(host(n, sc.https && certs.has(n)));
        continue;
      }
      if (sc.server_names.length)
        for (const n of sc.server_names) urls.add(host(n, sc.https && tlsFor(sc.server_names)));
      else if (w.source_type === 'funnel_publication' && sc.ports[0] && this.opts.nginxMode === 'per-app')
        urls.add(`http://${this.ip}:${sc.ports[0]}/`);
      else if (sc.ports[0]) urls.add(host(this.ip, false));
    }
    return [...urls];
  }
}

/**
 * Deploys one instance's workloads over SSH (reference §7.5, made transactional): packages, runtime, then per
 * workload preflight → git sync into a new release → install/build → env file and unit → `current` switched →
 * restart → health; then nginx (written, `nginx -t`, reloaded; certbot for https), then old releases pruned. On
 * any failure every workload and the nginx sites go back to what they were, so nginx keeps serving the previous
 * version, and the error is rethrown.
 */
export async function serverStep(opts: ServerStepOptions): Promise<ServerStepResult> {
  const d = new ServerDeploy(opts);
  const txs: WorkloadTx[] = [];
  let failed = false;
  try {
    await d.connect();
    await d.systemPackages();
    await d.runtime();
    try {
      for (const w of d.instance.workloads) {
        if (w.source_type === 'funnel_publication') {
          d.log.line('release', 'Funnel publication: nginx site only', 'info', w.name);
          await d.preflightFunnel(w);
          continue;
        }
        const tx = await d.snapshot(w);
        txs.push(tx);
        d.log.line(
          'release',
          `Deploying release ${opts.releaseId}${tx.previous ? ` (previous ${tx.previous})` : ' (first release)'}`,
          'info',
          w.name,
        );
        await d.deployWorkload(tx);
      }
      const certs = await d.nginx();
      await d.commit(txs);
      d.log.line('done', `Instance ${opts.instance} deployed (release ${opts.releaseId})`);
      return {
        releases: txs.map((tx) => ({
          workload: tx.workload.name,
          releaseId: opts.releaseId,
          path: tx.releaseDir,
        })),
        accessUrls: d.accessUrls(certs),
      };
    } catch (err) {
      d.log.line('error', (err as Error).message, 'error');
      if (!(err instanceof ApplyError && err.reason === 'aborted')) {
        await d
          .restoreSites()
          .catch((e: Error) => d.log.line('rollback', `nginx restore failed: ${e.message}`, 'error'));
        for (const tx of [...txs].reverse())
          await d
            .rollbackWorkload(tx)
            .catch((e: Error) =>
              d.log.line(
                'rollback',
                `rollback of ${tx.workload.name} failed: ${e.message}`,
                'error',
                tx.workload.name,
              ),
            );
      }
      throw err;
    }
  } catch (err) {
    failed = true;
    if (!(err instanceof ApplyError)) d.log.line('error', (err as Error).message, 'error');
    throw err;
  } finally {
    d.ex?.close();
    // A reporter failure fails a step that succeeded; it never hides the error of one that failed.
    await d.log.flush().catch((e: unknown) => {
      if (!failed) throw e;
    });
  }
}

/**
 * Rollback to earlier releases: `current` switched back per workload, its units restarted, nginx re-rendered from
 * the spec (written, tested, reloaded, restored on failure). Env files stay as they are (they hold the secrets of
 * the last apply; a rollback restores code).
 */
export async function rollbackStep(opts: RollbackStepOptions): Promise<ServerStepResult> {
  const d = new ServerDeploy({ ...opts, releaseId: `rollback-${Date.now()}` });
  let failed = false;
  try {
    await d.connect();
    const switched: WorkloadTx[] = [];
    try {
      for (const r of opts.releases) {
        const w = d.instance.workloads.find((x) => x.name === r.workload);
        if (!w)
          throw new ApplyError('invalid_input', `Instance ${opts.instance} has no workload '${r.workload}'`);
        if (w.source_type === 'funnel_publication') continue;
        const tx = await d.snapshot(w);
        const target = `releases/${r.releaseId}`;
        const exists = await d.run(`[ -d ${shq(`${tx.appDir}/${target}`)} ]`, 'release', w, {
          step: 'release',
          quiet: true,
          check: false,
        });
        if (exists.code !== 0)
          throw new ApplyError(
            'release_missing',
            `Release ${r.releaseId} of '${w.name}' is not on the server (pruned?)`,
          );
        d.log.line(
          'release',
          `Rolling back to ${target}${tx.previous ? ` (from ${tx.previous})` : ''}`,
          'info',
          w.name,
        );
        const sc = d.layout.systemctl;
        const units = tx.units.map((u) => shq(u.unit)).join(' ');
        switched.push(tx);
        tx.switched = true;
        await d.run(
          `cd ${shq(tx.appDir)} && ln -sfn ${shq(target)} current.ch-tmp && mv -T current.ch-tmp current && ${sc} daemon-reload && ${sc} restart ${units}`,
          'systemd',
          w,
          {
            step: 'systemd',
            label: `switch current → ${target}; restart ${tx.units.map((u) => u.unit).join(' ')}`,
          },
        );
        await d.ready(tx);
      }
      const certs = await d.nginx();
      await d.run(`rm -rf ${shq(d.backupDir())}`, 'prune', undefined, {
        step: 'prune',
        quiet: true,
        check: false,
      });
      return {
        releases: opts.releases.map((r) => {
          const w = d.instance.workloads.find((x) => x.name === r.workload);
          return {
            workload: r.workload,
            releaseId: r.releaseId,
            path: w ? `${d.appDir(w)}/releases/${r.releaseId}` : '',
          };
        }),
        accessUrls: d.accessUrls(certs),
      };
    } catch (err) {
      failed = true;
      d.log.line('error', (err as Error).message, 'error');
      await d.restoreSites().catch(() => undefined);
      for (const tx of switched.reverse()) await d.rollbackWorkload(tx).catch(() => undefined);
      throw err;
    }
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    d.ex?.close();
    await d.log.flush().catch((e: unknown) => {
      if (!failed) throw e;
    });
  }
}
