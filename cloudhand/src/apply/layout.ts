import type { ResolvedServerLayout, ServerLayout } from './types';

/** Ubuntu's paths (the servers cloud-init sets up). */
export const DEFAULT_LAYOUT: ResolvedServerLayout = {
  nginxSitesAvailable: '/etc/nginx/sites-available',
  nginxSitesEnabled: '/etc/nginx/sites-enabled',
  nginxTest: 'nginx -t',
  nginxReload: 'systemctl reload nginx',
  nginxCacheDir: '/var/cache/nginx/cloudhand',
  systemdDir: '/etc/systemd/system',
  envDir: '/etc/cloudhand/env',
  systemctl: 'systemctl',
  httpPort: 80,
  httpsPort: 443,
  acmeWebroot: '/var/www/letsencrypt',
  certDir: '/etc/letsencrypt/live',
  certbot: 'certbot',
  stateDir: '/var/lib/cloudhand',
};

export function resolveLayout(layout: Partial<ServerLayout> | undefined): ResolvedServerLayout {
  const out = { ...DEFAULT_LAYOUT };
  for (const [k, v] of Object.entries(layout ?? {})) if (v !== undefined) Object.assign(out, { [k]: v });
  return out;
}
