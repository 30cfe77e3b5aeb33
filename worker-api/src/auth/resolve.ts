import { type Db, ensureOrg, ensureUser, type UserRole } from '@mos/db';
import type { Identity } from './claims';

/** A verified caller inside an organization, with MOS's own ids. */
export interface OrgMember {
  orgId: string;
  orgExternalId: string;
  userId: string;
  clerkUserId: string;
  role: UserRole;
  email: string | null;
}

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 5_000;

/**
 * Maps a token identity to org and user rows, creating them on first sight. Results are cached per
 * process/isolate (keyed on everything the token says), so steady-state requests spend no round trip
 * on auth; concurrent first requests share one in-flight upsert.
 */
export function createMemberResolver() {
  const cache = new Map<string, { at: number; member: Promise<OrgMember> }>();
  return async function resolveMember(db: Db, identity: Identity): Promise<OrgMember> {
    const org = identity.org;
    if (!org) throw new Error('identity has no organization');
    const key = [org.externalId, org.name, org.role, identity.userId, identity.email, identity.name].join(
      '\u0000',
    );
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.member;
    const member = (async () => {
      const orgRow = await ensureOrg(db, { externalId: org.externalId, name: org.name });
      const user = await ensureUser(db, {
        orgId: orgRow.id,
        clerkUserId: identity.userId,
        email: identity.email,
        name: identity.name,
        role: org.role,
      });
      return {
        orgId: orgRow.id,
        orgExternalId: org.externalId,
        userId: user.id,
        clerkUserId: identity.userId,
        role: org.role,
        email: identity.email,
      };
    })();
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, { at: Date.now(), member });
    member.catch(() => cache.delete(key));
    return member;
  };
}
export type MemberResolver = ReturnType<typeof createMemberResolver>;
