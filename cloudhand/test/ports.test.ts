import { describe, expect, it } from 'vitest';
import {
  type ApplicationSpecInput,
  type DesiredStateSpec,
  PlanValidationError,
  parsePlan,
} from '../src/plan';
import { assignPorts, preferredPort } from '../src/plan/ports';
import { thrown } from './support/run';

/**
 * The expected ports below were computed once, outside this code, in a shell:
 *   printf '%s' 'app-1:web' | sha256sum | cut -c1-8        # → 8efc37bd
 *   echo $((20000 + 0x8efc37bd % 10000))                     # → 24013
 * (the same for every row), so the table pins reference §7.4's rule, not this implementation's output.
 */
const PINNED: [instance: string, workload: string, hex8: string, port: number][] = [
  ['app-1', 'web', '8efc37bd', 24013],
  ['app-1', 'api', 'b96fab94', 23380],
  ['app-1', 'funnel-x', 'e9240d3c', 24012],
  ['ubuntu-4gb-nbg1-2', 'temp-landing', '31dd7f5f', 29647],
  ['mos-worker', 'funnel-0b7e2c1a-5f4d-4c3e-9a8b-1d2e3f405162', '54fec444', 22532],
  ['web-1', 'shop', '238692ca', 21962],
  ['a', 'b', '6783a31e', 20222],
  // Found by a shell loop over names for the wrap-around and same-candidate cases below.
  ['wrap', 'w36', 'ce54e46f', 29999],
  ['c', 'n204', 'deb8e85a', 20058],
  ['c', 'n214', '75a61a9a', 20058],
];

const git = (name: string, extra: Partial<ApplicationSpecInput> = {}): ApplicationSpecInput => ({
  name,
  repo_url: 'https://example.com/repo.git',
  ...extra,
  service_config: { command: 'npm start', ...extra.service_config },
});
const funnel = (name: string, serverNames: string[] = []): ApplicationSpecInput => ({
  name,
  source_type: 'funnel_publication',
  runtime: 'static',
  source_ref: {
    public_id: 'pub',
    upstream_base_url: 'http://127.0.0.1:8790',
    upstream_api_base_url: 'http://x/api',
  },
  service_config: { server_names: serverNames },
});

function spec(instances: Record<string, ApplicationSpecInput[]>): DesiredStateSpec {
  return parsePlan({
    new_spec: {
      provider: 'hetzner',
      region: 'nbg1',
      instances: Object.entries(instances).map(([name, workloads]) => ({ name, size: 'cx23', workloads })),
    },
  }).new_spec;
}

function issuesOf(fn: () => unknown) {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(PlanValidationError);
  return (err as PlanValidationError).issues;
}

describe('assignPorts: the pinned table (reference §7.4)', () => {
  it.each(PINNED)('%s:%s → %s → %i', (instance, workload, _hex, port) => {
    expect(preferredPort(instance, workload)).toBe(port);
    const out = assignPorts(spec({ [instance]: [git(workload)] }));
    const w = out.instances[0]?.workloads[0];
    expect(w?.service_config.ports).toEqual([port]);
    expect(w?.service_config.environment.PORT).toBe(String(port));
  });

  it('gives two workloads on one instance their own pinned ports and leaves the input alone', () => {
    const input = spec({ 'app-1': [git('web'), git('api'), funnel('funnel-x')] });
    const before = structuredClone(input);
    const out = assignPorts(input);
    expect(out.instances[0]?.workloads.map((w) => w.service_config.ports)).toEqual([
      [24013],
      [23380],
      [24012],
    ]);
    expect(input).toEqual(before);
  });

  it('is idempotent: the result assigns to itself', () => {
    const once = assignPorts(
      spec({ 'app-1': [git('web'), git('api', { service_config: { ports: [3000] } })] }),
    );
    expect(assignPorts(once)).toEqual(once);
  });
});

