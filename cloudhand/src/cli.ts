import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type {
  ApplyLogLine,
  HostKeyStore,
  ServerLayout,
  ServerStepOptions,
  ServerStepResult,
  TerraformStepOptions,
  TerraformStepResult,
} from './apply/types';
import {
  bootstrapPlan,
  mosWorkerPlan,
  type Plan,
  type PlanIssue,
  PlanPatchError,
  PlanValidationError,
  parsePlanText,
  patchWorkload,
  secretRefs,
} from './plan';
import { assignPorts } from './plan/ports';

/**
 * `ch`: the cloudhand CLI over the same library functions MOS calls (validate, patch-workload, bootstrap, ports,
 * synth, nginx render, apply, status). Runtime files live under `--root` (default ./cloudhand, as the original):
 * spec.json (the spec last applied, ports assigned), terraform/, last-apply.json. Synthesis, nginx and the apply
 * engine are loaded only by the commands that need them.
 */

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A usage problem: printed with the usage line, exit code 2. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

const USAGE = `usage: ch <command> [options]
  validate <plan.json>                         check a plan (schema, cross-references, ports)
  patch-workload <plan.json> <patch.json>      merge a workload patch by name into a plan
      [--instance <name>] [--create-if-missing] [--in-place]
  bootstrap [--instance <name>] [--size cx23] [--region nbg1] [--network default] [--cidr 10.0.0.0/16]
      [--workload <workload.json>]             the first-run plan, on stdout
  bootstrap --mos-worker --repo-url <url> --relay-host <host> [--funnel-host <host>]... [--branch main]
      [--no-https] [--dns-zone <zone>] [--temporal-api-key]   MOS's own worker host
  ports <plan.json> [--json]                   the ports the deterministic rule assigns
  synth <plan.json> --out <dir>                write <dir>/cdk.tf.json
  nginx render <plan.json> --instance <name> [--mode per-app|combined] [--layout <layout.json>] [--with-certs]
  apply <plan.json> [--root ./cloudhand] [--terraform-bin <path>] [--ssh-key <path>] [--ssh-user root]
      [--ssh-port 22] [--nginx-mode per-app|combined] [--secrets-file <names.json>] [--layout <layout.json>]
  status [--root ./cloudhand]                  the last apply: servers, releases, access URLs`;

const processIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
});

const printIssues = (io: CliIo, issues: PlanIssue[]) => {
  for (const i of issues) io.stderr(`${i.path}: ${i.message}\n`);
};

/** Runs one command; resolves to the exit code (0 ok, 1 invalid input or failed apply, 2 usage). */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return await validateCommand(rest, io);
      case 'patch-workload':
        return await patchCommand(rest, io);
      case 'bootstrap':
        return await bootstrapCommand(rest, io);
      case 'ports':
        return await portsCommand(rest, io);
      case 'synth':
        return await synthCommand(rest, io);
      case 'nginx':
        return await nginxCommand(rest, io);
      case 'apply':
        return await applyCommand(rest, io);
      case 'status':
        return await statusCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new CliError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof PlanValidationError || err instanceof PlanPatchError) {
      printIssues(io, err.issues);
      return 1;
    }
    if (err instanceof CliError) {
      io.stderr(`ch: ${err.message}\n`);
      if (err.exitCode === 2) io.stderr(`${USAGE}\n`);
      return err.exitCode;
    }
    // node:util parseArgs reports unknown or malformed options with these codes.
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`ch: ${(err as Error).message}\n${USAGE}\n`);
      return 2;
    }
    io.stderr(`ch: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];
function args<O extends Options>(argv: string[], options: O, positionals: string[]) {
  const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  if (parsed.positionals.length !== positionals.length)
    throw new CliError(`expected ${positionals.map((p) => `<${p}>`).join(' ') || 'no arguments'}`);
  return { values: parsed.values, positionals: parsed.positionals };
}

async function readText(io: CliIo, path: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      1,
    );
  }
}

async function readPlan(io: CliIo, path: string): Promise<Plan> {
  return parsePlanText(await readText(io, path, 'plan'));
}

async function readJson(io: CliIo, path: string, what: string): Promise<unknown> {
  const text = await readText(io, path, what);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${what} ${path} is not JSON: ${(err as Error).message}`, 1);
  }
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

