import {
  type ApplicationSpec,
  type DesiredStateSpec,
  type DnsRecordSpec,
  type EnvValue,
  type FirewallSpec,
  type InstanceSpec,
  type LoadBalancerSpec,
  loadBalancerDestinationPort,
  type NetworkSpec,
  type Plan,
} from '@mos/cloudhand/plan';

/**
 * What changed between two plan versions, by resource and field (pure: compared on the parsed plans, so key order,
 * defaults written out or left implicit and the order of named items never count as a change). Environment values
 * are never carried: a secret reference by its secret's name, a literal value only as "a value".
 */
export type Shown = { kind: 'text'; text: string } | { kind: 'secret'; name: string } | { kind: 'value' };

export type FieldChange =
  | { field: string; type: 'value'; before: Shown | null; after: Shown | null }
  | { field: string; type: 'list'; added: string[]; removed: string[] };

export type ItemChange = {
  name: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
  /** For an added or removed item: what it is, in a few words (never an environment value). */
  about?: string;
};

export interface InstanceChange extends ItemChange {
  workloads: ItemChange[];
}

export interface PlanDiff {
  /** Plan-wide fields (provider, default location). */
  plan: FieldChange[];
  instances: InstanceChange[];
  networks: ItemChange[];
  firewalls: ItemChange[];
  loadBalancers: ItemChange[];
  dnsRecords: ItemChange[];
}

const text = (v: string | number | boolean | null | undefined): Shown | null =>
  v === null || v === undefined || v === '' ? null : { kind: 'text', text: String(v) };

const sameShown = (a: Shown | null, b: Shown | null) => JSON.stringify(a) === JSON.stringify(b);

function value(out: FieldChange[], field: string, before: Shown | null, after: Shown | null) {
  if (!sameShown(before, after)) out.push({ field, type: 'value', before, after });
}

/** A list field: items added and removed; a reorder alone is shown as the whole list before and after. */
function list(out: FieldChange[], field: string, before: readonly string[], after: readonly string[]) {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  if (added.length || removed.length) out.push({ field, type: 'list', added, removed });
  else if (before.join('\n') !== after.join('\n'))
    value(out, field, text(before.join(', ')), text(after.join(', ')));
}

const envShown = (v: EnvValue | undefined): Shown | null =>
  v === undefined ? null : typeof v === 'string' ? { kind: 'value' } : { kind: 'secret', name: v.secret };

function env(out: FieldChange[], before: Record<string, EnvValue>, after: Record<string, EnvValue>): void {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (a === undefined || b === undefined) {
      value(out, `env ${key}`, envShown(a), envShown(b));
    } else if (typeof a === 'string' && typeof b === 'string') {
      // A literal value changed: said without either value.
      if (a !== b) out.push({ field: `env ${key}`, type: 'value', before: { kind: 'value' }, after: null });
    } else value(out, `env ${key}`, envShown(a), envShown(b));
  }
}

/** Items matched by name: added, removed, or changed with the fields `fieldsOf` finds different. */
function byName<T>(
  before: readonly T[],
  after: readonly T[],
  nameOf: (t: T) => string,
  fieldsOf: (a: T, b: T) => FieldChange[],
  aboutOf: (t: T) => string,
): ItemChange[] {
  const old = new Map(before.map((t) => [nameOf(t), t]));
  const now = new Map(after.map((t) => [nameOf(t), t]));
  const out: ItemChange[] = [];
  for (const [name, b] of now) {
    const a = old.get(name);
    if (a === undefined) out.push({ name, change: 'added', fields: [], about: aboutOf(b) });
    else {
      const fields = fieldsOf(a, b);
      if (fields.length) out.push({ name, change: 'changed', fields });
    }
  }
  for (const [name, a] of old)
    if (!now.has(name)) out.push({ name, change: 'removed', fields: [], about: aboutOf(a) });
  return out;
}

const KIND: Record<ApplicationSpec['source_type'], string> = {
  git: 'git app',
  funnel_publication: 'funnel',
  mos_worker: 'MOS worker',
};

