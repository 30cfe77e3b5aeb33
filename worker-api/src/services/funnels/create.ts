import { getClient, insertFunnel } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { FunnelCreate } from '../../schemas/funnels';
import type { ServiceCtx } from '../context';
import { checkFunnelRefs, publicPathOf, settingsOf } from './shared';

/** Creates a draft funnel for a client (optionally for a campaign's experiment and one of the client's offers). */
export async function createFunnel({ ctx, input }: { ctx: ServiceCtx; input: FunnelCreate }) {
  const orgId = ctx.member.orgId;
  if (!(await getClient(ctx.db, orgId, input.clientId))) throw DomainError.notFound('client');
  const refs = {
    campaignId: input.campaignId ?? null,
    experimentId: input.experimentId ?? null,
    offerId: input.offerId ?? null,
  };
  await checkFunnelRefs(ctx, input.clientId, refs);
  const row = await insertFunnel(ctx.db, orgId, {
    clientId: input.clientId,
    ...refs,
    name: input.name,
    description: input.description ?? null,
    settings: settingsOf({}),
    createdBy: ctx.member.userId,
  });
  return toJson({ ...row, settings: settingsOf(row.settings), publicPath: publicPathOf(row.publicId) });
}
