// TEMPORARY fallbacks for the modules other helpers build (ch-synth: writeTerraform, ch-nginx: renderSites,
// ch-plan: assignPorts, mosWorkerServices), with their published signatures. Replaced by re-exports when they land
// on main; nothing here is meant to ship.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApplicationSpec, DesiredStateSpec, EnvValue, InstanceSpec } from '../plan/schema';
import type { ServerLayout } from './types';

export async function writeTerraform(spec: DesiredStateSpec, workDir: string): Promise<string> {
  await mkdir(workDir, { recursive: true });
  const servers = Object.fromEntries(
    spec.instances.map((i) => [i.name, { name: i.name, server_type: i.size }]),
  );
  const path = join(workDir, 'cdk.tf.json');
  await writeFile(path, JSON.stringify({ resource: { hcloud_server: servers } }, null, 2));
  return path;
}

export interface TlsFiles {
  cert: string;
  key: string;
}
export interface RenderSitesOptions {
  mode: 'per-app' | 'combined';
  tls?: (names: readonly string[]) => TlsFiles | null;
  acmeWebroot?: string;
  cacheDir?: string;
  layout?: Partial<Pick<ServerLayout, 'nginxCacheDir'>>;
  listenAddress?: string | null;
  httpPort?: number;
  httpsPort?: number;
}
export interface NginxSite {
  name: string;
  content: string;
}
const T = 'proxy_connect_timeout 60s; proxy_send_timeout 3600s; proxy_read_timeout 3600s;';
export function renderSites(instance: InstanceSpec, opts: RenderSitesOptions): NginxSite[] {
  const http = opts.httpPort ?? 80;
  const sites: NginxSite[] = [];
  for (const w of instance.workloads) {
    const names = w.service_config.server_names;
    const port = w.service_config.ports[0];
    if (w.source_type === 'git' && port) {
      sites.push({
        name: w.name,
        content: `server { listen ${http}; server_name ${names.join(' ') || '_'}; ${T}\n location / { proxy_pass http://127.0.0.1:${port}; proxy_set_header Host $host; } }\n`,
      });
    }
    if (w.source_type === 'funnel_publication' && w.source_ref) {
      const id = w.source_ref.public_id;
      const up = w.source_ref.upstream_base_url;
      sites.push({
        name: w.name,
        content: `server { listen ${names.length ? http : port}; server_name ${names.join(' ') || '_'}; ${T}\n location = / { return 302 /f/${id}$is_args$args; }\n location ^~ /f/${id}/ { proxy_pass ${up}; }\n location / { return 302 /f/${id}$request_uri; } }\n`,
      });
    }
  }
  return sites;
}
export function certificateRequests(instance: InstanceSpec, _opts: RenderSitesOptions): string[][] {
  return instance.workloads
    .filter((w) => w.service_config.https && w.service_config.server_names.length)
    .map((w) => w.service_config.server_names);
}

export function assignPorts(spec: DesiredStateSpec): DesiredStateSpec {
  return {
    ...spec,
    instances: spec.instances.map((inst) => ({
      ...inst,
      workloads: inst.workloads.map((w) => {
        if (w.service_config.ports.length) return w;
        const fromEnv = w.service_config.environment.PORT;
        const p =
          typeof fromEnv === 'string'
            ? Number(fromEnv)
            : 20000 +
              (Number.parseInt(
                createHash('sha256').update(`${inst.name}:${w.name}`).digest('hex').slice(0, 8),
                16,
              ) %
                10000);
        const environment =
          w.source_type === 'funnel_publication'
            ? w.service_config.environment
            : { ...w.service_config.environment, PORT: String(p) };
        return { ...w, service_config: { ...w.service_config, ports: [p], environment } };
      }),
    })),
  };
}

export interface MosWorkerService {
  role: 'worker' | 'relay' | 'funnel-proxy';
  unit: string;
  description: string;
  command: string;
  environment: Record<string, EnvValue>;
  port: number | null;
}
export function mosWorkerServices(w: ApplicationSpec): MosWorkerService[] {
  const mw = w.mos_worker;
  if (!mw) return [];
  const env = w.service_config.environment;
  return [
    {
      role: 'worker',
      unit: w.name,
      description: w.name,
      command: 'pnpm start',
      environment: env,
      port: null,
    },
    {
      role: 'relay',
      unit: `${w.name}-relay`,
      description: w.name,
      command: 'pnpm relay',
      environment: env,
      port: mw.relay_port,
    },
    {
      role: 'funnel-proxy',
      unit: `${w.name}-funnel-proxy`,
      description: w.name,
      command: 'pnpm funnel-proxy',
      environment: env,
      port: mw.funnel_proxy_port,
    },
  ];
}