describe('assignPorts: pass 2 (no explicit ports)', () => {
  it('a funnel publication gets a port but no PORT', () => {
    const out = assignPorts(spec({ 'app-1': [funnel('funnel-x')] }));
    const w = out.instances[0]?.workloads[0];
    expect(w?.service_config.ports).toEqual([24012]);
    expect(w?.service_config.environment).toEqual({});
  });

  it('takes environment.PORT when set', () => {
    const out = assignPorts(
      spec({ 'app-1': [git('web', { service_config: { environment: { PORT: '3000' } } })] }),
    );
    expect(out.instances[0]?.workloads[0]?.service_config.ports).toEqual([3000]);
    expect(out.instances[0]?.workloads[0]?.service_config.environment.PORT).toBe('3000');
  });

  it('probes upward when the candidate is taken by an explicit port', () => {
    const out = assignPorts(
      spec({ 'app-1': [git('web'), git('blocker', { service_config: { ports: [24013, 24014] } })] }),
    );
    expect(out.instances[0]?.workloads[0]?.service_config.ports).toEqual([24015]);
  });

  it('two workloads with the same candidate: the second takes the next port', () => {
    const out = assignPorts(spec({ c: [git('n204'), git('n214')] }));
    expect(out.instances[0]?.workloads.map((w) => w.service_config.ports[0])).toEqual([20058, 20059]);
    // Plan order decides which one keeps the candidate.
    const swapped = assignPorts(spec({ c: [git('n214'), git('n204')] }));
    expect(swapped.instances[0]?.workloads.map((w) => w.service_config.ports[0])).toEqual([20058, 20059]);
    expect(swapped.instances[0]?.workloads[0]?.name).toBe('n214');
  });

  it('wraps from 29999 to 20000', () => {
    const out = assignPorts(
      spec({ wrap: [git('w36'), git('blocker', { service_config: { ports: [29999] } })] }),
    );
    expect(out.instances[0]?.workloads[0]?.service_config.ports).toEqual([20000]);
  });

  it('ports are per instance: the same port on two instances is no conflict', () => {
    const out = assignPorts(
      spec({
        one: [git('web', { service_config: { ports: [3000] } })],
        two: [git('web', { service_config: { ports: [3000] } })],
      }),
    );
    expect(out.instances.map((i) => i.workloads[0]?.service_config.ports)).toEqual([[3000], [3000]]);
  });

  it('a full range 20000-29999 is a conflict at the workload without a port', () => {
    const s = spec({ full: [] });
    const inst = s.instances[0];
    if (!inst) throw new Error('no instance');
    const template = spec({ x: [git('t')] }).instances[0]?.workloads[0];
    if (!template) throw new Error('no workload');
    // 500 workloads × 20 ports = the whole range (more than the schema's limits, which assignPorts does not need).
    for (let k = 0; k < 500; k++) {
      const w = structuredClone(template);
      w.name = `fill-${k}`;
      w.service_config.ports = Array.from({ length: 20 }, (_, m) => 20000 + k * 20 + m);
      inst.workloads.push(w);
    }
    const free = structuredClone(template);
    free.name = 'late';
    inst.workloads.push(free);
    expect(issuesOf(() => assignPorts(s))).toEqual([
      {
        path: 'new_spec.instances[0].workloads[500].service_config.ports',
        message: 'Port conflict on instance "full": no free port in 20000-29999 for workload "late"',
      },
    ]);
    // One port freed: that is the one it gets.
    inst.workloads[123]?.service_config.ports.pop();
    const out = assignPorts(s);
    expect(out.instances[0]?.workloads[500]?.service_config.ports).toEqual([20000 + 123 * 20 + 19]);
  });
});

