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
import { funnelHttpLevel, funnelServerBody } from './funnel';
import { NginxRenderError, port, siteId, siteName, upstreamUrl } from './values';

/**
 * The host running MOS's temporal-worker: the relay (webhooks, LLM callbacks) on its host name, and the custom
 * funnel domains in front of the worker's funnel proxy with the same cache as funnel sites. The relay comes first
 * so it is port 80's default server when it has no name.
 */
export function renderMosWorkerSite(workload: ApplicationSpec, opts: NginxRenderOptions = {}): NginxSite {
  const o = resolveOptions(opts);
  const name = siteName(workload.name);
  const mw = workload.mos_worker;
  if (!mw) throw new NginxRenderError('invalid_value', `workload "${name}" is not a mos_worker workload`);
  const id = siteId(name);
  const https = workload.service_config.https;
  const relay = serverBlocks(
    {
      names: mw.relay_server_name ? [mw.relay_server_name] : [],
      https,
      body: [
        'client_max_body_size 25m;',
        ...TIMEOUTS,
        block('location /', [
          `proxy_pass http://127.0.0.1:${port(mw.relay_port, 'relay_port')};`,
          ...proxyHeaders(id),
        ]),
      ],
    },
    o,
  );
  if (!mw.funnel_server_names.length) return site(name, connectionMap(id), relay);
  const funnels = serverBlocks(
    {
      names: mw.funnel_server_names,
      https,
      body: funnelServerBody({
        id,
        upstream: upstreamUrl(
          `http://127.0.0.1:${port(mw.funnel_proxy_port, 'funnel_proxy_port')}`,
          'funnel proxy',
        ),
        route: { kind: 'host' },
      }),
    },
    o,
  );
  return site(
    name,
    [...connectionMap(id), ...funnelHttpLevel(id, `${o.cacheDir}/${name}`)],
    [...relay, '', ...funnels],
  );
}
