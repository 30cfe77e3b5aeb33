import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { funnelWorkloadPatch, type Plan, type PlanInput, parsePlan } from '../src/plan';
import { checkSites } from '../src/testing/nginx';
import { runCh } from './support/run';

const dir = mkdtempSync(join(tmpdir(), 'ch-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The real `ch` executable (bin/ch.mjs → tsx → src/cli.ts), spawned as a user would run it.
const ch = (...args: string[]) => runCh(args, { cwd: dir, env: { CLOUDHAND_NGINX_MODE: '' } });

const write = (name: string, value: unknown) => {
  writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
  return name;
};

const plan = (workloads: unknown[], instances = ['app-1']): PlanInput => ({
  operations: [],
  new_spec: {
    provider: 'hetzner',
    region: 'nbg1',
    instances: instances.map((name) => ({ name, size: 'cx23', workloads })) as never,
  },
});
const web = {
  name: 'web',
  repo_url: 'https://example.com/web.git',
  service_config: { command: 'npm start' },
};

describe('ch validate', () => {
  it('a valid plan: exit 0 and a summary naming the secrets it references', async () => {
    const file = write(
      'ok.json',
      plan([
        { ...web, service_config: { command: 'npm start', environment: { TOKEN: { secret: 'API_TOKEN' } } } },
      ]),
    );
    const r = await ch('validate', file);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('ok.json: valid (1 instance(s), 1 workload(s); secrets referenced: API_TOKEN)\n');
  });

  it('an invalid plan: every issue as `path: message`, exit 1', async () => {
    const file = write(
      'bad.json',
      plan([
        { name: 'web', service_config: {} },
        { name: 'pub', source_type: 'funnel_publication', repo_url: 'https://x/y.git' },
      ]),
    );
    const r = await ch('validate', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'new_spec.instances[0].workloads[0].repo_url: is required for a git workload',
      'new_spec.instances[0].workloads[0].service_config.command: is required for a git workload',
      'new_spec.instances[0].workloads[1].repo_url: must be empty for a funnel_publication workload',
      'new_spec.instances[0].workloads[1].source_ref: is required for a funnel_publication workload',
    ]);
  });

  it('port conflicts, bad JSON and a missing file are exit 1 too', async () => {
    const clash = write('clash.json', plan([{ ...web, service_config: { command: 'x', ports: [443] } }]));
    expect(await ch('validate', clash)).toMatchObject({
      code: 1,
      stderr:
        'new_spec.instances[0].workloads[0].service_config.ports[0]: Port conflict on instance "app-1": port 443 of workload "web" is reserved for https\n',
    });
    const notJson = write('not.json', '{"new_spec": ');
    const r = await ch('validate', notJson);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\(plan\): is not JSON: /);
    const missing = await ch('validate', 'nope.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('ch: cannot read plan nope.json: ENOENT\n');
  });

  it('usage errors are exit 2', async () => {
    expect((await ch()).code).toBe(2);
    expect((await ch('validate')).code).toBe(2);
    const unknown = await ch('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^ch: unknown command "frobnicate"\nusage: ch/);
    expect((await ch('validate', 'ok.json', '--bogus')).code).toBe(2);
    expect((await ch('nginx', 'frob')).code).toBe(2);
  });
});

describe('ch patch-workload', () => {
  it('writes a new plan-<UTC ts>.json by default and leaves the base alone', async () => {
    const base = write('base.json', plan([web]));
    const patch = write('patch.json', {
      name: 'web',
      service_config: { environment: { DEPLOY_TEST_REVISION: '2' } },
    });
    const before = readFileSync(join(dir, base), 'utf8');
    const r = await ch('patch-workload', base, patch);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ workload_name: 'web', updated_count: 1, created: false, instance: 'app-1' });
    expect(out.updated_plan_path).toMatch(/\/plan-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(-\d+)?\.json$/);
    expect(readFileSync(join(dir, base), 'utf8')).toBe(before);
    const written = parsePlan(JSON.parse(readFileSync(out.updated_plan_path as string, 'utf8')));
    expect(written.new_spec.instances[0]?.workloads[0]?.service_config.environment).toEqual({
      DEPLOY_TEST_REVISION: '2',
    });
  });

  it('--in-place rewrites the plan; --create-if-missing with --instance adds a workload there', async () => {
    const base = write('two.json', plan([web], ['one', 'two']));
    const api = write('api.json', {
      name: 'api',
      repo_url: 'https://example.com/api.git',
      service_config: { command: 'node api' },
    });
    const refused = await ch('patch-workload', base, api, '--create-if-missing');
    expect(refused).toMatchObject({
      code: 1,
      stderr: 'instance_name: instance_name is required when plan contains multiple instances\n',
    });
    const missing = await ch('patch-workload', base, api);
    expect(missing).toMatchObject({ code: 1, stderr: 'patch.name: No workload named "api" found in plan\n' });
    const r = await ch('patch-workload', base, api, '--create-if-missing', '--instance', 'two', '--in-place');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      updated_plan_path: join(dir, base),
      created: true,
      instance: 'two',
    });
    const written = parsePlan(JSON.parse(readFileSync(join(dir, base), 'utf8')));
    expect(written.new_spec.instances.map((i) => i.workloads.map((w) => w.name))).toEqual([
      ['web'],
      ['web', 'api'],
    ]);
  });

  it('a patch that breaks a rule: the issue at its field, nothing written', async () => {
    const base = write('keep.json', plan([web]));
    const files = readdirSync(dir).length;
    const r = await ch('patch-workload', base, write('nullrepo.json', { name: 'web', repo_url: null }));
    expect(r).toMatchObject({
      code: 1,
      stderr: 'new_spec.instances[0].workloads[0].repo_url: is required for a git workload\n',
    });
    expect(readdirSync(dir).length).toBe(files + 1);
  });
});

