/**
 * The Worker entry (/wrangler.toml `main`) running in workerd, in production mode with Clerk auth,
 * answering over the Neon driver path: its queries go to the Neon stand-in (HTTP /sql and the
 * WebSocket relay) in front of the real test PostgreSQL that global-setup.ts migrated and seeded.
 */
import { exports } from 'cloudflare:workers';
import { exportPKCS8, generateKeyPair, importPKCS8, type JWTPayload, SignJWT } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { WorkerdSuiteContext } from './provided';

const suite: WorkerdSuiteContext = inject('workerd');
const ORIGIN = 'https://api.mos.test';

interface StandInStats {
  httpQueries: number;
  wsConnections: number;
}

async function standInStats(): Promise<StandInStats> {
  const res = await fetch(suite.standInStatsUrl);
  return (await res.json()) as StandInStats;
}

function call(
  path: string,
  init: { token?: string; method?: string; body?: unknown } = {},
): Promise<Response> {
  const headers = new Headers();
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers, body }),
  );
}

/** GET /trpc/<procedure>?input=<json>, the query shape of tRPC's plain JSON link. */
const query = (procedure: string, input: unknown, token?: string) =>
  call(`/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { token });

/** POST /trpc/<procedure> with a JSON body, the mutation shape. */
const mutate = (procedure: string, input: unknown, token?: string) =>
  call(`/trpc/${procedure}`, { method: 'POST', body: input, token });

interface ClientItem {
  id: string;
  name: string;
}
interface ListAnswer {
  result: { data: { items: ClientItem[]; nextCursor: string | null } };
}

let signingKey: CryptoKey;
let foreignKey: CryptoKey;

/** A session token in Clerk's v2 claim shape, signed with the Clerk instance's key unless told otherwise. */
async function sessionToken(opts: { key?: CryptoKey; claims?: JWTPayload } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: suite.clerkIssuer,
    sub: `user_workerd_${suite.orgSlug}`,
    azp: suite.clerkAuthorizedParty,
    sid: `sess_${crypto.randomUUID().replaceAll('-', '')}`,
    iat: now - 5,
    nbf: now - 5,
    exp: now + 60,
    v: 2,
    o: { id: suite.orgExternalId, rol: 'admin', slg: suite.orgSlug },
    ...opts.claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'ins_workerd_test', typ: 'JWT' })
    .sign(opts.key ?? signingKey);
}

beforeAll(async () => {
  signingKey = await importPKCS8(suite.clerkPrivateKeyPem, 'RS256');
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
