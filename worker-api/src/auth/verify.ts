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

/** Verifies session tokens through Clerk's own `verifyToken`, in both Clerk and local mode. */
export function createTokenVerifier(config: VerifierConfig): TokenVerifier {
  const issuer = config.mode === 'local' ? LOCAL_ISSUER : config.issuer;
  return async (token) => {
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
      return identityFromClaims(claims);
    } catch (err) {
      throw new DomainError('UNAUTHORIZED', 'invalid session token: no subject', { cause: err });
    }
  };
}
