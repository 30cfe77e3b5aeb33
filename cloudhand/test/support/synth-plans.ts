// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform expressions and apt placeholders, not JS templates
import { bootstrapPlan as chBootstrapPlan, mosWorkerPlan as chMosWorkerPlan } from '../../src/plan/bootstrap';
import { assignPorts } from '../../src/plan/ports';
import { type DesiredStateSpec, type DesiredStateSpecInput, parsePlan } from '../../src/plan/schema';

/** Parses a spec the way the API and CLI do, so fixtures carry the schema's defaults. */
export function spec(input: DesiredStateSpecInput): DesiredStateSpec {
  return parsePlan({ new_spec: input }).new_spec;
}

const gitApp = (name: string, runtime: 'nodejs' | 'python' | 'docker' | 'static' | 'go' = 'nodejs') => ({
  name,
  repo_url: `https://github.com/acme/${name}.git`,
  runtime,
  service_config: { command: 'npm start', ports: [3000] },
});

/** First run: one server, no network, MOS's worker behind nginx with TLS. */
export const bootstrapPlan = spec({
  provider: 'hetzner',
  region: 'nbg1',
  instances: [
    {
      name: 'mos-worker',
      size: 'cx23',
      labels: { role: 'mos-worker' },
      workloads: [
        {
          name: 'temporal-worker',
          source_type: 'mos_worker',
          repo_url: 'https://github.com/acme/mos.git',
          mos_worker: { relay_server_name: 'relay.example.com', funnel_server_names: ['lp.example.com'] },
          service_config: { https: true, environment: { TEMPORAL_API_KEY: { secret: 'TEMPORAL_API_KEY' } } },
        },
      ],
    },
  ],
});

/** Two servers in one created network, one with its own location and an explicit subnet. */
export const twoServersPlan = spec({
  provider: 'hetzner',
  region: 'nbg1',
  networks: [
    { name: 'private-net', cidr: '10.20.0.0/16', subnet_cidr: '10.20.5.0/24', network_zone: 'eu-central' },
  ],
  instances: [
    {
      name: 'web-1',
      size: 'cx23',
      network: 'private-net',
      labels: { role: 'web' },
      workloads: [gitApp('shop')],
    },
    {
      name: 'db-1',
      size: 'cx33',
      network: 'private-net',
      region: 'fsn1',
      image: 'ubuntu-22.04',
      labels: { role: 'db' },
    },
  ],
});

/** A network that exists already: looked up by name, never created. */
export const existingNetworkPlan = spec({
  provider: 'hetzner',
  region: 'hel1',
  networks: [{ name: 'shared', cidr: '10.0.0.0/16', existing: true }],
  instances: [{ name: 'app', size: 'cx23', network: 'shared', workloads: [gitApp('api', 'python')] }],
});

/** A firewall with server and label-selector targets, inbound and outbound rules. */
export const firewallPlan = spec({
  provider: 'hetzner',
  region: 'nbg1',
  instances: [
    { name: 'web-1', size: 'cx23', labels: { role: 'web' } },
    { name: 'web-2', size: 'cx23', labels: { role: 'web' } },
  ],
  firewalls: [
    {
      name: 'web-fw',
      rules: [
        { direction: 'in', protocol: 'tcp', port: 22, cidr: '203.0.113.0/24' },
        { direction: 'in', protocol: 'tcp', port: '80', cidr: '0.0.0.0/0' },
        { direction: 'in', protocol: 'tcp', port: 443, cidr: '::/0' },
        { direction: 'in', protocol: 'icmp', cidr: '0.0.0.0/0' },
        { direction: 'out', protocol: 'tcp', port: '1-65535' },
        { direction: 'out', protocol: 'udp', port: 53, cidr: '1.1.1.1/32' },
      ],
      targets: [
        { type: 'server', selector: 'web-1' },
        { type: 'server', selector: 'web-2' },
        { type: 'label_selector', selector: 'role=web' },
      ],
    },
    { name: 'unattached', rules: [{ direction: 'in', protocol: 'icmp', cidr: '0.0.0.0/0' }] },
  ],
});

/** A load balancer in the servers' network with two services and both target kinds. */
export const loadBalancerPlan = spec({
  provider: 'hetzner',
  region: 'nbg1',
  networks: [{ name: 'lan', cidr: '10.1.0.0/16' }],
  instances: [
    { name: 'app-1', size: 'cx23', network: 'lan', workloads: [gitApp('shop')] },
    { name: 'app-2', size: 'cx23' },
  ],
  load_balancers: [
    {
      name: 'front',
      type: 'lb11',
      network: 'lan',
      ports: [
        { port: 80, destination_port: 8080, protocol: 'http' },
        { port: 5432, protocol: 'tcp' },
      ],
      targets: [
        { type: 'server', selector: 'app-1' },
        { type: 'server', selector: 'app-2' },
        { type: 'label_selector', selector: 'role=app' },
      ],
    },
    { name: 'edge', region: 'fsn1', ports: [{ port: 443 }] },
  ],
});

/**
 * https load balancers with Hetzner managed certificates, their domains' DNS records pointing at one: two ports of one load balancer naming the same domains
 * (in another order and case) share a certificate, a third port has its own, and another load balancer naming the
 * same domains gets its own certificate.
 */
