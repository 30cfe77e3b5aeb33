import { readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApplyError,
  applyPlan,
  gitAuthHeader,
  type RemoteCommandRecord,
  rollbackStep,
  serverStep,
  terraformStep,
} from '../src/apply/index';
import type { DesiredStateSpec, PlanInput } from '../src/plan/schema';
import { parsePlan } from '../src/plan/schema';
import {
  type LocalServer,
  startLocalServer,
  type TerraformStandIn,
  terraformStandIn,
} from '../src/testing/index';
import {
  appFiles,
  collectingReporter,
  fetchUntil,
  fileMode,
  funnelUpstream,
  gitRemote,
  memoryHostKeys,
} from './support/apply-fixtures';

const GIT_TOKEN = 'ghp_e2eTokenThatMustNeverBeLogged0001';
const HCLOUD_TOKEN = 'hcloud-token-that-must-never-be-logged';
const SECRET_VALUE = 's3cr3t-api-key-value-never-logged';
const PUBLIC_ID = 'pub_e2e123';
// Ports follow from instance and workload names; a name of its own keeps a parallel run elsewhere off ours.
const INSTANCE = `web-${Math.random().toString(36).slice(2, 8)}`;

describe('apply end to end on a local server (no cloud)', () => {
  let server: LocalServer;
  let tf: TerraformStandIn;
  let repo: Awaited<ReturnType<typeof gitRemote>>;
  let funnel: Awaited<ReturnType<typeof funnelUpstream>>;
  const hostKeys = memoryHostKeys();
  const reporter = collectingReporter();
  let spec: DesiredStateSpec;
  let firstRelease = '';

  const plan = (greeting: string): PlanInput => ({
    new_spec: {
      provider: 'hetzner',
      region: 'nbg1',
      instances: [
        {
          name: INSTANCE,
          size: 'cx23',
          workloads: [
            {
              name: 'shop',
              repo_url: repo.url,
              branch: 'main',
              runtime: 'nodejs',
              build_config: { build_command: 'node build.mjs' },
              service_config: {
                command: 'node server.mjs',
                environment: { GREETING: greeting, API_KEY: { secret: 'API_KEY' } },
                server_names: ['shop.test'],
                health_path: '/health',
              },
              destination_path: server.appsDir,
            },
            {
              name: 'funnel-pub',
              source_type: 'funnel_publication',
              runtime: 'static',
              source_ref: {
                public_id: PUBLIC_ID,
                upstream_base_url: funnel.url,
                upstream_api_base_url: `${funnel.url}/f/${PUBLIC_ID}`,
              },
              destination_path: server.appsDir,
            },
          ],
        },
      ],
    },
  });

  const secrets = async (name: string) => {
    if (name !== 'API_KEY') throw new Error(`no secret ${name}`);
    return SECRET_VALUE;
  };
  // serverStep on this local server with the given instances (the rest of the spec, keys, secrets, reporter shared).
  const stepWith = (
    instances: DesiredStateSpec['instances'],
    releaseId: string,
    extra: Partial<Parameters<typeof serverStep>[0]> = {},
  ) =>
    serverStep({
      spec: { ...spec, instances },
      instance: INSTANCE,
      ssh: server.ssh,
      hostKeys,
      secrets,
      releaseId,
      nginxMode: 'per-app',
      gitToken: null,
      certbotEmail: null,
      layout: server.layout,
      reporter,
      ...extra,
    });
  const deploy = (
    releaseId: string,
    greeting: string,
    extra: { onCommand?: (r: RemoteCommandRecord) => void; keepReleases?: number } = {},
  ) =>
    stepWith(
      spec.instances.map((i) => withGreeting(i, greeting)),
      releaseId,
      { gitToken: GIT_TOKEN, connect: { attempts: 1, delayMs: 0 }, healthTimeoutMs: 10_000, ...extra },
    );
  const withGreeting = (i: DesiredStateSpec['instances'][number], greeting: string) => ({
    ...i,
    workloads: i.workloads.map((w) =>
      w.name === 'shop'
        ? {
            ...w,
            service_config: {
              ...w.service_config,
              environment: { ...w.service_config.environment, GREETING: greeting },
            },
          }
        : w,
    ),
  });
  const shop = () => fetchUntil(`http://127.0.0.1:${server.nginxPort}/`, 'shop.test', (_b, s) => s === 200);
  const shopDir = () => join(server.appsDir, 'shop');

  beforeAll(async () => {
    server = await startLocalServer();
    tf = await terraformStandIn();
    repo = await gitRemote(gitAuthHeader(GIT_TOKEN).slice('Authorization: '.length));
    funnel = await funnelUpstream();
    await repo.commit(appFiles(true), 'first');
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await tf?.remove();
    await repo?.close();
    await funnel?.close();
  });

  it('applies a plan: terraform stand-in, then a git app and a published funnel served through nginx', async () => {
    const result = await applyPlan({
      plan: parsePlan(plan('hello')),
      workDir: join(server.root, 'terraform'),
      terraformBin: tf.bin,
      hcloudToken: HCLOUD_TOKEN,
      sshPublicKey: server.publicKey,
      sshPrivateKey: server.ssh.privateKey,
      sshUser: server.ssh.username,
      sshPort: server.ssh.port,
      hostKeys,
      secrets,
      releaseId: 'r1',
      nginxMode: 'per-app',
      gitToken: GIT_TOKEN,
      certbotEmail: null,
      layout: server.layout,
      reporter,
      connect: { attempts: 3, delayMs: 200 },
    });
    spec = result.spec;
    firstRelease = 'r1';
    expect(result.serverIps).toEqual({ [INSTANCE]: '127.0.0.1' });

    const calls = await tf.calls();
    expect(calls.map((c) => c.argv)).toEqual([
      ['init', '-input=false'],
      ['apply', '-auto-approve', '-input=false'],
      ['output', '-json'],
    ]);
    for (const c of calls) expect(c.tfVars).toEqual(['TF_VAR_hcloud_token', 'TF_VAR_ssh_public_key']);
    expect(await readFile(tf.callsFile, 'utf8')).not.toContain(HCLOUD_TOKEN);

    // The git app through nginx (by its server name), with its env and the resolved secret.
    const res = await shop();
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as {
      greeting: string;
      secretLength: number;
      build: string;
      cwd: string;
    };
    expect(body.greeting).toBe('hello');
    expect(body.secretLength).toBe(SECRET_VALUE.length);
    expect(body.build).toMatch(/^built /);
    expect(body.cwd).toBe(join(shopDir(), 'releases', 'r1'));
    expect(await readlink(join(shopDir(), 'current'))).toBe('releases/r1');
    // The clone went over HTTP with the token as the Authorization header only.
    expect(repo.requests.authorized).toBeGreaterThan(0);
    expect(repo.requests.refused).toBe(0);
    expect(await readFile(join(shopDir(), 'repo', 'config'), 'utf8')).not.toContain(GIT_TOKEN);
    expect(await readFile(join(shopDir(), 'repo', 'config'), 'utf8')).not.toContain('extraheader');

    // The funnel through nginx on its assigned port (`/<slug>` → the proxy's `/f/<publicId>/<slug>`).
    const fw = spec.instances[0]?.workloads.find((w) => w.name === 'funnel-pub');
    const fport = fw?.service_config.ports[0];
    expect(fport).toBeGreaterThanOrEqual(20000);
    const page = await fetchUntil(`http://127.0.0.1:${fport}/landing`, null, (_b, s) => s === 200);
    expect(page.body).toContain(`funnel page /f/${PUBLIC_ID}/landing`);
    expect(result.accessUrls).toContain(`http://shop.test:${server.nginxPort}/`);
    expect(result.accessUrls).toContain(`http://127.0.0.1:${fport}/`);

    // Env file: mode 600, holds the resolved secret; no reporter line does (nor any token).
    const envFile = join(server.layout.envDir, 'shop.env');
    expect(await fileMode(envFile)).toBe(0o600);
    expect(await readFile(envFile, 'utf8')).toContain(`API_KEY="${SECRET_VALUE}"`);
    const all = reporter.text();
    for (const secret of [SECRET_VALUE, GIT_TOKEN, HCLOUD_TOKEN, gitAuthHeader(GIT_TOKEN)])
      expect(all).not.toContain(secret);
    const steps = new Set(reporter.lines.map((l) => l.step));
    for (const s of [
      'terraform',
      'connect',
      'packages',
      'runtime',
      'preflight',
      'git',
      'build',
      'env',
      'systemd',
      'health',
      'nginx',
      'prune',
    ])
      expect(steps).toContain(s);
    expect(all).toContain('is installed (≥ 24); nothing to do');
  }, 120_000);

  it('re-deploys with a changed env value and serves the change from a new release', async () => {
    await deploy('r2', 'changed');
    const body = JSON.parse(
      (await fetchUntil(`http://127.0.0.1:${server.nginxPort}/`, 'shop.test', (b) => b.includes('changed')))
        .body,
    );
    expect(body.greeting).toBe('changed');
    expect(body.cwd).toBe(join(shopDir(), 'releases', 'r2'));
    expect(await readlink(join(shopDir(), 'current'))).toBe('releases/r2');
  }, 60_000);

  it('a step retried with the same release id (a resumed activity) reuses the live release folder', async () => {
    await deploy('r2', 'changed');
    expect(await readlink(join(shopDir(), 'current'))).toBe('releases/r2');
    const body = JSON.parse((await shop()).body);
    expect(body.greeting).toBe('changed');
    expect(body.cwd).toBe(join(shopDir(), 'releases', 'r2'));
  }, 60_000);

  it('a failing build leaves the previous release serving and current unchanged', async () => {
    await repo.commit(appFiles(false), 'broken build');
    const err = await deploy('r3', 'never-served').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplyError);
    expect((err as ApplyError).reason).toBe('build_failed');
    expect((err as ApplyError).message).toContain('build broke');
    expect(await readlink(join(shopDir(), 'current'))).toBe('releases/r2');
    const body = JSON.parse((await shop()).body);
    expect(body.greeting).toBe('changed');
    await expect(readlink(join(shopDir(), 'releases', 'r3'))).rejects.toThrow();
    await repo.commit(appFiles(true), 'fixed build');
  }, 60_000);

  it('a workload that dies on start fails the deploy and the previous release is restarted', async () => {
    const inst = spec.instances[0];
    if (!inst) throw new Error('no instance');
    const crashing = {
      ...inst,
      workloads: inst.workloads.map((w) =>
        w.name === 'shop'
          ? {
              ...w,
              service_config: {
                ...w.service_config,
                command: 'node -e "process.exit(3)"',
                health_path: null,
              },
            }
          : w,
      ),
    };
    const err = await stepWith([crashing], 'r3b', { gitToken: GIT_TOKEN, healthTimeoutMs: 2000 }).catch(
      (e: unknown) => e,
    );
    expect((err as ApplyError).reason).toBe('health_check_failed');
    expect(await readlink(join(shopDir(), 'current'))).toBe('releases/r2');
    const body = JSON.parse(
      (await fetchUntil(`http://127.0.0.1:${server.nginxPort}/`, 'shop.test', (_b, s) => s === 200)).body,
    );
    expect(body.greeting).toBe('changed');
    expect(await readFile(join(server.layout.systemdDir, 'shop.service'), 'utf8')).toContain(
      'node server.mjs',
    );
  }, 60_000);

  it('a config nginx -t refuses is not loaded: previous sites, release and env stay and keep serving', async () => {
    const siteFile = join(server.layout.nginxSitesAvailable, 'shop');
    const before = await readFile(siteFile, 'utf8');
    // Something on the server breaks the whole nginx configuration (a stray site); the apply must not reload it.
    const broken = join(server.layout.nginxSitesEnabled, 'zz-broken');
    await writeFile(broken, 'server { this is not nginx; }\n');
    const err = await deploy('r4', 'third').catch((e: unknown) => e);
    expect((err as ApplyError).reason).toBe('nginx_invalid');
    expect(await readFile(siteFile, 'utf8')).toBe(before);
    expect(await readlink(join(shopDir(), 'current'))).toBe('releases/r2');
    const body = JSON.parse((await shop()).body);
    expect(body.greeting).toBe('changed');
    expect(await readFile(join(server.layout.envDir, 'shop.env'), 'utf8')).toContain('GREETING="changed"');
    await rm(broken);
  }, 60_000);

  it('an upstream host that does not resolve is named, and nothing changes', async () => {
    const inst = spec.instances[0];
    if (!inst) throw new Error('no instance');
    const siteFile = join(server.layout.nginxSitesAvailable, 'funnel-pub');
    const before = await readFile(siteFile, 'utf8');
    const bad = {
      ...inst,
      // The funnel alone: the shop site leaves this render, so the restore must bring it back too.
      workloads: inst.workloads.flatMap((w) =>
        w.name === 'funnel-pub' && w.source_ref
          ? [{ ...w, source_ref: { ...w.source_ref, upstream_base_url: 'http://no-such-upstream.invalid' } }]
          : [],
      ),
    };
    const err = await stepWith([bad], 'r4b').catch((e: unknown) => e);
    expect((err as ApplyError).reason).toBe('nginx_invalid');
    expect((err as ApplyError).message).toContain(
      'the upstream host no-such-upstream.invalid does not resolve',
    );
    expect(await readFile(siteFile, 'utf8')).toBe(before);
    expect(await readlink(join(shopDir(), 'current'))).toBe('releases/r2');
    expect(JSON.parse((await shop()).body).greeting).toBe('changed');
    await expect(readFile(join(server.layout.nginxSitesEnabled, 'shop'), 'utf8')).resolves.toContain(
      'shop.test',
    );
  }, 60_000);

  it('refuses a workload port held by a process that is not the workload own unit', async () => {
    const squatter: Server = createServer();
    const port = await new Promise<number>((r) =>
      squatter.listen(0, '0.0.0.0', () => r((squatter.address() as { port: number }).port)),
    );
    try {
      const inst = spec.instances[0];
      if (!inst) throw new Error('no instance');
      const other = {
        ...inst,
        workloads: [
          {
            ...(inst.workloads.find((w) => w.name === 'shop') as (typeof inst.workloads)[number]),
            name: 'intruder',
            service_config: { ...inst.workloads[0]?.service_config, ports: [port], server_names: [] },
          },
        ],
      };
      const err = await stepWith([other as typeof inst], 'r5').catch((e: unknown) => e);
      expect((err as ApplyError).reason).toBe('port_in_use');
      expect((err as ApplyError).message).toBe(
        `Port ${port} is already in use on server 127.0.0.1; cannot deploy workload 'intruder'`,
      );
      // A funnel on its own port: only nginx may hold it.
      const funnelOnly = {
        ...inst,
        workloads: [
          {
            ...(inst.workloads.find((w) => w.name === 'funnel-pub') as (typeof inst.workloads)[number]),
            name: 'funnel-squat',
            service_config: { ...inst.workloads[1]?.service_config, ports: [port], server_names: [] },
          },
        ],
      };
      const ferr = await stepWith([funnelOnly as typeof inst], 'r5b').catch((e: unknown) => e);
      expect((ferr as ApplyError).message).toBe(
        `Port ${port} is already in use on server 127.0.0.1; cannot deploy workload 'funnel-squat'`,
      );
    } finally {
      await new Promise((r) => squatter.close(r));
    }
    // A re-deploy of shop, whose own unit holds its port, passes the same check.
    await deploy('r6', 'fourth');
    expect(
      JSON.parse(
        (await fetchUntil(`http://127.0.0.1:${server.nginxPort}/`, 'shop.test', (b) => b.includes('fourth')))
          .body,
      ).greeting,
    ).toBe('fourth');
  }, 60_000);

  it('rolls back to an earlier release in one step', async () => {
    await rollbackStep({
      spec,
      instance: INSTANCE,
      ssh: server.ssh,
      hostKeys,
      releases: [{ workload: 'shop', releaseId: firstRelease }],
      nginxMode: 'per-app',
      gitToken: null,
      certbotEmail: null,
      layout: server.layout,
      reporter,
    });
    expect(await readlink(join(shopDir(), 'current'))).toBe(`releases/${firstRelease}`);
    const body = JSON.parse(
      (await fetchUntil(`http://127.0.0.1:${server.nginxPort}/`, 'shop.test', (b) => b.includes('/r1'))).body,
    );
    expect(body.cwd).toBe(join(shopDir(), 'releases', firstRelease));
  }, 60_000);

  it('keeps the newest releases only (never the current one)', async () => {
    await deploy('r8', 'fifth', { keepReleases: 2 });
    const { readdir } = await import('node:fs/promises');
    const left = (await readdir(join(shopDir(), 'releases'))).sort();
    expect(left).toEqual(['r6', 'r8']);
    expect(await readlink(join(shopDir(), 'current'))).toBe('releases/r8');
  }, 60_000);

  it('a workload removed from the plan is stopped, its unit, env file and site removed', async () => {
    const inst = spec.instances[0];
    if (!inst) throw new Error('no instance');
    const pid = (await readFile(join(server.root, 'run', 'shop.pid'), 'utf8')).trim();
    await stepWith([{ ...inst, workloads: inst.workloads.filter((w) => w.name !== 'shop') }], 'r9');
    const { access } = await import('node:fs/promises');
    await expect(access(join(server.layout.systemdDir, 'shop.service'))).rejects.toThrow();
    await expect(access(join(server.layout.envDir, 'shop.env'))).rejects.toThrow();
    await expect(access(join(server.layout.nginxSitesEnabled, 'shop'))).rejects.toThrow();
    // Gone, or a zombie nobody reaped yet (PID 1 here may not reap orphans): not running either way.
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    expect(stat === null || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')).toBe(true);
    expect(reporter.text()).toContain('removing unit shop (its workload left the plan)');
  }, 60_000);

  it('refuses a server whose host key changed, before running any command', async () => {
    const pinned = hostKeys.map.get(`127.0.0.1:${server.ssh.port}`);
    expect(pinned).toBe(server.hostKeyFingerprint);
    const rotated = await server.rotateHostKey();
    expect(rotated).not.toBe(pinned);
    const commands: RemoteCommandRecord[] = [];
    const err = await deploy('r7', 'never', { onCommand: (c) => void commands.push(c) }).catch(
      (e: unknown) => e,
    );
    expect((err as ApplyError).reason).toBe('host_key_mismatch');
    expect((err as ApplyError).message).toContain(rotated);
    expect(commands).toEqual([]);
    expect(hostKeys.map.get(`127.0.0.1:${server.ssh.port}`)).toBe(pinned);
  }, 60_000);

  it('names TERRAFORM_BIN when it is missing or not executable', async () => {
    const base = {
      spec,
      workDir: join(server.root, 'tf2'),
      hcloudToken: HCLOUD_TOKEN,
      sshPublicKey: server.publicKey,
      reporter,
    };
    const missing = await terraformStep({ ...base, terraformBin: undefined }).catch((e: unknown) => e);
    expect((missing as ApplyError).reason).toBe('terraform_missing');
    expect((missing as ApplyError).message).toContain('TERRAFORM_BIN');
    const notExec = await terraformStep({ ...base, terraformBin: tf.callsFile }).catch((e: unknown) => e);
    expect((notExec as ApplyError).reason).toBe('terraform_missing');
    expect((notExec as ApplyError).message).toContain(`TERRAFORM_BIN=${tf.callsFile}`);
  });
});