async function validateCommand(argv: string[], io: CliIo): Promise<number> {
  const { positionals } = args(argv, {}, ['plan']);
  const file = positionals[0] as string;
  const plan = await readPlan(io, file);
  // Port conflicts are plan errors too: reported here rather than at apply.
  assignPorts(plan.new_spec);
  const workloads = plan.new_spec.instances.reduce((n, i) => n + i.workloads.length, 0);
  const secrets = secretRefs(plan.new_spec);
  io.stdout(
    `${file}: valid (${plan.new_spec.instances.length} instance(s), ${workloads} workload(s); secrets referenced: ${secrets.join(', ') || 'none'})\n`,
  );
  return 0;
}

/** `plan-<UTC %Y-%m-%dT%H-%M-%SZ>.json` next to the base plan, as the original; a suffix when the second is taken. */
function newPlanPath(dir: string, now: Date): string {
  const ts = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  let path = join(dir, `plan-${ts}.json`);
  for (let n = 2; existsSync(path); n++) path = join(dir, `plan-${ts}-${n}.json`);
  return path;
}

async function patchCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = args(
    argv,
    {
      instance: { type: 'string' },
      'create-if-missing': { type: 'boolean', default: false },
      'in-place': { type: 'boolean', default: false },
    },
    ['plan', 'patch'],
  );
  const [planFile, patchFile] = positionals as [string, string];
  const plan = await readPlan(io, planFile);
  const patch = await readJson(io, patchFile, 'patch');
  const result = patchWorkload(plan, patch, {
    instanceName: values.instance as string | undefined,
    createIfMissing: values['create-if-missing'] as boolean,
  });
  const base = resolve(io.cwd, planFile);
  const target = values['in-place'] ? base : newPlanPath(dirname(base), new Date());
  await writeFile(target, json(result.plan));
  io.stdout(
    json({
      base_plan_path: base,
      updated_plan_path: target,
      workload_name: (patch as { name?: unknown }).name,
      updated_count: result.updatedCount,
      created: result.created,
      instance: result.instance,
    }),
  );
  return 0;
}

async function bootstrapCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = args(
    argv,
    {
      instance: { type: 'string' },
      size: { type: 'string' },
      region: { type: 'string' },
      network: { type: 'string' },
      cidr: { type: 'string' },
      workload: { type: 'string' },
      'mos-worker': { type: 'boolean', default: false },
      'repo-url': { type: 'string' },
      branch: { type: 'string' },
      'relay-host': { type: 'string' },
      'funnel-host': { type: 'string', multiple: true },
      'no-https': { type: 'boolean', default: false },
      'dns-zone': { type: 'string' },
      'temporal-api-key': { type: 'boolean', default: false },
    },
    [],
  );
  const all = values as Record<string, unknown>;
  const str = (k: string) => all[k] as string | undefined;
  const common = {
    instanceName: str('instance'),
    size: str('size'),
    region: str('region'),
    networkName: str('network'),
    cidr: str('cidr'),
  };
  let plan: Plan;
  if (values['mos-worker']) {
    const repoUrl = str('repo-url');
    const relay = str('relay-host');
    if (!repoUrl || !relay) throw new CliError('bootstrap --mos-worker needs --repo-url and --relay-host');
    if (values.workload) throw new CliError('--workload does not go with --mos-worker');
    plan = mosWorkerPlan({
      ...common,
      repoUrl,
      branch: str('branch'),
      relayServerName: relay,
      funnelServerNames: (values['funnel-host'] as string[] | undefined) ?? [],
      https: !values['no-https'],
      dnsZone: str('dns-zone'),
      temporalApiKey: values['temporal-api-key'] as boolean,
    });
  } else {
    for (const k of ['repo-url', 'relay-host', 'funnel-host', 'branch', 'dns-zone'])
      if (all[k] !== undefined) throw new CliError(`--${k} goes with --mos-worker`);
    const workload = values.workload ? await readJson(io, str('workload') as string, 'workload') : undefined;
    plan = bootstrapPlan({ ...common, workload: workload as never });
  }
  assignPorts(plan.new_spec);
  io.stdout(json(plan));
  return 0;
}

