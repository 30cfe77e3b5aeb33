import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bootstrapPlan,
  findWorkload,
  funnelWorkloadPatch,
  MOS_WORKER_COMMANDS,
  MOS_WORKER_SECRET_ENV,
  mosWorkerPlan,
  mosWorkerServices,
  PlanValidationError,
  parsePlan,
  patchWorkload,
  secretRefs,
} from '../src/plan';
import { assignPorts } from '../src/plan/ports';
import { thrown } from './support/run';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('bootstrapPlan', () => {
  it('the first-run plan: network from 10.0.0.0/16, one cx23 in nbg1, a firewall for 22/80/443', () => {
    const plan = bootstrapPlan();
    expect(parsePlan(plan)).toEqual(plan);
    const s = plan.new_spec;
    expect(s.networks).toEqual([
      { name: 'default', cidr: '10.0.0.0/16', network_zone: 'eu-central', existing: false },
    ]);
    expect(s.instances.map((i) => [i.name, i.size, i.network, i.workloads.length])).toEqual([
      ['app-1', 'cx23', 'default', 0],
    ]);
    expect(s.region).toBe('nbg1');
    expect(s.firewalls).toHaveLength(1);
    const fw = s.firewalls[0];
    expect(fw?.targets).toEqual([{ type: 'server', selector: 'app-1' }]);
    expect(new Set(fw?.rules.map((r) => `${r.direction} ${r.protocol} ${r.port} ${r.cidr}`))).toEqual(
      new Set([22, 80, 443].flatMap((p) => [`in tcp ${p} 0.0.0.0/0`, `in tcp ${p} ::/0`])),
    );
  });

  it('with a workload and other names: valid, and ports assign', () => {
    const plan = bootstrapPlan({
      instanceName: 'ubuntu-4gb-nbg1-2',
      region: 'fsn1',
      networkName: 'net',
      cidr: '10.1.0.0/16',
      workload: {
        name: 'temp-landing',
        repo_url: 'https://github.com/auggie-clement/temp-landing.git',
        service_config: { command: 'npm start' },
      },
    });
    const spec = assignPorts(plan.new_spec);
    expect(spec.instances[0]?.workloads[0]?.service_config.ports).toEqual([29647]);
    expect(spec.instances[0]?.network).toBe('net');
  });

  it('a funnel without host names is reached on its own port, so the firewall opens 20000-29999', () => {
    const { patch } = funnelWorkloadPatch({
      publicId: 'abc',
      upstreamBaseUrl: 'http://127.0.0.1:8790',
      upstreamApiBaseUrl: 'https://api.example.com/public/funnels/abc',
    });
    const plan = bootstrapPlan({ workload: patch });
    expect(plan.new_spec.firewalls[0]?.rules.filter((r) => r.port === '20000-29999')).toHaveLength(2);
    assignPorts(plan.new_spec);
  });

  it('refuses a bad option at its field', () => {
    const err = thrown(() => bootstrapPlan({ cidr: '10.0.0.0/33' })) as PlanValidationError;
    expect(err).toBeInstanceOf(PlanValidationError);
    expect(err.issues.map((i) => i.path)).toContain('new_spec.networks[0].cidr');
  });
});

