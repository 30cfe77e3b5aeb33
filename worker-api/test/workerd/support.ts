/** Calling the Worker entry the way a browser does: tRPC's plain-JSON HTTP shape, Clerk session tokens. */
import { exports } from 'cloudflare:workers';
import { importPKCS8, type JWTPayload, SignJWT } from 'jose';
import { inject } from 'vitest';
import type { WorkerdSuiteContext } from './provided';

export const suite: WorkerdSuiteContext = inject('workerd');
const ORIGIN = 'https://api.mos.test';

export function call(
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
export const query = (procedure: string, input: unknown, token?: string) =>
  call(`/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { token });

/** POST /trpc/<procedure> with a JSON body, the mutation shape. */
export const mutate = (procedure: string, input: unknown, token?: string) =>
  call(`/trpc/${procedure}`, { method: 'POST', body: input, token });

/** The `result.data` of a tRPC answer; fails the test with the body when the call did not succeed. */
export async function data<T>(res: Response | Promise<Response>): Promise<T> {
  const r = await res;
  const text = await r.text();
  if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${text}`);
  return (JSON.parse(text) as { result: { data: T } }).result.data;
}

let instanceKey: Promise<CryptoKey> | undefined;

/** A session token in Clerk's v2 claim shape, signed with the Clerk instance's key unless told otherwise. */
export async function sessionToken(opts: { key?: CryptoKey; claims?: JWTPayload } = {}): Promise<string> {
  instanceKey ??= importPKCS8(suite.clerkPrivateKeyPem, 'RS256');
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
    .sign(opts.key ?? (await instanceKey));
}

export interface StandInStats {
  httpQueries: number;
  wsConnections: number;
}

export async function standInStats(): Promise<StandInStats> {
  const res = await fetch(suite.standInStatsUrl);
  return (await res.json()) as StandInStats;
}
