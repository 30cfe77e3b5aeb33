import { verifyToken } from '@clerk/backend';
import { DomainError } from '../errors';
import { type Identity, identityFromClaims } from './claims';
import { LOCAL_ISSUER } from './local';

export interface VerifierConfig {
  mode: 'clerk' | 'local';
  /** PEM public key: Clerk's (networkless) or the local signing key's. */
  jwtKey?: string | undefined;
  secretKey?: string | undefined;
  issuer?: string | undefined;
  authorizedParties: string[];
}

export type TokenVerifier = (token: string) => Promise<Identity>;

const CACHE_MAX = 10_000;

/**
 * Verifies session tokens through Clerk's own `verifyToken`, in both Clerk and local mode.
 * A token that verified is remembered until its `exp` (a signed token cannot change), so repeat
 * requests skip the RSA work; every use still re-checks expiry.
 */
export function createTokenVerifier(config: VerifierConfig): TokenVerifier {
  const verified = new Map<string, { identity: Identity; expMs: number }>();
  const verifyFresh = createUncachedVerifier(config);
  return async (token) => {
    const hit = verified.get(token);
    if (hit) {
      if (Date.now() < hit.expMs) return hit.identity;
      verified.delete(token);
    }
    const { identity, exp } = await verifyFresh(token);
    if (verified.size >= CACHE_MAX) verified.clear();
    verified.set(token, { identity, expMs: exp * 1000 });
    return identity;
  };
}

function createUncachedVerifier(config: VerifierConfig) {
  const issuer = config.mode === 'local' ? LOCAL_ISSUER : config.issuer;
  return async (token: string): Promise<{ identity: Identity; exp: number }> => {
    let claims: Record<string, unknown>;
    try {
      // Clerk's verifyToken resolves to the payload and throws TokenVerificationError on any failure.
      claims = (await verifyToken(token, {
        jwtKey: config.jwtKey,
        secretKey: config.jwtKey ? undefined : config.secretKey,
        authorizedParties: config.authorizedParties.length > 0 ? config.authorizedParties : undefined,
        ...(issuer ? { issuer } : {}),
      })) as unknown as Record<string, unknown>;
    } catch (err) {
      const reason = err instanceof Error ? err.message : 'rejected';
      throw new DomainError('UNAUTHORIZED', `invalid session token: ${reason}`, { cause: err });
    }
    try {
      return { identity: identityFromClaims(claims), exp: Number(claims.exp) };
    } catch (err) {
      throw new DomainError('UNAUTHORIZED', 'invalid session token: no subject', { cause: err });
    }
  };
}
