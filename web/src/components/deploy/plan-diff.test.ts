import { type PlanInput, parsePlan } from '@mos/cloudhand/plan';
import { describe, expect, it } from 'vitest';
import { changeCount, diffPlans, type FieldChange, type PlanDiff } from './plan-diff';

const BASE = {
  operations: [],
  new_spec: {
    provider: 'hetzner',
    region: 'nbg1',
    networks: [{ name: 'default', cidr: '10.0.0.0/16' }],
    instances: [
      {
        name: 'web-1',
        size: 'cx23',
        network: 'default',
        workloads: [
          {
            name: 'shop',
            repo_url: 'https://github.com/acme/shop.git',
            branch: 'main',
            service_config: {
              command: 'node server.js',
              environment: {
                NODE_ENV: 'production',
                STRIPE_KEY: { secret: 'STRIPE_KEY' },
                API_TOKEN: 'plain-token-value-1',
              },
              ports: [3000],
              server_names: ['shop.example.com'],
              https: true,
            },
          },
          {
            name: 'blog',
            repo_url: 'https://github.com/acme/blog.git',
            service_config: { command: 'node blog.js', ports: [3001] },
          },
        ],
      },
      { name: 'db-1', size: 'cx33', labels: { role: 'db' } },
    ],
    firewalls: [
      {
        name: 'web-fw',
        rules: [
          { direction: 'in', protocol: 'tcp', port: 22, cidr: '0.0.0.0/0' },
          { direction: 'in', protocol: 'tcp', port: 443, cidr: '0.0.0.0/0' },
        ],
        targets: [{ type: 'server', selector: 'web-1' }],
      },
    ],
    load_balancers: [
      {
        name: 'lb-1',
        ports: [{ port: 80, destination_port: 3000, protocol: 'http' }],
        targets: [{ type: 'server', selector: 'web-1' }],
      },
    ],
    dns_records: [
      { zone: 'example.com', name: 'shop', type: 'A', target: 'server:web-1' },
      { zone: 'example.com', name: '@', type: 'TXT', target: 'v=spf1 -all' },
    ],
  },
} satisfies PlanInput;

type Spec = (typeof BASE)['new_spec'];
const clone = <T>(v: T): T => structuredClone(v);
const variant = (edit: (s: Spec) => void) => {
  const next = clone(BASE);
  edit(next.new_spec as Spec);
  return parsePlan(next);
};
const base = parsePlan(clone(BASE));

/** Each change as `group/item[/workload]: change [field]` lines, so a table row names what it expects. */
function lines(d: PlanDiff): string[] {
  const f = (fs: FieldChange[]) => fs.map((x) => x.field).join(',');
  const out = d.plan.map((x) => `plan: ${x.field}`);
  for (const i of d.instances) {
    if (i.change !== 'changed' || i.fields.length)
      out.push(`instance ${i.name}: ${i.change} ${f(i.fields)}`.trim());
    for (const w of i.workloads) out.push(`workload ${i.name}/${w.name}: ${w.change} ${f(w.fields)}`.trim());
  }
  for (const [g, items] of [
    ['network', d.networks],
    ['firewall', d.firewalls],
    ['lb', d.loadBalancers],
    ['dns', d.dnsRecords],
  ] as const)
    for (const x of items) out.push(`${g} ${x.name}: ${x.change} ${f(x.fields)}`.trim());
  return out;
}

const workload = (s: Spec, n: number) => {
  const w = s.instances[0]?.workloads?.[n];
  if (!w) throw new Error('fixture');
  return w as typeof w & { service_config: Record<string, unknown> };
};