describe('ch bootstrap and ch ports', () => {
  it('bootstrap prints a valid first-run plan; ports prints the pinned port', async () => {
    const workload = write('workload.json', { ...web, name: 'temp-landing' });
    const r = await ch('bootstrap', '--instance', 'ubuntu-4gb-nbg1-2', '--workload', workload);
    expect(r.code).toBe(0);
    const p: Plan = parsePlan(JSON.parse(r.stdout));
    expect(p.new_spec.instances[0]).toMatchObject({
      name: 'ubuntu-4gb-nbg1-2',
      size: 'cx23',
      network: 'default',
    });
    const file = write('boot.json', r.stdout);
    const ports = await ch('ports', file);
    // printf 'ubuntu-4gb-nbg1-2:temp-landing' | sha256sum → 31dd7f5f → 20000 + 0x31dd7f5f % 10000 = 29647
    expect(ports).toMatchObject({
      code: 0,
      stdout: 'ubuntu-4gb-nbg1-2\ttemp-landing\t29647\tgit PORT=29647\n',
    });
    const asJson = await ch('ports', file, '--json');
    expect(JSON.parse(asJson.stdout).instances[0].workloads[0].service_config.ports).toEqual([29647]);
  });

  it('bootstrap --mos-worker: the worker host plan with secrets by name', async () => {
    const r = await ch(
      'bootstrap',
      '--mos-worker',
      '--repo-url',
      'https://github.com/example/mos.git',
      '--relay-host',
      'relay.example.com',
      '--funnel-host',
      'shop.client.com',
      '--funnel-host',
      'go.client.com',
    );
    expect(r.code).toBe(0);
    const p = parsePlan(JSON.parse(r.stdout));
    const w = p.new_spec.instances[0]?.workloads[0];
    expect(w?.mos_worker?.funnel_server_names).toEqual(['shop.client.com', 'go.client.com']);
    expect(w?.service_config.environment.DATABASE_URL).toEqual({ secret: 'DATABASE_URL' });
    expect(p.new_spec.dns_records).toEqual([
      { zone: 'example.com', name: 'relay', type: 'A', target: 'server:mos-worker' },
    ]);
    const ports = await ch('ports', write('mosw.json', r.stdout));
    expect(ports.stdout).toBe('mos-worker\tmos-worker\t8787,8790\tmos_worker\n');
  });

  it('bootstrap refuses options that do not go together, and bad values at their field', async () => {
    expect(await ch('bootstrap', '--mos-worker', '--repo-url', 'https://x/y.git')).toMatchObject({ code: 2 });
    expect((await ch('bootstrap', '--relay-host', 'a.example.com')).code).toBe(2);
    const bad = await ch('bootstrap', '--cidr', '10.0.0.0/99');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('new_spec.networks[0].cidr: must be an IPv4 CIDR such as 10.0.0.0/16\n');
  });
});

