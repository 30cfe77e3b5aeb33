import { listFunnels as listRows } from '@mos/db';
import { toJson } from '../../lib/json';
import type { FunnelList } from '../../schemas/funnels';
import type { ServiceCtx } from '../context';
import { withCursor } from '../cursor';
import { publicPathOf, settingsOf } from './shared';

export async function listFunnels({ ctx, input }: { ctx: ServiceCtx; input: FunnelList }) {
  const page = await withCursor(() => listRows(ctx.db, ctx.member.orgId, input));
  return toJson({
    items: page.items.map((f) => ({
      ...f,
      settings: settingsOf(f.settings),
      publicPath: publicPathOf(f.publicId),
    })),
    nextCursor: page.nextCursor,
  });
}