async function portsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = args(argv, { json: { type: 'boolean', default: false } }, ['plan']);
  const spec = assignPorts((await readPlan(io, positionals[0] as string)).new_spec);
  if (values.json) {
    io.stdout(json(spec));
    return 0;
  }
  for (const inst of spec.instances)
    for (const w of inst.workloads) {
      const env = w.service_config.environment.PORT;
      const port = typeof env === 'string' ? ` PORT=${env}` : '';
      io.stdout(`${inst.name}\t${w.name}\t${w.service_config.ports.join(',')}\t${w.source_type}${port}\n`);
    }
  return 0;
}

/** A module another part of cloudhand provides, loaded when a command needs it. */
async function cloudhandModule<T>(subpath: 'synth' | 'nginx' | 'apply'): Promise<T> {
  const specifier = `@mos/cloudhand/${subpath}`;
  try {
    return (await import(specifier)) as T;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' || code === 'ERR_MODULE_NOT_FOUND')
      throw new CliError(`${specifier} is not part of this build (${(err as Error).message})`, 1);
    throw err;
  }
}

type SynthModule = Pick<typeof import('./synth/index'), 'writeTerraform'>;
type NginxModule = Pick<typeof import('./nginx/index'), 'renderSites'>;
/** The apply engine's steps (types.ts); the layout helpers are its own. */
interface ApplyModule {
  resolveLayout(layout: Partial<ServerLayout> | undefined): Required<ServerLayout>;
  terraformStep(options: TerraformStepOptions): Promise<TerraformStepResult>;
  serverStep(options: ServerStepOptions): Promise<ServerStepResult>;
}

async function synthCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = args(argv, { out: { type: 'string' } }, ['plan']);
  if (!values.out) throw new CliError('synth needs --out <dir>');
  const spec = assignPorts((await readPlan(io, positionals[0] as string)).new_spec);
  const synth = await cloudhandModule<SynthModule>('synth');
  const path = await synth.writeTerraform(spec, resolve(io.cwd, values.out as string));
  io.stdout(`${path}\n`);
  return 0;
}

const nginxMode = (value: unknown): 'per-app' | 'combined' => {
  if (value === undefined || value === 'per-app') return 'per-app';
  // The original's aliases (CLOUDHAND_NGINX_MODE).
  if (value === 'combined' || value === 'single' || value === 'shared') return 'combined';
  throw new CliError(`unknown nginx mode "${String(value)}" (per-app or combined)`);
};

async function nginxCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'render') throw new CliError('expected "nginx render <plan.json> --instance <name>"');
  const { values, positionals } = args(
    rest,
    {
      instance: { type: 'string' },
      mode: { type: 'string' },
      layout: { type: 'string' },
      'with-certs': { type: 'boolean', default: false },
    },
    ['plan'],
  );
  const spec = assignPorts((await readPlan(io, positionals[0] as string)).new_spec);
  const name = values.instance as string | undefined;
  const instance = name
    ? spec.instances.find((i) => i.name === name)
    : spec.instances.length === 1
      ? spec.instances[0]
      : undefined;
  if (!instance)
    throw new CliError(
      name ? `no instance named "${name}" in the plan` : '--instance is required (several instances)',
      1,
    );
  // The same options `apply` renders with: the server layout, and certificates where certbot keeps them.
  const { resolveLayout } = await cloudhandModule<ApplyModule>('apply');
  const layout = resolveLayout(
    values.layout
      ? ((await readJson(io, values.layout as string, 'layout')) as Partial<ServerLayout>)
      : undefined,
  );
  const withCerts = values['with-certs'] as boolean;
  const nginx = await cloudhandModule<NginxModule>('nginx');
  const sites = nginx.renderSites(instance, {
    mode: nginxMode(values.mode ?? io.env.CLOUDHAND_NGINX_MODE),
    acmeWebroot: layout.acmeWebroot,
    cacheDir: layout.nginxCacheDir,
    layout,
    httpPort: layout.httpPort,
    httpsPort: layout.httpsPort,
    tls: (names) =>
      withCerts && names[0]
        ? {
            cert: `${layout.certDir}/${names[0]}/fullchain.pem`,
            key: `${layout.certDir}/${names[0]}/privkey.pem`,
          }
        : null,
  });
  for (const site of sites) io.stdout(`# sites-available/${site.name}\n${site.content}\n`);
  if (sites.length === 0) io.stderr(`ch: instance ${instance.name} has no site to serve\n`);
  return 0;
}