const words = (...parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(' · ');

function aboutWorkload(w: ApplicationSpec): string {
  const names = w.service_config.server_names;
  return words(
    KIND[w.source_type],
    w.source_type === 'funnel_publication'
      ? w.source_ref?.public_id
      : w.repo_url && `${w.repo_url.replace(/^https?:\/\//, '')} @ ${w.branch}`,
    names.length > 0 && names.join(', '),
    w.service_config.https && 'https',
  );
}

const aboutInstance = (i: InstanceSpec) =>
  words(i.size, i.region, i.image, `${i.workloads.length} workload${i.workloads.length === 1 ? '' : 's'}`);

const targets = (ts: readonly { type: string; selector: string }[]) =>
  ts.map((t) => (t.type === 'server' ? t.selector : `label ${t.selector}`));

function workloadFields(a: ApplicationSpec, b: ApplicationSpec): FieldChange[] {
  const out: FieldChange[] = [];
  value(out, 'kind', text(a.source_type), text(b.source_type));
  value(out, 'runtime', text(a.runtime), text(b.runtime));
  value(out, 'repository', text(a.repo_url), text(b.repo_url));
  value(out, 'branch', text(a.branch), text(b.branch));
  value(out, 'funnel', text(a.source_ref?.public_id), text(b.source_ref?.public_id));
  value(out, 'funnel upstream', text(a.source_ref?.upstream_base_url), text(b.source_ref?.upstream_base_url));
  value(
    out,
    'funnel API upstream',
    text(a.source_ref?.upstream_api_base_url),
    text(b.source_ref?.upstream_api_base_url),
  );
  value(out, 'install command', text(a.build_config.install_command), text(b.build_config.install_command));
  value(out, 'build command', text(a.build_config.build_command), text(b.build_config.build_command));
  list(out, 'system packages', a.build_config.system_packages, b.build_config.system_packages);
  const sa = a.service_config;
  const sb = b.service_config;
  value(out, 'command', text(sa.command), text(sb.command));
  list(out, 'ports', sa.ports.map(String), sb.ports.map(String));
  list(out, 'server names', sa.server_names, sb.server_names);
  value(out, 'https', text(sa.https ? 'on' : 'off'), text(sb.https ? 'on' : 'off'));
  value(out, 'health path', text(sa.health_path), text(sb.health_path));
  value(out, 'env file', text(sa.environment_file), text(sb.environment_file));
  env(out, sa.environment, sb.environment);
  value(out, 'folder', text(a.destination_path), text(b.destination_path));
  const ma = a.mos_worker;
  const mb = b.mos_worker;
  value(out, 'relay port', text(ma?.relay_port), text(mb?.relay_port));
  value(out, 'funnel proxy port', text(ma?.funnel_proxy_port), text(mb?.funnel_proxy_port));
  value(out, 'relay host name', text(ma?.relay_server_name), text(mb?.relay_server_name));
  list(out, 'funnel domains', ma?.funnel_server_names ?? [], mb?.funnel_server_names ?? []);
  return out;
}

const labels = (l: Record<string, string>) =>
  Object.entries(l)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);

const maintenance = (m: InstanceSpec['maintenance']) => {
  const u = m?.unattended_upgrades;
  if (!u) return null;
  if (!u.enabled) return 'upgrades off';
  return u.auto_reboot ? `upgrades, reboot at ${u.auto_reboot_time}` : 'upgrades, no reboot';
};

function instanceFields(a: InstanceSpec, b: InstanceSpec): FieldChange[] {
  const out: FieldChange[] = [];
  value(out, 'server type', text(a.size), text(b.size));
  value(out, 'location', text(a.region), text(b.region));
  value(out, 'image', text(a.image), text(b.image));
  value(out, 'network', text(a.network), text(b.network));
  list(out, 'labels', labels(a.labels), labels(b.labels));
  value(out, 'maintenance', text(maintenance(a.maintenance)), text(maintenance(b.maintenance)));
  return out;
}

function networkFields(a: NetworkSpec, b: NetworkSpec): FieldChange[] {
  const out: FieldChange[] = [];
  value(out, 'range', text(a.cidr), text(b.cidr));
  value(out, 'subnet', text(a.subnet_cidr), text(b.subnet_cidr));
  value(out, 'zone', text(a.network_zone), text(b.network_zone));
  value(out, 'existing', text(a.existing ? 'yes' : 'no'), text(b.existing ? 'yes' : 'no'));
  return out;
}

const rule = (r: FirewallSpec['rules'][number]) =>
  [
    r.direction,
    r.protocol,
    r.port ?? null,
    r.cidr ? `${r.direction === 'in' ? 'from' : 'to'} ${r.cidr}` : null,
  ]
    .filter((x) => x !== null)
    .join(' ');

function firewallFields(a: FirewallSpec, b: FirewallSpec): FieldChange[] {
  const out: FieldChange[] = [];
  list(out, 'rules', a.rules.map(rule), b.rules.map(rule));
  list(out, 'applies to', targets(a.targets), targets(b.targets));
  return out;
}

/** `https 443 → 80 (certificate shop.example.com, www.shop.example.com; redirects http)`: a changed domain counts. */
const lbPort = (p: LoadBalancerSpec['ports'][number]) => {
  const to = loadBalancerDestinationPort(p);
  const tls = p.certificate_domains?.length
    ? ` (certificate ${p.certificate_domains.join(', ')}${p.redirect_http ? '; redirects http' : ''})`
    : '';
  return `${p.protocol} ${p.port}${to !== p.port ? ` → ${to}` : ''}${tls}`;
};