describe('diffPlans', () => {
  const cases: [name: string, edit: (s: Spec) => void, expected: string[]][] = [
    ['identical plans', () => {}, []],
    ['default location', (s) => (s.region = 'fsn1'), ['plan: default location']],
    [
      'an instance added (with its workloads)',
      (s) =>
        s.instances.push({
          name: 'web-2',
          size: 'cx23',
          workloads: [{ name: 'api', repo_url: 'https://g.test/api.git', service_config: { command: 'x' } }],
        } as never),
      ['instance web-2: added', 'workload web-2/api: added'],
    ],
    ['an instance removed', (s) => s.instances.pop(), ['instance db-1: removed']],
    [
      'server type, location and image',
      (s) => Object.assign(s.instances[1] as object, { size: 'cx43', region: 'hel1', image: 'ubuntu-22.04' }),
      ['instance db-1: changed server type,location,image'],
    ],
    [
      'labels',
      (s) => Object.assign(s.instances[1] as object, { labels: { role: 'db', tier: 'gold' } }),
      ['instance db-1: changed labels'],
    ],
    [
      'a workload added',
      (s) =>
        s.instances[0]?.workloads?.push({
          name: 'api',
          repo_url: 'https://g.test/api.git',
          service_config: { command: 'node api.js' },
        } as never),
      ['workload web-1/api: added'],
    ],
    ['a workload removed', (s) => s.instances[0]?.workloads?.pop(), ['workload web-1/blog: removed']],
    [
      'repo and branch',
      (s) =>
        Object.assign(workload(s, 0), { repo_url: 'https://github.com/acme/shop2.git', branch: 'release' }),
      ['workload web-1/shop: changed repository,branch'],
    ],
    [
      'command, ports, server names and https',
      (s) =>
        Object.assign(workload(s, 0).service_config, {
          command: 'node dist/server.js',
          ports: [3000, 3002],
          server_names: ['www.example.com'],
          https: false,
        }),
      ['workload web-1/shop: changed command,ports,server names,https'],
    ],
    [
      'env keys added, removed, a value changed and a secret renamed',
      (s) =>
        Object.assign(workload(s, 0).service_config, {
          environment: {
            NODE_ENV: 'staging',
            STRIPE_KEY: { secret: 'STRIPE_LIVE_KEY' },
            NEW_KEY: { secret: 'NEW_SECRET' },
          },
        }),
      ['workload web-1/shop: changed env API_TOKEN,env NEW_KEY,env NODE_ENV,env STRIPE_KEY'],
    ],
    [
      'a network changed and one added',
      (s) => {
        Object.assign(s.networks[0] as object, { cidr: '10.1.0.0/16' });
        s.networks.push({ name: 'backend', cidr: '10.2.0.0/16' } as never);
      },
      ['network default: changed range', 'network backend: added'],
    ],
    [
      'a firewall rule added and one removed',
      (s) => {
        const fw = s.firewalls[0] as { rules: unknown[] };
        fw.rules = [fw.rules[0], { direction: 'in', protocol: 'tcp', port: 80, cidr: '0.0.0.0/0' }];
      },
      ['firewall web-fw: changed rules'],
    ],
    ['a firewall removed', (s) => s.firewalls.pop(), ['firewall web-fw: removed']],
    [
      'a load balancer’s type and ports',
      (s) =>
        Object.assign(s.load_balancers[0] as object, {
          type: 'lb21',
          ports: [{ port: 443, destination_port: 3000, protocol: 'tcp' }],
        }),
      ['lb lb-1: changed type,ports'],
    ],
    [
      'a DNS record’s target changed, one added, one removed',
      (s) => {
        s.dns_records = [
          { zone: 'example.com', name: 'shop', type: 'A', target: '203.0.113.9' },
          { zone: 'example.com', name: 'www', type: 'CNAME', target: 'shop.example.com' } as never,
        ];
      },
      [
        'dns shop.example.com A: changed target',
        'dns www.example.com CNAME: added',
        'dns example.com TXT: removed',
      ],
    ],
  ];

  it.each(cases)('%s', (_name, edit, expected) => {
    const d = diffPlans(base, variant(edit));
    expect(lines(d)).toEqual(expected);
    expect(changeCount(d) === 0).toBe(expected.length === 0);
  });

  it('shows secret references by name and never a value', () => {
    const d = diffPlans(
      base,
      variant((s) =>
        Object.assign(workload(s, 0).service_config, {
          environment: {
            NODE_ENV: 'production',
            STRIPE_KEY: { secret: 'STRIPE_LIVE_KEY' },
            API_TOKEN: 'plain-token-value-2',
            NEW_PLAIN: 'another-plain-value',
          },
        }),
      ),
    );
    const fields = d.instances[0]?.workloads[0]?.fields ?? [];
    expect(fields.find((f) => f.field === 'env STRIPE_KEY')).toEqual({
      field: 'env STRIPE_KEY',
      type: 'value',
      before: { kind: 'secret', name: 'STRIPE_KEY' },
      after: { kind: 'secret', name: 'STRIPE_LIVE_KEY' },
    });
    expect(fields.find((f) => f.field === 'env NEW_PLAIN')).toEqual({
      field: 'env NEW_PLAIN',
      type: 'value',
      before: null,
      after: { kind: 'value' },
    });
    const json = JSON.stringify(d);
    for (const value of ['plain-token-value-1', 'plain-token-value-2', 'another-plain-value'])
      expect(json).not.toContain(value);
  });

  it('sees no change in reordered keys, reordered named items or defaults written out', () => {
    const reordered = parsePlan({
      new_spec: Object.fromEntries(
        Object.entries(clone(BASE.new_spec))
          .reverse()
          .map(([k, v]) => {
            if (k !== 'instances') return [k, v];
            const instances = (v as Spec['instances']).map((i) => ({
              ...Object.fromEntries(Object.entries(i).reverse()),
              image: 'ubuntu-24.04',
              workloads: [...(i.workloads ?? [])].reverse(),
            }));
            return [k, instances.reverse()];
          }),
      ),
      operations: [],
    });
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(base));
    expect(lines(diffPlans(base, reordered))).toEqual([]);
  });

  it('says in a few words what an added or removed item is', () => {
    const d = diffPlans(
      base,
      variant((s) => {
        s.instances.pop();
        s.instances[0]?.workloads?.push({
          name: 'api',
          repo_url: 'https://github.com/acme/api.git',
          service_config: { command: 'node api.js', server_names: ['api.example.com'], https: true },
        } as never);
      }),
    );
    expect(d.instances.find((i) => i.name === 'db-1')?.about).toBe('cx33 · ubuntu-24.04 · 0 workloads');
    expect(d.instances.find((i) => i.name === 'web-1')?.workloads).toEqual([
      {
        name: 'api',
        change: 'added',
        fields: [],
        about: 'git app · github.com/acme/api.git @ main · api.example.com · https',
      },
    ]);
  });

  it('lists added and removed list items (ports, names, rules) one by one', () => {
    const d = diffPlans(
      base,
      variant((s) =>
        Object.assign(workload(s, 0).service_config, {
          server_names: ['shop.example.com', 'www.example.com'],
        }),
      ),
    );
    expect(d.instances[0]?.workloads[0]?.fields).toEqual([
      { field: 'server names', type: 'list', added: ['www.example.com'], removed: [] },
    ]);
    const fw = diffPlans(
      base,
      variant((s) => {
        const f = s.firewalls[0] as { rules: unknown[] };
        f.rules = [f.rules[1]];
      }),
    );
    expect(fw.firewalls[0]?.fields).toEqual([
      { field: 'rules', type: 'list', added: [], removed: ['in tcp 22 from 0.0.0.0/0'] },
    ]);
  });

  it('shows an https port with its certificate domains and redirect, and a changed domain as a change', () => {
    const https = (domains: string[]) =>
      variant((s) =>
        Object.assign(s.load_balancers[0] as object, {
          ports: [
            { port: 80, destination_port: 3000, protocol: 'http' },
            // To the app's port: shop's own https would redirect plain HTTP on nginx's 80 (the plan refuses that).
            {
              port: 8443,
              destination_port: 3000,
              protocol: 'https',
              certificate_domains: domains,
              redirect_http: false,
            },
          ],
        }),
      );
    const added = diffPlans(base, https(['shop.example.com', 'WWW.example.com']));
    expect(added.loadBalancers[0]?.fields).toEqual([
      {
        field: 'ports',
        type: 'list',
        added: ['https 8443 → 3000 (certificate shop.example.com, www.example.com)'],
        removed: [],
      },
    ]);
    const changed = diffPlans(https(['shop.example.com']), https(['shop.example.com', 'www.example.com']));
    expect(changed.loadBalancers[0]?.fields).toEqual([
      {
        field: 'ports',
        type: 'list',
        added: ['https 8443 → 3000 (certificate shop.example.com, www.example.com)'],
        removed: ['https 8443 → 3000 (certificate shop.example.com)'],
      },
    ]);
    const redirect = diffPlans(
      base,
      variant((s) =>
        Object.assign(s.load_balancers[0] as object, {
          ports: [
            {
              port: 443,
              destination_port: 3000,
              protocol: 'https',
              certificate_domains: ['shop.example.com'],
              redirect_http: true,
            },
          ],
        }),
      ),
    );
    expect(redirect.loadBalancers[0]?.fields).toEqual([
      {
        field: 'ports',
        type: 'list',
        added: ['https 443 → 3000 (certificate shop.example.com; redirects http)'],
        removed: ['http 80 → 3000'],
      },
    ]);
    expect(
      diffPlans(
        base,
        variant((s) =>
          s.load_balancers.push({
            name: 'lb-2',
            ports: [{ port: 443, protocol: 'https', certificate_domains: ['a.example.com'] }],
          } as never),
        ),
      ).loadBalancers,
    ).toEqual([
      {
        name: 'lb-2',
        change: 'added',
        fields: [],
        about: 'lb11 · https 443 → 80 (certificate a.example.com)',
      },
    ]);
  });
});
