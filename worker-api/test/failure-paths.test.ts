import { campaigns, workflowRuns } from '@mos/db';
import { createDb, migrate } from '@mos/db/node';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { generateLocalKeys, issueLocalToken, localSignIn } from '../src/auth/local';
import { parseApiEnv } from '../src/env';
import { buildServices } from '../src/services';
import { TestWorkflowGateway } from './support/gateway';
import { WEB_ORIGIN } from './support/harness';

/**
 * An app of its own (its own PGlite), because these tests break the database on purpose; `logged` holds what
 * the app reported through onError, where the real cause must still be visible to whoever runs the server.
 */
async function brokenApp() {
  const database = await createDb('pglite:memory');
  await migrate(database);
  const keys = await generateLocalKeys();
  const env = parseApiEnv({
    MOS_ENV: 'test',
    DATABASE_URL: 'pglite:memory',
    AUTH_MODE: 'local',
    WEB_ORIGINS: WEB_ORIGIN,
  });
  const gateway = new TestWorkflowGateway();
  const logged: unknown[] = [];
  const app = createApp({
    env,
    services: buildServices({ env, database, gateway, localKeys: keys }),
    localSignIn: localSignIn(keys),
    onError: (err) => logged.push(err),
  });
  const orgId = `org_broken_${crypto.randomUUID().slice(0, 8)}`;
  const token = await issueLocalToken(
    keys,
    { email: `op@${orgId}.test`, orgId, role: 'admin' },
    { authorizedParty: WEB_ORIGIN },
  );
  const call = async (path: string, input: unknown, method: 'GET' | 'POST') => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const res =
      method === 'GET'
        ? await app.request(
            `http://mos.test/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
            {
              headers,
            },
          )
        : await app.request(`http://mos.test/trpc/${path}`, { method, headers, body: JSON.stringify(input) });
    return { status: res.status, text: await res.text() };
  };
  return { database, gateway, logged, call };
}

let b: Awaited<ReturnType<typeof brokenApp>>;
beforeAll(async () => {
  b = await brokenApp();
});
afterAll(async () => {
  await b.database.close();
});

describe('internal errors', () => {
  it('never send the SQL or driver text to the client, and still report the cause to the server log', async () => {
    // Resolve the member first, so the failure below is the procedure's own query.
    const client = await b.call(
      'clients.create',
      { name: 'Leak Co', primaryMarkets: ['US'], primaryLanguages: ['en'] },
      'POST',
    );
    const clientId = (JSON.parse(client.text) as { result: { data: { id: string } } }).result.data.id;
    await b.database.db.execute(sql`alter table product_offers rename to product_offers_gone`);
    try {
      const res = await b.call('offers.list', { clientId }, 'GET');
      expect(res.status).toBe(500);
      const body = JSON.parse(res.text) as { error: { message: string; data: Record<string, unknown> } };
      expect(body.error.message).toBe('internal error');
      expect(body.error.data).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      expect(body.error.data.stack).toBeUndefined();
      for (const leak of ['product_offers', 'relation', 'select', 'does not exist', '42P01']) {
        expect(res.text.toLowerCase()).not.toContain(leak.toLowerCase());
      }
      const reported = b.logged.map((e) => String((e as Error).message ?? e)).join('\n');
      expect(reported).toMatch(/product_offers/);
    } finally {
      await b.database.db.execute(sql`alter table product_offers_gone rename to product_offers`);
    }
  });
});

describe('startWorkflowRun', () => {
  it('cancels the workflow it started when the run row cannot be written, leaving no run behind', async () => {
    const me = JSON.parse((await b.call('me.get', {}, 'GET')).text) as {
      result: { data: { org: { id: string } } };
    };
    const orgId = me.result.data.org.id;
    const client = JSON.parse(
      (
        await b.call(
          'clients.create',
          { name: 'Acme', primaryMarkets: ['US'], primaryLanguages: ['en'] },
          'POST',
        )
      ).text,
    ) as { result: { data: { id: string } } };
    const [campaign] = await b.database.db
      .insert(campaigns)
      .values({ orgId, clientId: client.result.data.id, name: 'Spring' })
      .returning();
    if (!campaign) throw new Error('campaign insert failed');
    // The run row insert fails after Temporal has accepted the start (a real database error, from a trigger).
    await b.database.db.execute(sql`
      create function refuse_run() returns trigger language plpgsql as $$
      begin raise exception 'run rows are refused for this test'; end $$`);
    await b.database.db.execute(
      sql`create trigger refuse_run before insert on workflow_runs for each row execute function refuse_run()`,
    );
    try {
      const res = await b.call('campaigns.testRun', { id: campaign.id }, 'POST');
      expect(res.status).toBe(500);
      const started = b.gateway.calls.flatMap((c) => (c.op === 'start' ? [c.req.workflowId] : []));
      expect(started).toHaveLength(1);
      const workflowId = started[0] ?? '';
      expect(b.gateway.calls.filter((c) => c.op === 'cancel')).toEqual([{ op: 'cancel', workflowId }]);
      expect(b.gateway.isRunning(workflowId)).toBe(false);
      expect(await b.database.db.select().from(workflowRuns)).toHaveLength(0);
    } finally {
      await b.database.db.execute(sql`drop trigger refuse_run on workflow_runs`);
      await b.database.db.execute(sql`drop function refuse_run()`);
    }
  });
});
