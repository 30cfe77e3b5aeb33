import { createHash } from 'node:crypto';
import { LocalBackend, TerraformOutput, type TerraformStack, TerraformVariable, Token } from 'cdktn';
import { DataHcloudNetwork } from '../generated/hcloud/data-hcloud-network/index';
import { Firewall, type FirewallRule } from '../generated/hcloud/firewall/index';
import { FirewallAttachment } from '../generated/hcloud/firewall-attachment/index';
import { LoadBalancer } from '../generated/hcloud/load-balancer/index';
import { LoadBalancerNetwork } from '../generated/hcloud/load-balancer-network/index';
import { LoadBalancerService } from '../generated/hcloud/load-balancer-service/index';
import { LoadBalancerTargetA } from '../generated/hcloud/load-balancer-target/index';
import { ManagedCertificate } from '../generated/hcloud/managed-certificate/index';
import { Network } from '../generated/hcloud/network/index';
import { NetworkSubnet } from '../generated/hcloud/network-subnet/index';
import { HcloudProvider } from '../generated/hcloud/provider/index';
import { Server } from '../generated/hcloud/server/index';
import { SshKey } from '../generated/hcloud/ssh-key/index';
import { ZoneRrset } from '../generated/hcloud/zone-rrset/index';
import {
  type DesiredStateSpec,
  type DnsRecordSpec,
  type FirewallSpec,
  type LoadBalancerPortSpec,
  type LoadBalancerSpec,
  loadBalancerDestinationPort,
  type NetworkSpec,
  PlanValidationError,
  parseCidr,
} from '../plan/schema';
import { cloudInit, escapeTerraformTemplate } from './cloud-init';

export const HCLOUD_VERSION_CONSTRAINT = '~> 1.68';

export interface SynthOptions {
  /** Name of the Hetzner SSH key resource (unique per Hetzner project); default `cloudhand`. */
  sshKeyName?: string;
  /** Terraform state file, relative to the working directory; default `terraform.tfstate`. */
  statePath?: string;
}

/** Allocates Terraform ids per resource type: the name with `-` replaced by `_`, made unique with a suffix. */
class TerraformIds {
  private readonly used = new Map<string, Set<string>>();

  take(type: string, name: string): string {
    let base = name.replace(/-/g, '_').replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `r_${base}`;
    const used = this.used.get(type) ?? new Set<string>();
    this.used.set(type, used);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return id;
  }
}

function cidrParts(cidr: string): { address: number; prefix: number } {
  const parsed = parseCidr(cidr);
  if (!parsed) throw new PlanValidationError([{ path: 'networks', message: `${cidr} is not an IPv4 CIDR` }]);
  const mask = parsed.prefix === 0 ? 0 : (2 ** 32 - 2 ** (32 - parsed.prefix)) >>> 0;
  return { address: (parsed.address & mask) >>> 0, prefix: parsed.prefix };
}

const formatCidr = (address: number, prefix: number) =>
  `${[24, 16, 8, 0].map((shift) => (address >>> shift) & 255).join('.')}/${prefix}`;

/** A CIDR with its host bits cleared (`10.1.7.9/16` → `10.1.0.0/16`), as Hetzner's API accepts it. */
export function normalizeCidr(cidr: string): string {
  const { address, prefix } = cidrParts(cidr);
  return formatCidr(address, prefix);
}

/** The first /24 of a network (or the network itself when it is smaller), as Hetzner's default subnet. */
export function defaultSubnet(cidr: string): string {
  const { address, prefix } = cidrParts(cidr);
  return formatCidr(address, Math.max(24, prefix));
}

interface NetworkRef {
  /** The network's id as a number token. */
  id: number;
  /** What must exist before a server or load balancer joins (the created subnet); none for a looked-up network. */
  ready: NetworkSubnet | null;
}

/** Hetzner DNS (zone rrsets) wants quoted TXT values and absolute names for CNAME and MX targets. */
export function dnsValue(type: DnsRecordSpec['type'], value: string): string {
  if (type === 'TXT') return value.startsWith('"') ? value : txtStrings(value);
  const absolute = (host: string) => (host.endsWith('.') ? host : `${host}.`);
  if (type === 'CNAME') return absolute(value);
  if (type === 'MX') {
    const m = /^(\d+)\s+(\S+)$/.exec(value);
    return m ? `${m[1]} ${absolute(m[2] ?? '')}` : value;
  }
  return value;
}

