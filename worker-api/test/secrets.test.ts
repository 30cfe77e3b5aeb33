import { importSecretsKey, listAudit, orgSecrets, readSecret } from '@mos/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failure, fieldPaths, newTenant, type TestApp } from './support/harness';

/** Org secrets through the API: admin only, values in and never out (not in any answer, not in the audit log). */
const KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const VALUE = `EAAB-${crypto.randomUUID()}-very-secret`;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { MOS_SECRETS_KEY: KEY } });
});
afterAll(async () => {
  await t.close();
});

describe('secrets', () => {
  it('sets, lists (names and dates only), replaces and deletes a secret; the value never comes back', async () => {
    const tenant = await newTenant(t);
    const admin = t.client(tenant.admin);
    const answers: unknown[] = [];
    const set = await admin.secrets.set.mutate({ name: 'META_CAPI_TOKEN', value: VALUE });
    answers.push(set);
    expect(Object.keys(set).sort()).toEqual(['createdAt', 'name', 'updatedAt']);
    const listed = await admin.secrets.list.query();
    answers.push(listed);
    expect(listed.map((s) => s.name)).toEqual(['META_CAPI_TOKEN']);
    const replaced = await admin.secrets.set.mutate({ name: 'META_CAPI_TOKEN', value: `${VALUE}-2` });
    answers.push(replaced);
    // Stored encrypted; the API's key decrypts the latest value.
    const orgId = (await admin.me.get.query()).org.id;
    const [row] = await t.database.db.select().from(orgSecrets).where(eq(orgSecrets.orgId, orgId));
    expect(row?.ciphertext).not.toContain(VALUE);
    expect(await readSecret(t.database.db, await importSecretsKey(KEY), orgId, 'META_CAPI_TOKEN')).toBe(
      `${VALUE}-2`,
    );
    const deleted = await admin.secrets.delete.mutate({ name: 'META_CAPI_TOKEN' });
    answers.push(deleted);
    expect(deleted).toEqual({ name: 'META_CAPI_TOKEN', deleted: true });
    expect(await admin.secrets.list.query()).toEqual([]);
    const audit = await listAudit(t.database.db, orgId);
    expect(audit.map((a) => a.action).sort()).toEqual(['secret.delete', 'secret.set', 'secret.set']);
    for (const answer of [...answers, audit]) expect(JSON.stringify(answer)).not.toContain(VALUE);
  });

  it('refuses a badly formed name naming the field, an unknown name NOT_FOUND, non-admins FORBIDDEN', async () => {
    const tenant = await newTenant(t);
    const admin = t.client(tenant.admin);
    const bad = await failure(admin.secrets.set.mutate({ name: 'meta-token', value: VALUE }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(fieldPaths(bad)).toEqual(['name']);
    expect(JSON.stringify(bad)).not.toContain(VALUE);
    expect((await failure(admin.secrets.delete.mutate({ name: 'NOT_THERE' }))).code).toBe('NOT_FOUND');
    for (const token of [tenant.operator, tenant.member]) {
      const api = t.client(token);
      expect((await failure(api.secrets.set.mutate({ name: 'X_TOKEN', value: VALUE }))).code).toBe(
        'FORBIDDEN',
      );
      expect((await failure(api.secrets.list.query())).code).toBe('FORBIDDEN');
    }
  });

  it('answers PRECONDITION_FAILED naming MOS_SECRETS_KEY when the API has no key', async () => {
    const keyless = await createTestApp();
    try {
      const tenant = await newTenant(keyless);
      const admin = keyless.client(tenant.admin);
      const calls = [
        () => admin.secrets.set.mutate({ name: 'META_CAPI_TOKEN', value: VALUE }),
        () => admin.secrets.list.query(),
        () => admin.secrets.delete.mutate({ name: 'META_CAPI_TOKEN' }),
      ];
      for (const call of calls) {
        const refused = await failure(call());
        expect(refused.code).toBe('PRECONDITION_FAILED');
        expect(refused.message).toContain('MOS_SECRETS_KEY');
        expect(fieldPaths(refused)).toEqual(['MOS_SECRETS_KEY']);
      }
    } finally {
      await keyless.close();
    }
  });
});
