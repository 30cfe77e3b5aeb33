import * as z from 'zod';

/**
 * The plan model: the original's desired-state spec (reference §7.2) with its field names (snake_case, so plan
 * files stay compatible with the CLI), every validation rule it had, and what it lacked: secret references instead
 * of values, networks created from their cidr, and the `mos_worker` workload kind. zod only, so the API, the worker,
 * the CLI and the web app validate with one definition.
 */

/** Names of org secrets, as `secrets.set` accepts them. */
export const SECRET_NAME_RE = /^[A-Z][A-Z0-9_]+$/;
export const SecretName = z
  .string()
  .regex(SECRET_NAME_RE, 'must be an org secret name (upper-case letters, digits and _)')
  .max(100, 'must be at most 100 characters');

/** An environment value that names an org secret; resolved on the server at the last moment, never stored. */
export const SecretRef = z.strictObject({ secret: SecretName });
export type SecretRef = z.infer<typeof SecretRef>;
export const EnvValue = z.union([z.string().max(8192, 'must be at most 8192 characters'), SecretRef]);
export type EnvValue = z.infer<typeof EnvValue>;

export const ENV_KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EnvKey = z.string().regex(ENV_KEY_RE, 'must be an environment variable name');

/** Names that become file names, systemd units, nginx sites and Terraform ids: lower-case, digits, - and _. */
export const RESOURCE_NAME_RE = /^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/;
const ResourceName = z
  .string()
  .trim()
  .regex(
    RESOURCE_NAME_RE,
    'must be 1-63 lower-case letters, digits, - or _ (starting and ending with a letter or digit)',
  );

/** A host name nginx and certbot accept (no scheme, no port, no spaces); lower-cased. */
export const HOSTNAME_RE =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const HostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(HOSTNAME_RE, 'must be a host name such as shop.example.com (no scheme, port or spaces)');

const Port = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** An absolute POSIX path without `..` segments or characters a shell or unit file would read differently. */
export const AbsolutePath = z
  .string()
  .regex(/^\/[A-Za-z0-9._/-]*$/, 'must be an absolute path of letters, digits, ., _, - and /')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ..');

const HttpUrl = z
  .string()
  .trim()
  // A host must follow the scheme: `http:///` would otherwise pass and be cut to `http:` below.
  .refine((u) => /^https?:\/\/[^\s/]\S*$/.test(u), 'must start with http:// or https://')
  .transform((u) => u.replace(/\/+$/, ''));

const IPV4_CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
/** Parses `a.b.c.d/n`; null when it is not an IPv4 CIDR. */
export function parseCidr(cidr: string): { address: number; prefix: number } | null {
  const m = IPV4_CIDR_RE.exec(cidr);
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return null;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { address, prefix };
}
export const Cidr = z
  .string()
  .trim()
  .refine((c) => parseCidr(c) !== null, 'must be an IPv4 CIDR such as 10.0.0.0/16');
/** A firewall source: an IPv4 or IPv6 CIDR (`0.0.0.0/0`, `::/0`). */
export const AnyCidr = z
  .string()
  .trim()
  .refine((c) => parseCidr(c) !== null || /^[0-9a-f:]+\/\d{1,3}$/i.test(c), 'must be an IPv4 or IPv6 CIDR');

export const NetworkSpec = z.strictObject({
  name: ResourceName,
  /** The network's IP range; Hetzner needs a private range (RFC 1918). */
  cidr: Cidr,
  /** The subnet servers join; defaults to the first /24 of `cidr`. */
  subnet_cidr: Cidr.optional(),
  /** Hetzner network zone of the subnet. */
  network_zone: z.enum(['eu-central', 'us-east', 'us-west', 'ap-southeast']).default('eu-central'),
  /** True: the network exists already and is looked up by name instead of created. */
  existing: z.boolean().default(false),
});
export type NetworkSpec = z.infer<typeof NetworkSpec>;

