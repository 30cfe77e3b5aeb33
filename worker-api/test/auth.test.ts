import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app';
import { generateLocalKeys, LOCAL_ISSUER, localSignIn } from '../src/auth/local';
import { parseApiEnv } from '../src/env';
import { MemoryWorkflowGateway } from '../src/gateway/memory';
import { buildServices } from '../src/services';
import { createTestApp, failure, newTenant, type TestApp, WEB_ORIGIN } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** What the Node entry passes for a caller on this machine. */
const LOOPBACK = { peerAddress: '127.0.0.1' };

interface Claims {
  [k: string]: unknown;
}

/** Signs arbitrary claims with the harness key (or another), so each check varies exactly one thing. */
async function sign(claims: Claims, opts: { pem?: string; iat?: number; exp?: number; kid?: string } = {}) {
  const key = await importPKCS8(opts.pem ?? t.keys.privateKeyPem, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ azp: WEB_ORIGIN, v: 2, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? t.keys.kid, typ: 'JWT' })
    .setSubject(String(claims.sub ?? `user_${crypto.randomUUID()}`))
    .setIssuer(String(claims.iss ?? LOCAL_ISSUER))
    .setIssuedAt(opts.iat ?? now - 10)
    .setNotBefore(opts.iat ?? now - 10)
    .setExpirationTime(opts.exp ?? now + 600)
    .sign(key);
}

const orgClaim = (role = 'org:admin') => ({
  o: { id: `org_${crypto.randomUUID().slice(0, 8)}`, rol: role, slg: 'acme' },
});