/** A TXT value as zone-file strings: quoted, `"` and `\` escaped, split every 255 bytes (DKIM keys are longer). */
function txtStrings(text: string): string {
  const chunks: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 255) {
      chunks.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  chunks.push(chunk);
  return chunks.map((c) => `"${c.replace(/["\\]/g, (m) => `\\${m}`)}"`).join(' ');
}

/** Builds every resource of `spec` into `stack`. */
export function buildStack(stack: TerraformStack, spec: DesiredStateSpec, options: SynthOptions = {}): void {
  const ids = new TerraformIds();
  const named = <T extends { overrideLogicalId(id: string): void }>(
    type: string,
    name: string,
    make: (cid: string) => T,
  ) => {
    const id = ids.take(type, name);
    const resource = make(`${type}.${id}`);
    resource.overrideLogicalId(id);
    return resource;
  };

  new LocalBackend(stack, { path: options.statePath ?? 'terraform.tfstate' });
  stack.addOverride('terraform.required_providers.hcloud.version', HCLOUD_VERSION_CONSTRAINT);
  const token = new TerraformVariable(stack, 'hcloud_token', {
    type: 'string',
    sensitive: true,
    description: 'Hetzner Cloud API token',
  });
  token.overrideLogicalId('hcloud_token');
  const sshPublicKey = new TerraformVariable(stack, 'ssh_public_key', {
    type: 'string',
    description: 'Public key installed for root on every server',
  });
  sshPublicKey.overrideLogicalId('ssh_public_key');
  new HcloudProvider(stack, 'hcloud', { token: token.stringValue });

  const sshKey = named(
    'hcloud_ssh_key',
    'deploy',
    (cid) =>
      new SshKey(stack, cid, {
        name: options.sshKeyName ?? 'cloudhand',
        publicKey: sshPublicKey.stringValue,
      }),
  );

  const networks = new Map<string, NetworkRef>();
  for (const net of spec.networks) networks.set(net.name, network(net));
  function network(net: NetworkSpec): NetworkRef {
    if (net.existing) {
      const data = named(
        'data.hcloud_network',
        net.name,
        (cid) => new DataHcloudNetwork(stack, cid, { name: net.name }),
      );
      return { id: data.id, ready: null };
    }
    const created = named(
      'hcloud_network',
      net.name,
      (cid) => new Network(stack, cid, { name: net.name, ipRange: normalizeCidr(net.cidr) }),
    );
    const subnet = named(
      'hcloud_network_subnet',
      net.name,
      (cid) =>
        new NetworkSubnet(stack, cid, {
          networkId: Token.asNumber(created.id),
          type: 'cloud',
          networkZone: net.network_zone,
          ipRange: net.subnet_cidr ? normalizeCidr(net.subnet_cidr) : defaultSubnet(net.cidr),
        }),
    );
    return { id: Token.asNumber(created.id), ready: subnet };
  }
  const networkOf = (name: string | null | undefined): NetworkRef | null => {
    if (!name) return null;
    const ref = networks.get(name);
    if (!ref) throw new PlanValidationError([{ path: 'networks', message: `names no network "${name}"` }]);
    return ref;
  };
  const locationOf = (region: string | null | undefined) => region ?? spec.region ?? undefined;

  const servers = new Map<string, Server>();
  for (const inst of spec.instances) {
    const net = networkOf(inst.network);
    const server = named(
      'hcloud_server',
      inst.name,
      (cid) =>
        new Server(stack, cid, {
          name: inst.name,
          serverType: inst.size,
          image: inst.image,
          location: locationOf(inst.region),
          labels: literalMap(inst.labels),
          sshKeys: [sshKey.id],
          network: net ? [{ networkId: net.id }] : undefined,
          dependsOn: net?.ready ? [net.ready] : undefined,
          userData: cloudInit(inst, spec),
          // cloud-init runs once; a changed template must not replace a running server.
          lifecycle: { ignoreChanges: ['user_data'] },
        }),
    );
    servers.set(inst.name, server);
  }
  const serverOf = (name: string): Server => {
    const server = servers.get(name);
    if (!server)
      throw new PlanValidationError([{ path: 'instances', message: `names no instance "${name}"` }]);
    return server;
  };

  for (const fw of spec.firewalls) firewall(fw);
  function firewall(fw: FirewallSpec): void {
    const rules: FirewallRule[] = fw.rules.map((r) => {
      const port =
        (r.protocol === 'tcp' || r.protocol === 'udp') && r.port !== undefined ? String(r.port) : undefined;
      if (r.direction === 'in')
        return { direction: 'in', protocol: r.protocol, port, sourceIps: [r.cidr ?? '0.0.0.0/0'] };
      return {
        direction: 'out',
        protocol: r.protocol,
        port,
        destinationIps: r.cidr ? [r.cidr] : ['0.0.0.0/0', '::/0'],
      };
    });
    const resource = named(
      'hcloud_firewall',
      fw.name,
      (cid) => new Firewall(stack, cid, { name: fw.name, rule: rules }),
    );
    const serverIds = fw.targets
      .filter((t) => t.type === 'server')
      .map((t) => Token.asNumber(serverOf(t.selector).id));
    const selectors = fw.targets.filter((t) => t.type === 'label_selector').map((t) => literal(t.selector));
    if (serverIds.length === 0 && selectors.length === 0) return;
    named(
      'hcloud_firewall_attachment',
      fw.name,
      (cid) =>
        new FirewallAttachment(stack, cid, {
          firewallId: Token.asNumber(resource.id),
          serverIds: serverIds.length > 0 ? serverIds : undefined,
          labelSelectors: selectors.length > 0 ? selectors : undefined,
        }),
    );
  }

  const loadBalancers = new Map<string, LoadBalancer>();
  spec.load_balancers.forEach((lb, i) => {
    loadBalancers.set(lb.name, loadBalancer(lb, i));
  });
  function loadBalancer(lb: LoadBalancerSpec, i: number): LoadBalancer {
    const resource = named(
      'hcloud_load_balancer',
      lb.name,
      (cid) =>
        new LoadBalancer(stack, cid, {
          name: lb.name,
          loadBalancerType: lb.type,
          location: locationOf(lb.region),
        }),
    );
    const net = networkOf(lb.network);
    const attached = net
      ? named(
          'hcloud_load_balancer_network',
          lb.name,
          (cid) =>
            new LoadBalancerNetwork(stack, cid, {
              loadBalancerId: Token.asNumber(resource.id),
              networkId: net.id,
              dependsOn: net.ready ? [net.ready] : undefined,
            }),
        )
      : null;
    // One managed certificate per set of domains: two https ports naming the same domains share it.
    const certificates = new Map<string, ManagedCertificate>();
    const certificateOf = (p: LoadBalancerPortSpec, j: number): ManagedCertificate => {
      const domains = [...new Set(p.certificate_domains ?? [])].sort();
      if (domains.length === 0)
        throw new PlanValidationError([
          {
            path: `new_spec.load_balancers[${i}].ports[${j}].certificate_domains`,
            message: 'is required for an https port',
          },
        ]);
      const key = domains.join(' ');
      let cert = certificates.get(key);
      if (!cert) {
        // Changed domains replace the certificate, and Hetzner will not delete one a service still uses: the new
        // one is created first, which needs a new name (unique per project), hence the domains' hash in it.
        const digest = createHash('sha256').update(key).digest('hex').slice(0, 8);
        const name = `${lb.name}-${p.port}-${digest}`;
        cert = named(
          'hcloud_managed_certificate',
          `${lb.name}_${p.port}`,
          (cid) =>
            new ManagedCertificate(stack, cid, {
              name,
              domainNames: domains,
              lifecycle: { createBeforeDestroy: true },
            }),
        );
        certificates.set(key, cert);
      }
      return cert;
    };
    lb.ports.forEach((p, j) => {
      const http =
        p.protocol === 'https'
          ? {
              certificates: [Token.asNumber(certificateOf(p, j).id)],
              redirectHttp: p.redirect_http ?? false,
            }
          : undefined;
      named(
        'hcloud_load_balancer_service',
        `${lb.name}_${p.port}`,
        (cid) =>
          new LoadBalancerService(stack, cid, {
            loadBalancerId: resource.id,
            protocol: p.protocol,
            listenPort: p.port,
            destinationPort: loadBalancerDestinationPort(p),
            http,
          }),
      );
    });
    for (const t of lb.targets) {
      if (t.type === 'server') {
        const inst = spec.instances.find((i) => i.name === t.selector);
        // Inside a shared network the load balancer reaches the server on its private address.
        const privately = attached !== null && inst?.network === lb.network;
        named(
          'hcloud_load_balancer_target',
          `${lb.name}_${t.selector}`,
          (cid) =>
            new LoadBalancerTargetA(stack, cid, {
              type: 'server',
              loadBalancerId: Token.asNumber(resource.id),
              serverId: Token.asNumber(serverOf(t.selector).id),
              usePrivateIp: privately ? true : undefined,
              dependsOn: privately && attached ? [attached] : undefined,
            }),
        );
      } else {
        named(
          'hcloud_load_balancer_target',
          `${lb.name}_${t.selector}`,
          (cid) =>
            new LoadBalancerTargetA(stack, cid, {
              type: 'label_selector',
              loadBalancerId: Token.asNumber(resource.id),
              labelSelector: literal(t.selector),
            }),
        );
      }
    }
    return resource;
  }

  const loadBalancerOf = (name: string): LoadBalancer => {
    const resource = loadBalancers.get(name);
    if (!resource)
      throw new PlanValidationError([
        { path: 'load_balancers', message: `names no load balancer "${name}"` },
      ]);
    return resource;
  };

  // One rrset per zone, name and type: Hetzner DNS manages a name's records of one type together.
  const rrsets = new Map<string, DnsRecordSpec[]>();
  for (const r of spec.dns_records) {
    const k = `${r.zone}\u0000${r.name}\u0000${r.type}`;
    rrsets.set(k, [...(rrsets.get(k) ?? []), r]);
  }
  for (const records of rrsets.values()) {
    const [first] = records;
    if (!first) continue;
    const ttls = records.flatMap((r) => (r.ttl === undefined ? [] : [r.ttl]));
    const label = first.name === '@' ? 'apex' : first.name === '*' ? 'wildcard' : first.name;
    named(
      'hcloud_zone_rrset',
      `${first.zone}_${label}_${first.type.toLowerCase()}`,
      (cid) =>
        new ZoneRrset(stack, cid, {
          zone: first.zone,
          name: first.name,
          type: first.type,
          ttl: ttls.length > 0 ? Math.min(...ttls) : undefined,
          records: records.map((r) => ({ value: recordValue(r) })),
        }),
    );
  }
  function recordValue(r: DnsRecordSpec): string {
    const target = /^server:(.+)$/.exec(r.target);
    if (target) {
      const server = serverOf(target[1] ?? '');
      return r.type === 'AAAA' ? server.ipv6Address : server.ipv4Address;
    }
    const lb = /^lb:(.+)$/.exec(r.target);
    if (lb) {
      const resource = loadBalancerOf(lb[1] ?? '');
      return r.type === 'AAAA' ? resource.ipv6 : resource.ipv4;
    }
    return literal(dnsValue(r.type, r.target));
  }

  const ipMap = (pick: (s: Server) => string) =>
    Object.fromEntries([...servers].map(([name, server]) => [name, pick(server)]));
  new TerraformOutput(stack, 'server_ips', {
    value: ipMap((s) => s.ipv4Address),
    description: 'IPv4 address of each server, by instance name',
  }).overrideLogicalId('server_ips');
  new TerraformOutput(stack, 'server_ipv6', {
    value: ipMap((s) => s.ipv6Address),
    description: 'IPv6 address of each server, by instance name',
  }).overrideLogicalId('server_ipv6');
  if (loadBalancers.size > 0)
    new TerraformOutput(stack, 'load_balancer_ips', {
      value: Object.fromEntries([...loadBalancers].map(([name, lb]) => [name, lb.ipv4])),
      description: 'IPv4 address of each load balancer, by name',
    }).overrideLogicalId('load_balancer_ips');
}

/** Plan text reaches Terraform verbatim: `${` in a label or record must not become an expression. */
function literal(text: string): string {
  return escapeTerraformTemplate(text);
}

function literalMap(map: Record<string, string>): Record<string, string> | undefined {
  const entries = Object.entries(map);
  return entries.length > 0 ? Object.fromEntries(entries.map(([k, v]) => [k, literal(v)])) : undefined;
}
