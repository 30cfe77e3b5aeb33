import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bootstrapPlan,
  mosWorkerPlan,
  type PlanInput,
  type PlanIssue,
  PlanValidationError,
  parsePlan,
  parsePlanText,
  safeParsePlan,
} from '../src/plan';
import { assignPorts } from '../src/plan/ports';

const git = {
  name: 'web',
  repo_url: 'https://example.com/web.git',
  service_config: { command: 'npm start' },
};
const source = {
  public_id: 'pub-1',
  upstream_base_url: 'http://127.0.0.1:8790',
  upstream_api_base_url: 'https://api.example.com/public/funnels/pub-1',
};
const funnel = { name: 'pub', source_type: 'funnel_publication', source_ref: source };

/** A valid plan with one instance; `spec` and `workloads` override its parts. */
function plan(workloads: unknown[] = [git], spec: Record<string, unknown> = {}): PlanInput {
  return {
    operations: [],
    new_spec: {
      provider: 'hetzner',
      region: 'nbg1',
      networks: [{ name: 'default', cidr: '10.0.0.0/16' }],
      instances: [{ name: 'app-1', size: 'cx23', network: 'default', workloads }],
      ...spec,
    } as never,
  };
}

function issues(input: unknown): PlanIssue[] {
  const r = safeParsePlan(input);
  if (r.ok) throw new Error('expected the plan to be refused');
  return r.issues;
}
const W = 'new_spec.instances[0].workloads[0]';
const LB = 'new_spec.load_balancers[0]';

describe('reference §7.2 workload rules, each refused at its field', () => {
  it.each<[string, unknown, PlanIssue]>([
    [
      'git without repo_url',
      { name: 'web', service_config: { command: 'x' } },
      { path: `${W}.repo_url`, message: 'is required for a git workload' },
    ],
    [
      'git with an empty repo_url',
      { ...git, repo_url: '   ' },
      { path: `${W}.repo_url`, message: 'is required for a git workload' },
    ],
    [
      'git without command',
      { ...git, service_config: {} },
      { path: `${W}.service_config.command`, message: 'is required for a git workload' },
    ],
    [
      'git with a blank command',
      { ...git, service_config: { command: '  ' } },
      { path: `${W}.service_config.command`, message: 'is required for a git workload' },
    ],
    [
      'git with source_ref',
      { ...git, source_ref: source },
      { path: `${W}.source_ref`, message: 'must be empty for a git workload' },
    ],
    [
      'funnel with repo_url',
      { ...funnel, repo_url: 'https://x/y.git' },
      { path: `${W}.repo_url`, message: 'must be empty for a funnel_publication workload' },
    ],
    [
      'funnel without source_ref',
      { name: 'pub', source_type: 'funnel_publication' },
      { path: `${W}.source_ref`, message: 'is required for a funnel_publication workload' },
    ],
    [
      'funnel with an empty public_id',
      { ...funnel, source_ref: { ...source, public_id: '   ' } },
      { path: `${W}.source_ref.public_id`, message: 'must not be empty' },
    ],
    [
      'funnel with an ftp upstream',
      { ...funnel, source_ref: { ...source, upstream_base_url: 'ftp://x' } },
      { path: `${W}.source_ref.upstream_base_url`, message: 'must start with http:// or https://' },
    ],
    [
      'funnel with a bare api host',
      { ...funnel, source_ref: { ...source, upstream_api_base_url: 'api.example.com' } },
      { path: `${W}.source_ref.upstream_api_base_url`, message: 'must start with http:// or https://' },
    ],
    [
      'funnel with a URL that is only a scheme',
      { ...funnel, source_ref: { ...source, upstream_base_url: 'http:///' } },
      { path: `${W}.source_ref.upstream_base_url`, message: 'must start with http:// or https://' },
    ],
  ])('%s', (_name, workload, expected) => {
    expect(issues(plan([workload]))).toEqual([expected]);
  });

  it('normalises a funnel: public_id trimmed, trailing / stripped from both URLs', () => {
    const p = parsePlan(
      plan([
        {
          ...funnel,
          source_ref: {
            public_id: '  pub-1 ',
            upstream_base_url: ' http://127.0.0.1:8790/ ',
            upstream_api_base_url: 'https://api.example.com/x//',
          },
        },
      ]),
    );
    expect(p.new_spec.instances[0]?.workloads[0]?.source_ref).toEqual({
      public_id: 'pub-1',
      upstream_base_url: 'http://127.0.0.1:8790',
      upstream_api_base_url: 'https://api.example.com/x',
    });
  });

  it('applies the defaults of the original (git, main, nodejs, /opt/apps, https off)', () => {
    const w = parsePlan(plan()).new_spec.instances[0]?.workloads[0];
    expect(w).toMatchObject({
      source_type: 'git',
      branch: 'main',
      runtime: 'nodejs',
      destination_path: '/opt/apps',
      service_config: { environment: {}, ports: [], server_names: [], https: false },
      build_config: { system_packages: [] },
    });
  });
});

