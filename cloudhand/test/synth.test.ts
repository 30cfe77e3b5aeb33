// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform expressions and apt placeholders, not JS templates
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DesiredStateSpecInput, PlanValidationError, safeParsePlan } from '@mos/cloudhand/plan';
import {
  cloudInit,
  defaultSubnet,
  dnsValue,
  normalizeCidr,
  synthesize,
  writeTerraform,
} from '@mos/cloudhand/synth';
import { afterEach, describe, expect, it } from 'vitest';
import {
  awkwardNamesPlan,
  bootstrapPlan,
  dnsPlan,
  existingNetworkPlan,
  firewallPlan,
  firstRunPlan,
  httpsLoadBalancerPlan,
  loadBalancerPlan,
  mosWorkerHostPlan,
  spec,
  twoServersPlan,
} from './support/synth-plans';
import { templateParts } from './support/terraform-schema';

type Doc = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

const synth = (spec: Parameters<typeof synthesize>[0]) => synthesize(spec) as unknown as Doc;

/** The resources of one type in a document, without cdktn's `//` metadata. */
function resources(doc: Doc, type: string, section = 'resource'): Record<string, Record<string, unknown>> {
  const byName = doc[section]?.[type] ?? {};
  return Object.fromEntries(
    Object.entries(byName).map(([name, body]) => [
      name,
      Object.fromEntries(Object.entries(body).filter(([k]) => k !== '//')),
    ]),
  );
}

/** Every `${…}` reference in the document that points at a resource or data source, as `type.name`. */
function referencedEntities(value: unknown): string[] {
  if (typeof value === 'string')
    return templateParts(value)
      .expressions.filter((e) => !e.startsWith('var.'))
      .map((e) =>
        e
          .split('.')
          .slice(0, e.startsWith('data.') ? 3 : 2)
          .join('.'),
      );
  if (Array.isArray(value)) return value.flatMap(referencedEntities);
  if (value && typeof value === 'object') return Object.values(value).flatMap(referencedEntities);
  return [];
}

function entityExists(doc: Doc, address: string): boolean {
  const parts = address.split('.');
  const [section, type, name] = parts[0] === 'data' ? parts : ['resource', ...parts];
  return Boolean(doc[section ?? '']?.[type ?? '']?.[name ?? '']);
}

