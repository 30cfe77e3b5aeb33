import type { ApplicationSpec } from '../plan/schema';
import {
  block,
  connectionMap,
  type NginxRenderOptions,
  type NginxSite,
  proxyHeaders,
  resolveOptions,
  serverBlocks,
  site,
  TIMEOUTS,
} from './common';
import { port, siteId, siteName } from './values';

/**
 * Per-app site of a git workload (reference §7.6): every request to 127.0.0.1:<first port>, websockets included.
 * A workload without ports serves nothing over http and gets no site (null), as the original skipped it.
 */
export function renderGitAppSite(workload: ApplicationSpec, opts: NginxRenderOptions = {}): NginxSite | null {
  const o = resolveOptions(opts);
  const first = workload.service_config.ports[0];
  if (first === undefined) return null;
  const name = siteName(workload.name);
  const id = siteId(name);
  const body = [
    'client_max_body_size 25m;',
    ...TIMEOUTS,
    block('location /', [`proxy_pass http://127.0.0.1:${port(first)};`, ...proxyHeaders(id)]),
  ];
  return site(
    name,
    connectionMap(id),
    serverBlocks(
      { names: workload.service_config.server_names, https: workload.service_config.https, body },
      o,
    ),
  );
}