describe('the rules the original lacked', () => {
  it.each<[string, unknown, PlanIssue[]]>([
    [
      'a secret reference with a bad name',
      { ...git, service_config: { command: 'x', environment: { TOKEN: { secret: 'lower-case' } } } },
      [
        {
          path: `${W}.service_config.environment.TOKEN.secret`,
          message: 'must be an org secret name (upper-case letters, digits and _)',
        },
      ],
    ],
    [
      'a secret reference with a value beside it',
      {
        ...git,
        service_config: { command: 'x', environment: { TOKEN: { secret: 'API_TOKEN', value: 'sk-1' } } },
      },
      [{ path: `${W}.service_config.environment.TOKEN`, message: expect.any(String) as unknown as string }],
    ],
    [
      'an environment key that is no variable name',
      { ...git, service_config: { command: 'x', environment: { 'BAD-KEY': '1' } } },
      [{ path: `${W}.service_config.environment.BAD-KEY`, message: expect.any(String) as unknown as string }],
    ],
    [
      'a port repeated in a workload',
      { ...git, service_config: { command: 'x', ports: [3000, 3000] } },
      [{ path: `${W}.service_config.ports[1]`, message: 'repeats port 3000' }],
    ],
    [
      'a mos_worker without its settings',
      { name: 'mos', source_type: 'mos_worker', repo_url: 'https://x/mos.git' },
      [{ path: `${W}.mos_worker`, message: 'is required for a mos_worker workload' }],
    ],
    [
      'a mos_worker without repo_url',
      { name: 'mos', source_type: 'mos_worker', mos_worker: {} },
      [{ path: `${W}.repo_url`, message: 'is required for a mos_worker workload' }],
    ],
    [
      'mos_worker settings on a git workload',
      { ...git, mos_worker: {} },
      [{ path: `${W}.mos_worker`, message: 'is only allowed on a mos_worker workload' }],
    ],
    [
      'a mos_worker with source_ref',
      {
        name: 'mos',
        source_type: 'mos_worker',
        repo_url: 'https://x/mos.git',
        mos_worker: {},
        source_ref: source,
      },
      [{ path: `${W}.source_ref`, message: 'must be empty for a mos_worker workload' }],
    ],
  ])('refuses %s', (_name, workload, expected) => {
    expect(issues(plan([workload]))).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, PlanIssue[]]>([
    [
      'an instance on a network the plan does not have',
      { instances: [{ name: 'app-1', size: 'cx23', network: 'other' }] },
      [{ path: 'new_spec.instances[0].network', message: 'names no network of this plan ("other")' }],
    ],
    [
      'a subnet outside its network',
      { networks: [{ name: 'default', cidr: '10.0.0.0/16', subnet_cidr: '10.1.0.0/24' }] },
      [{ path: 'new_spec.networks[0].subnet_cidr', message: "must lie inside the network's 10.0.0.0/16" }],
    ],
    [
      'a subnet wider than its network',
      { networks: [{ name: 'default', cidr: '10.0.0.0/16', subnet_cidr: '10.0.0.0/8' }] },
      [{ path: 'new_spec.networks[0].subnet_cidr', message: "must lie inside the network's 10.0.0.0/16" }],
    ],
    [
      'a cidr that is none',
      { networks: [{ name: 'default', cidr: '10.0.0.300/16' }] },
      [{ path: 'new_spec.networks[0].cidr', message: 'must be an IPv4 CIDR such as 10.0.0.0/16' }],
    ],
    [
      'two networks of one name',
      {
        networks: [
          { name: 'default', cidr: '10.0.0.0/16' },
          { name: 'default', cidr: '10.1.0.0/16' },
        ],
      },
      [{ path: 'new_spec.networks[1].name', message: 'repeats a network name' }],
    ],
    [
      'two instances of one name',
      {
        instances: [
          { name: 'app-1', size: 'cx23' },
          { name: 'app-1', size: 'cx23' },
        ],
      },
      [{ path: 'new_spec.instances[1].name', message: 'repeats an instance name' }],
    ],
    [
      'two workloads of one name on an instance',
      { instances: [{ name: 'app-1', size: 'cx23', workloads: [git, git] }] },
      [
        {
          path: 'new_spec.instances[0].workloads[1].name',
          message: 'repeats a workload name on this instance',
        },
      ],
    ],
    [
      'two firewalls and two load balancers of one name',
      {
        firewalls: [
          { name: 'fw', rules: [] },
          { name: 'fw', rules: [] },
        ],
        load_balancers: [
          { name: 'lb', ports: [{ port: 80 }] },
          { name: 'lb', ports: [{ port: 80 }] },
        ],
      },
      [
        { path: 'new_spec.load_balancers[1].name', message: 'repeats a load balancer name' },
        { path: 'new_spec.firewalls[1].name', message: 'repeats a firewall name' },
      ],
    ],
    [
      'load balancer and firewall targets naming no server, a load balancer on no network',
      {
        load_balancers: [
          {
            name: 'lb',
            network: 'nope',
            ports: [{ port: 443 }],
            targets: [{ type: 'server', selector: 'ghost' }],
          },
        ],
        firewalls: [{ name: 'fw', rules: [], targets: [{ type: 'server', selector: 'ghost' }] }],
      },
      [
        {
          path: 'new_spec.load_balancers[0].targets[0].selector',
          message: 'names no instance of this plan ("ghost")',
        },
        {
          path: 'new_spec.firewalls[0].targets[0].selector',
          message: 'names no instance of this plan ("ghost")',
        },
        { path: 'new_spec.load_balancers[0].network', message: 'names no network of this plan ("nope")' },
      ],
    ],
    [
      'a load balancer without ports',
      { load_balancers: [{ name: 'lb', ports: [] }] },
      [{ path: 'new_spec.load_balancers[0].ports', message: 'needs at least one port' }],
    ],
    [
      'an https port without certificate domains',
      { load_balancers: [{ name: 'lb', ports: [{ port: 80 }, { port: 443, protocol: 'https' }] }] },
      [{ path: `${LB}.ports[1].certificate_domains`, message: 'is required for an https port' }],
    ],
    [
      'an https port with an empty domain list',
      {
        load_balancers: [{ name: 'lb', ports: [{ port: 443, protocol: 'https', certificate_domains: [] }] }],
      },
      [{ path: `${LB}.ports[0].certificate_domains`, message: 'needs at least one domain' }],
    ],
    [
      'an https port with more than 100 domains',
      {
        load_balancers: [
          {
            name: 'lb',
            ports: [
              {
                port: 443,
                protocol: 'https',
                certificate_domains: Array.from({ length: 101 }, (_, n) => `d${n}.example.com`),
              },
            ],
          },
        ],
      },
      [{ path: `${LB}.ports[0].certificate_domains`, message: 'must be at most 100 domains' }],
    ],
    [
      'a certificate domain that is no host name',
      {
        load_balancers: [
          {
            name: 'lb',
            ports: [
              {
                port: 443,
                protocol: 'https',
                certificate_domains: ['shop.example.com', 'https://www.example.com'],
              },
            ],
          },
        ],
      },
      [
        {
          path: `${LB}.ports[0].certificate_domains[1]`,
          message:
            'must be a host name such as shop.example.com or a wildcard such as *.example.com (no scheme, port or spaces)',
        },
      ],
    ],
    [
      'a wildcard certificate domain deeper than one label',
      {
        load_balancers: [
          {
            name: 'lb',
            ports: [{ port: 443, protocol: 'https', certificate_domains: ['*.*.example.com', '*'] }],
          },
        ],
      },
      [0, 1].map((k) => ({
        path: `${LB}.ports[0].certificate_domains[${k}]`,
        message:
          'must be a host name such as shop.example.com or a wildcard such as *.example.com (no scheme, port or spaces)',
      })),
    ],
    [
      'a certificate domain named twice (case does not count)',
      {
        load_balancers: [
          {
            name: 'lb',
            ports: [
              {
                port: 443,
                protocol: 'https',
                certificate_domains: ['shop.example.com', 'www.example.com', ' Shop.Example.com'],
              },
            ],
          },
        ],
      },
      [{ path: `${LB}.ports[0].certificate_domains[2]`, message: 'repeats a domain' }],
    ],
    [
      'certificate domains on a tcp port and redirect_http on an http port',
      {
        load_balancers: [
          {
            name: 'lb',
            ports: [
              { port: 443, protocol: 'tcp', certificate_domains: ['shop.example.com'] },
              { port: 80, protocol: 'http', redirect_http: false },
            ],
          },
        ],
      },
      [
        { path: `${LB}.ports[0].certificate_domains`, message: 'is only allowed on an https port, not tcp' },
        { path: `${LB}.ports[1].redirect_http`, message: 'is only allowed on an https port, not http' },
      ],
    ],
    [
      'redirect_http on an https port other than 443',
      {
        load_balancers: [
          {
            name: 'lb',
            ports: [
              {
                port: 8443,
                protocol: 'https',
                certificate_domains: ['shop.example.com'],
                redirect_http: true,
              },
            ],
          },
        ],
      },
      [{ path: `${LB}.ports[0].redirect_http`, message: 'needs listen port 443' }],
    ],
    [
      'redirect_http while another service of the load balancer listens on 80',
      {
        load_balancers: [
          {
            name: 'lb',
            ports: [
              {
                port: 443,
                protocol: 'https',
                certificate_domains: ['shop.example.com'],
                redirect_http: true,
              },
              { port: 80, protocol: 'http' },
            ],
          },
        ],
      },
      [
        {
          path: `${LB}.ports[0].redirect_http`,
          message: 'needs port 80 free for the redirect, but ports[1] listens on it',
        },
      ],
    ],
    [
      'two services of a load balancer on one listen port',
      {
        load_balancers: [
          {
            name: 'lb',
            ports: [
              { port: 443 },
              { port: 80 },
              { port: 443, protocol: 'https', certificate_domains: ['a.example.com'] },
            ],
          },
        ],
      },
      [{ path: `${LB}.ports[2].port`, message: 'repeats listen port 443 of ports[0]' }],
    ],
    [
      'a tcp firewall rule without port and an inbound rule without cidr',
      { firewalls: [{ name: 'fw', rules: [{ direction: 'in', protocol: 'tcp' }] }] },
      [
        { path: 'new_spec.firewalls[0].rules[0].port', message: 'is required for tcp' },
        { path: 'new_spec.firewalls[0].rules[0].cidr', message: 'is required for an inbound rule' },
      ],
    ],
    [
      'a DNS record for a server the plan does not have, and a CNAME to a server',
      {
        dns_records: [
          { zone: 'example.com', name: 'shop', type: 'A', target: 'server:ghost' },
          { zone: 'example.com', name: 'www', type: 'CNAME', target: 'server:app-1' },
        ],
      },
      [
        { path: 'new_spec.dns_records[0].target', message: 'names no instance of this plan ("ghost")' },
        { path: 'new_spec.dns_records[1].type', message: 'must be A or AAAA for a server: target' },
      ],
    ],
    [
      'a DNS record for a load balancer the plan does not have, and a TXT record to a load balancer',
      {
        load_balancers: [{ name: 'front', ports: [{ port: 80 }] }],
        dns_records: [
          { zone: 'example.com', name: 'shop', type: 'A', target: 'lb:ghost' },
          { zone: 'example.com', name: 'shop', type: 'AAAA', target: 'lb:app-1' },
          { zone: 'example.com', name: 'www', type: 'TXT', target: 'lb:front' },
          { zone: 'example.com', name: 'ok', type: 'AAAA', target: 'lb:front' },
        ],
      },
      [
        {
          path: 'new_spec.dns_records[0].target',
          message: 'names no load balancer of this plan ("ghost")',
        },
        // app-1 is a server, not a load balancer: the prefix decides what the name must be.
        {
          path: 'new_spec.dns_records[1].target',
          message: 'names no load balancer of this plan ("app-1")',
        },
        { path: 'new_spec.dns_records[2].type', message: 'must be A or AAAA for an lb: target' },
      ],
    ],
    [
      'an https workload behind a load balancer that terminates TLS (nginx would redirect the forwarded HTTP)',
      {
        instances: [
          {
            name: 'app-1',
            size: 'cx23',
            workloads: [
              {
                ...git,
                service_config: { ...git.service_config, server_names: ['shop.example.com'], https: true },
              },
            ],
          },
        ],
        load_balancers: [
          {
            name: 'front',
            ports: [{ port: 443, protocol: 'https', certificate_domains: ['shop.example.com'] }],
            targets: [{ type: 'server', selector: 'app-1' }],
          },
        ],
      },
      [
        {
          path: `${W}.service_config.https`,
          message:
            'must be false: load balancer "front" terminates TLS and forwards plain HTTP to this server, which nginx would redirect to https again (a redirect loop); set https false on the workload (the load balancer terminates TLS) or give the load balancer a tcp port instead (TLS passthrough)',
        },
      ],
    ],
    [
      'a MOS worker with https behind a load balancer that terminates TLS (its relay name gets the redirect)',
      {
        instances: [
          {
            name: 'app-1',
            size: 'cx23',
            workloads: [
              git,
              {
                name: 'mos',
                source_type: 'mos_worker',
                repo_url: 'https://x/mos.git',
                mos_worker: { relay_server_name: 'relay.example.com' },
                service_config: { https: true },
              },
            ],
          },
        ],
        load_balancers: [
          {
            name: 'front',
            ports: [{ port: 443, protocol: 'https', certificate_domains: ['relay.example.com'] }],
            targets: [{ type: 'server', selector: 'app-1' }],
          },
        ],
      },
      [
        {
          path: 'new_spec.instances[0].workloads[1].service_config.https',
          message: expect.stringMatching(/^must be false: load balancer "front" terminates TLS/),
        },
      ],
    ],
    [
      'literal DNS targets that do not fit their record type',
      {
        dns_records: [
          { zone: 'example.com', name: 'shop', type: 'A', target: '203.0.113.300' },
          { zone: 'example.com', name: 'shop', type: 'AAAA', target: '2001:db8::1::2' },
          { zone: 'example.com', name: 'www', type: 'CNAME', target: 'http://example.com' },
          { zone: 'example.com', name: '@', type: 'MX', target: 'mail.example.com' },
          { zone: 'example.com', name: 'ok', type: 'AAAA', target: '2001:db8::7' },
        ],
      },
      [
        {
          path: 'new_spec.dns_records[0].target',
          message: 'must be an IPv4 address (or server:<instance> or lb:<load balancer>) for an A record',
        },
        {
          path: 'new_spec.dns_records[1].target',
          message: 'must be an IPv6 address (or server:<instance> or lb:<load balancer>) for an AAAA record',
        },
        { path: 'new_spec.dns_records[2].target', message: 'must be a host name for a CNAME record' },
        {
          path: 'new_spec.dns_records[3].target',
          message: 'must be "<priority> <host>" for an MX record, e.g. "10 mail.example.com"',
        },
      ],
    ],
    [
      'containers (the legacy model is not deployed)',
      { containers: [{ name: 'c', image: 'nginx', host_selector: 'app-1' }] },
      [
        {
          path: 'new_spec.containers',
          message: 'are not deployed by cloudhand; use a workload with runtime docker',
        },
      ],
    ],
    [
      'a firewall port range that is reversed, and one above 65535',
      {
        firewalls: [
          {
            name: 'fw',
            rules: [
              { direction: 'in', protocol: 'tcp', port: '3000-2000', cidr: '0.0.0.0/0' },
              { direction: 'in', protocol: 'udp', port: '70000', cidr: '::/0' },
              { direction: 'in', protocol: 'tcp', port: '0-10', cidr: '::/0' },
            ],
          },
        ],
      },
      [0, 1, 2].map((j) => ({
        path: `new_spec.firewalls[0].rules[${j}].port`,
        message: 'must be ports between 1 and 65535, the lower first',
      })),
    ],
    [
      'an instance name with _ (Hetzner server names are host names)',
      { instances: [{ name: 'app_1', size: 'cx23' }] },
      [{ path: 'new_spec.instances[0].name', message: 'must not contain _ (a server name is a host name)' }],
    ],
    [
      'an instance without region in a plan without region',
      { region: null },
      [{ path: 'new_spec.instances[0].region', message: 'is required when the plan has no region' }],
    ],
    [
      'another provider',
      { provider: 'aws' },
      [{ path: 'new_spec.provider', message: 'must be "hetzner" (the only provider with a generator)' }],
    ],
  ])('refuses %s', (_name, spec, expected) => {
    expect(issues(plan([git], spec))).toEqual(expected);
  });

  it('accepts the cross-references when they hold', () => {
    const p = parsePlan(
      plan([git], {
        networks: [{ name: 'default', cidr: '10.0.0.0/16', subnet_cidr: '10.0.1.0/24' }],
        load_balancers: [
          {
            name: 'lb',
            network: 'default',
            ports: [{ port: 443, protocol: 'tcp' }],
            targets: [{ type: 'server', selector: 'app-1' }],
          },
        ],
        firewalls: [
          {
            name: 'fw',
            rules: [{ direction: 'in', protocol: 'tcp', port: '20000-29999', cidr: '0.0.0.0/0' }],
            targets: [{ type: 'label_selector', selector: 'role=web' }],
          },
        ],
        dns_records: [{ zone: 'Example.com', name: 'shop', type: 'AAAA', target: 'server:app-1' }],
      }),
    );
    expect(p.new_spec.dns_records[0]?.zone).toBe('example.com');
  });

  it('accepts https load balancers: domains lower-cased, a wildcard, the redirect on 443, other services beside it', () => {
    const p = parsePlan(
      plan([git], {
        load_balancers: [
          {
            name: 'lb',
            ports: [
              {
                port: 443,
                protocol: 'https',
                certificate_domains: [' Shop.Example.com', 'www.shop.example.com'],
                redirect_http: true,
              },
              {
                port: 8443,
                protocol: 'https',
                certificate_domains: ['admin.example.com', '*.Apps.example.com'],
              },
              { port: 22 },
            ],
          },
          // Another load balancer may listen on 80 while this one's https redirects.
          { name: 'lb-2', ports: [{ port: 80, protocol: 'http' }] },
        ],
      }),
    );
    expect(p.new_spec.load_balancers[0]?.ports).toEqual([
      {
        port: 443,
        protocol: 'https',
        certificate_domains: ['shop.example.com', 'www.shop.example.com'],
        redirect_http: true,
      },
      { port: 8443, protocol: 'https', certificate_domains: ['admin.example.com', '*.apps.example.com'] },
      { port: 22, protocol: 'tcp' },
    ]);
  });

  describe('an https workload and a load balancer in front of its server', () => {
    const tlsApp = {
      ...git,
      service_config: { ...git.service_config, server_names: ['shop.example.com'], https: true },
    };
    const front = (ports: unknown[], targets: unknown[] = [{ type: 'server', selector: 'app-1' }]) => ({
      load_balancers: [{ name: 'front', ports, targets }],
    });
    const https443 = { port: 443, protocol: 'https', certificate_domains: ['shop.example.com'] };
    it.each<[string, unknown, Record<string, unknown>]>([
      [
        'the workload leaves TLS to the load balancer (https false)',
        { ...tlsApp, service_config: { ...tlsApp.service_config, https: false } },
        front([https443]),
      ],
      [
        'the load balancer passes TLS through (a tcp port)',
        tlsApp,
        front([{ port: 443, protocol: 'tcp' }, { port: 80 }]),
      ],
      [
        'the https port forwards to the app’s own port, not nginx’s 80',
        tlsApp,
        front([{ ...https443, destination_port: 3000 }]),
      ],
      // Hetzner alone knows which servers a label selector picks, so the plan cannot tell.
      [
        'the load balancer targets servers by label',
        tlsApp,
        front([https443], [{ type: 'label_selector', selector: 'role=web' }]),
      ],
      [
        'the https workload has no server names (nginx serves plain http)',
        { ...git, service_config: { ...git.service_config, https: true } },
        front([https443]),
      ],
    ])('accepts it when %s', (_name, workload, spec) => {
      const r = safeParsePlan(plan([workload], spec));
      expect(r.ok ? [] : r.issues).toEqual([]);
    });
  });

  it('a plan that is not an object, and text that is not JSON, are PlanValidationErrors naming the plan', () => {
    expect(issues(null)).toEqual([{ path: '(plan)', message: expect.any(String) }]);
    expect(issues({})).toEqual([{ path: 'new_spec', message: expect.any(String) }]);
    expect(() => parsePlanText('{')).toThrow(PlanValidationError);
  });
});

// ---- fuzzing -------------------------------------------------------------------------------------------------

/** Anything thrown must be a PlanValidationError with at least one issue, each with a path and a message. */
function onlyValidationErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof PlanValidationError)) throw err;
    expect(err.issues).not.toEqual([]);
    for (const i of err.issues) {
      expect(typeof i.path).toBe('string');
      expect(i.message).toMatch(/\S/);
    }
  }
}