/** Ubuntu's security and ESM origins, as the original's default. */
export const DEFAULT_ALLOWED_ORIGINS = [
  // biome-ignore lint/suspicious/noTemplateCurlyInString: apt's own placeholders, not a JS template
  '${distro_id}:${distro_codename}-security',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: apt's own placeholders, not a JS template
  '${distro_id}ESMApps:${distro_codename}-apps-security',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: apt's own placeholders, not a JS template
  '${distro_id}ESM:${distro_codename}-infra-security',
];
export const UnattendedUpgradesPolicy = z.strictObject({
  enabled: z.boolean().default(true),
  allowed_origins: z.array(z.string().min(1).max(200)).max(20).default(DEFAULT_ALLOWED_ORIGINS),
  auto_reboot: z.boolean().default(false),
  auto_reboot_time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM')
    .default('04:00'),
});
export const MaintenancePolicy = z.strictObject({ unattended_upgrades: UnattendedUpgradesPolicy });
export type MaintenancePolicy = z.infer<typeof MaintenancePolicy>;

export const RUNTIMES = ['docker', 'nodejs', 'python', 'static', 'go'] as const;
export const SOURCE_TYPES = ['git', 'funnel_publication', 'mos_worker'] as const;

export const BuildSpec = z.strictObject({
  install_command: z.string().max(2000).nullable().optional(),
  build_command: z.string().max(2000).nullable().optional(),
  system_packages: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9.+-]*$/, 'must be a Debian package name'))
    .max(50)
    .default([]),
});

export const ServiceSpec = z.strictObject({
  command: z.string().max(2000).nullable().optional(),
  environment: z.record(EnvKey, EnvValue).default({}),
  /** An env file on the server (relative to the app folder unless absolute; a leading `-` makes it optional). */
  environment_file: z
    .string()
    .regex(/^-?[A-Za-z0-9._/-]+$/, 'must be a file path')
    .nullable()
    .optional(),
  ports: z.array(Port).max(20).default([]),
  server_names: z.array(HostName).max(50).default([]),
  https: z.boolean().default(false),
  /** A path fetched on the workload's port after a restart; a non-2xx answer fails the deploy (and rolls back). */
  health_path: z
    .string()
    .regex(/^\/[A-Za-z0-9._~/?&=%-]*$/, 'must be a URL path starting with /')
    .nullable()
    .optional(),
});

export const FunnelPublicationSourceSpec = z.strictObject({
  public_id: z.string().trim().min(1, 'must not be empty'),
  /** Where the funnel proxy serves `/f/<publicId>/…` (the worker's funnel proxy or the edge). */
  upstream_base_url: HttpUrl,
  /** Where the funnel's public API is (`…/f/<publicId>` for events and leads). */
  upstream_api_base_url: HttpUrl,
});
export type FunnelPublicationSourceSpec = z.infer<typeof FunnelPublicationSourceSpec>;

/**
 * MOS's own temporal-worker on a Hetzner host: the worker, its relay (webhooks and the LLM gateway's callbacks) and
 * the funnel proxy, each behind nginx; the ports and host names the nginx site routes to each.
 */
export const MosWorkerSpec = z.strictObject({
  relay_port: Port.default(8787),
  funnel_proxy_port: Port.default(8790),
  /** The relay's public host name (TLS by certbot when the workload has https). */
  relay_server_name: HostName.nullable().default(null),
  /** Custom funnel domains served by this host's funnel proxy. */
  funnel_server_names: z.array(HostName).max(200).default([]),
});
export type MosWorkerSpec = z.infer<typeof MosWorkerSpec>;

const ApplicationBase = z.strictObject({
  name: ResourceName,
  source_type: z.enum(SOURCE_TYPES).default('git'),
  source_ref: FunnelPublicationSourceSpec.nullable().optional(),
  repo_url: z.string().trim().max(2000).nullable().optional(),
  branch: z
    .string()
    .regex(/^[A-Za-z0-9._/-]+$/, 'must be a git branch name')
    .default('main'),
  runtime: z.enum(RUNTIMES).default('nodejs'),
  build_config: BuildSpec.default({ system_packages: [] }),
  service_config: ServiceSpec.default({ environment: {}, ports: [], server_names: [], https: false }),
  mos_worker: MosWorkerSpec.nullable().optional(),
  destination_path: AbsolutePath.default('/opt/apps'),
});

