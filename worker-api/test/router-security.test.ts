import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ISSUER } from '../src/auth/local';
import { appRouter } from '../src/routers/index';
import { createTestApp, newTenant, type TestApp, WEB_ORIGIN } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription' };
}

/** Every procedure of appRouter, by path, walked from the router itself so new ones cannot be missed. */
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).map(
  ([path, p]) => ({
    path,
    type: p._def.type,
  }),
);

async function call(path: string, type: string, token: string | null): Promise<Response> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (type === 'query') {
    return t.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify({}))}`, { headers });
  }
  return t.request(`/trpc/${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({}),
  });
}

describe('every procedure of appRouter', () => {
  it('has procedures to walk', () => {
    expect(procedures.map((p) => p.path)).toEqual(expect.arrayContaining(['me.get', 'clients.list']));
  });

  it('answers 401 without a token and with a forged one', async () => {
    const forged = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    for (const p of procedures) {
      for (const token of [null, forged]) {
        const res = await call(p.path, p.type, token);
        expect({ path: p.path, token: Boolean(token), status: res.status }).toEqual({
          path: p.path,
          token: Boolean(token),
          status: 401,
        });
      }
    }
  });

  it('answers 403 to a valid token with no organization', async () => {
    const key = await importPKCS8(t.keys.privateKeyPem, 'RS256');
    const now = Math.floor(Date.now() / 1000);
    const noOrg = await new SignJWT({ azp: WEB_ORIGIN, v: 2 })
      .setProtectedHeader({ alg: 'RS256', kid: t.keys.kid })
      .setSubject('user_no_org')
      .setIssuer(LOCAL_ISSUER)
      .setIssuedAt(now - 5)
      .setNotBefore(now - 5)
      .setExpirationTime(now + 300)
      .sign(key);
    for (const p of procedures) {
      const res = await call(p.path, p.type, noOrg);
      expect({ path: p.path, status: res.status }).toEqual({ path: p.path, status: 403 });
    }
  });

  it('never answers 500 to an authenticated call with empty input', async () => {
    const tenant = await newTenant(t);
    for (const p of procedures) {
      const res = await call(p.path, p.type, tenant.admin);
      expect({ path: p.path, ok: res.status < 500 }).toEqual({ path: p.path, ok: true });
    }
  });
});