describe('session tokens', () => {
  it('accepts a valid token and maps the org role (with or without the org: prefix)', async () => {
    const me = await t.client(await sign(orgClaim('org:operator'))).me.get.query();
    expect(me.role).toBe('operator');
    const bare = await t.client(await sign(orgClaim('admin'))).me.get.query();
    expect(bare.role).toBe('admin');
    const other = await t.client(await sign(orgClaim('org:billing_viewer'))).me.get.query();
    expect(other.role).toBe('member');
  });

  it('falls back to the custom org_id / org_role claims', async () => {
    const orgId = `org_${crypto.randomUUID().slice(0, 8)}`;
    const me = await t.client(await sign({ org_id: orgId, org_role: 'org:admin' })).me.get.query();
    expect(me).toMatchObject({ role: 'admin', org: { externalId: orgId } });
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await sign(orgClaim(), { iat: now - 7200, exp: now - 3600 });
    const f = await failure(t.client(token).clients.list.query({}));
    expect(f.code).toBe('UNAUTHORIZED');
    expect(f.message).toMatch(/expired/i);
  });

  it('refuses a token from another issuer', async () => {
    const f = await failure(
      t.client(await sign({ ...orgClaim(), iss: 'https://evil.example' })).clients.list.query({}),
    );
    expect(f.code).toBe('UNAUTHORIZED');
    expect(f.message).toMatch(/issuer/i);
  });

  it('refuses a token for another authorized party', async () => {
    const f = await failure(
      t.client(await sign({ ...orgClaim(), azp: 'https://phish.example' })).clients.list.query({}),
    );
    expect(f.code).toBe('UNAUTHORIZED');
    expect(f.message).toMatch(/authorized party|azp/i);
  });

  it('refuses a tampered signature and a token signed by another key', async () => {
    const good = await sign(orgClaim());
    const [h, p, s] = good.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Claims;
    const forged = Buffer.from(
      JSON.stringify({ ...payload, o: { id: 'org_victim', rol: 'admin' } }),
    ).toString('base64url');
    expect((await failure(t.client(`${h}.${forged}.${s}`).clients.list.query({}))).code).toBe('UNAUTHORIZED');
    const flipped = `${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect((await failure(t.client(flipped).clients.list.query({}))).code).toBe('UNAUTHORIZED');
    const stranger = await generateLocalKeys();
    const foreign = await sign(orgClaim(), { pem: stranger.privateKeyPem, kid: stranger.kid });
    expect((await failure(t.client(foreign).clients.list.query({}))).code).toBe('UNAUTHORIZED');
  });

  it('refuses garbage and a missing token', async () => {
    expect((await failure(t.client('not.a.jwt').clients.list.query({}))).code).toBe('UNAUTHORIZED');
    expect((await failure(t.client(null).me.get.query())).code).toBe('UNAUTHORIZED');
  });

  it('answers FORBIDDEN "select an organization" when the token has no organization', async () => {
    const f = await failure(t.client(await sign({})).clients.list.query({}));
    expect(f.code).toBe('FORBIDDEN');
    expect(f.message).toBe('select an organization');
  });

  it('creates an org and a user on first sight, once', async () => {
    const tenant = await newTenant(t, 'First Sight Agency');
    const api = t.client(tenant.admin);
    const a = await api.me.get.query();
    const b = await api.me.get.query();
    expect(a.org).toEqual(b.org);
    expect(a.org.name).toBe('First Sight Agency');
    const again = await t.client(await tenant.token('member', 'someone@agency.test')).me.get.query();
    expect(again.org.id).toBe(a.org.id);
    expect(again.userId).not.toBe(a.userId);
  });
});

describe('per-process caches', () => {
  it('stops serving a cached token once its exp has passed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await sign(orgClaim('org:admin'), { iat: now - 10, exp: now + 30 });
    const api = t.client(token);
    expect((await api.me.get.query()).role).toBe('admin');
    // The verified token is cached now; two minutes on, it is past exp (and past Clerk's clock skew).
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 120_000);
      const f = await failure(api.me.get.query());
      expect(f.code).toBe('UNAUTHORIZED');
      expect(f.message).toMatch(/expired/i);
    } finally {
      vi.useRealTimers();
    }
  });

  it('applies a demotion at once: the member cache is keyed on the role the token carries', async () => {
    const tenant = await newTenant(t);
    const email = `dana-${tenant.orgId}@agency.test`;
    const asAdmin = t.client(await tenant.token('admin', email));
    const client = await asAdmin.clients.create.mutate({
      name: 'Demotion Co',
      primaryMarkets: ['US'],
      primaryLanguages: ['en'],
    });
    expect((await asAdmin.me.get.query()).role).toBe('admin');
    // Same user, next token after the org demoted them (Clerk issues tokens for a minute at a time).
    const asMember = t.client(await tenant.token('member', email));
    const me = await asMember.me.get.query();
    expect(me).toMatchObject({ role: 'member', email });
    expect((await failure(asMember.clients.remove.mutate({ id: client.id }))).code).toBe('FORBIDDEN');
  });
});

describe('local sign-in route', () => {
  it('issues a token for a chosen user, org and role that the API accepts', async () => {
    const res = await t.request(
      '/auth/local/token',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'Dana@Agency.test',
          orgId: 'org_local_route',
          orgName: 'Route Co',
          role: 'operator',
        }),
      },
      LOOPBACK,
    );
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const me = await t.client(token).me.get.query();
    expect(me).toMatchObject({
      email: 'dana@agency.test',
      role: 'operator',
      org: { externalId: 'org_local_route', name: 'Route Co' },
    });
  });

  it('names the bad fields', async () => {
    const res = await t.request(
      '/auth/local/token',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nope', orgId: 'has spaces', role: 'owner' }),
      },
      LOOPBACK,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fieldErrors: { path: string[] }[] } };
    expect(body.error.fieldErrors.map((f) => f.path.join('.')).sort()).toEqual(['email', 'orgId', 'role']);
  });

  it('answers loopback peers only: its own guard reads the socket address the entry passes in', async () => {
    const ask = (bindings: unknown, headers: Record<string, string> = {}) =>
      t.request(
        '/auth/local/token',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ email: 'a@agency.test', orgId: 'org_guard', role: 'admin' }),
        },
        bindings,
      );
    for (const peerAddress of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect((await ask({ peerAddress })).status, peerAddress).toBe(200);
    }
    for (const bindings of [
      { peerAddress: '10.1.2.3' },
      { peerAddress: '192.0.2.7' },
      { peerAddress: '::ffff:10.0.0.1' },
      { peerAddress: '2001:db8::1' },
      { peerAddress: '128.0.0.1' },
      { peerAddress: '' },
      {},
      undefined,
    ]) {
      const res = await ask(bindings, { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' });
      expect(res.status, JSON.stringify(bindings)).toBe(403);
      expect(await res.json()).toEqual({
        error: { code: 'FORBIDDEN', message: 'local sign-in answers loopback callers only' },
      });
    }
  });

  it('does not exist when Clerk is configured or in production', async () => {
    for (const source of [
      { AUTH_MODE: 'clerk', CLERK_JWT_KEY: t.keys.publicKeyPem, MOS_ENV: 'development' },
      { AUTH_MODE: 'clerk', CLERK_JWT_KEY: t.keys.publicKeyPem, MOS_ENV: 'production' },
    ]) {
      const env = parseApiEnv({ DATABASE_URL: 'pglite:memory', ...source });
      const services = buildServices({ env, database: t.database, gateway: new MemoryWorkflowGateway() });
      const app = createApp({ env, services, localSignIn: localSignIn(t.keys) });
      const res = await app.request('http://mos.test/auth/local/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@b.co', orgId: 'org_x', role: 'admin' }),
      });
      expect(res.status).toBe(404);
    }
    expect(() =>
      parseApiEnv({ DATABASE_URL: 'pglite:memory', MOS_ENV: 'production', AUTH_MODE: 'local' }),
    ).toThrow(/AUTH_MODE: local auth is not allowed in production/);
  });
});

describe('environment', () => {
  it('starts only when the auth mode is asked for: neither AUTH_MODE nor Clerk keys fails, naming them', () => {
    let message = '';
    try {
      parseApiEnv({ DATABASE_URL: 'pglite:memory', MOS_ENV: 'development' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/AUTH_MODE: .*CLERK_SECRET_KEY.*CLERK_JWT_KEY.*AUTH_MODE=local/);
    expect(parseApiEnv({ DATABASE_URL: 'pglite:memory', AUTH_MODE: 'local' }).AUTH_MODE).toBe('local');
    expect(parseApiEnv({ DATABASE_URL: 'pglite:memory', CLERK_JWT_KEY: t.keys.publicKeyPem }).AUTH_MODE).toBe(
      'clerk',
    );
    expect(() =>
      parseApiEnv({ DATABASE_URL: 'pglite:memory', AUTH_MODE: 'local', MOS_ENV: 'production' }),
    ).toThrow(/AUTH_MODE: local auth is not allowed in production/);
  });

  it('names a missing variable without printing values', () => {
    let message = '';
    try {
      parseApiEnv({ AUTH_MODE: 'clerk', CLERK_ISSUER: 'not a url with secret-xyz' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/CLERK_ISSUER/);
    expect(message).not.toMatch(/secret-xyz/);
    expect(() => parseApiEnv({ AUTH_MODE: 'clerk', DATABASE_URL: 'postgres://u:hunter2@db/x' })).toThrow(
      /CLERK_SECRET_KEY: required when AUTH_MODE=clerk/,
    );
    try {
      parseApiEnv({ AUTH_MODE: 'clerk', DATABASE_URL: 'postgres://u:hunter2@db/x' });
    } catch (err) {
      expect((err as Error).message).not.toMatch(/hunter2/);
    }
  });
});

describe('request limits', () => {
  it('refuses bodies over 1 MB with 413', async () => {
    const tenant = await newTenant(t);
    const res = await t.request('/trpc/clients.create', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.admin}` },
      body: JSON.stringify({ name: 'x', industry: 'y'.repeat(1_100_000) }),
    });
    expect(res.status).toBe(413);
  });
});