/** Reference §7.2's workload rules, each reported at its field. */
export const ApplicationSpec = ApplicationBase.superRefine((w, ctx) => {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const repo = w.repo_url?.trim() ?? '';
  if (w.source_type === 'funnel_publication') {
    if (repo) issue(['repo_url'], 'must be empty for a funnel_publication workload');
    if (!w.source_ref) issue(['source_ref'], 'is required for a funnel_publication workload');
  } else {
    if (!repo) issue(['repo_url'], `is required for a ${w.source_type} workload`);
    else if (!/^(https:\/\/|http:\/\/|ssh:\/\/|git@|file:\/\/|\/)\S+$/.test(repo))
      issue(['repo_url'], 'must be a git URL (https://, ssh://, git@host:path, file:// or an absolute path)');
    if (w.source_ref) issue(['source_ref'], `must be empty for a ${w.source_type} workload`);
    if (w.source_type === 'git' && !w.service_config.command?.trim())
      issue(['service_config', 'command'], 'is required for a git workload');
  }
  if (w.source_type === 'mos_worker' && !w.mos_worker)
    issue(['mos_worker'], 'is required for a mos_worker workload');
  if (w.source_type !== 'mos_worker' && w.mos_worker)
    issue(['mos_worker'], 'is only allowed on a mos_worker workload');
  const seen = new Set<number>();
  w.service_config.ports.forEach((p, i) => {
    if (seen.has(p)) issue(['service_config', 'ports', i], `repeats port ${p}`);
    seen.add(p);
  });
});
export type ApplicationSpec = z.infer<typeof ApplicationSpec>;
export type ApplicationSpecInput = z.input<typeof ApplicationSpec>;

export const InstanceSpec = z.strictObject({
  // The Hetzner server's name, which must be a host name (RFC 1123): no `_`.
  name: ResourceName.refine((n) => !n.includes('_'), 'must not contain _ (a server name is a host name)'),
  /** Hetzner server type, e.g. cx23. */
  size: z.string().regex(/^[a-z0-9-]+$/, 'must be a Hetzner server type such as cx23'),
  /** A network of `networks` by name; none: public network only. */
  network: ResourceName.nullable().optional(),
  region: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be a Hetzner location such as nbg1')
    .nullable()
    .optional(),
  image: z
    .string()
    .regex(/^[a-z0-9.-]+$/, 'must be an image name')
    .default('ubuntu-24.04'),
  labels: z
    .record(z.string().regex(/^[a-z0-9_.-]{1,63}$/i, 'must be a label key'), z.string().max(63))
    .default({}),
  workloads: z.array(ApplicationSpec).max(50).default([]),
  maintenance: MaintenancePolicy.nullable().optional(),
});
export type InstanceSpec = z.infer<typeof InstanceSpec>;

/** A load balancer's or firewall's target: a server of this plan by name, or a Hetzner label selector. */
export const TargetSpec = z.strictObject({
  type: z.enum(['server', 'label_selector']),
  selector: z.string().trim().min(1, 'must not be empty').max(200),
});

/**
 * One service of a load balancer. An https service terminates TLS with a Hetzner managed certificate (Let's Encrypt,
 * issued by Hetzner: every domain must be in a Hetzner DNS zone) and forwards plain HTTP to its targets.
 */
/** A certificate's domain: a host name, or a wildcard one level deep (`*.example.com`), which Hetzner can issue. */
const CertificateDomain = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (d) => HOSTNAME_RE.test(d.startsWith('*.') ? d.slice(2) : d),
    'must be a host name such as shop.example.com or a wildcard such as *.example.com (no scheme, port or spaces)',
  );

