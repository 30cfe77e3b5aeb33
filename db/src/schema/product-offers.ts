import { index, integer, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { createdAt, id, orgId, updatedAt } from './columns';

export const productOffers = pgTable(
  'product_offers',
  {
    id: id(),
    orgId: orgId(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    businessModel: text('business_model').notNull(),
    differentiationBullets: text('differentiation_bullets').array().notNull().default([]),
    guaranteeText: text('guarantee_text'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('idx_product_offers_client').on(t.orgId, t.clientId)],
);

export const productOfferPricePoints = pgTable(
  'product_offer_price_points',
  {
    id: id(),
    orgId: orgId(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => productOffers.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: varchar('currency', { length: 3 }).notNull(),
  },
  (t) => [index('idx_price_points_offer').on(t.offerId)],
);