const validPlans: PlanInput[] = [
  plan(
    [git, funnel, { name: 'mos', source_type: 'mos_worker', repo_url: 'https://x/mos.git', mos_worker: {} }],
    {
      firewalls: [
        {
          name: 'fw',
          rules: [{ direction: 'in', protocol: 'tcp', port: 22, cidr: '0.0.0.0/0' }],
          targets: [{ type: 'server', selector: 'app-1' }],
        },
      ],
      dns_records: [
        { zone: 'example.com', name: 'shop', type: 'A', target: 'server:app-1' },
        { zone: 'example.com', name: 'www.shop', type: 'AAAA', target: 'lb:lb-tls' },
      ],
      load_balancers: [
        { name: 'lb', ports: [{ port: 80 }], targets: [{ type: 'server', selector: 'app-1' }] },
        {
          name: 'lb-tls',
          ports: [
            {
              port: 443,
              protocol: 'https',
              certificate_domains: ['shop.example.com', 'www.shop.example.com'],
              redirect_http: true,
            },
          ],
          targets: [{ type: 'server', selector: 'app-1' }],
        },
      ],
    },
  ),
  bootstrapPlan(),
  mosWorkerPlan({ repoUrl: 'https://github.com/example/mos.git', relayServerName: 'relay.example.com' }),
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
/** Every path into a JSON value (objects' keys and arrays' indexes). */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...paths(v, [...prefix, i]));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}
function setAt(root: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const copy = structuredClone(root);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) node = (node as Record<string, Json>)[key as string] as Json;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete (node as Record<string, Json>)[last as string];
  } else (node as Record<string, Json>)[last as string] = value;
  return copy;
}