describe('ch status', () => {
  it('reports no apply, then the recorded one', async () => {
    expect(await ch('status', '--root', 'proj')).toMatchObject({
      code: 0,
      stdout: `no apply recorded under ${join(dir, 'proj')}\n`,
    });
    mkdirSync(join(dir, 'proj'), { recursive: true });
    write('proj/last-apply.json', {
      applied_at: '2026-01-01T00:00:00.000Z',
      plan_path: '/p/plan.json',
      release_id: '20260101T000000Z',
      server_ips: { 'app-1': '1.2.3.4' },
      servers: [
        {
          instance: 'app-1',
          ip: '1.2.3.4',
          releases: [{ workload: 'web', releaseId: 'r1', path: '/x' }],
          accessUrls: [],
        },
      ],
      access_urls: ['http://1.2.3.4/'],
    });
    const r = await ch('status', '--root', 'proj');
    expect(r.stdout).toBe(
      'last apply 2026-01-01T00:00:00.000Z (release 20260101T000000Z) of /p/plan.json\n  app-1\t1.2.3.4\tweb@r1\n  http://1.2.3.4/\n',
    );
  });
});

describe('ch synth and ch nginx render (over @mos/cloudhand/synth and /nginx)', () => {
  const withFunnel = () => {
    const { patch } = funnelWorkloadPatch({
      publicId: 'abc',
      serverNames: ['shop.example.com'],
      upstreamBaseUrl: 'http://127.0.0.1:8790',
      upstreamApiBaseUrl: 'https://api.example.com/public/funnels/abc',
    });
    return plan([web, patch]);
  };

  it('synth writes cdk.tf.json with the server and its IP output', async () => {
    const r = await ch('synth', write('synth.json', withFunnel()), '--out', 'tf');
    expect(r).toMatchObject({ code: 0, stdout: `${join(dir, 'tf', 'cdk.tf.json')}\n` });
    const doc = JSON.parse(readFileSync(join(dir, 'tf', 'cdk.tf.json'), 'utf8')) as {
      resource: Record<string, Record<string, { name?: string }>>;
      output: Record<string, unknown>;
    };
    expect(Object.values(doc.resource.hcloud_server ?? {}).map((s) => s.name)).toEqual(['app-1']);
    expect(doc.output).toHaveProperty('server_ips');
    expect((await ch('synth', 'synth.json')).code).toBe(2);
  });

  it('nginx render prints every site of the instance, and they pass the real nginx -t', async () => {
    // A layout of this test's own, so nginx -t creates the cache folder here and not under /var/cache.
    const layout = write('layout.json', {
      nginxCacheDir: join(dir, 'cache'),
      acmeWebroot: join(dir, 'acme'),
    });
    mkdirSync(join(dir, 'cache')); // the apply creates it on a server; nginx makes only the last level
    for (const mode of ['per-app', 'combined']) {
      const p = parsePlan(withFunnel());
      if (mode === 'combined') p.new_spec.instances[0]?.workloads.pop(); // combined mode serves git apps only
      const planFile = write(`render-${mode}.json`, p);
      const output = await ch(
        'nginx',
        'render',
        planFile,
        '--instance',
        'app-1',
        '--mode',
        mode,
        '--layout',
        layout,
      );
      expect(output).toMatchObject({ code: 0, stderr: '' });
      const sites = output.stdout
        .split(/^# sites-available\/(\S+)\n/m)
        .slice(1)
        .flatMap((part, k, all) => (k % 2 === 0 ? [{ name: part, content: all[k + 1] ?? '' }] : []));
      expect(sites.map((s) => s.name)).toEqual(mode === 'per-app' ? ['web', 'funnel-abc'] : ['cloudhand']);
      if (mode === 'per-app') {
        expect(sites[1]?.content).toContain('server_name shop.example.com;');
        expect(sites[1]?.content).toContain(join(dir, 'cache'));
      }
      // printf 'app-1:web' | sha256sum → 8efc37bd → 24013: the git app's site routes to its assigned port.
      expect(sites[0]?.content).toContain('proxy_pass http://127.0.0.1:24013');
      const checked = await checkSites(() => sites);
      expect(checked.output).toMatch(/test is successful/);
      expect(checked.ok).toBe(true);
    }
    expect(
      await ch('nginx', 'render', write('render.json', withFunnel()), '--instance', 'nope'),
    ).toMatchObject({
      code: 1,
      stderr: 'ch: no instance named "nope" in the plan\n',
    });
  });
});
