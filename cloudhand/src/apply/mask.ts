/**
 * Masking: every line that reaches a reporter passes through a masker holding the secrets known so far (the
 * hcloud and git tokens, resolved env values). Credentials in URLs and Authorization headers are masked too, so a
 * secret nobody registered (a token typed into a repo URL) does not leak either.
 */
export const MASK = '***';

const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi;
const AUTH_HEADER = /(authorization:\s*(?:basic|bearer|token)\s+)\S+/gi;

export interface Masker {
  (text: string): string;
  /** Registers more secret values (empty ones are ignored). */
  add(...secrets: (string | null | undefined)[]): void;
}

/** Literal forms a secret can take in output: itself, each line of a multi-line one, base64 of itself. */
function forms(secret: string): string[] {
  const out = [secret];
  for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 8) out.push(line.trim());
  if (secret.length >= 8) out.push(Buffer.from(secret).toString('base64'));
  return out;
}

export function createMasker(secrets: (string | null | undefined)[] = []): Masker {
  let values: string[] = [];
  const mask = ((text: string) => {
    let out = text;
    for (const v of values) if (out.includes(v)) out = out.split(v).join(MASK);
    return out.replace(URL_CREDENTIALS, `$1${MASK}@`).replace(AUTH_HEADER, `$1${MASK}`);
  }) as Masker;
  mask.add = (...more) => {
    const set = new Set(values);
    for (const s of more) if (s) for (const f of forms(s)) set.add(f);
    // Longest first, so a secret that contains another is masked whole.
    values = [...set].sort((a, b) => b.length - a.length);
  };
  mask.add(...secrets);
  return mask;
}

/** Masks `secrets` (and URL credentials, Authorization headers) in `text`. */
export function maskSecrets(text: string, secrets: (string | null | undefined)[]): string {
  return createMasker(secrets)(text);
}