/** A valid plan with a few fields replaced by arbitrary JSON, removed, or given keys it does not know. */
const mutatedPlan = fc
  .tuple(
    // Normalised (every default written out) and with ports assigned, so mutations reach every field.
    fc.constantFrom(
      ...validPlans.flatMap((p) => {
        const parsed = parsePlan(p);
        const ported = { ...parsed, new_spec: assignPorts(parsed.new_spec) };
        return [p, parsed, ported].map((x) => JSON.parse(JSON.stringify(x)) as Json);
      }),
    ),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.oneof(
          fc.jsonValue() as fc.Arbitrary<Json>,
          fc.constant(undefined),
          fc.constantFrom<Json>(
            '',
            ' ',
            '0',
            -1,
            0,
            65536,
            22,
            '22',
            'server:app-1',
            'lb:lb',
            { secret: 'X' },
            '__proto__',
            [],
            {},
          ),
        ),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([base, edits]) => {
    let doc = base;
    for (const [n, value] of edits) {
      const all = paths(doc);
      doc = setAt(doc, all[n % all.length] ?? [], value);
    }
    return doc;
  });

describe('the plan parser, fuzzed (fast-check)', () => {
  it('safeParsePlan never throws, on any value at all', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withNullPrototype: true,
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
        }),
        (v) => {
          const r = safeParsePlan(v);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('parsePlan and parsePlanText throw only PlanValidationError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        onlyValidationErrors(() => parsePlan(v));
        onlyValidationErrors(() => parsePlanText(JSON.stringify(v)));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => onlyValidationErrors(() => parsePlanText(text))),
      { numRuns: 300 },
    );
  });

  it('mutated valid plans: parse, then assign ports, and throw only PlanValidationError', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutatedPlan, (doc) => {
        expect(safeParsePlan(doc)).toHaveProperty('ok');
        onlyValidationErrors(() => {
          const p = parsePlan(doc);
          accepted++;
          // A parsed plan parses to itself, and the port rule on it throws nothing but validation errors.
          expect(parsePlan(p)).toEqual(p);
          assignPorts(p.new_spec);
        });
        onlyValidationErrors(() => parsePlanText(JSON.stringify(doc)));
      }),
      { numRuns: 1000 },
    );
    // The mutations are not all fatal: some plans still parse, so the port rule ran on them.
    expect(accepted).toBeGreaterThan(0);
  });

  it('the valid plans themselves parse and assign ports', () => {
    let assigned = 0;
    for (const p of validPlans)
      for (const inst of assignPorts(parsePlan(p).new_spec).instances) {
        const ports = inst.workloads.flatMap((w) => w.service_config.ports);
        // Every port a real one, and no two workloads of a server on the same port.
        for (const port of ports)
          expect(Number.isInteger(port) && port >= 1 && port <= 65535, `${port}`).toBe(true);
        expect(new Set(ports).size).toBe(ports.length);
        assigned += ports.length;
      }
    expect(assigned).toBeGreaterThan(validPlans.length);
  });
});
