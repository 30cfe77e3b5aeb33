import { listArtifactVersions } from '@mos/db';
import { toJson } from '../../lib/json';
import type { ArtifactVersions } from '../../schemas/artifacts';
import type { ServiceCtx } from '../context';
import { assertOwnedRefs } from './refs';

/** A key's history, newest first, without the documents (artifacts.get fetches one). */
export async function artifactVersions({ ctx, input }: { ctx: ServiceCtx; input: ArtifactVersions }) {
  const campaignId = input.campaignId ?? null;
  const rows = await listArtifactVersions(ctx.db, ctx.member.orgId, {
    clientId: input.clientId,
    campaignId,
    type: input.type,
  });
  if (rows.length === 0)
    await assertOwnedRefs(ctx.db, ctx.member.orgId, { clientId: input.clientId, campaignId });
  return toJson(rows);
}
