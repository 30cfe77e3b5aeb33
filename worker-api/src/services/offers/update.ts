import { getOffer, type OfferPatch, replacePricePoints, updateOfferRow } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { OfferUpdate } from '../../schemas/offers';
import type { ServiceCtx } from '../context';

export async function updateOffer({ ctx, input }: { ctx: ServiceCtx; input: OfferUpdate }) {
  const orgId = ctx.member.orgId;
  const { id, pricePoints, ...fields } = input;
  const patch: OfferPatch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const offer = await ctx.db.transaction(async (tx) => {
    const row = await updateOfferRow(tx, orgId, id, patch);
    if (!row) throw DomainError.notFound('offer');
    if (pricePoints) await replacePricePoints(tx, orgId, id, pricePoints);
    return getOffer(tx, orgId, id);
  });
  if (!offer) throw DomainError.notFound('offer');
  return toJson(offer);
}
