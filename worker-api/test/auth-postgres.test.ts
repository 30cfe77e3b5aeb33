import { orgs } from '@mos/db';
import { testPostgresUrl } from '@mos/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newTenant, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ databaseUrl: testPostgresUrl() });
});
afterAll(async () => {
  await t.close();
});

describe('first sight of an organization on PostgreSQL', () => {
  it('creates exactly one org row under 20 concurrent first requests', async () => {
    const tenant = await newTenant(t, 'Race Agency');
    // Twenty different users, so the per-process member cache cannot collapse the requests:
    // every one reaches the database's upsert at the same time.
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        tenant.token(i % 2 ? 'member' : 'admin', `u${i}-${tenant.orgId}@race.test`),
      ),
    );
    const results = await Promise.all(tokens.map((tok) => t.client(tok).me.get.query()));
    const orgIds = new Set(results.map((r) => r.org.id));
    expect(orgIds.size).toBe(1);
    expect(new Set(results.map((r) => r.userId)).size).toBe(20);
    const rows = await t.database.db.select().from(orgs).where(eq(orgs.externalId, tenant.orgId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.name).toBe('Race Agency');
  });
});