describe('synthesize: the skeleton every plan shares', () => {
  const doc = synth(bootstrapPlan);

  it('declares the hcloud provider ~> 1.68 with its token from a sensitive variable, and a local backend', () => {
    const terraform = doc.terraform as unknown as Record<string, Record<string, Record<string, unknown>>>;
    expect(terraform.required_providers?.hcloud).toEqual({
      source: 'registry.terraform.io/hetznercloud/hcloud',
      version: '~> 1.68',
    });
    expect(terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
    expect(doc.provider?.hcloud).toEqual([{ token: '${var.hcloud_token}' }]);
    expect(doc.variable?.hcloud_token).toMatchObject({ type: 'string', sensitive: true });
    expect(doc.variable?.ssh_public_key).toMatchObject({ type: 'string' });
    expect(doc.variable?.ssh_public_key).not.toHaveProperty('sensitive');
  });

  it('uploads the deploy key and gives it to every server', () => {
    expect(resources(doc, 'hcloud_ssh_key')).toEqual({
      deploy: { name: 'cloudhand', public_key: '${var.ssh_public_key}' },
    });
    expect(resources(doc, 'hcloud_server').mos_worker?.ssh_keys).toEqual(['${hcloud_ssh_key.deploy.id}']);
  });

  it('creates each server with its size, image, the plan region, labels and cloud-init it may not replace', () => {
    const inst = bootstrapPlan.instances[0];
    if (!inst) throw new Error('fixture has an instance');
    expect(resources(doc, 'hcloud_server')).toEqual({
      mos_worker: {
        name: 'mos-worker',
        server_type: 'cx23',
        image: 'ubuntu-24.04',
        location: 'nbg1',
        labels: { role: 'mos-worker' },
        ssh_keys: ['${hcloud_ssh_key.deploy.id}'],
        user_data: cloudInit(inst, bootstrapPlan),
        lifecycle: { ignore_changes: ['user_data'] },
      },
    });
  });

  it('outputs each server’s IPv4 and IPv6 by instance name', () => {
    expect(doc.output?.server_ips).toMatchObject({
      value: { 'mos-worker': '${hcloud_server.mos_worker.ipv4_address}' },
    });
    expect(doc.output?.server_ipv6).toMatchObject({
      value: { 'mos-worker': '${hcloud_server.mos_worker.ipv6_address}' },
    });
    expect(doc.output).not.toHaveProperty('load_balancer_ips');
  });

  it('is deterministic', () => {
    expect(synthesize(bootstrapPlan)).toEqual(synthesize(bootstrapPlan));
  });
});

describe('synthesize: networks', () => {
  it('creates a network from its cidr with a subnet servers join after it exists', () => {
    const doc = synth(twoServersPlan);
    expect(resources(doc, 'hcloud_network')).toEqual({
      private_net: { name: 'private-net', ip_range: '10.20.0.0/16' },
    });
    expect(resources(doc, 'hcloud_network_subnet')).toEqual({
      private_net: {
        network_id: '${hcloud_network.private_net.id}',
        type: 'cloud',
        network_zone: 'eu-central',
        ip_range: '10.20.5.0/24',
      },
    });
    const servers = resources(doc, 'hcloud_server');
    for (const name of ['web_1', 'db_1']) {
      expect(servers[name]?.network).toEqual([{ network_id: '${hcloud_network.private_net.id}' }]);
      expect(servers[name]?.depends_on).toEqual(['hcloud_network_subnet.private_net']);
    }
    expect(servers.db_1).toMatchObject({ location: 'fsn1', image: 'ubuntu-22.04', server_type: 'cx33' });
    expect(servers.web_1).toMatchObject({ location: 'nbg1' });
    expect(doc.output?.server_ips).toMatchObject({
      value: { 'web-1': '${hcloud_server.web_1.ipv4_address}', 'db-1': '${hcloud_server.db_1.ipv4_address}' },
    });
  });

  it('defaults the subnet to the first /24 of the network', () => {
    expect(defaultSubnet('10.0.0.0/16')).toBe('10.0.0.0/24');
    expect(defaultSubnet('10.1.7.9/16')).toBe('10.1.0.0/24');
    expect(defaultSubnet('172.16.0.0/12')).toBe('172.16.0.0/24');
    expect(defaultSubnet('192.168.4.77/26')).toBe('192.168.4.64/26');
    expect(normalizeCidr('10.1.7.9/16')).toBe('10.1.0.0/16');
    expect(normalizeCidr('10.20.5.0/24')).toBe('10.20.5.0/24');
    const doc = synth(loadBalancerPlan);
    expect(resources(doc, 'hcloud_network_subnet').lan?.ip_range).toBe('10.1.0.0/24');
  });

  it('looks an existing network up by name instead of creating it', () => {
    const doc = synth(existingNetworkPlan);
    expect(doc.resource).not.toHaveProperty('hcloud_network');
    expect(doc.resource).not.toHaveProperty('hcloud_network_subnet');
    expect(resources(doc, 'hcloud_network', 'data')).toEqual({ shared: { name: 'shared' } });
    const server = resources(doc, 'hcloud_server').app;
    expect(server?.network).toEqual([{ network_id: '${data.hcloud_network.shared.id}' }]);
    expect(server).not.toHaveProperty('depends_on');
  });

  it('leaves a server without a network on the public network only', () => {
    const server = resources(synth(bootstrapPlan), 'hcloud_server').mos_worker;
    expect(server).not.toHaveProperty('network');
    expect(server).not.toHaveProperty('depends_on');
  });
});

describe('synthesize: firewalls', () => {
  const doc = synth(firewallPlan);

  it('writes inbound rules with source_ips and outbound rules with destination_ips', () => {
    expect(resources(doc, 'hcloud_firewall').web_fw).toEqual({
      name: 'web-fw',
      rule: [
        { direction: 'in', protocol: 'tcp', port: '22', source_ips: ['203.0.113.0/24'] },
        { direction: 'in', protocol: 'tcp', port: '80', source_ips: ['0.0.0.0/0'] },
        { direction: 'in', protocol: 'tcp', port: '443', source_ips: ['::/0'] },
        { direction: 'in', protocol: 'icmp', source_ips: ['0.0.0.0/0'] },
        { direction: 'out', protocol: 'tcp', port: '1-65535', destination_ips: ['0.0.0.0/0', '::/0'] },
        { direction: 'out', protocol: 'udp', port: '53', destination_ips: ['1.1.1.1/32'] },
      ],
    });
  });

  it('attaches the firewall to servers by id and to label selectors, and skips attaching one without targets', () => {
    expect(resources(doc, 'hcloud_firewall_attachment')).toEqual({
      web_fw: {
        firewall_id: '${hcloud_firewall.web_fw.id}',
        server_ids: ['${hcloud_server.web_1.id}', '${hcloud_server.web_2.id}'],
        label_selectors: ['role=web'],
      },
    });
    expect(resources(doc, 'hcloud_firewall')).toHaveProperty('unattached');
  });
});

describe('synthesize: load balancers', () => {
  const doc = synth(loadBalancerPlan);

  it('creates the load balancer in its location and attaches it to its network after the subnet', () => {
    expect(resources(doc, 'hcloud_load_balancer')).toEqual({
      front: { name: 'front', load_balancer_type: 'lb11', location: 'nbg1' },
      edge: { name: 'edge', load_balancer_type: 'lb11', location: 'fsn1' },
    });
    expect(resources(doc, 'hcloud_load_balancer_network')).toEqual({
      front: {
        load_balancer_id: '${hcloud_load_balancer.front.id}',
        network_id: '${hcloud_network.lan.id}',
        depends_on: ['hcloud_network_subnet.lan'],
      },
    });
  });

  it('adds a service per port, the destination defaulting to the listen port', () => {
    expect(resources(doc, 'hcloud_load_balancer_service')).toEqual({
      front_80: {
        load_balancer_id: '${hcloud_load_balancer.front.id}',
        protocol: 'http',
        listen_port: 80,
        destination_port: 8080,
      },
      front_5432: {
        load_balancer_id: '${hcloud_load_balancer.front.id}',
        protocol: 'tcp',
        listen_port: 5432,
        destination_port: 5432,
      },
      edge_443: {
        load_balancer_id: '${hcloud_load_balancer.edge.id}',
        protocol: 'tcp',
        listen_port: 443,
        destination_port: 443,
      },
    });
  });

  it('targets servers by id (privately when they share the network) and label selectors', () => {
    expect(resources(doc, 'hcloud_load_balancer_target')).toEqual({
      front_app_1: {
        type: 'server',
        load_balancer_id: '${hcloud_load_balancer.front.id}',
        server_id: '${hcloud_server.app_1.id}',
        use_private_ip: true,
        depends_on: ['hcloud_load_balancer_network.front'],
      },
      front_app_2: {
        type: 'server',
        load_balancer_id: '${hcloud_load_balancer.front.id}',
        server_id: '${hcloud_server.app_2.id}',
      },
      front_role_app: {
        type: 'label_selector',
        load_balancer_id: '${hcloud_load_balancer.front.id}',
        label_selector: 'role=app',
      },
    });
    expect(doc.output?.load_balancer_ips).toMatchObject({
      value: { front: '${hcloud_load_balancer.front.ipv4}', edge: '${hcloud_load_balancer.edge.ipv4}' },
    });
  });
});

describe('synthesize: DNS records as Hetzner zone rrsets', () => {
  const doc = synth(dnsPlan);
  const rrsets = resources(doc, 'hcloud_zone_rrset');

  it('groups records by zone, name and type, server targets pointing at the server’s addresses', () => {
    expect(rrsets.example_com_apex_a).toEqual({
      zone: 'example.com',
      name: '@',
      type: 'A',
      ttl: 300,
      records: [
        { value: '${hcloud_server.web_1.ipv4_address}' },
        { value: '${hcloud_server.web_2.ipv4_address}' },
      ],
    });
    expect(rrsets.example_com_apex_aaaa).toEqual({
      zone: 'example.com',
      name: '@',
      type: 'AAAA',
      records: [{ value: '${hcloud_server.web_1.ipv6_address}' }],
    });
    expect(rrsets.example_org_wildcard_a).toMatchObject({
      zone: 'example.org',
      name: '*',
      records: [{ value: '${hcloud_server.web_2.ipv4_address}' }],
    });
  });

  it('writes literal values as Hetzner expects them: quoted TXT, absolute CNAME and MX targets', () => {
    expect(rrsets.example_com_shop_a?.records).toEqual([{ value: '198.51.100.7' }]);
    expect(rrsets.example_com_www_cname?.records).toEqual([{ value: 'example.com.' }]);
    expect(rrsets.example_com_apex_mx?.records).toEqual([{ value: '10 mail.example.com.' }]);
    expect(rrsets.example_com_apex_txt?.records).toEqual([
      { value: '"v=spf1 include:_spf.example.net ~all"' },
    ]);
    expect(Object.keys(rrsets)).toHaveLength(7);
  });

  it('splits long TXT values into 255-byte strings and escapes quotes', () => {
    const dkim = `v=DKIM1; k=rsa; p=${'A'.repeat(400)}`;
    const value = dnsValue('TXT', dkim);
    const strings = value.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(strings.map((q) => q.length - 2)).toEqual([255, dkim.length - 255]);
    expect(strings.join('').replaceAll('"', '')).toBe(dkim);
    expect(value).toBe(strings.join(' '));
    expect(dnsValue('TXT', 'say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(dnsValue('TXT', '"already quoted"')).toBe('"already quoted"');
    expect(dnsValue('A', '198.51.100.7')).toBe('198.51.100.7');
    expect(dnsValue('MX', '10 mail.example.com.')).toBe('10 mail.example.com.');
  });
});

describe('synthesize: names and references', () => {
  it('derives unique Terraform ids from names and escapes template syntax in plan text', () => {
    const doc = synth(awkwardNamesPlan);
    expect(resources(doc, 'hcloud_network')).toEqual({
      lan_1: { name: 'lan-1', ip_range: '10.1.0.0/16' },
      lan_1_2: { name: 'lan_1', ip_range: '10.2.0.0/16' },
    });
    const servers = resources(doc, 'hcloud_server');
    expect(Object.keys(servers).sort()).toEqual(['r_1st', 'web_1']);
    expect(servers.web_1?.network).toEqual([{ network_id: '${hcloud_network.lan_1_2.id}' }]);
    expect(servers.web_1?.depends_on).toEqual(['hcloud_network_subnet.lan_1_2']);
    expect(servers.r_1st?.network).toEqual([{ network_id: '${hcloud_network.lan_1.id}' }]);
    expect(servers.web_1?.labels).toEqual({ note: 'cost $${center} %%{x}' });
    const rrsets = resources(doc, 'hcloud_zone_rrset');
    expect(rrsets.example_com_txt_txt?.records).toEqual([{ value: '"kept $${as} is"' }]);
    expect(
      ['example_com_www_shop_a', 'example_com_www_shop_a_2'].map((id) => [
        rrsets[id]?.zone,
        rrsets[id]?.name,
      ]),
    ).toEqual([
      ['example.com.www', 'shop'],
      ['example.com', 'www.shop'],
    ]);
    expect(doc.output?.server_ips).toMatchObject({
      value: { 'web-1': '${hcloud_server.web_1.ipv4_address}', '1st': '${hcloud_server.r_1st.ipv4_address}' },
    });
  });

  it.each([
    ['bootstrap', bootstrapPlan],
    ['two servers', twoServersPlan],
    ['existing network', existingNetworkPlan],
    ['firewall', firewallPlan],
    ['load balancer', loadBalancerPlan],
    ['https load balancer', httpsLoadBalancerPlan],
    ['dns', dnsPlan],
    ['awkward names', awkwardNamesPlan],
  ])('%s: every reference and depends_on names something in the document', (_name, plan) => {
    const doc = synth(plan);
    const refs = referencedEntities(doc);
    expect(refs).not.toEqual([]);
    for (const ref of refs) expect(entityExists(doc, ref), ref).toBe(true);
    for (const byName of Object.values(doc.resource ?? {}))
      for (const body of Object.values(byName))
        for (const dep of (body.depends_on as string[] | undefined) ?? [])
          expect(entityExists(doc, dep), dep).toBe(true);
  });
});

describe('synthesize: https load balancers with Hetzner managed certificates', () => {
  const doc = synth(httpsLoadBalancerPlan);

  it('creates one managed certificate per set of domains per load balancer, named after its first port', () => {
    const certs = resources(doc, 'hcloud_managed_certificate');
    const both = ['shop.example.com', 'www.shop.example.com'];
    expect(certs).toEqual({
      shop_443: {
        name: expect.stringMatching(/^shop-443-[0-9a-f]{8}$/),
        domain_names: both,
        lifecycle: { create_before_destroy: true },
      },
      shop_9443: {
        name: expect.stringMatching(/^shop-9443-[0-9a-f]{8}$/),
        domain_names: ['admin.example.com'],
        lifecycle: { create_before_destroy: true },
      },
      shop_eu_443: {
        name: expect.stringMatching(/^shop-eu-443-[0-9a-f]{8}$/),
        domain_names: both,
        lifecycle: { create_before_destroy: true },
      },
    });
    // The name ends in the domains' digest: the same domains, the same suffix.
    const suffix = (id: string) => String(certs[id]?.name).slice(-8);
    expect(suffix('shop_443')).toBe(suffix('shop_eu_443'));
    expect(suffix('shop_443')).not.toBe(suffix('shop_9443'));
  });

  it('replaces a certificate whose domains change under a new name, created before the old one goes', () => {
    const plan = structuredClone(httpsLoadBalancerPlan);
    const port = plan.load_balancers[0]?.ports[0];
    if (!port) throw new Error('fixture has a shop port');
    port.certificate_domains = ['shop.example.com', 'www.shop.example.com', 'm.shop.example.com'];
    const before = resources(doc, 'hcloud_managed_certificate').shop_443;
    const after = resources(synth(plan), 'hcloud_managed_certificate');
    // Port 8443 keeps the old domains: it now has a certificate of its own under its own id.
    expect(after.shop_443).toMatchObject({
      domain_names: ['m.shop.example.com', 'shop.example.com', 'www.shop.example.com'],
      lifecycle: { create_before_destroy: true },
    });
    expect(after.shop_443?.name).toMatch(/^shop-443-[0-9a-f]{8}$/);
    expect(after.shop_443?.name).not.toBe(before?.name);
    expect(after.shop_8443?.domain_names).toEqual(before?.domain_names);
  });

  it('gives each https service an http block with its certificate id and redirect, forwarding plain HTTP', () => {
    expect(resources(doc, 'hcloud_load_balancer_service')).toEqual({
      shop_443: {
        load_balancer_id: '${hcloud_load_balancer.shop.id}',
        protocol: 'https',
        listen_port: 443,
        destination_port: 80,
        http: { certificates: ['${hcloud_managed_certificate.shop_443.id}'], redirect_http: true },
      },
      shop_8443: {
        load_balancer_id: '${hcloud_load_balancer.shop.id}',
        protocol: 'https',
        listen_port: 8443,
        destination_port: 8080,
        http: { certificates: ['${hcloud_managed_certificate.shop_443.id}'], redirect_http: false },
      },
      shop_9443: {
        load_balancer_id: '${hcloud_load_balancer.shop.id}',
        protocol: 'https',
        listen_port: 9443,
        destination_port: 80,
        http: { certificates: ['${hcloud_managed_certificate.shop_9443.id}'], redirect_http: false },
      },
      shop_22: {
        load_balancer_id: '${hcloud_load_balancer.shop.id}',
        protocol: 'tcp',
        listen_port: 22,
        destination_port: 22,
      },
      shop_eu_443: {
        load_balancer_id: '${hcloud_load_balancer.shop_eu.id}',
        protocol: 'https',
        listen_port: 443,
        destination_port: 80,
        http: { certificates: ['${hcloud_managed_certificate.shop_eu_443.id}'], redirect_http: false },
      },
    });
  });

  it('points lb: DNS records at the load balancer: IPv4 for A, IPv6 for AAAA', () => {
    expect(resources(doc, 'hcloud_zone_rrset')).toEqual({
      example_com_shop_a: {
        zone: 'example.com',
        name: 'shop',
        type: 'A',
        records: [{ value: '${hcloud_load_balancer.shop.ipv4}' }],
      },
      example_com_shop_aaaa: {
        zone: 'example.com',
        name: 'shop',
        type: 'AAAA',
        records: [{ value: '${hcloud_load_balancer.shop.ipv6}' }],
      },
      example_com_www_shop_a: {
        zone: 'example.com',
        name: 'www.shop',
        type: 'A',
        records: [{ value: '${hcloud_load_balancer.shop.ipv4}' }],
      },
    });
  });

  it('refuses an https port without certificate domains at the field, before anything is synthesized', () => {
    const plan = structuredClone(httpsLoadBalancerPlan) as DesiredStateSpecInput;
    const port = plan.load_balancers?.[0]?.ports[2];
    if (!port) throw new Error('fixture has a third shop port');
    delete port.certificate_domains;
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err;
      }
      throw new Error('was not refused');
    };
    const expected = [
      {
        path: 'new_spec.load_balancers[0].ports[2].certificate_domains',
        message: 'is required for an https port',
      },
    ];
    const error = refused(() => synthesize(plan));
    expect(error).toBeInstanceOf(PlanValidationError);
    expect((error as PlanValidationError).reason).toBe('invalid_plan');
    expect((error as PlanValidationError).issues).toEqual(expected);
    // The same issue is the plan's own validation result, which every caller sees before synthesis.
    expect(safeParsePlan({ new_spec: plan })).toEqual({ ok: false, issues: expected });
  });
});

describe('synthesize: the plans ch bootstrap writes', () => {
  it('MOS worker host: network, firewall on the server, the relay’s A record and Node 24 with certbot', () => {
    const doc = synth(mosWorkerHostPlan);
    expect(Object.keys(resources(doc, 'hcloud_server'))).toEqual(['mos_worker']);
    expect(resources(doc, 'hcloud_firewall_attachment').mos_worker_fw).toEqual({
      firewall_id: '${hcloud_firewall.mos_worker_fw.id}',
      server_ids: ['${hcloud_server.mos_worker.id}'],
    });
    expect(resources(doc, 'hcloud_zone_rrset')).toEqual({
      example_com_relay_a: {
        zone: 'example.com',
        name: 'relay',
        type: 'A',
        records: [{ value: '${hcloud_server.mos_worker.ipv4_address}' }],
      },
    });
    const userData = String(resources(doc, 'hcloud_server').mos_worker?.user_data);
    expect(userData).toContain('setup_24.x');
    expect(userData).toContain('  - certbot\n');
    expect(userData).not.toContain('docker.io');
  });

  it('first run: the server joins the created network after its subnet exists', () => {
    const doc = synth(firstRunPlan);
    const [network] = Object.keys(resources(doc, 'hcloud_network'));
    expect(resources(doc, 'hcloud_server')).toMatchObject({
      [Object.keys(resources(doc, 'hcloud_server'))[0] ?? '']: {
        network: [{ network_id: `\${hcloud_network.${network}.id}` }],
        depends_on: [`hcloud_network_subnet.${network}`],
      },
    });
  });
});

describe('synthesize: input', () => {
  it('fills a raw spec’s defaults and refuses an invalid one with every problem at its field', () => {
    const raw = { provider: 'hetzner' as const, region: 'nbg1', instances: [{ name: 'solo', size: 'cx23' }] };
    expect(synthesize(raw)).toEqual(synthesize(spec(raw)));
    let error: unknown;
    try {
      synthesize({ provider: 'hetzner', instances: [{ name: 'solo', size: 'cx23', network: 'nope' }] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PlanValidationError);
    expect((error as PlanValidationError).issues).toEqual([
      { path: 'new_spec.instances[0].network', message: 'names no network of this plan ("nope")' },
      { path: 'new_spec.instances[0].region', message: 'is required when the plan has no region' },
    ]);
  });
});

describe('writeTerraform', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes <workDir>/cdk.tf.json (creating the folder) and returns its path', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ch-synth-test-'));
    const workDir = join(dir, 'project', 'terraform');
    const path = await writeTerraform(twoServersPlan, workDir);
    expect(path).toBe(join(workDir, 'cdk.tf.json'));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(synthesize(twoServersPlan));
    // A second write replaces the document (a changed plan is re-synthesized in place).
    await writeTerraform(dnsPlan, workDir);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(synthesize(dnsPlan));
  });
});
