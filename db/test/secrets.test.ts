import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  deleteSecret,
  importSecretsKey,
  listSecrets,
  putSecret,
  readSecret,
  SecretsKeyError,
} from '../src/data/secrets';
import type { Database } from '../src/db-type';
import { createDb, migrate } from '../src/node';
import { orgSecrets } from '../src/schema/org-secrets';
import { orgs } from '../src/schema/orgs';

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).map((_, i) => i * 7 + 1)));

describe('org secrets', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createDb('pglite:memory');
    await migrate(database);
  });
  afterAll(async () => {
    await database.close();
  });
  const newOrgs = async (n: number) => {
    const rows = await database.db
      .insert(orgs)
      .values(Array.from({ length: n }, (_, i) => ({ name: `Secrets Org ${i}` })))
      .returning({ id: orgs.id });
    return rows.map((r) => r.id);
  };

  test('round trip, stored only as ciphertext, scoped to the org', async () => {
    const key = await importSecretsKey(KEY);
    const [a, b] = await newOrgs(2);
    if (!a || !b) throw new Error('no orgs');
    const db = database.db;
    await putSecret(db, key, a, 'META_CAPI_TOKEN', 'EAAB-very-secret');
    const stored = await db.select().from(orgSecrets).where(eq(orgSecrets.orgId, a));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain('very-secret');
    expect(await readSecret(db, key, a, 'META_CAPI_TOKEN')).toBe('EAAB-very-secret');
    expect(await readSecret(db, key, b, 'META_CAPI_TOKEN')).toBeNull();
    expect((await listSecrets(db, a)).map((s) => s.name)).toEqual(['META_CAPI_TOKEN']);
    expect(await listSecrets(db, b)).toEqual([]);

    await putSecret(db, key, a, 'META_CAPI_TOKEN', 'rotated');
    expect(await readSecret(db, key, a, 'META_CAPI_TOKEN')).toBe('rotated');
    expect(await deleteSecret(db, b, 'META_CAPI_TOKEN')).toBe(false);
    expect(await deleteSecret(db, a, 'META_CAPI_TOKEN')).toBe(true);
    expect(await readSecret(db, key, a, 'META_CAPI_TOKEN')).toBeNull();
  });

  test('a ciphertext copied to another name or org does not decrypt', async () => {
    const key = await importSecretsKey(KEY);
    const [a] = await newOrgs(1);
    if (!a) throw new Error('no org');
    const db = database.db;
    await putSecret(db, key, a, 'HOOK_KEY', 'signing-key');
    const [row] = await db.select().from(orgSecrets).where(eq(orgSecrets.orgId, a));
    if (!row) throw new Error('no row');
    await db.insert(orgSecrets).values({ orgId: a, name: 'OTHER', ciphertext: row.ciphertext, iv: row.iv });
    await expect(readSecret(db, key, a, 'OTHER')).rejects.toThrow();
  });

  test('the key must be 32 bytes of base64', async () => {
    await expect(importSecretsKey(undefined)).rejects.toBeInstanceOf(SecretsKeyError);
    await expect(importSecretsKey(btoa('short'))).rejects.toThrow(/32 bytes/);
    await expect(importSecretsKey('%%%')).rejects.toThrow(/base64/);
  });
});
