import { HOSTNAME_RE } from '../plan/schema';

/**
 * Every value that goes into a generated config passes one of these checks first. The plan model validates most of
 * them already; the renderers check again because a site file is root-owned configuration: a `;`, `{`, quote, space
 * or `$` smuggled into a directive would end it or start a variable, so anything outside a narrow alphabet is refused.
 */
export type NginxRenderErrorReason =
  | 'invalid_value'
  | 'funnel_in_combined_mode'
  | 'mos_worker_in_combined_mode'
  | 'missing_port'
  | 'missing_source_ref';

export class NginxRenderError extends Error {
  constructor(
    readonly reason: NginxRenderErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'NginxRenderError';
  }
}

const invalid = (what: string, value: unknown, rule: string) =>
  new NginxRenderError('invalid_value', `${what} ${JSON.stringify(value)} ${rule}`);

export function hostName(value: string, what = 'server name'): string {
  if (!HOSTNAME_RE.test(value)) throw invalid(what, value, 'is not a host name');
  return value;
}

export function port(value: number | undefined, what = 'port'): number {
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > 65535)
    throw invalid(what, value, 'is not a port between 1 and 65535');
  return value;
}

/** Absolute paths of letters, digits, `.`, `_`, `-` and `/` (certificates, webroot, cache folders). */
export function absPath(value: string, what: string): string {
  if (!/^\/[A-Za-z0-9._/-]*$/.test(value) || value.split('/').includes('..'))
    throw invalid(what, value, 'must be an absolute path of letters, digits, ., _, - and /');
  return value.length > 1 ? value.replace(/\/+$/, '') : value;
}

export function publicId(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(value))
    throw invalid('funnel public id', value, 'must be letters, digits, _ or -');
  return value;
}

/** An IPv4 address, a bracketed IPv6 address or a host name for `listen <address>:<port>`. */
export function listenAddress(value: string): string {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value) || /^\[[0-9a-fA-F:]+\]$/.test(value) || HOSTNAME_RE.test(value))
    return value;
  throw invalid('listen address', value, 'must be an IPv4 address, [IPv6] or a host name');
}

export interface Upstream {
  /** `http://host:port`, with no path. */
  origin: string;
  /** The path prefix without a trailing slash (`''` for the root). */
  path: string;
  https: boolean;
}

/** An http(s) base URL re-serialised from its parts: scheme, host, port and a plain path, nothing else. */
export function upstreamUrl(value: string, what: string): Upstream {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(what, value, 'is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(what, value, 'must be http(s)');
  if (url.username || url.password || url.search || url.hash)
    throw invalid(what, value, 'must not carry credentials, a query or a fragment');
  const host = url.hostname;
  const hostOk =
    /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^\[[0-9a-f:]+\]$/.test(host) || HOSTNAME_RE.test(host);
  if (!hostOk) throw invalid(what, value, 'has an invalid host');
  const path = url.pathname.replace(/\/+$/, '');
  if (!/^[A-Za-z0-9._~/-]*$/.test(path)) throw invalid(what, value, 'has a path nginx cannot take as is');
  return { origin: `${url.protocol}//${url.host}`, path, https: url.protocol === 'https:' };
}

/** FNV-1a: a short stable suffix that keeps per-site zone and variable names distinct (`a-b` vs `a_b`). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * An identifier for http-level names of one site (cache zone, map variables): site files are all included into
 * one `http {}`, where two zones or variables with one name are an error.
 */
export function siteId(siteName: string): string {
  // Short: nginx's default variables_hash_bucket_size (64) refuses longer `$<id>_cookie_prefix` names, and a
  // funnel workload is named `funnel-<uuid>`; the hash keeps ids unique.
  return `ch_${siteName.replace(/[^a-z0-9]/g, '_').slice(0, 16)}_${fnv1a(siteName)}`;
}

/** A site's file name: the workload name, which the plan model limits to [a-z0-9_-]. */
export function siteName(value: string): string {
  if (!/^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/.test(value))
    throw invalid('site name', value, 'must be lower-case letters, digits, - or _');
  return value;
}
