import { describe, expect, it } from 'vitest';
import {
  bootstrapPlan,
  deepMerge,
  funnelWorkloadPatch,
  type PlanInput,
  PlanPatchError,
  PlanValidationError,
  parsePlan,
  patchWorkload,
} from '../src/plan';
import { thrown } from './support/run';

const base = (instances: string[] = ['app-1']): PlanInput => ({
  operations: [],
  new_spec: {
    provider: 'hetzner',
    region: 'nbg1',
    instances: instances.map((name) => ({
      name,
      size: 'cx23',
      workloads: [
        {
          name: 'web',
          repo_url: 'https://example.com/web.git',
          build_config: { install_command: 'npm ci', system_packages: ['git'] },
          service_config: {
            command: 'npm start',
            environment: { A: '1', B: { secret: 'API_TOKEN' } },
            server_names: ['web.example.com'],
          },
        },
      ],
    })),
  },
});

describe('deepMerge', () => {
  it('merges objects recursively and replaces lists, scalars and null', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 'x', e: 1 }, { a: { c: [3] }, d: null, f: 2 })).toEqual({
      a: { b: 1, c: [3] },
      d: null,
      e: 1,
      f: 2,
    });
  });

  it('a __proto__ key from JSON stays an own key', () => {
    const merged = deepMerge({}, JSON.parse('{"__proto__": {"polluted": 1}}')) as Record<string, unknown>;
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('patchWorkload (reference §8 patch_workload_in_plan)', () => {
  it('deep-merges by name: env keys kept and added, lists replaced, the input untouched', () => {
    const input = base();
    const before = structuredClone(input);
    const r = patchWorkload(input, {
      name: 'web',
      build_config: { system_packages: ['curl'] },
      service_config: {
        environment: { A: '2', C: { secret: 'NEW_ONE' } },
        server_names: ['Shop.Example.com'],
      },
    });
    expect(r).toMatchObject({ updatedCount: 1, created: false, instance: 'app-1', instances: ['app-1'] });
    const w = r.plan.new_spec.instances[0]?.workloads[0];
    expect(w?.service_config.environment).toEqual({
      A: '2',
      B: { secret: 'API_TOKEN' },
      C: { secret: 'NEW_ONE' },
    });
    expect(w?.build_config).toEqual({ install_command: 'npm ci', system_packages: ['curl'] });
    // Normalised as the schema does (host names lower-cased).
    expect(w?.service_config.server_names).toEqual(['shop.example.com']);
    expect(w?.service_config.command).toBe('npm start');
    expect(input).toEqual(before);
  });

  it('patches the workload on every instance, or only on the named one', () => {
    const all = patchWorkload(base(['one', 'two']), { name: 'web', branch: 'next' });
    expect(all.updatedCount).toBe(2);
    expect(all.instances).toEqual(['one', 'two']);
    expect(all.plan.new_spec.instances.map((i) => i.workloads[0]?.branch)).toEqual(['next', 'next']);
    const one = patchWorkload(base(['one', 'two']), { name: 'web', branch: 'next' }, { instanceName: 'two' });
    expect(one.updatedCount).toBe(1);
    expect(one.plan.new_spec.instances.map((i) => i.workloads[0]?.branch)).toEqual(['main', 'next']);
  });

  it('refuses a merged workload that breaks a rule, at the workload field', () => {
    const err = thrown(() => patchWorkload(base(), { name: 'web', repo_url: null }));
    expect(err).toBeInstanceOf(PlanValidationError);
    expect((err as PlanValidationError).issues).toEqual([
      { path: 'new_spec.instances[0].workloads[0].repo_url', message: 'is required for a git workload' },
    ]);
    const secret = thrown(() =>
      patchWorkload(base(), { name: 'web', service_config: { environment: { X: { secret: 'lower' } } } }),
    ) as PlanValidationError;
    expect(secret.issues[0]?.path).toBe(
      'new_spec.instances[0].workloads[0].service_config.environment.X.secret',
    );
  });

  it('no match without createIfMissing: workload_not_found', () => {
    const err = thrown(() => patchWorkload(base(), { name: 'api', repo_url: 'https://x/y.git' }));
    expect(err).toBeInstanceOf(PlanPatchError);
    expect(err).toMatchObject({
      reason: 'workload_not_found',
      issues: [{ path: 'patch.name', message: 'No workload named "api" found in plan' }],
    });
  });

  it('creates on the only instance, validated as a full workload', () => {
    const workload = {
      name: 'api',
      repo_url: 'https://example.com/api.git',
      service_config: { command: 'node x' },
    };
    const r = patchWorkload(base(), workload, { createIfMissing: true });
    expect(r).toMatchObject({ updatedCount: 0, created: true, instance: 'app-1' });
    expect(r.plan.new_spec.instances[0]?.workloads.map((w) => w.name)).toEqual(['web', 'api']);
    expect(r.plan.new_spec.instances[0]?.workloads[1]?.branch).toBe('main');
    const bad = thrown(() =>
      patchWorkload(base(), { name: 'api' }, { createIfMissing: true }),
    ) as PlanValidationError;
    expect(bad).toBeInstanceOf(PlanValidationError);
    expect(bad.issues.map((i) => i.path)).toEqual([
      'new_spec.instances[0].workloads[1].repo_url',
      'new_spec.instances[0].workloads[1].service_config.command',
    ]);
  });

  it('instance choice: required with several, must exist when named, none to create on', () => {
    const workload = {
      name: 'api',
      repo_url: 'https://example.com/api.git',
      service_config: { command: 'node x' },
    };
    expect(
      thrown(() => patchWorkload(base(['one', 'two']), workload, { createIfMissing: true })),
    ).toMatchObject({
      reason: 'instance_required',
      issues: [
        { path: 'instance_name', message: 'instance_name is required when plan contains multiple instances' },
      ],
    });
    const r = patchWorkload(base(['one', 'two']), workload, { createIfMissing: true, instanceName: 'two' });
    expect(r.instance).toBe('two');
    expect(r.plan.new_spec.instances.map((i) => i.workloads.length)).toEqual([1, 2]);
    expect(
      thrown(() => patchWorkload(base(), workload, { createIfMissing: true, instanceName: 'nope' })),
    ).toMatchObject({
      reason: 'instance_not_found',
      issues: [{ path: 'instance_name', message: 'No instance named "nope" in plan' }],
    });
    expect(thrown(() => patchWorkload(base([]), workload, { createIfMissing: true }))).toMatchObject({
      reason: 'no_instances',
    });
  });

  it('refuses a patch without a name and an invalid base plan', () => {
    expect(thrown(() => patchWorkload(base(), { branch: 'x' }))).toMatchObject({
      reason: 'invalid_patch',
      issues: [{ path: 'patch.name', message: 'is required (the workload to patch or create)' }],
    });
    expect(thrown(() => patchWorkload(base(), [1]))).toMatchObject({ reason: 'invalid_patch' });
    expect(
      thrown(() => patchWorkload({ new_spec: { provider: 'aws' } } as never, { name: 'web' })),
    ).toBeInstanceOf(PlanValidationError);
  });

  it('the result is a valid plan (re-parsing changes nothing)', () => {
    const r = patchWorkload(base(), { name: 'web', service_config: { https: true } });
    expect(parsePlan(r.plan)).toEqual(r.plan);
  });

  it('a funnel without host names on a firewalled server: the firewall opens 20000-29999 once', () => {
    const opts = {
      publicId: 'abc',
      upstreamBaseUrl: 'http://127.0.0.1:8790',
      upstreamApiBaseUrl: 'https://a.example.com',
    };
    const named = patchWorkload(
      bootstrapPlan(),
      funnelWorkloadPatch({ ...opts, serverNames: ['shop.example.com'] }).patch,
      {
        createIfMissing: true,
      },
    );
    expect(named.firewallsOpened).toEqual([]);
    const ranges = (p: typeof named.plan) =>
      p.new_spec.firewalls[0]?.rules.filter((r) => r.port === '20000-29999');
    expect(ranges(named.plan)).toEqual([]);
    const bare = patchWorkload(bootstrapPlan(), funnelWorkloadPatch(opts).patch, { createIfMissing: true });
    expect(bare.firewallsOpened).toEqual(['app-1-fw']);
    expect(ranges(bare.plan)?.map((r) => r.cidr)).toEqual(['0.0.0.0/0', '::/0']);
    const again = patchWorkload(bare.plan, {
      name: 'funnel-abc',
      service_config: { environment: { X: '1' } },
    });
    expect(again.firewallsOpened).toEqual([]);
    expect(ranges(again.plan)).toHaveLength(2);
  });
});
