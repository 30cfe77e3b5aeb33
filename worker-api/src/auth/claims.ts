import type { UserRole } from '@mos/db/contracts';

/** Who a verified token speaks for; `org` is null when the session has no active organization. */
export interface Identity {
  userId: string;
  email: string | null;
  name: string | null;
  org: { externalId: string; name: string; role: UserRole } | null;
}

/** `org:admin` → admin, `org:operator` → operator, anything else → member (prefix optional). */
export function mapRole(raw: unknown): UserRole {
  const role = typeof raw === 'string' ? raw.replace(/^org:/, '') : '';
  if (role === 'admin') return 'admin';
  if (role === 'operator') return 'operator';
  return 'member';
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * Reads Clerk session claims: v2 `o.id` / `o.rol` / `o.slg` first, then the v1-style custom
 * `org_id` / `org_role` / `org_slug`. `email`, `name` and `org_name` are optional custom claims.
 */
export function identityFromClaims(claims: Record<string, unknown>): Identity {
  const o = typeof claims.o === 'object' && claims.o !== null ? (claims.o as Record<string, unknown>) : {};
  const orgId = str(o.id) ?? str(claims.org_id);
  const orgName = str(claims.org_name) ?? str(o.slg) ?? str(claims.org_slug) ?? orgId;
  const sub = str(claims.sub);
  if (!sub) throw new Error('token has no subject');
  return {
    userId: sub,
    email: str(claims.email)?.toLowerCase() ?? null,
    name: str(claims.name),
    org: orgId
      ? { externalId: orgId, name: orgName ?? orgId, role: mapRole(o.rol ?? claims.org_role) }
      : null,
  };
}
