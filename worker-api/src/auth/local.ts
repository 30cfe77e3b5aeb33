import { localUserIdFor, type UserRole } from '@mos/db';
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, SignJWT } from 'jose';

/** Issuer of local-mode tokens; verified like Clerk's, with the public key as `jwtKey`. */
export const LOCAL_ISSUER = 'https://local.mos.invalid';

export interface LocalKeys {
  kid: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

export async function generateLocalKeys(): Promise<LocalKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    kid: `local-${crypto.randomUUID()}`,
    privateKeyPem: await exportPKCS8(privateKey),
    publicKeyPem: await exportSPKI(publicKey),
  };
}

export interface LocalTokenRequest {
  email: string;
  orgId: string;
  orgName?: string | undefined;
  role: UserRole;
  name?: string | undefined;
}

/** Signs a token in Clerk's session-token claim shape (v2 `o` claim) for a local user and org. */
export async function issueLocalToken(
  keys: LocalKeys,
  req: LocalTokenRequest,
  opts: { authorizedParty: string; ttlSeconds?: number },
): Promise<string> {
  const key = await importPKCS8(keys.privateKeyPem, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    azp: opts.authorizedParty,
    sid: `sess_local_${crypto.randomUUID()}`,
    v: 2,
    o: { id: req.orgId, rol: req.role, slg: req.orgName ?? req.orgId },
    email: req.email.toLowerCase(),
    name: req.name ?? null,
    org_name: req.orgName ?? req.orgId,
  })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
    .setSubject(await localUserIdFor(req.email))
    .setIssuer(LOCAL_ISSUER)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + (opts.ttlSeconds ?? 8 * 3600))
    .sign(key);
}

/** How the dev sign-in route issues a token; built by the Node entry, so the Workers bundle carries no signer. */
export type LocalSignIn = (req: LocalTokenRequest, opts: { authorizedParty: string }) => Promise<string>;

export function localSignIn(keys: LocalKeys): LocalSignIn {
  return (req, opts) => issueLocalToken(keys, req, opts);
}
