import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { orgSecrets } from '../schema/org-secrets';

/**
 * Org secrets, encrypted with AES-256-GCM (WebCrypto: the same code on Node and Workers) under the key in
 * `MOS_SECRETS_KEY` (base64 of 32 bytes). Values go in and come out only here; lists carry names and dates.
 * The org id and the name are the GCM additional data, so a ciphertext moved to another row does not decrypt.
 */
export class SecretsKeyError extends Error {
  readonly reason = 'secrets_key';
}

/** WebCrypto's key type, named without the DOM lib. */
export type SecretsKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

export const SECRET_NAME_PATTERN = /^[A-Z][A-Z0-9_]{1,99}$/;

export async function importSecretsKey(base64: string | undefined): Promise<SecretsKey> {
  if (!base64) throw new SecretsKeyError('MOS_SECRETS_KEY is not set');
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) as Uint8Array<ArrayBuffer>;
  } catch {
    throw new SecretsKeyError('MOS_SECRETS_KEY is not base64');
  }
  if (raw.byteLength !== 32) throw new SecretsKeyError('MOS_SECRETS_KEY must be 32 bytes (base64)');
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

const toBase64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text: string) =>
  Uint8Array.from(atob(text), (c) => c.charCodeAt(0)) as Uint8Array<ArrayBuffer>;
const aad = (orgId: string, name: string) => new TextEncoder().encode(`${orgId}:${name}`);

export interface SecretSummary {
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Creates or replaces the secret `name` of the org. */
export async function putSecret(db: Queryable, key: SecretsKey, orgId: string, name: string, value: string) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: aad(orgId, name) },
    key,
    new TextEncoder().encode(value),
  );
  const row = { orgId, name, ciphertext: toBase64(ciphertext), iv: toBase64(iv) };
  await db
    .insert(orgSecrets)
    .values(row)
    .onConflictDoUpdate({
      target: [orgSecrets.orgId, orgSecrets.name],
      set: { ciphertext: row.ciphertext, iv: row.iv, updatedAt: new Date() },
    });
}

export async function listSecrets(db: Queryable, orgId: string): Promise<SecretSummary[]> {
  return db
    .select({ name: orgSecrets.name, createdAt: orgSecrets.createdAt, updatedAt: orgSecrets.updatedAt })
    .from(orgSecrets)
    .where(eq(orgSecrets.orgId, orgId))
    .orderBy(asc(orgSecrets.name));
}

/** The secret's value, or null when the org has no secret of that name. */
export async function readSecret(
  db: Queryable,
  key: SecretsKey,
  orgId: string,
  name: string,
): Promise<string | null> {
  const [row] = await db
    .select({ ciphertext: orgSecrets.ciphertext, iv: orgSecrets.iv })
    .from(orgSecrets)
    .where(and(eq(orgSecrets.orgId, orgId), eq(orgSecrets.name, name)));
  if (!row) return null;
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(row.iv), additionalData: aad(orgId, name) },
    key,
    fromBase64(row.ciphertext),
  );
  return new TextDecoder().decode(plain);
}

export async function deleteSecret(db: Queryable, orgId: string, name: string): Promise<boolean> {
  const rows = await db
    .delete(orgSecrets)
    .where(and(eq(orgSecrets.orgId, orgId), eq(orgSecrets.name, name)))
    .returning({ id: orgSecrets.id });
  return rows.length > 0;
}
