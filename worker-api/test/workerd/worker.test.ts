/**
 * The Worker entry (/wrangler.toml `main`) running in workerd, in production mode with Clerk auth,
 * answering over the Neon driver path: its queries go to the Neon stand-in (HTTP /sql and the
 * WebSocket relay) in front of the real test PostgreSQL that global-setup.ts migrated and seeded.
 */
import { exportPKCS8, generateKeyPair, importPKCS8 } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, mutate, query, sessionToken, standInStats, suite } from './support';

interface ClientItem {
  id: string;
  name: string;
}
interface ListAnswer {
  result: { data: { items: ClientItem[]; nextCursor: string | null } };
}

let foreignKey: CryptoKey;

beforeAll(async () => {
  const other = await generateKeyPair('RS256', { extractable: true });
  foreignKey = await importPKCS8(await exportPKCS8(other.privateKey), 'RS256');
});

describe('worker-api in workerd over the Neon driver path', () => {
  it('runs the production path: Clerk auth, Neon-shaped database host', () => {
    expect(suite.workerBindings).toMatchObject({ MOS_ENV: 'production', AUTH_MODE: 'clerk' });
    expect(suite.workerBindings.DATABASE_URL).toMatch(/@ep-workerd-test-[^/]+\.neon\.tech\//);
    expect(navigator.userAgent).toBe('Cloudflare-Workers');
  });

  it('GET /health answers without touching the database', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('GET /health/db pings PostgreSQL through Neon’s HTTP endpoint', async () => {
    const before = await standInStats();
    const res = await call('/health/db');
    expect(await res.json()).toEqual({ db: 'ok' });
    expect(res.status).toBe(200);
    expect((await standInStats()).httpQueries).toBeGreaterThan(before.httpQueries);
  });

  it('answers an authenticated clients.list from PostgreSQL', async () => {
    const before = await standInStats();
    const res = await query('clients.list', {}, await sessionToken());
    expect(res.status).toBe(200);
    const body = (await res.json()) as ListAnswer;
    expect(body.result.data.items.map((c) => c.name).sort()).toEqual([...suite.clientNames].sort());
    expect(body.result.data.nextCursor).toBeNull();
    const after = await standInStats();
    // The org/user upserts of first sight plus the list itself, all over HTTP /sql.
    expect(after.httpQueries).toBeGreaterThanOrEqual(before.httpQueries + 2);
  });

  it('runs an interactive transaction over the WebSocket relay (clients.remove)', async () => {
    const token = await sessionToken();
    const created = await mutate(
      'clients.create',
      { name: 'Doomed Donuts', primaryMarkets: [], primaryLanguages: [] },
      token,
    );
    expect(created.status).toBe(200);
    const { id } = ((await created.json()) as { result: { data: ClientItem } }).result.data;

    const before = await standInStats();
    const removed = await mutate('clients.remove', { id }, token);
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ result: { data: { id, removed: true } } });
    expect((await standInStats()).wsConnections).toBeGreaterThan(before.wsConnections);

    const list = (await (await query('clients.list', {}, token)).json()) as ListAnswer;
    expect(list.result.data.items.map((c) => c.name).sort()).toEqual([...suite.clientNames].sort());
  });

  describe('refuses callers it cannot verify with 401', () => {
    const unauthorized = async (res: Response) => {
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { data: { code: string } } };
      expect(body.error.data.code).toBe('UNAUTHORIZED');
    };

    it('no token', async () => {
      await unauthorized(await query('clients.list', {}));
    });

    it('a token signed by another key', async () => {
      await unauthorized(await query('clients.list', {}, await sessionToken({ key: foreignKey })));
    });

    it('a token for another authorized party (azp)', async () => {
      await unauthorized(
        await query('clients.list', {}, await sessionToken({ claims: { azp: 'https://evil.example' } })),
      );
    });

    it('a token from another issuer', async () => {
      await unauthorized(
        await query(
          'clients.list',
          {},
          await sessionToken({ claims: { iss: 'https://clerk.evil.example' } }),
        ),
      );
    });

    it('an expired token', async () => {
      const past = Math.floor(Date.now() / 1000) - 3600;
      await unauthorized(
        await query(
          'clients.list',
          {},
          await sessionToken({ claims: { iat: past - 60, nbf: past - 60, exp: past } }),
        ),
      );
    });
  });
});