describe('mosWorkerPlan', () => {
  const plan = mosWorkerPlan({
    repoUrl: 'https://github.com/example/mos.git',
    relayServerName: 'Relay.Example.com',
    funnelServerNames: ['shop.client.com'],
  });

  it('one host with a mos_worker workload, env from secrets by name, a firewall and the relay A record', () => {
    expect(parsePlan(plan)).toEqual(plan);
    const s = plan.new_spec;
    expect(s.instances).toHaveLength(1);
    const w = s.instances[0]?.workloads[0];
    expect(w?.source_type).toBe('mos_worker');
    expect(w?.mos_worker).toEqual({
      relay_port: 8787,
      funnel_proxy_port: 8790,
      relay_server_name: 'relay.example.com',
      funnel_server_names: ['shop.client.com'],
    });
    expect(w?.service_config.https).toBe(true);
    expect(secretRefs(s)).toEqual([...MOS_WORKER_SECRET_ENV].sort());
    for (const v of Object.values(w?.service_config.environment ?? {}))
      if (typeof v === 'string') expect(v).not.toMatch(/postgres:|sk-/);
    expect(s.dns_records).toEqual([
      { zone: 'example.com', name: 'relay', type: 'A', target: 'server:mos-worker' },
    ]);
    expect(s.firewalls[0]?.targets).toEqual([{ type: 'server', selector: 'mos-worker' }]);
    const ports = assignPorts(s);
    expect(ports.instances[0]?.workloads[0]?.service_config.ports).toEqual([8787, 8790]);
  });

  it('the secret names are variables temporal-worker really reads', () => {
    const env = readFileSync(resolve(ROOT, 'temporal-worker/src/env.ts'), 'utf8');
    const gateway = readFileSync(resolve(ROOT, 'db/src/contracts/gateway.ts'), 'utf8');
    for (const name of MOS_WORKER_SECRET_ENV) expect(`${env}\n${gateway}`).toMatch(new RegExp(`\\b${name}:`));
  });

  it('an explicit zone, the apex, and a relay outside the zone', () => {
    const apex = mosWorkerPlan({
      repoUrl: 'https://x/mos.git',
      relayServerName: 'mos.co.uk',
      dnsZone: 'mos.co.uk',
    });
    expect(apex.new_spec.dns_records[0]).toMatchObject({ zone: 'mos.co.uk', name: '@' });
    const deep = mosWorkerPlan({
      repoUrl: 'https://x/mos.git',
      relayServerName: 'relay.mos.co.uk',
      dnsZone: 'mos.co.uk',
    });
    expect(deep.new_spec.dns_records[0]).toMatchObject({ zone: 'mos.co.uk', name: 'relay' });
    expect(
      thrown(() =>
        mosWorkerPlan({ repoUrl: 'https://x/mos.git', relayServerName: 'relay.a.com', dnsZone: 'b.com' }),
      ),
    ).toMatchObject({ issues: [{ path: 'dns_zone', message: 'must be the zone of relay.a.com' }] });
    expect(
      thrown(() => mosWorkerPlan({ repoUrl: 'https://x/mos.git', relayServerName: 'not a host' })),
    ).toMatchObject({
      issues: [{ path: 'relay_server_name' }],
    });
  });

  it('mosWorkerServices: three units, each with its port env and only the variables it reads', () => {
    const w = plan.new_spec.instances[0]?.workloads[0];
    if (!w) throw new Error('no workload');
    const services = mosWorkerServices(w);
    expect(services.map((s) => [s.role, s.unit, s.port])).toEqual([
      ['worker', 'mos-worker', null],
      ['relay', 'mos-worker-relay', 8787],
      ['funnel-proxy', 'mos-worker-funnel-proxy', 8790],
    ]);
    const [worker, relay, proxy] = services;
    // Without these the worker process opens no relay or proxy of its own (temporal-worker/src/bootstrap.ts).
    expect(worker?.environment.WORKFLOW_RELAY_SECRET).toBeUndefined();
    expect(worker?.environment.FUNNEL_PROXY_PORT).toBeUndefined();
    expect(worker?.environment.DATABASE_URL).toEqual({ secret: 'DATABASE_URL' });
    expect(relay?.environment).toEqual({
      NODE_ENV: 'production',
      TEMPORAL_TASK_QUEUE: 'mos',
      TEMPORAL_ADDRESS: { secret: 'TEMPORAL_ADDRESS' },
      TEMPORAL_NAMESPACE: { secret: 'TEMPORAL_NAMESPACE' },
      WORKFLOW_RELAY_SECRET: { secret: 'WORKFLOW_RELAY_SECRET' },
      RELAY_HOST: '127.0.0.1',
      RELAY_PORT: '8787',
    });
    expect(proxy?.environment).toEqual({
      NODE_ENV: 'production',
      DATABASE_URL: { secret: 'DATABASE_URL' },
      FUNNEL_PROXY_HOST: '127.0.0.1',
      FUNNEL_PROXY_PORT: '8790',
    });
    const git = parsePlan(
      bootstrapPlan({
        workload: { name: 'x', repo_url: 'https://x/y.git', service_config: { command: 'a' } },
      }),
    );
    const gw = git.new_spec.instances[0]?.workloads[0];
    if (!gw) throw new Error('no workload');
    expect(() => mosWorkerServices(gw)).toThrow(PlanValidationError);
  });

  it('the commands are temporal-worker package scripts, and the env names its entry points read', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'temporal-worker/package.json'), 'utf8')) as {
      name: string;
      scripts: Record<string, string>;
    };
    for (const cmd of Object.values(MOS_WORKER_COMMANDS)) {
      const m = /^pnpm --filter (\S+) (\S+)$/.exec(cmd);
      expect(m?.[1]).toBe(pkg.name);
      expect(Object.keys(pkg.scripts)).toContain(m?.[2]);
    }
    const env = readFileSync(resolve(ROOT, 'temporal-worker/src/env.ts'), 'utf8');
    const proxy = readFileSync(resolve(ROOT, 'temporal-worker/src/funnel-proxy/main.ts'), 'utf8');
    for (const name of ['RELAY_PORT', 'RELAY_HOST', 'WORKFLOW_RELAY_SECRET'])
      expect(env).toContain(`${name}:`);
    for (const name of ['FUNNEL_PROXY_PORT', 'FUNNEL_PROXY_HOST', 'DATABASE_URL'])
      expect(proxy).toContain(`${name}:`);
  });
});

