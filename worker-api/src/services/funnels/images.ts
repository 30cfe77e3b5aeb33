import { listFunnelImages } from '@mos/db';
import { toJson } from '../../lib/json';
import type { FunnelRef } from '../../schemas/funnels';
import type { ServiceCtx } from '../context';
import { mediaPath, thumbnailPath } from '../media/paths';
import { requireFunnel } from './shared';

/** A funnel's images for the editor's picker, with the API paths that serve them. */
export async function listImages({ ctx, input }: { ctx: ServiceCtx; input: FunnelRef }) {
  await requireFunnel(ctx, input.funnelId);
  const rows = await listFunnelImages(ctx.db, ctx.member.orgId, input.funnelId);
  return toJson(
    rows.map((r) => ({ ...r, url: mediaPath(r.mediaId), thumbnailUrl: thumbnailPath(r.mediaId) })),
  );
}
