import { AUTO_PORT_RANGE, inboundTcp, servesOnOwnPort } from './firewall';
import {
  type ApplicationSpec,
  type ApplicationSpecInput,
  type DesiredStateSpec,
  type DnsRecordSpec,
  type EnvValue,
  HOSTNAME_RE,
  type Plan,
  type PlanIssue,
  PlanValidationError,
  parsePlan,
} from './schema';

/**
 * Plans to start from: the first-run plan (a network, one server, a firewall, optionally a workload), MOS's own
 * worker host, and the workload patch of a funnel publication (reference §8 and §9.4). Browser-safe.
 */

export const BOOTSTRAP_DEFAULTS = {
  instanceName: 'app-1',
  size: 'cx23',
  region: 'nbg1',
  networkName: 'default',
  cidr: '10.0.0.0/16',
} as const;

export interface BootstrapOptions {
  instanceName?: string;
  size?: string;
  region?: string;
  networkName?: string;
  cidr?: string;
  /** A first workload for the server (validated with the plan). */
  workload?: ApplicationSpecInput | null;
}

/** The first-run plan: network from `cidr`, one server, a firewall allowing ssh, http and https in. */
export function bootstrapPlan(options: BootstrapOptions = {}): Plan {
  const o = { ...BOOTSTRAP_DEFAULTS, ...stripUndefined(options) };
  const workloads = options.workload ? [options.workload] : [];
  const ports: (number | string)[] = [22, 80, 443];
  if (workloads.some(servesOnOwnPort)) ports.push(AUTO_PORT_RANGE);
  return parsePlan({
    operations: [],
    info: `First-run plan: network ${o.networkName} (${o.cidr}), server ${o.instanceName} (${o.size}, ${o.region}) behind firewall ${o.instanceName}-fw`,
    new_spec: {
      provider: 'hetzner',
      region: o.region,
      networks: [{ name: o.networkName, cidr: o.cidr }],
      instances: [{ name: o.instanceName, size: o.size, network: o.networkName, workloads }],
      firewalls: [
        {
          name: `${o.instanceName}-fw`,
          rules: inboundTcp(ports),
          targets: [{ type: 'server', selector: o.instanceName }],
        },
      ],
    },
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

/** Environment variables of temporal-worker (src/env.ts) that are org secrets on MOS's own host. */
export const MOS_WORKER_SECRET_ENV = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'OPENAI_API_KEY',
  'MOS_SECRETS_KEY',
  'WORKFLOW_RELAY_SECRET',
] as const;

export interface MosWorkerPlanOptions {
  /** The MOS repository the host clones (https://…, ssh://… or git@…). */
  repoUrl: string;
  branch?: string;
  /** The relay's public host name (worker-api's WORKFLOW_RELAY_URL points here). */
  relayServerName: string;
  /** Custom funnel domains this host's funnel proxy serves. */
  funnelServerNames?: string[];
  /** TLS by certbot for the relay and the funnel domains. */
  https?: boolean;
  instanceName?: string;
  workloadName?: string;
  size?: string;
  region?: string;
  networkName?: string;
  cidr?: string;
  /** The DNS zone of the relay host (default: its last two labels); its A record points at the server. */
  dnsZone?: string;
  /** Temporal Cloud with an API key: TEMPORAL_API_KEY is a secret reference too. */
  temporalApiKey?: boolean;
  /** Literal or secret-referenced variables added to (or replacing) the defaults. */
  environment?: Record<string, EnvValue>;
}

const secret = (name: string): EnvValue => ({ secret: name });

/** MOS's own worker host: temporal-worker, its relay and its funnel proxy behind nginx, env from org secrets. */
export function mosWorkerPlan(options: MosWorkerPlanOptions): Plan {
  const instanceName = options.instanceName ?? 'mos-worker';
  const relayHost = options.relayServerName.trim().toLowerCase();
  const zone = (options.dnsZone ?? relayHost.split('.').slice(-2).join('.')).trim().toLowerCase();
  const issues: PlanIssue[] = [];
  if (!HOSTNAME_RE.test(relayHost))
    issues.push({ path: 'relay_server_name', message: 'must be a host name such as relay.example.com' });
  else if (relayHost !== zone && !relayHost.endsWith(`.${zone}`))
    issues.push({ path: 'dns_zone', message: `must be the zone of ${relayHost}` });
  if (issues.length > 0) throw new PlanValidationError(issues);
  const recordName = relayHost === zone ? '@' : relayHost.slice(0, -(zone.length + 1));

  const environment: Record<string, EnvValue> = {
    NODE_ENV: 'production',
    TEMPORAL_TASK_QUEUE: 'mos',
    ...Object.fromEntries(MOS_WORKER_SECRET_ENV.map((n) => [n, secret(n)])),
    ...(options.temporalApiKey ? { TEMPORAL_API_KEY: secret('TEMPORAL_API_KEY') } : {}),
    ...options.environment,
  };
  const funnelNames = options.funnelServerNames ?? [];
  const workload: ApplicationSpecInput = {
    name: options.workloadName ?? 'mos-worker',
    source_type: 'mos_worker',
    repo_url: options.repoUrl,
    branch: options.branch ?? 'main',
    runtime: 'nodejs',
    build_config: {
      install_command: 'corepack enable && pnpm install --frozen-lockfile',
      system_packages: [],
    },
    service_config: {
      environment,
      server_names: [relayHost, ...funnelNames],
      https: options.https ?? true,
    },
    mos_worker: { relay_server_name: relayHost, funnel_server_names: funnelNames },
  };
  const base = bootstrapPlan({
    instanceName,
    size: options.size,
    region: options.region,
    networkName: options.networkName,
    cidr: options.cidr,
    workload,
  });
  const record: DnsRecordSpec = { zone, name: recordName, type: 'A', target: `server:${instanceName}` };
  return parsePlan({
    ...base,
    info: `MOS worker host ${instanceName}: temporal-worker, relay at ${relayHost}, funnel proxy for ${funnelNames.length} domain(s)`,
    new_spec: { ...base.new_spec, dns_records: [record] },
  });
}

/** One systemd service a mos_worker workload runs. */
export interface MosWorkerService {
  role: 'worker' | 'relay' | 'funnel-proxy';
  /** The unit's name (without `.service`). */
  unit: string;
  description: string;
  /** Run from the release folder (the repository root). */
  command: string;
  environment: Record<string, EnvValue>;
  /** The loopback port nginx routes to, or null for the worker (it only polls Temporal). */
  port: number | null;
}

/** temporal-worker/package.json's scripts for the three processes. */
export const MOS_WORKER_COMMANDS = {
  worker: 'pnpm --filter @mos/temporal-worker start',
  relay: 'pnpm --filter @mos/temporal-worker relay',
  funnelProxy: 'pnpm --filter @mos/temporal-worker funnel-proxy',
} as const;

const pick = (env: Record<string, EnvValue>, keep: (key: string) => boolean) =>
  Object.fromEntries(Object.entries(env).filter(([k]) => keep(k)));

/**
 * The worker, the relay and the funnel proxy as three units, so each restarts alone. The worker's env leaves out
 * WORKFLOW_RELAY_SECRET and FUNNEL_PROXY_PORT (with them its process would open the relay and the proxy as well,
 * on the same ports); the relay and the proxy get only the variables their entry points read.
 */
export function mosWorkerServices(workload: ApplicationSpec): MosWorkerService[] {
  if (workload.source_type !== 'mos_worker' || !workload.mos_worker)
    throw new PlanValidationError([{ path: 'source_type', message: 'must be mos_worker' }]);
  const env = workload.service_config.environment;
  const { relay_port: relayPort, funnel_proxy_port: proxyPort } = workload.mos_worker;
  const nodeEnv = pick(env, (k) => k === 'NODE_ENV');
  return [
    {
      role: 'worker',
      unit: workload.name,
      description: `MOS temporal-worker (${workload.name})`,
      command: MOS_WORKER_COMMANDS.worker,
      environment: pick(
        env,
        (k) => !['WORKFLOW_RELAY_SECRET', 'FUNNEL_PROXY_PORT', 'FUNNEL_PROXY_HOST', 'PORT'].includes(k),
      ),
      port: null,
    },
    {
      role: 'relay',
      unit: `${workload.name}-relay`,
      description: `MOS workflow relay (${workload.name})`,
      command: MOS_WORKER_COMMANDS.relay,
      environment: {
        ...nodeEnv,
        ...pick(env, (k) => k.startsWith('TEMPORAL_') || k === 'WORKFLOW_RELAY_SECRET'),
        RELAY_HOST: '127.0.0.1',
        RELAY_PORT: String(relayPort),
      },
      port: relayPort,
    },
    {
      role: 'funnel-proxy',
      unit: `${workload.name}-funnel-proxy`,
      description: `MOS funnel proxy (${workload.name})`,
      command: MOS_WORKER_COMMANDS.funnelProxy,
      environment: {
        ...nodeEnv,
        ...pick(env, (k) => k === 'DATABASE_URL' || k === 'MEDIA_DIR'),
        FUNNEL_PROXY_HOST: '127.0.0.1',
        FUNNEL_PROXY_PORT: String(proxyPort),
      },
      port: proxyPort,
    },
  ];
}

export interface FunnelWorkloadPatchOptions {
  publicId: string;
  /** Default `funnel-<publicId>`, as the original's UI. */
  workloadName?: string;
  serverNames?: string[];
  https?: boolean;
  destinationPath?: string;
  upstreamBaseUrl: string;
  upstreamApiBaseUrl: string;
}

export interface FunnelWorkloadPatch {
  patch: ApplicationSpecInput & { name: string };
  /** Normalised host names (lower-case, unique). */
  serverNames: string[];
  https: boolean;
  /** Reference §9.4: `https://host/` per name (http when https is off), else `http://<ip>:<port>/`. */
  accessUrls(serverIp: string | null, port: number | null): string[];
}

const HTTP_URL_RE = /^https?:\/\/[^\s/]\S*$/;

/** Reference §8 build_funnel_publication_workload_patch; errors name the option. */
export function funnelWorkloadPatch(options: FunnelWorkloadPatchOptions): FunnelWorkloadPatch {
  const issues: PlanIssue[] = [];
  const publicId = options.publicId.trim();
  if (!publicId) issues.push({ path: 'public_id', message: 'must not be empty' });
  const names: string[] = [];
  (options.serverNames ?? []).forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!name) return;
    if (/\s/.test(name)) issues.push({ path: `server_names[${i}]`, message: 'must not contain spaces' });
    else if (!HOSTNAME_RE.test(name))
      issues.push({ path: `server_names[${i}]`, message: 'must be a host name such as shop.example.com' });
    else if (!names.includes(name)) names.push(name);
  });
  const urls = {
    upstream_base_url: options.upstreamBaseUrl.trim(),
    upstream_api_base_url: options.upstreamApiBaseUrl.trim(),
  };
  for (const [key, url] of Object.entries(urls))
    if (!HTTP_URL_RE.test(url)) issues.push({ path: key, message: 'must start with http:// or https://' });
  if (issues.length > 0) throw new PlanValidationError(issues);

  const https = (options.https ?? true) && names.length > 0;
  const patch = {
    name: options.workloadName?.trim() || `funnel-${publicId.toLowerCase()}`,
    source_type: 'funnel_publication' as const,
    source_ref: {
      public_id: publicId,
      upstream_base_url: urls.upstream_base_url.replace(/\/+$/, ''),
      upstream_api_base_url: urls.upstream_api_base_url.replace(/\/+$/, ''),
    },
    repo_url: null,
    runtime: 'static' as const,
    build_config: { install_command: null, build_command: null, system_packages: [] },
    service_config: { command: null, environment: {}, ports: [], server_names: names, https },
    destination_path: options.destinationPath ?? '/opt/apps',
  };
  return {
    patch,
    serverNames: names,
    https,
    accessUrls(serverIp, port) {
      if (names.length > 0) return names.map((n) => `${https ? 'https' : 'http'}://${n}/`);
      return serverIp && port ? [`http://${serverIp}:${port}/`] : [];
    },
  };
}

/** A workload of a spec by name, with its instance (after `assignPorts`, to read its port). */
export function findWorkload(
  spec: DesiredStateSpec,
  name: string,
  instanceName?: string | null,
): { instance: string; workload: ApplicationSpec } | null {
  for (const inst of spec.instances) {
    if (instanceName && inst.name !== instanceName) continue;
    const workload = inst.workloads.find((w) => w.name === name);
    if (workload) return { instance: inst.name, workload };
  }
  return null;
}
