import { getOrg } from '@mos/db';
import type { ServiceCtx } from '../context';

/** The signed-in member: MOS user and org ids, role, and the org's name. */
export async function getMe({ ctx }: { ctx: Pick<ServiceCtx, 'db' | 'member'> }) {
  const org = await getOrg(ctx.db, ctx.member.orgId);
  return {
    userId: ctx.member.userId,
    clerkUserId: ctx.member.clerkUserId,
    email: ctx.member.email,
    role: ctx.member.role,
    org: {
      id: ctx.member.orgId,
      externalId: ctx.member.orgExternalId,
      name: org?.name ?? ctx.member.orgExternalId,
    },
  };
}
