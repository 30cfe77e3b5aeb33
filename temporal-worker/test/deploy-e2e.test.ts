/**
 * Deploys end to end without a cloud: the real DeployProject workflow and activities with cloudhand's real engine,
 * against a local "server" (sshd + nginx on loopback, cloudhand's harness) and the recording terraform stand-in.
 * A git workload from a local repository and a published funnel (Publish + Deploy, nginx in front of the worker's
 * funnel proxy) are fetched through nginx; then a search for a secret's value across the database finds nothing.
 * Two more local servers (instances web-a and web-b) take plans with two servers, deployed at the same time.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PlanInput } from '@mos/cloudhand/plan';
import {
  generateSshKeyPair,
  type LocalServer,
  type SshKeyPair,
  startLocalServer,
  type TerraformStandIn,
  terraformStandIn,
} from '@mos/cloudhand/testing';
import {
  deployHostKeys,
  deployLogs,
  deployPlans,
  deployRuns,
  findDeployRun,
  funnelDomains,
  getDeployRun,
  importSecretsKey,
  putSecret,
  readDeployLogs,
  type SecretsKey,
} from '@mos/db';
import {
  DEPLOY_WORKFLOW_TYPE,
  type DeployRelease,
  deployWorkflowId,
  FunnelDeployRequest,
  type FunnelPublishInput,
} from '@mos/db/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWorkflowStarter } from '../src/activities/deploy/starter';
import { type RunningFunnelProxy, startFunnelProxy } from '../src/funnel-proxy/server';
import { addPlanVersion, deployProject, queuedRun } from './support/deploy';
import { funnelTenant, startRun, twoPageFunnel } from './support/funnels';
import { type Stack, startStack } from './support/stack';

const run = promisify(execFile);
const SECRETS_KEY_B64 = Buffer.alloc(32, 11).toString('base64');

const app = (version: string) => `import http from 'node:http';
import { createHash } from 'node:crypto';
const VERSION = '${version}';
http
  .createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    const key = process.env.API_KEY ?? '';
    res.end(JSON.stringify({ version: VERSION, greeting: process.env.GREETING ?? null, keySha: createHash('sha256').update(key).digest('hex') }));
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
`;

let stack: Stack;
let key: SecretsKey;
let server: LocalServer;
/** The two-server plans' instances, each on its own local server (every other instance goes to `server`). */
let pairServers: Record<'web-a' | 'web-b', LocalServer>;
let tf: TerraformStandIn;
let proxy: RunningFunnelProxy;
let pair: SshKeyPair;
let work: string;
let repo: string;
let rootDir: string;
let git: (...args: string[]) => Promise<unknown>;

beforeAll(async () => {
  key = await importSecretsKey(SECRETS_KEY_B64);
  pair = await generateSshKeyPair('mos-deploy-e2e');
  server = await startLocalServer({ authorizedKeys: [pair.publicKey] });
  pairServers = {
    'web-a': await startLocalServer({ authorizedKeys: [pair.publicKey] }),
    'web-b': await startLocalServer({ authorizedKeys: [pair.publicKey] }),
  };
  const serverOf = (instance: string) => pairServers[instance as 'web-a' | 'web-b'] ?? server;
  tf = await terraformStandIn();
  rootDir = mkdtempSync(join(tmpdir(), 'mos-deploy-e2e-'));
  // A git repository on "the network": a bare repository the server clones by path.
  work = join(rootDir, 'work');
  repo = join(rootDir, 'app.git');
  await run('git', ['init', '-q', '--bare', '-b', 'main', repo]);
  await run('git', ['init', '-q', '-b', 'main', work]);
  await mkdir(work, { recursive: true });
  await writeFile(
    join(work, 'package.json'),
    JSON.stringify({ name: 'tiny', private: true, type: 'module' }),
  );
  await writeFile(join(work, 'server.mjs'), app('v1'));
  git = (...args: string[]) =>
    run('git', ['-C', work, '-c', 'user.email=t@example.com', '-c', 'user.name=test', ...args]);
  await git('add', '-A');
  await git('commit', '-q', '-m', 'app');
  await git('push', '-q', repo, 'main');
  stack = await startStack({
    api: false,
    deps: {
      secretsKey: key,
      deploy: {
        rootDir: join(rootDir, 'deploy'),
        terraformBin: tf.bin,
        // The test's only departure from production: sshd on its loopback port instead of <ip>:22 (terraform's
        // stand-in gives every server 127.0.0.1), and each local server's own folders.
        sshTarget: ({ instance }) => {
          const { ssh } = serverOf(instance);
          return { host: ssh.host, port: ssh.port, username: ssh.username };
        },
        layout: ({ instance }) => serverOf(instance).layout,
      },
      workflows: {
        signalWithStart: (o) => clientWorkflowStarter(() => stack.client, stack.taskQueue).signalWithStart(o),
      },
    },
  });
  proxy = await startFunnelProxy({ db: stack.db, port: 0, activeTtlMs: 0 });
}, 180_000);