/** Host keys pinned at first contact, in a JSON file next to the project's state. */
function fileHostKeyStore(path: string): HostKeyStore {
  const load = async (): Promise<Record<string, string>> =>
    existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as Record<string, string>) : {};
  return {
    async get(host) {
      return (await load())[host] ?? null;
    },
    async pin(host, fingerprint) {
      const all = await load();
      all[host] = fingerprint;
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, json(all), { mode: 0o600 });
    },
  };
}

/** The project's SSH key: `--ssh-key` (and `<key>.pub`), else ~/.cloudhand/keys/<project>_id_ed25519, made once. */
async function sshKeyPair(io: CliIo, keyPath: string | undefined, project: string) {
  const path = keyPath
    ? resolve(io.cwd, keyPath)
    : join(io.env.CLOUDHAND_KEYS_DIR ?? join(homedir(), '.cloudhand', 'keys'), `${project}_id_ed25519`);
  if (!existsSync(path)) {
    if (keyPath) throw new CliError(`no SSH key at ${path}`, 1);
    // ssh2 is CommonJS: Node's ESM view has `utils` only on the default export.
    const ssh2 = (await import('ssh2')) as typeof import('ssh2') & { default?: typeof import('ssh2') };
    const utils = ssh2.default?.utils ?? ssh2.utils;
    const pair = utils.generateKeyPairSync('ed25519', { comment: `cloudhand-${project}` });
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, pair.private, { mode: 0o600 });
    await writeFile(`${path}.pub`, `${pair.public}\n`);
    await chmod(path, 0o600);
  }
  const pub = `${path}.pub`;
  if (!existsSync(pub)) throw new CliError(`no public key at ${pub}`, 1);
  return { privateKey: await readFile(path, 'utf8'), publicKey: (await readFile(pub, 'utf8')).trim() };
}

