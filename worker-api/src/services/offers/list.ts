import { getClient, listOffers as listRows } from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { OfferList } from '../../schemas/offers';
import type { ServiceCtx } from '../context';
import { withCursor } from '../cursor';

/** A client's offers with price points: one statement, plus a client check only when the page is empty. */
export async function listOffers({ ctx, input }: { ctx: ServiceCtx; input: OfferList }) {
  const page = await withCursor(() => listRows(ctx.db, ctx.member.orgId, input));
  // An empty page may mean "no offers" or "not your client"; the latter must answer NOT_FOUND.
  if (page.items.length === 0 && !(await getClient(ctx.db, ctx.member.orgId, input.clientId))) {
    throw DomainError.notFound('client');
  }
  return toJson(page);
}
