import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { productOfferPricePoints, productOffers } from '../schema/product-offers';
import { afterCursor, type Page, toPage } from './pagination';

export type OfferRow = typeof productOffers.$inferSelect;
export interface PricePointInput {
  label: string;
  amountCents: number;
  currency: string;
}
export interface PricePoint extends PricePointInput {
  id: string;
}
export type OfferWithPrices = OfferRow & { pricePoints: PricePoint[] };
export type OfferInsert = Pick<
  typeof productOffers.$inferInsert,
  'clientId' | 'name' | 'description' | 'businessModel' | 'differentiationBullets' | 'guaranteeText'
>;
export type OfferPatch = Partial<Omit<OfferInsert, 'clientId'>>;

export interface OfferListFilter {
  clientId: string;
  cursor?: string | null | undefined;
  limit: number;
}

/**
 * An offer's price points as a JSON array in the same statement as the offer (no per-offer query).
 * Ordered cheapest first: the table keeps no position, so this is the stable order we can give.
 * Written with explicit aliases: in a single-table select drizzle renders column refs unqualified,
 * which inside this subquery would bind to the price point table instead of the outer offer.
 */
const pricePointsJson = sql<PricePoint[]>`coalesce((
  select json_agg(
    json_build_object('id', pp.id, 'label', pp.label, 'amountCents', pp.amount_cents, 'currency', pp.currency)
    order by pp.amount_cents, pp.label, pp.id
  )
  from product_offer_price_points pp
  where pp.offer_id = "product_offers"."id" and pp.org_id = "product_offers"."org_id"
), '[]'::json)`;

const offerWithPrices = { ...getTableColumns(productOffers), pricePoints: pricePointsJson };

/** A client's offers with their price points, newest first, in one statement. */
export async function listOffers(
  q: Queryable,
  orgId: string,
  f: OfferListFilter,
): Promise<Page<OfferWithPrices>> {
  const rows = await q
    .select(offerWithPrices)
    .from(productOffers)
    .where(
      and(
        eq(productOffers.orgId, orgId),
        eq(productOffers.clientId, f.clientId),
        afterCursor(f.cursor, productOffers.createdAt, productOffers.id),
      ),
    )
    .orderBy(desc(productOffers.createdAt), desc(productOffers.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => ({ at: r.createdAt, id: r.id }));
}

export async function getOffer(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<OfferWithPrices | undefined> {
  const [row] = await q
    .select(offerWithPrices)
    .from(productOffers)
    .where(and(eq(productOffers.orgId, orgId), eq(productOffers.id, id)))
    .limit(1);
  return row;
}

/** Inserts the offer row only; the caller checks the client belongs to the org and sets price points. */
export async function insertOffer(q: Queryable, orgId: string, input: OfferInsert): Promise<OfferRow> {
  const [row] = await q
    .insert(productOffers)
    .values({ ...input, orgId })
    .returning();
  if (!row) throw new Error('offer insert returned no row');
  return row;
}

/** Updates the offer row (always touching updated_at, so a price-point-only change still bumps it). */
export async function updateOfferRow(
  q: Queryable,
  orgId: string,
  id: string,
  patch: OfferPatch,
): Promise<OfferRow | undefined> {
  const [row] = await q
    .update(productOffers)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(productOffers.orgId, orgId), eq(productOffers.id, id)))
    .returning();
  return row;
}

/** Replaces an offer's price points with `points`; run it in a transaction with the offer write. */
export async function replacePricePoints(
  q: Queryable,
  orgId: string,
  offerId: string,
  points: PricePointInput[],
): Promise<void> {
  await q
    .delete(productOfferPricePoints)
    .where(and(eq(productOfferPricePoints.orgId, orgId), eq(productOfferPricePoints.offerId, offerId)));
  if (points.length === 0) return;
  await q.insert(productOfferPricePoints).values(points.map((p) => ({ ...p, orgId, offerId })));
}

export async function deleteOffer(q: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await q
    .delete(productOffers)
    .where(and(eq(productOffers.orgId, orgId), eq(productOffers.id, id)))
    .returning({ id: productOffers.id });
  return rows.length > 0;
}
