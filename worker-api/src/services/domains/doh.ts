/**
 * TXT lookups through a DNS-over-HTTPS resolver's JSON API (Cloudflare's and Google's `application/dns-json`):
 * `GET <resolver>?name=<name>&type=TXT` → `{ Status, Answer: [{ name, type, data }] }`. Plain fetch, so the same
 * code runs on Workers and Node.
 */
export class DohError extends Error {
  readonly reason = 'resolver';
}

const TXT = 16;
const NXDOMAIN = 3;

/** A TXT record's text: its quoted character-strings joined (`"a" "b"` → `ab`), or the raw data when unquoted. */
export function txtText(data: string): string {
  const parts = [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1'));
  return parts.length > 0 ? parts.join('') : data;
}

export async function resolveTxt(resolverUrl: string, name: string, timeoutMs = 5000): Promise<string[]> {
  const url = new URL(resolverUrl);
  url.searchParams.set('name', name);
  url.searchParams.set('type', 'TXT');
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept: 'application/dns-json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new DohError(
      `the DNS resolver could not be reached (${err instanceof Error ? err.name : 'error'})`,
    );
  }
  if (!res.ok) throw new DohError(`the DNS resolver answered HTTP ${res.status}`);
  let body: { Status?: unknown; Answer?: unknown };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new DohError('the DNS resolver did not answer DNS JSON');
  }
  if (body.Status === NXDOMAIN) return [];
  if (body.Status !== 0) throw new DohError(`the DNS resolver answered status ${String(body.Status)}`);
  const answers = Array.isArray(body.Answer) ? body.Answer : [];
  return answers
    .filter((a): a is { type: number; data: string } => {
      const r = a as { type?: unknown; data?: unknown };
      return r.type === TXT && typeof r.data === 'string';
    })
    .map((a) => txtText(a.data));
}