afterAll(async () => {
  await proxy?.close();
  await stack?.close();
  await server?.stop();
  for (const s of Object.values(pairServers ?? {})) await s.stop();
  await tf?.remove();
  rmSync(rootDir, { recursive: true, force: true });
}, 60_000);

/** GET through a server's nginx (the first local server's unless named) with a Host header (fetch cannot set one). */
function viaNginx(
  host: string,
  path: string,
  on: LocalServer = server,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: on.nginxPort, path, headers: { host }, method: 'GET' },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    // nginx waits up to an hour on a silent upstream (the original's timeouts); the test does not.
    req.setTimeout(20_000, () =>
      req.destroy(new Error(`GET ${host}${path} through nginx: no answer in 20 s`)),
    );
    req.end();
  });
}

const plan = (greeting: string): PlanInput => ({
  new_spec: {
    provider: 'hetzner',
    region: 'nbg1',
    instances: [
      {
        name: 'web-1',
        size: 'cx23',
        workloads: [
          {
            name: 'shop',
            repo_url: repo,
            branch: 'main',
            runtime: 'nodejs',
            service_config: {
              command: 'node server.mjs',
              environment: { GREETING: greeting, API_KEY: { secret: 'SHOP_API_KEY' } },
              server_names: ['shop.test'],
              health_path: '/health',
            },
            destination_path: server.appsDir,
          },
        ],
      },
    ],
  },
});

async function finished(orgId: string, runId: string) {
  try {
    return await stack.waitFor(
      async () => {
        const r = await getDeployRun(stack.db, orgId, runId);
        return r && (r.status === 'succeeded' || r.status === 'failed') ? r : null;
      },
      { what: `deploy run ${runId}`, timeoutMs: 150_000, intervalMs: 200 },
    );
  } catch (err) {
    // A run that never ends says where it stands: its status, steps and last log lines.
    const r = await getDeployRun(stack.db, orgId, runId);
    const lines = await readDeployLogs(stack.db, orgId, runId, 0, 10_000);
    throw new Error(
      `${(err as Error).message}; status ${r?.status}, steps ${JSON.stringify(r?.steps)}, last log lines: ${JSON.stringify(lines).slice(-3000)}`,
    );
  }
}

async function enqueue(orgId: string, projectId: string, runId: string) {
  await stack.client.workflow.signalWithStart(DEPLOY_WORKFLOW_TYPE, {
    workflowId: deployWorkflowId(orgId, projectId),
    taskQueue: stack.taskQueue,
    args: [{ orgId, projectId }],
    signal: 'enqueue',
    signalArgs: [{ runId }],
  });
}

