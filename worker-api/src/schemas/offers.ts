import * as z from 'zod';
import { Cursor, Id, Limit, Name, nullableText } from './common';

/** Cents fit the integer column (int4), never negative. */
const AmountCents = z
  .int('must be a whole number of cents')
  .min(0, 'must be at least 0')
  .max(2_147_483_647, 'is too large');
/** ISO 4217 code, e.g. USD, EUR. */
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code in capitals, e.g. USD');

export const PricePoint = z.strictObject({
  label: Name,
  amountCents: AmountCents,
  currency: Currency,
});
export type PricePoint = z.infer<typeof PricePoint>;

const PricePoints = z.array(PricePoint).max(20, 'at most 20 price points');
const DifferentiationBullets = z
  .array(z.string().trim().min(1, 'is required').max(300, 'must be at most 300 characters'))
  .max(20, 'at most 20 bullets');

export const OfferCreate = z.strictObject({
  clientId: Id,
  name: Name,
  description: nullableText(5000),
  /** e.g. "subscription", "one-time purchase", "retainer". */
  businessModel: Name,
  differentiationBullets: DifferentiationBullets.default([]),
  guaranteeText: nullableText(2000),
  pricePoints: PricePoints.default([]),
});
export type OfferCreate = z.infer<typeof OfferCreate>;

/** Omitted fields stay as they are; `pricePoints`, when given, replaces the whole set. */
export const OfferUpdate = z.strictObject({
  id: Id,
  name: Name.optional(),
  description: nullableText(5000),
  businessModel: Name.optional(),
  differentiationBullets: DifferentiationBullets.optional(),
  guaranteeText: nullableText(2000),
  pricePoints: PricePoints.optional(),
});
export type OfferUpdate = z.infer<typeof OfferUpdate>;

export const OfferList = z.strictObject({
  clientId: Id,
  cursor: Cursor,
  limit: Limit,
});
export type OfferList = z.infer<typeof OfferList>;

export const OfferById = z.strictObject({ id: Id });
export type OfferById = z.infer<typeof OfferById>;