describe('funnelWorkloadPatch (reference §8 and §9.4)', () => {
  const opts = {
    publicId: ' 0b7e2c1a-5f4d-4c3e-9a8b-1d2e3f405162 ',
    upstreamBaseUrl: 'http://127.0.0.1:8790/',
    upstreamApiBaseUrl: 'https://api.example.com/public/funnels/0b7e2c1a-5f4d-4c3e-9a8b-1d2e3f405162/',
  };

  it('builds the workload: names lower-cased and unique, https only with names, URLs without the trailing /', () => {
    const r = funnelWorkloadPatch({
      ...opts,
      serverNames: ['Shop.Example.com', 'shop.example.com ', '', 'b.example.com'],
    });
    expect(r.patch).toEqual({
      name: 'funnel-0b7e2c1a-5f4d-4c3e-9a8b-1d2e3f405162',
      source_type: 'funnel_publication',
      source_ref: {
        public_id: '0b7e2c1a-5f4d-4c3e-9a8b-1d2e3f405162',
        upstream_base_url: 'http://127.0.0.1:8790',
        upstream_api_base_url: 'https://api.example.com/public/funnels/0b7e2c1a-5f4d-4c3e-9a8b-1d2e3f405162',
      },
      repo_url: null,
      runtime: 'static',
      build_config: { install_command: null, build_command: null, system_packages: [] },
      service_config: {
        command: null,
        environment: {},
        ports: [],
        server_names: ['shop.example.com', 'b.example.com'],
        https: true,
      },
      destination_path: '/opt/apps',
    });
    expect(r.accessUrls('1.2.3.4', 24000)).toEqual(['https://shop.example.com/', 'https://b.example.com/']);
    const plain = funnelWorkloadPatch({ ...opts, serverNames: ['a.example.com'], https: false });
    expect(plain.accessUrls(null, null)).toEqual(['http://a.example.com/']);
  });

  it('no names: http only, reached at the IP and the workload port', () => {
    const r = funnelWorkloadPatch({ ...opts, https: true, workloadName: 'landing' });
    expect(r.https).toBe(false);
    expect(r.patch.service_config?.https).toBe(false);
    // Applied to a plan and given its port, the URL is the server's IP and that port.
    const plan = patchWorkload(bootstrapPlan(), r.patch, { createIfMissing: true }).plan;
    const spec = assignPorts(plan.new_spec);
    const port = findWorkload(spec, 'landing')?.workload.service_config.ports[0] ?? null;
    // printf 'app-1:landing' | sha256sum → cut -c1-8 → 20000 + 0x… % 10000
    expect(port).toBe(22408);
    expect(r.accessUrls('1.2.3.4', port)).toEqual(['http://1.2.3.4:22408/']);
  });

  it('refuses host names with spaces or that are no host, and URLs that are not http(s), at their option', () => {
    const err = thrown(() =>
      funnelWorkloadPatch({
        ...opts,
        publicId: '  ',
        serverNames: ['a b.com', 'https://x.com'],
        upstreamBaseUrl: 'ftp://x',
        upstreamApiBaseUrl: 'x',
      }),
    ) as PlanValidationError;
    expect(err).toBeInstanceOf(PlanValidationError);
    expect(err.issues).toEqual([
      { path: 'public_id', message: 'must not be empty' },
      { path: 'server_names[0]', message: 'must not contain spaces' },
      { path: 'server_names[1]', message: 'must be a host name such as shop.example.com' },
      { path: 'upstream_base_url', message: 'must start with http:// or https://' },
      { path: 'upstream_api_base_url', message: 'must start with http:// or https://' },
    ]);
  });
});