export const LoadBalancerPortSpec = z.strictObject({
  port: Port,
  /** The targets' port; defaults to `port`, and to 80 for https. */
  destination_port: Port.optional(),
  protocol: z.enum(['tcp', 'http', 'https']).default('tcp'),
  /** The https certificate's domains (required for https, refused otherwise). */
  certificate_domains: z
    .array(CertificateDomain)
    .min(1, 'needs at least one domain')
    .max(100, 'must be at most 100 domains')
    .optional(),
  /** https on 443 only: the load balancer answers port 80 with a redirect to https. */
  redirect_http: z.boolean().optional(),
});
export type LoadBalancerPortSpec = z.infer<typeof LoadBalancerPortSpec>;

export const LoadBalancerSpec = z.strictObject({
  name: ResourceName,
  type: z
    .string()
    .regex(/^lb\d+$/, 'must be a load balancer type such as lb11')
    .default('lb11'),
  network: ResourceName.nullable().optional(),
  region: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .nullable()
    .optional(),
  ports: z.array(LoadBalancerPortSpec).min(1, 'needs at least one port'),
  targets: z.array(TargetSpec).default([]),
});
export type LoadBalancerSpec = z.infer<typeof LoadBalancerSpec>;

/** Where a service sends traffic: the https default is 80 because the load balancer forwards plain HTTP. */
export function loadBalancerDestinationPort(p: LoadBalancerPortSpec): number {
  return p.destination_port ?? (p.protocol === 'https' ? 80 : p.port);
}

/** The load balancer rules Hetzner enforces only at apply time, each reported at its field. */
function checkLoadBalancerPorts(
  lb: LoadBalancerSpec,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const listening = new Map<number, number>();
  lb.ports.forEach((p, j) => {
    const first = listening.get(p.port);
    if (first !== undefined) issue(['ports', j, 'port'], `repeats listen port ${p.port} of ports[${first}]`);
    else listening.set(p.port, j);
    if (p.protocol === 'https') {
      if (!p.certificate_domains) issue(['ports', j, 'certificate_domains'], 'is required for an https port');
      else
        for (const k of duplicates(p.certificate_domains, (d) => d))
          issue(['ports', j, 'certificate_domains', k], 'repeats a domain');
    } else {
      if (p.certificate_domains)
        issue(['ports', j, 'certificate_domains'], `is only allowed on an https port, not ${p.protocol}`);
      if (p.redirect_http !== undefined)
        issue(['ports', j, 'redirect_http'], `is only allowed on an https port, not ${p.protocol}`);
    }
  });
  lb.ports.forEach((p, j) => {
    if (p.protocol !== 'https' || !p.redirect_http) return;
    // Hetzner answers port 80 itself for the redirect, so it takes only the standard pair 443 and 80.
    if (p.port !== 443) issue(['ports', j, 'redirect_http'], 'needs listen port 443');
    const on80 = lb.ports.findIndex((q, k) => k !== j && q.port === 80);
    if (on80 >= 0)
      issue(
        ['ports', j, 'redirect_http'],
        `needs port 80 free for the redirect, but ports[${on80}] listens on it`,
      );
  });
}

/** The host names nginx serves a workload under (and, with https, redirects port 80 of to https). */
function nginxServerNames(w: ApplicationSpec): string[] {
  const mw = w.mos_worker;
  return [
    ...w.service_config.server_names,
    ...(mw?.relay_server_name ? [mw.relay_server_name] : []),
    ...(mw?.funnel_server_names ?? []),
  ];
}

/**
 * An https port of a load balancer terminates TLS and forwards plain HTTP to its targets' port 80, where nginx
 * redirects every request of an https workload with names back to https: the visitor loops. Refused at the
 * workload. Only servers named as targets are checked: which servers a label selector picks is known to Hetzner only.
 */
