import { getClient, getOffer, insertOffer, replacePricePoints } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { OfferCreate } from '../../schemas/offers';
import type { ServiceCtx } from '../context';

export async function createOffer({ ctx, input }: { ctx: ServiceCtx; input: OfferCreate }) {
  const orgId = ctx.member.orgId;
  const offer = await ctx.db.transaction(async (tx) => {
    if (!(await getClient(tx, orgId, input.clientId))) throw DomainError.notFound('client');
    const row = await insertOffer(tx, orgId, {
      clientId: input.clientId,
      name: input.name,
      description: input.description ?? null,
      businessModel: input.businessModel,
      differentiationBullets: input.differentiationBullets,
      guaranteeText: input.guaranteeText ?? null,
    });
    await replacePricePoints(tx, orgId, row.id, input.pricePoints);
    return getOffer(tx, orgId, row.id);
  });
  if (!offer) throw new Error('created offer could not be read back');
  return toJson(offer);
}
