/**
 * Small Web-standard HTTP helpers of the public funnel runtime (Workers and Node alike): cookies, the bounded
 * body reader, the branded error pages and JSON answers.
 */

export const VISITOR_COOKIE = 'mos_vid';
export const CONSENT_COOKIE = 'mos_consent';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const VISITOR_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function readCookies(request: Request): Map<string, string> {
  const out = new Map<string, string>();
  const header = request.headers.get('cookie');
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      if (!out.has(name)) out.set(name, decodeURIComponent(value));
    } catch {
      // A malformed escape is ignored like an absent cookie.
    }
  }
  return out;
}

/** The visitor id from the first-party cookie, or a new one to set (`isNew`). */
export function visitorOf(request: Request): { visitorId: string; isNew: boolean } {
  const existing = readCookies(request).get(VISITOR_COOKIE);
  if (existing && VISITOR_ID.test(existing)) return { visitorId: existing, isNew: false };
  return { visitorId: crypto.randomUUID(), isNew: true };
}

/** Whether the visitor reached us over https (directly, or through a proxy that says so and is trusted). */
export function isHttps(request: Request, trustForwardedProto: boolean): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  return trustForwardedProto && request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export function visitorCookie(visitorId: string, secure: boolean): string {
  return `${VISITOR_COOKIE}=${visitorId}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export const DEFAULT_ROBOTS = 'noindex, nofollow';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small branded HTML page for 404, 410 and refused form posts (never JSON: visitors see it). */
export function messagePage(status: number, title: string, text: string, robots = DEFAULT_ROBOTS): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>body{margin:0;min-height:100vh;display:grid;place-items:center;font:16px/1.5 system-ui,sans-serif;color:#1f2937;background:#f8fafc}main{max-width:28rem;padding:2rem;text-align:center}h1{font-size:1.5rem;margin:0 0 .5rem}p{margin:0;color:#4b5563}small{display:block;margin-top:2rem;color:#9ca3af}</style></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><small>${status} · MOS</small></main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-robots-tag': robots,
      'x-content-type-options': 'nosniff',
    },
  });
}

export const notFoundPage = () =>
  messagePage(404, 'Page not found', 'This page does not exist or is no longer published.');
export const gonePage = (robots?: string) =>
  messagePage(410, 'This page is no longer available', 'The offer behind this page has ended.', robots);

export type PublicErrorCode =
  | 'PAYLOAD_TOO_LARGE'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'TOO_MANY_REQUESTS'
  | 'METHOD_NOT_ALLOWED'
  | 'UNSUPPORTED_MEDIA_TYPE';

export function jsonError(
  status: number,
  code: PublicErrorCode,
  message: string,
  extra: { field?: string; retryAfterSeconds?: number } = {},
): Response {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-robots-tag': DEFAULT_ROBOTS,
  };
  if (extra.retryAfterSeconds !== undefined) headers['retry-after'] = String(extra.retryAfterSeconds);
  const error: Record<string, unknown> = { code, message };
  if (extra.field !== undefined) error.field = extra.field;
  return new Response(JSON.stringify({ error }), { status, headers });
}

export function jsonOk(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-robots-tag': DEFAULT_ROBOTS,
      ...headers,
    },
  });
}

export class BodyTooLarge extends Error {
  readonly reason = 'body_too_large';
}

/**
 * Reads at most `max` bytes of the body, counting as it streams: a sender that lies in Content-Length or uses
 * chunked encoding is cut off at the limit, and nothing larger is ever buffered.
 */
export async function readBoundedBody(request: Request, max: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > max) throw new BodyTooLarge(`body exceeds ${max} bytes`);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(`body exceeds ${max} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