function loadBalancerFields(a: LoadBalancerSpec, b: LoadBalancerSpec): FieldChange[] {
  const out: FieldChange[] = [];
  value(out, 'type', text(a.type), text(b.type));
  value(out, 'location', text(a.region), text(b.region));
  value(out, 'network', text(a.network), text(b.network));
  list(out, 'ports', a.ports.map(lbPort), b.ports.map(lbPort));
  list(out, 'targets', targets(a.targets), targets(b.targets));
  return out;
}

const recordName = (r: DnsRecordSpec) => `${r.name === '@' ? '' : `${r.name}.`}${r.zone} ${r.type}`;

/**
 * DNS records have no name of their own: one is the same record when its host and type match (a record whose
 * host and type repeat, as several MX or TXT values do, is matched by its target too).
 */
function dnsChanges(before: readonly DnsRecordSpec[], after: readonly DnsRecordSpec[]): ItemChange[] {
  const count = (rs: readonly DnsRecordSpec[]) => {
    const m = new Map<string, number>();
    for (const r of rs) m.set(recordName(r), (m.get(recordName(r)) ?? 0) + 1);
    return m;
  };
  const ca = count(before);
  const cb = count(after);
  const key = (r: DnsRecordSpec) => {
    const n = recordName(r);
    return (ca.get(n) ?? 0) > 1 || (cb.get(n) ?? 0) > 1 ? `${n} ${r.target}` : n;
  };
  return byName(
    before,
    after,
    key,
    (a, b) => {
      const out: FieldChange[] = [];
      value(out, 'target', text(a.target), text(b.target));
      value(out, 'TTL', text(a.ttl), text(b.ttl));
      return out;
    },
    (r) => words(r.target, r.ttl !== undefined && `TTL ${r.ttl}`),
  );
}

export function diffPlans(before: Plan, after: Plan): PlanDiff {
  const a: DesiredStateSpec = before.new_spec;
  const b: DesiredStateSpec = after.new_spec;
  const plan: FieldChange[] = [];
  value(plan, 'provider', text(a.provider), text(b.provider));
  value(plan, 'default location', text(a.region), text(b.region));
  const instances: InstanceChange[] = [];
  const oldInstances = new Map(a.instances.map((i) => [i.name, i]));
  const newInstances = new Map(b.instances.map((i) => [i.name, i]));
  for (const change of byName(a.instances, b.instances, (i) => i.name, instanceFields, aboutInstance)) {
    // A server added or removed brings or takes all its workloads with it: they are listed under it.
    const own =
      change.change === 'added'
        ? newInstances.get(change.name)?.workloads
        : change.change === 'removed'
          ? oldInstances.get(change.name)?.workloads
          : undefined;
    const workloads = (own ?? []).map(
      (w): ItemChange => ({ name: w.name, change: change.change, fields: [], about: aboutWorkload(w) }),
    );
    instances.push({ ...change, workloads });
  }
  // Workloads are compared under each instance both plans have, so a changed workload marks its instance changed.
  for (const inst of b.instances) {
    const old = oldInstances.get(inst.name);
    if (!old) continue;
    const workloads = byName(old.workloads, inst.workloads, (w) => w.name, workloadFields, aboutWorkload);
    if (!workloads.length) continue;
    const entry = instances.find((c) => c.name === inst.name);
    if (entry) entry.workloads = workloads;
    else instances.push({ name: inst.name, change: 'changed', fields: [], workloads });
  }
  const order = new Map(b.instances.map((i, n) => [i.name, n]));
  instances.sort(
    (x, y) => (order.get(x.name) ?? Number.MAX_SAFE_INTEGER) - (order.get(y.name) ?? Number.MAX_SAFE_INTEGER),
  );
  return {
    plan,
    instances,
    networks: byName(
      a.networks,
      b.networks,
      (n) => n.name,
      networkFields,
      (n) => words(n.cidr, n.network_zone, n.existing && 'existing'),
    ),
    firewalls: byName(
      a.firewalls,
      b.firewalls,
      (f) => f.name,
      firewallFields,
      (f) =>
        words(
          `${f.rules.length} rule${f.rules.length === 1 ? '' : 's'}`,
          f.targets.length > 0 && `on ${targets(f.targets).join(', ')}`,
        ),
    ),
    loadBalancers: byName(
      a.load_balancers,
      b.load_balancers,
      (l) => l.name,
      loadBalancerFields,
      (l) => words(l.type, l.ports.map(lbPort).join(', ')),
    ),
    dnsRecords: dnsChanges(a.dns_records, b.dns_records),
  };
}

/** How many resources differ (instances and workloads counted one each). */
export function changeCount(d: PlanDiff): number {
  return (
    (d.plan.length ? 1 : 0) +
    d.instances.reduce(
      (n, i) => n + (i.change !== 'changed' ? 1 : (i.fields.length ? 1 : 0) + i.workloads.length),
      0,
    ) +
    d.networks.length +
    d.firewalls.length +
    d.loadBalancers.length +
    d.dnsRecords.length
  );
}