describe('assignPorts: conflicts', () => {
  it.each([
    [22, 'ssh'],
    [80, 'http'],
    [443, 'https'],
  ])('refuses reserved port %i at its field', (port, owner) => {
    const issues = issuesOf(() =>
      assignPorts(spec({ 'app-1': [git('web', { service_config: { ports: [3000, port] } })] })),
    );
    expect(issues).toEqual([
      {
        path: 'new_spec.instances[0].workloads[0].service_config.ports[1]',
        message: `Port conflict on instance "app-1": port ${port} of workload "web" is reserved for ${owner}`,
      },
    ]);
  });

  it('refuses the same explicit port on two workloads of one instance', () => {
    const issues = issuesOf(() =>
      assignPorts(
        spec({
          'app-1': [
            git('web', { service_config: { ports: [3000] } }),
            git('api', { service_config: { ports: [3001, 3000] } }),
          ],
        }),
      ),
    );
    expect(issues).toEqual([
      {
        path: 'new_spec.instances[0].workloads[1].service_config.ports[1]',
        message:
          'Port conflict on instance "app-1": port 3000 of workload "api" is already used by workload "web"',
      },
    ]);
  });

  it('refuses a port repeated within a workload and one out of range (specs built in code skip the schema)', () => {
    const s = spec({ 'app-1': [git('web')] });
    const w = s.instances[0]?.workloads[0];
    if (!w) throw new Error('no workload');
    w.service_config.ports = [3000, 3000, 70000, 0];
    expect(issuesOf(() => assignPorts(s)).map((i) => i.path)).toEqual([
      'new_spec.instances[0].workloads[0].service_config.ports[1]',
      'new_spec.instances[0].workloads[0].service_config.ports[2]',
      'new_spec.instances[0].workloads[0].service_config.ports[3]',
    ]);
  });

  it('refuses a PORT that another workload owns, a reserved PORT and a PORT that is no port', () => {
    const issues = issuesOf(() =>
      assignPorts(
        spec({
          'app-1': [
            git('web', { service_config: { ports: [3000] } }),
            git('api', { service_config: { environment: { PORT: '3000' } } }),
            git('ssh-ish', { service_config: { environment: { PORT: '22' } } }),
            git('bad', { service_config: { environment: { PORT: '3k' } } }),
            git('big', { service_config: { environment: { PORT: '65536' } } }),
          ],
        }),
      ),
    );
    expect(issues).toEqual([
      {
        path: 'new_spec.instances[0].workloads[1].service_config.environment.PORT',
        message:
          'Port conflict on instance "app-1": port 3000 of workload "api" is already used by workload "web"',
      },
      {
        path: 'new_spec.instances[0].workloads[2].service_config.environment.PORT',
        message: 'Port conflict on instance "app-1": port 22 of workload "ssh-ish" is reserved for ssh',
      },
      {
        path: 'new_spec.instances[0].workloads[3].service_config.environment.PORT',
        message: 'must be a port number between 1 and 65535 (got "3k")',
      },
      {
        path: 'new_spec.instances[0].workloads[4].service_config.environment.PORT',
        message: 'must be a port number between 1 and 65535 (got "65536")',
      },
    ]);
  });

  it('a PORT taken by an earlier pass-2 workload is a conflict', () => {
    const issues = issuesOf(() =>
      assignPorts(
        spec({ 'app-1': [git('web'), git('api', { service_config: { environment: { PORT: '24013' } } })] }),
      ),
    );
    expect(issues[0]?.message).toBe(
      'Port conflict on instance "app-1": port 24013 of workload "api" is already used by workload "web"',
    );
  });

  it('refuses a PORT given as a secret reference', () => {
    const issues = issuesOf(() =>
      assignPorts(
        spec({
          'app-1': [git('web', { service_config: { environment: { PORT: { secret: 'APP_PORT' } } } })],
        }),
      ),
    );
    expect(issues).toEqual([
      {
        path: 'new_spec.instances[0].workloads[0].service_config.environment.PORT',
        message:
          'must be a literal port number, not a secret reference ("APP_PORT"): the port is planned before secrets are read',
      },
    ]);
  });

  it('names paths under a given prefix', () => {
    const issues = issuesOf(() =>
      assignPorts(spec({ 'app-1': [git('web', { service_config: { ports: [80] } })] }), { pathPrefix: [] }),
    );
    expect(issues[0]?.path).toBe('instances[0].workloads[0].service_config.ports[0]');
  });
});

describe('assignPorts: mos_worker', () => {
  const worker = (relay: number, proxy: number, ports: number[] = []): ApplicationSpecInput => ({
    name: 'mos-worker',
    source_type: 'mos_worker',
    repo_url: 'https://github.com/example/mos.git',
    service_config: { ports },
    mos_worker: { relay_port: relay, funnel_proxy_port: proxy },
  });

  it('its ports are the relay and funnel-proxy ports, without PORT', () => {
    const out = assignPorts(spec({ host: [worker(8787, 8790)] }));
    const w = out.instances[0]?.workloads[0];
    expect(w?.service_config.ports).toEqual([8787, 8790]);
    expect(w?.service_config.environment.PORT).toBeUndefined();
    expect(assignPorts(out)).toEqual(out);
  });

  it('they collide with reserved ports, each other and other workloads', () => {
    expect(issuesOf(() => assignPorts(spec({ host: [worker(443, 8790)] })))).toEqual([
      {
        path: 'new_spec.instances[0].workloads[0].mos_worker.relay_port',
        message: 'Port conflict on instance "host": port 443 of workload "mos-worker" is reserved for https',
      },
    ]);
    expect(issuesOf(() => assignPorts(spec({ host: [worker(8790, 8790)] })))[0]?.path).toBe(
      'new_spec.instances[0].workloads[0].mos_worker.funnel_proxy_port',
    );
    expect(
      issuesOf(() =>
        assignPorts(spec({ host: [git('web', { service_config: { ports: [8790] } }), worker(8787, 8790)] })),
      ),
    ).toEqual([
      {
        path: 'new_spec.instances[0].workloads[1].mos_worker.funnel_proxy_port',
        message:
          'Port conflict on instance "host": port 8790 of workload "mos-worker" is already used by workload "web"',
      },
    ]);
  });

  it('refuses other explicit ports on a mos_worker', () => {
    expect(issuesOf(() => assignPorts(spec({ host: [worker(8787, 8790, [3000])] })))[0]?.path).toBe(
      'new_spec.instances[0].workloads[0].service_config.ports',
    );
  });
});
