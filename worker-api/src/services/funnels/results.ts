import { funnelResults } from '@mos/db';
import { toJson } from '../../lib/json';
import type { ResultsWindow } from '../../schemas/funnels';
import type { ServiceCtx } from '../context';
import { requireFunnel } from './shared';

/** Views, clicks, leads and conversion per page and variant over a window, with a per-day series for a chart. */
export async function getResults({ ctx, input }: { ctx: ServiceCtx; input: ResultsWindow }) {
  await requireFunnel(ctx, input.funnelId);
  const results = await funnelResults(ctx.db, ctx.member.orgId, input.funnelId, {
    from: new Date(input.from),
    to: new Date(input.to),
  });
  return toJson(results);
}