/** Every file under `dir` whose text contains `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) out.push(...filesContaining(path, needle));
    else if (st.isFile() && st.size < 5_000_000 && readFileSync(path, 'utf8').includes(needle))
      out.push(path);
  }
  return out;
}

describe('deploys on a local server', () => {
  it('deploys a git workload and a published funnel through nginx; no secret value outside the env file', async () => {
    const t = await funnelTenant(stack.db);
    const apiKey = `sk-live-${crypto.randomUUID()}`;
    const hcloud = `hc-${crypto.randomUUID()}`;
    await putSecret(stack.db, key, t.orgId, 'HCLOUD_TOKEN', hcloud);
    await putSecret(stack.db, key, t.orgId, 'SHOP_API_KEY', apiKey);
    await putSecret(stack.db, key, t.orgId, 'PROJECT_SSH_KEY', pair.privateKey);
    const f = await deployProject(stack.db, t.orgId, plan('hello'), { sshKeySecret: 'PROJECT_SSH_KEY' });

    // 1. The git workload.
    const first = await queuedRun(stack.db, t.orgId, f, { requestedBy: t.userId });
    await enqueue(t.orgId, f.projectId, first);
    const r1 = await finished(t.orgId, first);
    expect(r1.error).toBeNull();
    expect(r1.status).toBe('succeeded');
    const shop = JSON.parse((await viaNginx('shop.test', '/')).body) as { greeting: string; keySha: string };
    expect(shop).toEqual({
      version: 'v1',
      greeting: 'hello',
      keySha: createHash('sha256').update(apiKey).digest('hex'),
    });
    const calls = await tf.calls();
    expect(calls.filter((c) => c.argv[0] === 'apply')).toHaveLength(1);
    expect(calls[0]?.cwd).toBe(join(rootDir, 'deploy', t.orgId, f.projectId, 'terraform'));
    const pinned = await stack.db
      .select()
      .from(deployHostKeys)
      .where(eq(deployHostKeys.projectId, f.projectId));
    expect(pinned.map((p) => p.fingerprint)).toEqual([server.hostKeyFingerprint]);
    expect((r1.releases as DeployRelease[]).map((r) => [r.workload, r.releaseId])).toEqual([['shop', first]]);

    // 2. New code and a changed env: a new plan version, applied, and the app answers with both.
    await writeFile(join(work, 'server.mjs'), app('v2'));
    await git('commit', '-q', '-am', 'v2');
    await git('push', '-q', repo, 'main');
    const v2 = await addPlanVersion(stack.db, t.orgId, f.projectId, 2, plan('bonjour'));
    const second = await queuedRun(stack.db, t.orgId, { projectId: f.projectId, planId: v2 });
    await enqueue(t.orgId, f.projectId, second);
    expect((await finished(t.orgId, second)).status).toBe('succeeded');
    expect(JSON.parse((await viaNginx('shop.test', '/')).body)).toMatchObject({
      version: 'v2',
      greeting: 'bonjour',
    });

    // Rollback to the first run's release: its code again (env files stay those of the last apply).
    const back = await queuedRun(stack.db, t.orgId, f, { kind: 'rollback', rollbackOfRunId: first });
    await enqueue(t.orgId, f.projectId, back);
    const rolled = await finished(t.orgId, back);
    expect(rolled.error).toBeNull();
    expect((rolled.releases as DeployRelease[]).map((r) => [r.workload, r.releaseId])).toEqual([
      ['shop', first],
    ]);
    expect(JSON.parse((await viaNginx('shop.test', '/')).body)).toMatchObject({
      version: 'v1',
      greeting: 'bonjour',
    });
    expect((await tf.calls()).filter((c) => c.argv[0] === 'apply')).toHaveLength(2);

    // 3. Publish + Deploy: the funnel's workload joins the plan, nginx fronts the funnel proxy on its domain.
    const funnel = await twoPageFunnel(stack.db, t);
    const host = `lp-${crypto.randomUUID().slice(0, 8)}.test`;
    await stack.db.insert(funnelDomains).values({
      orgId: t.orgId,
      clientId: t.clientId,
      funnelId: funnel.funnelId,
      hostname: host,
      status: 'verified',
      verificationToken: 'tok',
    });
    const { handle } = await startRun<FunnelPublishInput>(
      stack,
      t,
      'funnel_publish',
      `funnel-publish-${crypto.randomUUID()}`,
      {
        orgId: t.orgId,
        clientId: t.clientId,
        campaignId: null,
        startedBy: t.userId,
        funnelId: funnel.funnelId,
        deploy: {
          projectId: f.projectId,
          request: FunnelDeployRequest.parse({
            project: f.projectName,
            https: false,
            destinationPath: server.appsDir,
            upstreamBaseUrl: proxy.url,
          }),
        },
      },
    );
    // Bounded, and a publish that does not end says where it stands (its status snapshot, the deploy run).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        handle
          .query('status')
          .then(
            (status) => reject(new Error(`Publish + Deploy did not end in 180 s: ${JSON.stringify(status)}`)),
            reject,
          );
      }, 180_000);
    });
    const published = (await Promise.race([handle.result(), stalled]).finally(() => clearTimeout(timer))) as {
      deployed: boolean;
      deployRunId: string;
      accessUrls: string[];
    };
    expect(published).toMatchObject({ deployed: true, accessUrls: [`http://${host}/`] });
    const page = await viaNginx(host, '/guide');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Calm skin in 14 days');
    // The git app kept serving through the funnel's deploy (the apply deployed the branch's head again).
    expect(JSON.parse((await viaNginx('shop.test', '/')).body)).toMatchObject({
      version: 'v2',
      greeting: 'bonjour',
    });

    // 4. The secret's value: nowhere in the database (plans, logs, the run rows the API returns, a full dump),
    // only in the workload's env file on the server.
    const runIds = [first, second, back, published.deployRunId];
    for (const runId of runIds) {
      const apiRun = await findDeployRun(stack.db, t.orgId, runId);
      const apiLogs = await readDeployLogs(stack.db, t.orgId, runId, 0, 10_000);
      expect(JSON.stringify([apiRun, apiLogs])).not.toContain(apiKey);
    }
    const everything = JSON.stringify([
      await stack.db.select().from(deployPlans).where(eq(deployPlans.orgId, t.orgId)),
      await stack.db.select().from(deployLogs).where(eq(deployLogs.orgId, t.orgId)),
      await stack.db.select().from(deployRuns).where(eq(deployRuns.orgId, t.orgId)),
    ]);
    expect(everything).toContain('SHOP_API_KEY');
    for (const value of [apiKey, hcloud]) expect(everything).not.toContain(value);
    const url = new URL(process.env.MOS_TEST_DATABASE_URL ?? '');
    // The password goes in the environment and -w forbids a prompt (CI's throwaway cluster uses one; a prompt
    // would wait on the terminal for ever).
    const dump = await run(
      'pg_dump',
      ['-w', '-h', url.hostname, '-p', url.port, '-U', url.username || 'postgres', url.pathname.slice(1)],
      {
        maxBuffer: 512 * 1024 * 1024,
        timeout: 60_000,
        env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) },
      },
    );
    expect(dump.stdout).toContain(f.projectId);
    expect(dump.stdout).not.toContain(apiKey);
    expect(dump.stdout).not.toContain(hcloud);
    const onServer = filesContaining(server.root, apiKey);
    expect(onServer).toEqual([join(server.layout.envDir, 'shop.env')]);
  }, 300_000);

  it('resumes a deploy after the worker is killed mid-build; terraform applied once for the run', async () => {
    const t = await funnelTenant(stack.db);
    await putSecret(stack.db, key, t.orgId, 'HCLOUD_TOKEN', `hc-${crypto.randomUUID()}`);
    await putSecret(stack.db, key, t.orgId, 'SHOP_API_KEY', `sk-${crypto.randomUUID()}`);
    await putSecret(stack.db, key, t.orgId, 'PROJECT_SSH_KEY', pair.privateKey);
    // The build waits for a file the test writes once a new worker is up, so the worker dies mid-build. Each build
    // records its shell's pid: the killed worker's build must be stopped on the server, not race the resumed one.
    const gate = mkdtempSync(join(tmpdir(), 'mos-deploy-gate-'));
    const slow = plan('slow');
    const workload = slow.new_spec.instances?.[0]?.workloads?.[0];
    if (!workload) throw new Error('plan has no workload');
    Object.assign(workload, {
      name: 'slow',
      build_config: {
        build_command: `echo $$ >> ${gate}/pids; touch ${gate}/building; i=0; while [ ! -f ${gate}/go ] && [ $i -lt 900 ]; do sleep 0.1; i=$((i+1)); done; [ -f ${gate}/go ]`,
      },
    });
    Object.assign(workload.service_config ?? {}, { server_names: ['slow.test'] });
    const f = await deployProject(stack.db, t.orgId, slow, { sshKeySecret: 'PROJECT_SSH_KEY' });
    const runId = await queuedRun(stack.db, t.orgId, f);
    const workDir = join(rootDir, 'deploy', t.orgId, f.projectId, 'terraform');
    await enqueue(t.orgId, f.projectId, runId);
    await stack.waitFor(() => statSync(join(gate, 'building'), { throwIfNoEntry: false }) !== undefined, {
      what: 'the build to start',
      timeoutMs: 90_000,
    });
    const [firstBuild] = readFileSync(join(gate, 'pids'), 'utf8').trim().split('\n');
    await stack.stopWorker();
    await stack.startWorker();
    await stack.waitFor(() => statSync(`/proc/${firstBuild}`, { throwIfNoEntry: false }) === undefined, {
      what: "the killed worker's build to be stopped on the server",
      timeoutMs: 15_000,
    });
    await writeFile(join(gate, 'go'), '');
    const done = await finished(t.orgId, runId);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(JSON.parse((await viaNginx('slow.test', '/')).body)).toMatchObject({ greeting: 'slow' });
    const applies = (await tf.calls()).filter((c) => c.argv[0] === 'apply' && c.cwd === workDir);
    expect(applies).toHaveLength(1);
    const lines = (await readDeployLogs(stack.db, t.orgId, runId, 0, 10_000)).map((l) => l.line).join('\n');
    expect(lines).toContain('interrupted; the step resumes on the next attempt');
    rmSync(gate, { recursive: true, force: true });
  }, 240_000);

  /** A repository of its own (the tests above move `main` of the shared one), its app at `version`. */
  async function appRepo(version: string) {
    const dir = mkdtempSync(join(rootDir, 'repo-'));
    const bare = join(dir, 'app.git');
    const tree = join(dir, 'work');
    const inTree = (...args: string[]) =>
      run('git', ['-C', tree, '-c', 'user.email=t@example.com', '-c', 'user.name=test', ...args]);
    await run('git', ['init', '-q', '--bare', '-b', 'main', bare]);
    await run('git', ['init', '-q', '-b', 'main', tree]);
    await writeFile(
      join(tree, 'package.json'),
      JSON.stringify({ name: 'tiny', private: true, type: 'module' }),
    );
    const push = async (v: string) => {
      await writeFile(join(tree, 'server.mjs'), app(v));
      await inTree('add', '-A');
      await inTree('commit', '-q', '-m', v);
      await inTree('push', '-q', bare, 'main');
    };
    await push(version);
    return { url: bare, push };
  }

  /** Workload `name` on web-a and web-b (each on its own local server), built by the given shell commands. */
  const pairPlan = (repoUrl: string, name: string, builds: Record<'web-a' | 'web-b', string>): PlanInput => ({
    new_spec: {
      provider: 'hetzner',
      region: 'nbg1',
      instances: (['web-a', 'web-b'] as const).map((instance) => ({
        name: instance,
        size: 'cx23',
        workloads: [
          {
            name,
            repo_url: repoUrl,
            branch: 'main',
            runtime: 'nodejs',
            build_config: { build_command: builds[instance] },
            service_config: {
              command: 'node server.mjs',
              environment: { GREETING: `${name} on ${instance}` },
              server_names: [`${name}.test`],
              health_path: '/health',
            },
            destination_path: pairServers[instance].appsDir,
          },
        ],
      })),
    },
  });

  /** A shell loop that waits for `file` for at most 60 s, then fails the build when it never came. */
  const waitForFile = (file: string) =>
    `i=0; while [ ! -f ${file} ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; [ -f ${file} ]`;

  async function pairTenant() {
    const t = await funnelTenant(stack.db);
    await putSecret(stack.db, key, t.orgId, 'HCLOUD_TOKEN', `hc-${crypto.randomUUID()}`);
    await putSecret(stack.db, key, t.orgId, 'PROJECT_SSH_KEY', pair.privateKey);
    return t;
  }

  it("deploys a plan's two servers at the same time: each build waits for the other's", async () => {
    const t = await pairTenant();
    const repoA = await appRepo('v1');
    // A rendezvous: each server's build marks itself and waits (60 s at most) for the other's mark, so the run
    // succeeds only when both builds run at once. One server after the other, web-a's build fails.
    const meet = mkdtempSync(join(tmpdir(), 'mos-deploy-meet-'));
    const f = await deployProject(
      stack.db,
      t.orgId,
      pairPlan(repoA.url, 'meet', {
        'web-a': `touch ${meet}/web-a; ${waitForFile(`${meet}/web-b`)}`,
        'web-b': `touch ${meet}/web-b; ${waitForFile(`${meet}/web-a`)}`,
      }),
      { sshKeySecret: 'PROJECT_SSH_KEY' },
    );
    const runId = await queuedRun(stack.db, t.orgId, f);
    await enqueue(t.orgId, f.projectId, runId);
    const done = await finished(t.orgId, runId);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect((done.steps as { key: string; status: string }[]).map((s) => [s.key, s.status])).toEqual([
      ['prepare', 'succeeded'],
      ['terraform', 'succeeded'],
      ['server:web-a', 'succeeded'],
      ['server:web-b', 'succeeded'],
    ]);
    for (const instance of ['web-a', 'web-b'] as const)
      expect(JSON.parse((await viaNginx('meet.test', '/', pairServers[instance])).body)).toMatchObject({
        version: 'v1',
        greeting: `meet on ${instance}`,
      });
    // Each server's host key was pinned at its own first contact, both at once.
    const pinned = await stack.db
      .select()
      .from(deployHostKeys)
      .where(eq(deployHostKeys.projectId, f.projectId));
    expect(pinned.map((p) => [p.host, p.fingerprint]).sort()).toEqual(
      Object.values(pairServers)
        .map((s) => [`${s.ssh.host}:${s.ssh.port}`, s.hostKeyFingerprint])
        .sort(),
    );
    rmSync(meet, { recursive: true, force: true });
  }, 240_000);

  it("one server's failed build fails the run naming it, after the other server's step ended; then both roll back", async () => {
    const t = await pairTenant();
    const repoB = await appRepo('v1');
    const f = await deployProject(
      stack.db,
      t.orgId,
      pairPlan(repoB.url, 'split', { 'web-a': 'true', 'web-b': 'true' }),
      { sshKeySecret: 'PROJECT_SSH_KEY' },
    );
    const first = await queuedRun(stack.db, t.orgId, f);
    await enqueue(t.orgId, f.projectId, first);
    expect((await finished(t.orgId, first)).status).toBe('succeeded');

    // v2: web-a's build fails; web-b's waits until it has, then finishes a second later and deploys.
    await repoB.push('v2');
    const gate = mkdtempSync(join(tmpdir(), 'mos-deploy-split-'));
    const v2 = await addPlanVersion(
      stack.db,
      t.orgId,
      f.projectId,
      2,
      pairPlan(repoB.url, 'split', {
        'web-a': `touch ${gate}/a-failed; echo 'web-a refuses to build' >&2; exit 1`,
        'web-b': `${waitForFile(`${gate}/a-failed`)} && sleep 1`,
      }),
    );
    const second = await queuedRun(stack.db, t.orgId, { projectId: f.projectId, planId: v2 });
    await enqueue(t.orgId, f.projectId, second);
    const failed = await finished(t.orgId, second);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^web-a: /);
    expect(failed.error).not.toContain('web-b');
    const steps = failed.steps as { key: string; status: string; finishedAt: string | null }[];
    expect(steps.map((s) => [s.key, s.status])).toEqual([
      ['prepare', 'succeeded'],
      ['terraform', 'succeeded'],
      ['server:web-a', 'failed'],
      ['server:web-b', 'succeeded'],
    ]);
    // The run was finished only once web-b's step had ended.
    const webB = steps.find((s) => s.key === 'server:web-b');
    expect(Date.parse(webB?.finishedAt ?? '')).toBeLessThanOrEqual(
      failed.finishedAt?.getTime() ?? Number.NaN,
    );
    expect((failed.releases as DeployRelease[]).map((r) => [r.instance, r.releaseId])).toEqual([
      ['web-b', second],
    ]);
    // web-b serves the new release; web-a kept its previous one.
    expect(JSON.parse((await viaNginx('split.test', '/', pairServers['web-b'])).body)).toMatchObject({
      version: 'v2',
    });
    expect(JSON.parse((await viaNginx('split.test', '/', pairServers['web-a'])).body)).toMatchObject({
      version: 'v1',
      greeting: 'split on web-a',
    });

    // Rollback of both servers to the first run: web-b serves v1 again.
    const back = await queuedRun(stack.db, t.orgId, f, { kind: 'rollback', rollbackOfRunId: first });
    await enqueue(t.orgId, f.projectId, back);
    const rolled = await finished(t.orgId, back);
    expect(rolled.error).toBeNull();
    expect((rolled.steps as { key: string; status: string }[]).map((s) => [s.key, s.status])).toEqual([
      ['prepare', 'succeeded'],
      ['rollback:web-a', 'succeeded'],
      ['rollback:web-b', 'succeeded'],
    ]);
    for (const instance of ['web-a', 'web-b'] as const)
      expect(JSON.parse((await viaNginx('split.test', '/', pairServers[instance])).body)).toMatchObject({
        version: 'v1',
      });
    rmSync(gate, { recursive: true, force: true });
  }, 300_000);
});