async function applyCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = args(
    argv,
    {
      root: { type: 'string', default: 'cloudhand' },
      project: { type: 'string' },
      'terraform-bin': { type: 'string' },
      'ssh-key': { type: 'string' },
      'ssh-user': { type: 'string', default: 'root' },
      'ssh-port': { type: 'string', default: '22' },
      'nginx-mode': { type: 'string' },
      'secrets-file': { type: 'string' },
      layout: { type: 'string' },
    },
    ['plan'],
  );
  const planFile = positionals[0] as string;
  const root = resolve(io.cwd, values.root as string);
  // Names the key file, so only file-name characters.
  const project = (
    (values.project as string | undefined) ||
    io.env.DEPLOY_PROJECT_ID ||
    basename(dirname(root))
  ).replace(/[^A-Za-z0-9._-]/g, '_');
  const spec = assignPorts((await readPlan(io, planFile)).new_spec);
  const sshPort = Number(values['ssh-port']);
  if (!Number.isInteger(sshPort) || sshPort < 1 || sshPort > 65535)
    throw new CliError('--ssh-port must be a port');
  // An empty variable counts as unset (as in .env files).
  const hcloudToken = io.env.TF_VAR_hcloud_token || io.env.HCLOUD_TOKEN;
  if (!hcloudToken) throw new CliError('set HCLOUD_TOKEN (or TF_VAR_hcloud_token) in the environment', 1);

  // Secrets by name: CH_SECRET_<NAME> in the environment, else a JSON file of name → value (never in the plan).
  const secretsFile = values['secrets-file'] as string | undefined;
  const fileSecrets = secretsFile
    ? ((await readJson(io, secretsFile, 'secrets file')) as Record<string, unknown>)
    : {};
  const resolveSecret = async (name: string) => {
    const v = io.env[`CH_SECRET_${name}`] || fileSecrets[name];
    if (typeof v !== 'string' || v === '')
      throw new Error(`secret ${name} is not set (CH_SECRET_${name} or --secrets-file)`);
    return v;
  };
  for (const name of secretRefs(spec)) await resolveSecret(name);
  const layout = values.layout
    ? ((await readJson(io, values.layout as string, 'layout')) as Partial<ServerLayout>)
    : undefined;

  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'spec.json'), json(spec));
  const keys = await sshKeyPair(io, values['ssh-key'] as string | undefined, project);
  const reporter = {
    log(line: ApplyLogLine) {
      const where = [line.instance, line.workload].filter(Boolean).join('/');
      const text = `[${line.step}${where ? ` ${where}` : ''}] ${line.message}\n`;
      if (line.level === 'error') io.stderr(text);
      else io.stdout(text);
    },
  };
  const apply = await cloudhandModule<ApplyModule>('apply');
  if (typeof apply.terraformStep !== 'function' || typeof apply.serverStep !== 'function')
    throw new CliError('@mos/cloudhand/apply in this build has no terraformStep/serverStep', 1);
  const { serverIps } = await apply.terraformStep({
    spec,
    workDir: join(root, 'terraform'),
    terraformBin: (values['terraform-bin'] as string | undefined) || io.env.TERRAFORM_BIN || undefined,
    hcloudToken,
    sshPublicKey: keys.publicKey,
    reporter,
  });
  const releaseId = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  const hostKeys = fileHostKeyStore(join(root, 'host-keys.json'));
  const servers: {
    instance: string;
    ip: string;
    releases: ServerStepResult['releases'];
    accessUrls: string[];
  }[] = [];
  for (const inst of spec.instances) {
    const ip = serverIps[inst.name];
    if (!ip || inst.workloads.length === 0) continue;
    const r = await apply.serverStep({
      spec,
      instance: inst.name,
      ssh: { host: ip, port: sshPort, username: values['ssh-user'] as string, privateKey: keys.privateKey },
      hostKeys,
      secrets: resolveSecret,
      releaseId,
      nginxMode: nginxMode(values['nginx-mode'] ?? io.env.CLOUDHAND_NGINX_MODE),
      gitToken: io.env.GITHUB_TOKEN || io.env.GH_TOKEN || io.env.GITHUB_PAT || null,
      certbotEmail: io.env.CERTBOT_EMAIL || io.env.LETSENCRYPT_EMAIL || null,
      layout,
      reporter,
    });
    servers.push({ instance: inst.name, ip, releases: r.releases, accessUrls: r.accessUrls });
  }
  const summary = {
    applied_at: new Date().toISOString(),
    plan_path: resolve(io.cwd, planFile),
    release_id: releaseId,
    server_ips: serverIps,
    servers,
    access_urls: servers.flatMap((s) => s.accessUrls),
  };
  await writeFile(join(root, 'last-apply.json'), json(summary));
  for (const url of summary.access_urls) io.stdout(`${url}\n`);
  return 0;
}

interface LastApply {
  applied_at: string;
  plan_path: string;
  release_id: string;
  server_ips: Record<string, string>;
  servers: { instance: string; ip: string; releases: { workload: string; releaseId: string }[] }[];
  access_urls: string[];
}

async function statusCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = args(argv, { root: { type: 'string', default: 'cloudhand' } }, []);
  const root = resolve(io.cwd, values.root as string);
  const path = join(root, 'last-apply.json');
  if (!existsSync(path)) {
    io.stdout(`no apply recorded under ${root}\n`);
    return 0;
  }
  const last = JSON.parse(await readFile(path, 'utf8')) as LastApply;
  io.stdout(`last apply ${last.applied_at} (release ${last.release_id}) of ${last.plan_path}\n`);
  for (const [name, ip] of Object.entries(last.server_ips)) {
    const server = last.servers.find((s) => s.instance === name);
    const releases = server?.releases.map((r) => `${r.workload}@${r.releaseId}`).join(', ') || 'no workloads';
    io.stdout(`  ${name}\t${ip}\t${releases}\n`);
  }
  for (const url of last.access_urls) io.stdout(`  ${url}\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2));
}
