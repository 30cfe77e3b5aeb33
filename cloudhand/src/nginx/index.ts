import type { InstanceSpec } from '../plan/schema';
import { renderCombinedSite } from './combined';
import type { NginxRenderOptions, NginxSite } from './common';
import { renderFunnelSite } from './funnel';
import { renderGitAppSite } from './git-app';
import { renderMosWorkerSite } from './mos-worker';

/**
 * nginx configuration as pure functions (no I/O): the site files of an instance, each included inside `http {}`
 * by the server's nginx.conf (Ubuntu's sites-enabled). The apply step writes them, runs `nginx -t` and reloads.
 */
export { COMBINED_SITE_NAME, renderCombinedSite } from './combined';
export type { NginxRenderOptions, NginxSite, TlsFiles, TlsLookup } from './common';
export { funnelHttpLevel, funnelServerBody, renderFunnelSite } from './funnel';
export { renderGitAppSite } from './git-app';
export { renderMosWorkerSite } from './mos-worker';
export { NginxRenderError, type NginxRenderErrorReason, siteId } from './values';

export type NginxMode = 'per-app' | 'combined';
export interface RenderSitesOptions extends NginxRenderOptions {
  mode: NginxMode;
}

/** Every site file of an instance in the given mode (workloads without anything to serve over http get none). */
export function renderSites(instance: InstanceSpec, opts: RenderSitesOptions): NginxSite[] {
  if (opts.mode === 'combined') {
    const one = renderCombinedSite(instance.workloads, opts);
    return one ? [one] : [];
  }
  const sites: NginxSite[] = [];
  for (const w of instance.workloads) {
    const s =
      w.source_type === 'funnel_publication'
        ? renderFunnelSite(w, opts)
        : w.source_type === 'mos_worker'
          ? renderMosWorkerSite(w, opts)
          : renderGitAppSite(w, opts);
    if (s) sites.push(s);
  }
  return sites;
}

/**
 * The server-name sets that want a certificate (https on, names given), one per server block, as the renderers
 * ask `tls` for them: the apply step runs `certbot certonly --webroot -d …` for each one that has none yet.
 */
export function certificateRequests(instance: InstanceSpec, opts: RenderSitesOptions): string[][] {
  const asked: string[][] = [];
  renderSites(instance, {
    ...opts,
    tls: (names) => {
      asked.push([...names]);
      return null;
    },
  });
  return asked;
}