function checkTlsTermination(
  s: z.infer<typeof DesiredStateSpecBase>,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const reported = new Set<string>();
  for (const lb of s.load_balancers) {
    // nginx redirects on port 80 only; an https port forwarding elsewhere (an app's own port) reaches no redirect.
    if (!lb.ports.some((p) => p.protocol === 'https' && loadBalancerDestinationPort(p) === 80)) continue;
    for (const t of lb.targets) {
      if (t.type !== 'server') continue;
      s.instances.forEach((inst, i) => {
        if (inst.name !== t.selector) return;
        inst.workloads.forEach((w, j) => {
          const key = `${i}/${j}`;
          if (reported.has(key) || !w.service_config.https || nginxServerNames(w).length === 0) return;
          reported.add(key);
          issue(
            ['instances', i, 'workloads', j, 'service_config', 'https'],
            `must be false: load balancer "${lb.name}" terminates TLS and forwards plain HTTP to this server, which nginx would redirect to https again (a redirect loop); set https false on the workload (the load balancer terminates TLS) or give the load balancer a tcp port instead (TLS passthrough)`,
          );
        });
      });
    }
  }
}

export const FirewallSpec = z.strictObject({
  name: ResourceName,
  rules: z
    .array(
      z.strictObject({
        direction: z.enum(['in', 'out']),
        protocol: z.enum(['tcp', 'udp', 'icmp', 'gre', 'esp']),
        /** A port or range `80`, `20000-29999`; required for tcp and udp. */
        port: z
          .union([
            Port,
            z
              .string()
              .regex(/^\d{1,5}(-\d{1,5})?$/, 'must be a port or a range such as 20000-29999')
              // Hetzner refuses 0, ports above 65535 and reversed ranges only at apply time.
              .refine((r) => {
                const [from, to = from] = r.split('-').map(Number) as [number, number?];
                return from >= 1 && to <= 65535 && from <= to;
              }, 'must be ports between 1 and 65535, the lower first'),
          ])
          .optional(),
        cidr: AnyCidr.optional(),
      }),
    )
    .max(100),
  targets: z.array(TargetSpec).default([]),
});
export type FirewallSpec = z.infer<typeof FirewallSpec>;

export const DnsRecordSpec = z.strictObject({
  /** The Hetzner DNS zone, e.g. example.com. */
  zone: HostName,
  /** The record name within the zone (`@` for the apex, `shop`, `*.lp`). */
  name: z
    .string()
    .regex(/^(@|\*|(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*)$/i, 'must be a record name such as @ or shop'),
  type: z.enum(['A', 'AAAA', 'CNAME', 'TXT', 'MX']),
  /**
   * A literal value, `server:<instance>` for that server's IPv4 (A) or IPv6 (AAAA) address, or `lb:<load balancer>`
   * for that load balancer's.
   */
  target: z.string().trim().min(1, 'must not be empty').max(1000),
  ttl: z.number().int().min(60).max(86400).optional(),
});
export type DnsRecordSpec = z.infer<typeof DnsRecordSpec>;

/** The original's legacy container model, kept so old plans parse; an apply refuses any (see refinement). */
export const ContainerSpec = z.strictObject({
  name: ResourceName,
  image: z.string().min(1),
  host_selector: z.string().min(1),
  ports: z.array(z.strictObject({ container_port: Port, host_port: Port.optional() })).default([]),
  env: z.array(z.strictObject({ name: EnvKey, value: EnvValue })).default([]),
  volumes: z.array(z.strictObject({ host_path: z.string(), container_path: z.string() })).default([]),
  restart_policy: z.string().default('always'),
});

export const DesiredStateSpecBase = z.strictObject({
  provider: z.literal('hetzner', { error: 'must be "hetzner" (the only provider with a generator)' }),
  region: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be a Hetzner location such as nbg1')
    .nullable()
    .optional(),
  networks: z.array(NetworkSpec).max(20).default([]),
  instances: z.array(InstanceSpec).max(50).default([]),
  load_balancers: z.array(LoadBalancerSpec).max(20).default([]),
  firewalls: z.array(FirewallSpec).max(20).default([]),
  dns_records: z.array(DnsRecordSpec).max(500).default([]),
  containers: z
    .array(ContainerSpec)
    .max(0, 'are not deployed by cloudhand; use a workload with runtime docker')
    .default([]),
});

function duplicates<T>(items: T[], key: (t: T) => string): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) out.push(i);
    seen.add(k);
  });
  return out;
}

