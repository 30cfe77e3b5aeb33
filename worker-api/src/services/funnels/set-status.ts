import { enableFunnel as enableRow, updateFunnel } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { FunnelById } from '../../schemas/funnels';
import type { ServiceCtx } from '../context';
import { publicPathOf, settingsOf } from './shared';

/** Disabling takes the funnel off the air: its pages answer 410 until it is enabled again. */
export async function disableFunnel({ ctx, input }: { ctx: ServiceCtx; input: FunnelById }) {
  const row = await updateFunnel(ctx.db, ctx.member.orgId, input.id, { status: 'disabled' });
  if (!row) throw DomainError.notFound('funnel');
  return toJson({ ...row, settings: settingsOf(row.settings), publicPath: publicPathOf(row.publicId) });
}

/** Enabling: `published` again when it has an active publication, else back to `draft`. */
export async function enableFunnel({ ctx, input }: { ctx: ServiceCtx; input: FunnelById }) {
  const row = await enableRow(ctx.db, ctx.member.orgId, input.id);
  if (!row) throw DomainError.notFound('funnel');
  return toJson({ ...row, settings: settingsOf(row.settings), publicPath: publicPathOf(row.publicId) });
}
