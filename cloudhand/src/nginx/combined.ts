import type { ApplicationSpec } from '../plan/schema';
import {
  block,
  connectionMap,
  type Lines,
  type NginxRenderOptions,
  type NginxSite,
  proxyHeaders,
  resolveOptions,
  serverBlocks,
  site,
  TIMEOUTS,
} from './common';
import { NginxRenderError, port, siteId } from './values';

export const COMBINED_SITE_NAME = 'cloudhand';

/**
 * Combined mode (reference §7.6): one site for every workload of an instance. The root app is the first workload
 * whose name contains `ui`, else the first with ports; the first other one named `*api*` is at /api/, the rest at
 * /<name>/, each with its prefix stripped. Funnels and the MOS worker route by host name, so they are refused here.
 */
export function renderCombinedSite(
  workloads: readonly ApplicationSpec[],
  opts: NginxRenderOptions = {},
): NginxSite | null {
  const o = resolveOptions(opts);
  for (const w of workloads) {
    if (w.source_type === 'funnel_publication')
      throw new NginxRenderError(
        'funnel_in_combined_mode',
        `workload "${w.name}" is a funnel_publication: combined nginx mode cannot serve funnels; use per-app mode`,
      );
    if (w.source_type === 'mos_worker')
      throw new NginxRenderError(
        'mos_worker_in_combined_mode',
        `workload "${w.name}" is a mos_worker: combined nginx mode cannot serve it; use per-app mode`,
      );
  }
  const routable = workloads.filter((w) => w.service_config.ports.length > 0);
  const root = routable.find((w) => w.name.includes('ui')) ?? routable[0];
  if (!root) return null;
  const id = siteId(COMBINED_SITE_NAME);
  const to = (w: ApplicationSpec, stripPrefix: boolean) =>
    `proxy_pass http://127.0.0.1:${port(w.service_config.ports[0])}${stripPrefix ? '/' : ''};`;
  const locations: Lines = [block('location /', [to(root, false), ...proxyHeaders(id)])];
  let apiTaken = false;
  for (const w of routable) {
    if (w === root) continue;
    // Only one /api/: a second *api* workload would be a duplicate location, which nginx refuses.
    const prefix = w.name.includes('api') && !apiTaken ? '/api/' : `/${w.name}/`;
    if (prefix === '/api/') apiTaken = true;
    locations.push(block(`location ${prefix}`, [to(w, true), ...proxyHeaders(id)]));
  }
  const names = [...new Set(workloads.flatMap((w) => w.service_config.server_names))];
  const https = workloads.some((w) => w.service_config.https);
  return site(
    COMBINED_SITE_NAME,
    connectionMap(id),
    serverBlocks({ names, https, body: ['client_max_body_size 25m;', ...TIMEOUTS, ...locations] }, o),
  );
}
