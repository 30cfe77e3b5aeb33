import { latestArtifact as latestRow } from '@mos/db';
import { toJson } from '../../lib/json';
import type { ArtifactLatest } from '../../schemas/artifacts';
import type { ServiceCtx } from '../context';
import { assertOwnedRefs } from './refs';

/** The highest version of a key (of a status, when given), or null when there is none yet. */
export async function latestArtifact({ ctx, input }: { ctx: ServiceCtx; input: ArtifactLatest }) {
  const campaignId = input.campaignId ?? null;
  const row = await latestRow(ctx.db, ctx.member.orgId, {
    clientId: input.clientId,
    campaignId,
    type: input.type,
    status: input.status,
  });
  if (row) return toJson(row);
  // Null means "none yet" only for the org's own client and campaign.
  await assertOwnedRefs(ctx.db, ctx.member.orgId, { clientId: input.clientId, campaignId });
  return null;
}