export const httpsLoadBalancerPlan = spec({
  provider: 'hetzner',
  region: 'nbg1',
  instances: [{ name: 'web-1', size: 'cx23', workloads: [gitApp('shop')] }],
  load_balancers: [
    {
      name: 'shop',
      ports: [
        {
          port: 443,
          protocol: 'https',
          certificate_domains: ['shop.example.com', 'WWW.shop.example.com'],
          redirect_http: true,
        },
        {
          port: 8443,
          protocol: 'https',
          destination_port: 8080,
          certificate_domains: ['www.shop.example.com', 'shop.example.com'],
        },
        { port: 9443, protocol: 'https', certificate_domains: ['admin.example.com'], redirect_http: false },
        { port: 22, protocol: 'tcp' },
      ],
      targets: [{ type: 'server', selector: 'web-1' }],
    },
    {
      name: 'shop-eu',
      region: 'fsn1',
      ports: [
        { port: 443, protocol: 'https', certificate_domains: ['shop.example.com', 'www.shop.example.com'] },
      ],
      targets: [{ type: 'label_selector', selector: 'role=web' }],
    },
  ],
  // The certificate's domains point at the load balancer, so visitors reach it by name.
  dns_records: [
    { zone: 'example.com', name: 'shop', type: 'A', target: 'lb:shop' },
    { zone: 'example.com', name: 'shop', type: 'AAAA', target: 'lb:shop' },
    { zone: 'example.com', name: 'www.shop', type: 'A', target: 'lb:shop' },
  ],
});

/** DNS records: server targets for A and AAAA, a name with two values, TXT, CNAME and MX. */
export const dnsPlan = spec({
  provider: 'hetzner',
  region: 'nbg1',
  instances: [
    { name: 'web-1', size: 'cx23' },
    { name: 'web-2', size: 'cx23' },
  ],
  dns_records: [
    { zone: 'example.com', name: '@', type: 'A', target: 'server:web-1', ttl: 300 },
    { zone: 'example.com', name: '@', type: 'A', target: 'server:web-2', ttl: 600 },
    { zone: 'example.com', name: '@', type: 'AAAA', target: 'server:web-1' },
    { zone: 'example.com', name: 'shop', type: 'A', target: '198.51.100.7' },
    { zone: 'example.com', name: 'www', type: 'CNAME', target: 'example.com' },
    { zone: 'example.com', name: '@', type: 'MX', target: '10 mail.example.com' },
    { zone: 'example.com', name: '@', type: 'TXT', target: 'v=spf1 include:_spf.example.net ~all' },
    { zone: 'example.org', name: '*', type: 'A', target: 'server:web-2' },
  ],
});

/** Maintenance: a policy on one server, the label rules on the others. */
export const maintenancePlan = spec({
  provider: 'hetzner',
  region: 'nbg1',
  instances: [
    { name: 'plain', size: 'cx23' },
    { name: 'stateful', size: 'cx23', labels: { stateful: 'true' } },
    { name: 'postgres', size: 'cx33', labels: { role: 'postgres' } },
    {
      name: 'policy',
      size: 'cx23',
      labels: { role: 'db' },
      maintenance: {
        unattended_upgrades: {
          auto_reboot: true,
          auto_reboot_time: '03:30',
          allowed_origins: ['${distro_id}:${distro_codename}-security', 'Docker:${distro_codename}'],
        },
      },
    },
    { name: 'off', size: 'cx23', maintenance: { unattended_upgrades: { enabled: false } } },
  ],
});

/** Names that collide once `-` becomes `_`, and plan text with Terraform template syntax in it. */
export const awkwardNamesPlan = spec({
  provider: 'hetzner',
  region: 'nbg1',
  networks: [
    { name: 'lan-1', cidr: '10.1.0.0/16' },
    { name: 'lan_1', cidr: '10.2.0.0/16' },
  ],
  instances: [
    { name: 'web-1', size: 'cx23', network: 'lan_1', labels: { note: 'cost ${center} %{x}' } },
    { name: '1st', size: 'cx23', network: 'lan-1' },
  ],
  dns_records: [
    { zone: 'example.com', name: 'txt', type: 'TXT', target: '"kept ${as} is"' },
    // Both become example_com_www_shop_a once dots are replaced.
    { zone: 'example.com.www', name: 'shop', type: 'A', target: '192.0.2.2' },
    { zone: 'example.com', name: 'www.shop', type: 'A', target: '192.0.2.3' },
  ],
});

/** `ch bootstrap`'s first-run plan with a git workload, ports assigned as `ch synth` does. */
export const firstRunPlan = assignPorts(
  chBootstrapPlan({
    workload: {
      name: 'shop',
      repo_url: 'https://github.com/acme/shop.git',
      service_config: { command: 'npm start' },
    },
  }).new_spec,
);

/** The plan MOS deploys its own worker host with. */
export const mosWorkerHostPlan = assignPorts(
  chMosWorkerPlan({
    repoUrl: 'https://github.com/acme/mos.git',
    relayServerName: 'relay.example.com',
    funnelServerNames: ['lp.example.com', 'offers.example.org'],
  }).new_spec,
);

export const ALL_PLANS: Record<string, DesiredStateSpec> = {
  firstRunPlan,
  mosWorkerHostPlan,
  bootstrapPlan,
  twoServersPlan,
  existingNetworkPlan,
  firewallPlan,
  loadBalancerPlan,
  httpsLoadBalancerPlan,
  dnsPlan,
  maintenancePlan,
  awkwardNamesPlan,
};