const IPV4_RE = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
/** A loose IPv6 check: hex groups and colons, at most one `::`, 2-8 groups. */
function isIpv6(v: string): boolean {
  if (!/^[0-9a-f:]+$/i.test(v) || (v.match(/::/g) ?? []).length > 1) return false;
  const groups = v.split(':').filter((g) => g !== '');
  return (
    groups.every((g) => g.length <= 4) && groups.length <= 8 && (v.includes('::') || groups.length === 8)
  );
}
/** Why a literal DNS target does not fit its record type, or null. */
export function dnsTargetProblem(type: DnsRecordSpec['type'], target: string): string | null {
  if (type === 'A')
    return IPV4_RE.test(target)
      ? null
      : 'must be an IPv4 address (or server:<instance> or lb:<load balancer>) for an A record';
  if (type === 'AAAA')
    return isIpv6(target)
      ? null
      : 'must be an IPv6 address (or server:<instance> or lb:<load balancer>) for an AAAA record';
  if (type === 'CNAME')
    return HOSTNAME_RE.test(target.replace(/\.$/, '').toLowerCase())
      ? null
      : 'must be a host name for a CNAME record';
  if (type === 'MX')
    return /^\d{1,5} \S+$/.test(target)
      ? null
      : 'must be "<priority> <host>" for an MX record, e.g. "10 mail.example.com"';
  return null;
}

/** Cross-references: unique names, networks and targets that exist, DNS targets naming a server. */
export const DesiredStateSpec = DesiredStateSpecBase.superRefine((s, ctx) => {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  for (const i of duplicates(s.networks, (n) => n.name))
    issue(['networks', i, 'name'], 'repeats a network name');
  for (const i of duplicates(s.instances, (n) => n.name))
    issue(['instances', i, 'name'], 'repeats an instance name');
  for (const i of duplicates(s.load_balancers, (n) => n.name))
    issue(['load_balancers', i, 'name'], 'repeats a load balancer name');
  for (const i of duplicates(s.firewalls, (n) => n.name))
    issue(['firewalls', i, 'name'], 'repeats a firewall name');
  const networks = new Set(s.networks.map((n) => n.name));
  const instances = new Set(s.instances.map((n) => n.name));
  const loadBalancers = new Set(s.load_balancers.map((n) => n.name));
  s.networks.forEach((n, i) => {
    const net = parseCidr(n.cidr);
    const sub = n.subnet_cidr ? parseCidr(n.subnet_cidr) : null;
    if (net && sub) {
      const mask = (prefix: number) => (prefix === 0 ? 0 : (2 ** 32 - 2 ** (32 - prefix)) >>> 0);
      const inside =
        sub.prefix >= net.prefix &&
        (sub.address & mask(net.prefix)) >>> 0 === (net.address & mask(net.prefix)) >>> 0;
      if (!inside) issue(['networks', i, 'subnet_cidr'], `must lie inside the network's ${n.cidr}`);
    }
  });
  s.instances.forEach((inst, i) => {
    if (inst.network && !networks.has(inst.network))
      issue(['instances', i, 'network'], `names no network of this plan ("${inst.network}")`);
    if (!inst.region && !s.region)
      issue(['instances', i, 'region'], 'is required when the plan has no region');
    for (const j of duplicates(inst.workloads, (w) => w.name))
      issue(['instances', i, 'workloads', j, 'name'], 'repeats a workload name on this instance');
  });
  const checkTargets = (list: 'load_balancers' | 'firewalls') =>
    s[list].forEach((item, i) => {
      item.targets.forEach((t, j) => {
        if (t.type === 'server' && !instances.has(t.selector))
          issue([list, i, 'targets', j, 'selector'], `names no instance of this plan ("${t.selector}")`);
      });
    });
  checkTargets('load_balancers');
  checkTargets('firewalls');
  s.load_balancers.forEach((lb, i) => {
    if (lb.network && !networks.has(lb.network))
      issue(['load_balancers', i, 'network'], `names no network of this plan ("${lb.network}")`);
    if (!lb.region && !s.region)
      issue(['load_balancers', i, 'region'], 'is required when the plan has no region');
    checkLoadBalancerPorts(lb, (path, message) => issue(['load_balancers', i, ...path], message));
  });
  checkTlsTermination(s, issue);
  s.firewalls.forEach((fw, i) => {
    fw.rules.forEach((r, j) => {
      if ((r.protocol === 'tcp' || r.protocol === 'udp') && r.port === undefined)
        issue(['firewalls', i, 'rules', j, 'port'], `is required for ${r.protocol}`);
      if (r.direction === 'in' && !r.cidr)
        issue(['firewalls', i, 'rules', j, 'cidr'], 'is required for an inbound rule');
    });
  });
  s.dns_records.forEach((r, i) => {
    const m = /^server:(.+)$/.exec(r.target);
    if (m) {
      if (!instances.has(m[1] ?? ''))
        issue(['dns_records', i, 'target'], `names no instance of this plan ("${m[1]}")`);
      if (r.type !== 'A' && r.type !== 'AAAA')
        issue(['dns_records', i, 'type'], 'must be A or AAAA for a server: target');
      return;
    }
    const lb = /^lb:(.+)$/.exec(r.target);
    if (lb) {
      if (!loadBalancers.has(lb[1] ?? ''))
        issue(['dns_records', i, 'target'], `names no load balancer of this plan ("${lb[1]}")`);
      if (r.type !== 'A' && r.type !== 'AAAA')
        issue(['dns_records', i, 'type'], 'must be A or AAAA for an lb: target');
      return;
    }
    // Literal targets must be what the record type holds, or Hetzner refuses the whole apply half-way.
    const literal = dnsTargetProblem(r.type, r.target);
    if (literal) issue(['dns_records', i, 'target'], literal);
  });
});
export type DesiredStateSpec = z.infer<typeof DesiredStateSpec>;
export type DesiredStateSpecInput = z.input<typeof DesiredStateSpec>;

