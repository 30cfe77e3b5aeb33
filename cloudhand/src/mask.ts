/**
 * The one secret masker (apply logs in cloudhand, stored deploy logs in the worker). Every line passes through a
 * masker holding the secrets known so far; credentials in URLs and Authorization headers are masked too, so a
 * secret nobody registered (a token typed into a repo URL) does not leak either. Runtime-neutral (no node:
 * imports, no Buffer): `@mos/db` re-uses it and is bundled for Workers.
 */
export const MASK = '***';

const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi;
const AUTH_HEADER = /(authorization:\s*(?:basic|bearer|token)\s+)\S+/gi;

export interface Masker {
  (text: string): string;
  /** Registers more secret values (empty ones are ignored); secrets are resolved at the last moment. */
  add(...secrets: (string | null | undefined)[]): void;
}

function base64(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * Literal forms a secret can take in output: itself, its URL-encoded form (a token inside a clone URL), each line
 * of a multi-line one (a private key), its base64 (an HTTP Basic header, an env file sent base64).
 */
function forms(secret: string): string[] {
  const out = [secret, encodeURIComponent(secret)];
  if (secret.includes('\n'))
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 8) out.push(line.trim());
  if (secret.length >= 8) out.push(base64(secret));
  return out;
}

export function createMasker(secrets: Iterable<string | null | undefined> = []): Masker {
  const known = new Set<string>();
  let values: string[] = [];
  const mask = ((text: string) => {
    let out = text;
    for (const v of values) if (out.includes(v)) out = out.split(v).join(MASK);
    return out.replace(URL_CREDENTIALS, `$1${MASK}@`).replace(AUTH_HEADER, `$1${MASK}`);
  }) as Masker;
  mask.add = (...more) => {
    let changed = false;
    for (const s of more)
      if (s)
        for (const f of forms(s))
          if (f && !known.has(f)) {
            known.add(f);
            changed = true;
          }
    // Longest first, so a secret that contains another is masked whole.
    if (changed) values = [...known].sort((a, b) => b.length - a.length);
  };
  mask.add(...secrets);
  return mask;
}

/** Masks `secrets` (and URL credentials, Authorization headers) in `text`. */
export function maskSecrets(text: string, secrets: Iterable<string | null | undefined>): string {
  return createMasker(secrets)(text);
}
