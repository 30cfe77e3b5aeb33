import { execFileSync } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { type ApplicationSpecInput, type InstanceSpec, parsePlan } from '../../src/plan/index';

/** An instance as the plan model parses it (defaults filled in), from workload inputs. */
export function instanceOf(workloads: ApplicationSpecInput[], name = 'web'): InstanceSpec {
  const plan = parsePlan({
    new_spec: { provider: 'hetzner', region: 'nbg1', instances: [{ name, size: 'cx23', workloads }] },
  });
  const inst = plan.new_spec.instances[0];
  if (!inst) throw new Error('no instance');
  return inst;
}

export const gitApp = (
  name: string,
  ports: number[],
  server_names: string[] = [],
  https = false,
): ApplicationSpecInput => ({
  name,
  repo_url: `https://github.com/example/${name}`,
  service_config: { command: 'npm start', ports, server_names, https },
});

export const funnelApp = (
  name: string,
  upstream: string,
  opts: { server_names?: string[]; ports?: number[]; https?: boolean; publicId?: string } = {},
): ApplicationSpecInput => ({
  name,
  source_type: 'funnel_publication',
  source_ref: {
    public_id: opts.publicId ?? 'pub_abc123',
    upstream_base_url: upstream,
    upstream_api_base_url: upstream,
  },
  service_config: {
    server_names: opts.server_names ?? [],
    ports: opts.ports ?? [],
    https: opts.https ?? false,
  },
});

export const mosWorker = (
  relay: string | null,
  funnels: string[],
  opts: { relayPort?: number; funnelPort?: number; https?: boolean } = {},
): ApplicationSpecInput => ({
  name: 'mos-worker',
  source_type: 'mos_worker',
  repo_url: 'https://github.com/example/mos',
  mos_worker: {
    relay_server_name: relay,
    funnel_server_names: funnels,
    relay_port: opts.relayPort ?? 8787,
    funnel_proxy_port: opts.funnelPort ?? 8790,
  },
  service_config: { command: 'node temporal-worker/dist/main.js', https: opts.https ?? false },
});

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request with any Host header (fetch cannot set Host), no connection reuse. */
export function call(
  url: string,
  init: {
    host?: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    servername?: string;
  } = {},
): Promise<Answer> {
  const u = new URL(url);
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: init.method ?? 'GET',
        agent: false,
        headers: { ...init.headers, ...(init.host ? { host: init.host } : {}) },
        ...(u.protocol === 'https:'
          ? { rejectUnauthorized: false, servername: init.servername ?? init.host }
          : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The `mos_vid` value a Set-Cookie header gives, if any. */
export function visitorCookie(a: Answer): string | null {
  const set = a.headers['set-cookie'] ?? [];
  for (const c of set) {
    const m = /^mos_vid=([^;]+)/.exec(c);
    if (m?.[1]) return m[1];
  }
  return null;
}

/** A self-signed certificate for `cn` (one day) written as cert.pem and key.pem in `dir`; returns their paths. */
export function selfSignedCert(dir: string, cn: string): { cert: string; key: string } {
  const out = { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') };
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${cn}`,
      '-keyout',
      out.key,
      '-out',
      out.cert,
    ],
    { stdio: 'ignore' },
  );
  return out;
}