/** A plan file: `{operations, new_spec, info?, error?}`; apply reads only `new_spec`. */
export const Plan = z.strictObject({
  operations: z.array(z.unknown()).max(500).default([]),
  new_spec: DesiredStateSpec,
  info: z.string().max(5000).optional(),
  error: z.string().max(5000).optional(),
});
export type Plan = z.infer<typeof Plan>;
export type PlanInput = z.input<typeof Plan>;

/** One problem of a plan, at its field (`new_spec.instances[0].workloads[1].repo_url`). */
export interface PlanIssue {
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(plan)';
}

/** A plan refused: every problem with its field. */
export class PlanValidationError extends Error {
  readonly reason = 'invalid_plan';
  constructor(readonly issues: PlanIssue[]) {
    super(`Invalid plan: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'PlanValidationError';
  }
}

export function issuesOf(error: z.ZodError, prefix: PropertyKey[] = []): PlanIssue[] {
  return error.issues.map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message }));
}

/** Validates any value as a plan: the parsed plan, or every problem at its field. Never throws. */
export function safeParsePlan(input: unknown): { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] } {
  const r = Plan.safeParse(input);
  return r.success ? { ok: true, plan: r.data } : { ok: false, issues: issuesOf(r.error) };
}

/** Validates a plan; throws `PlanValidationError` (and nothing else) when it is not one. */
export function parsePlan(input: unknown): Plan {
  const r = safeParsePlan(input);
  if (!r.ok) throw new PlanValidationError(r.issues);
  return r.plan;
}

/** Parses plan JSON text; bad JSON is a `PlanValidationError` too. */
export function parsePlanText(text: string): Plan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new PlanValidationError([{ path: '(plan)', message: `is not JSON: ${(err as Error).message}` }]);
  }
  return parsePlan(value);
}

/** Every secret a spec references, by name (sorted, unique). */
export function secretRefs(spec: DesiredStateSpec): string[] {
  const names = new Set<string>();
  for (const inst of spec.instances)
    for (const w of inst.workloads)
      for (const v of Object.values(w.service_config.environment))
        if (typeof v !== 'string') names.add(v.secret);
  return [...names].sort();
}
