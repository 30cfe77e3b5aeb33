import { createClient, listAudit, productOfferPricePoints, productOffers } from '@mos/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOffer } from '../src/services/offers/create';
import { listOffers } from '../src/services/offers/list';
import {
  countingServiceCtx,
  createTestApp,
  failure,
  fieldPaths,
  newTenant,
  type Tenant,
  type TestApp,
} from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function clientOf(tenant: Tenant, name = 'Lumen & Moss') {
  return t
    .client(tenant.admin)
    .clients.create.mutate({ name, primaryMarkets: ['US'], primaryLanguages: ['en'] });
}

const starter = {
  name: 'Barrier Reset Kit',
  description: 'Cleanser, serum and moisturizer for reactive skin.',
  businessModel: 'one-time purchase',
  differentiationBullets: ['Fragrance-free', 'Dermatologist tested'],
  guaranteeText: '60-day money back',
  pricePoints: [
    { label: 'Full size', amountCents: 8900, currency: 'USD' },
    { label: 'Trial', amountCents: 1900, currency: 'USD' },
  ],
};

describe('offers', () => {
  it('creates an offer with price points and lists them together', async () => {
    const tenant = await newTenant(t);
    const client = await clientOf(tenant);
    const api = t.client(tenant.member);
    const created = await api.offers.create.mutate({ clientId: client.id, ...starter });
    expect(created).toMatchObject({
      clientId: client.id,
      name: 'Barrier Reset Kit',
      businessModel: 'one-time purchase',
      differentiationBullets: ['Fragrance-free', 'Dermatologist tested'],
      guaranteeText: '60-day money back',
    });
    // Cheapest first: the order the list gives.
    expect(
      created.pricePoints.map(({ label, amountCents, currency }) => ({ label, amountCents, currency })),
    ).toEqual([
      { label: 'Trial', amountCents: 1900, currency: 'USD' },
      { label: 'Full size', amountCents: 8900, currency: 'USD' },
    ]);
    expect(typeof created.createdAt).toBe('string');

    const bare = await api.offers.create.mutate({
      clientId: client.id,
      name: 'Consult',
      businessModel: 'service',
    });
    expect(bare).toMatchObject({
      description: null,
      guaranteeText: null,
      differentiationBullets: [],
      pricePoints: [],
    });

    const page = await api.offers.list.query({ clientId: client.id });
    expect(page.items.map((o) => o.name)).toEqual(['Consult', 'Barrier Reset Kit']);
    expect(page.items[1]?.pricePoints.map((p) => p.amountCents)).toEqual([1900, 8900]);
    expect(page.items[0]?.pricePoints).toEqual([]);
    expect(page.nextCursor).toBeNull();

    const first = await api.offers.list.query({ clientId: client.id, limit: 1 });
    expect(first.items.map((o) => o.name)).toEqual(['Consult']);
    const second = await api.offers.list.query({ clientId: client.id, limit: 1, cursor: first.nextCursor });
    expect(second.items.map((o) => o.name)).toEqual(['Barrier Reset Kit']);
    expect(second.nextCursor).toBeNull();
  });

  it('lists an empty page for a client of the org with no offers, and only that client’s offers', async () => {
    const tenant = await newTenant(t);
    const a = await clientOf(tenant, 'A');
    const b = await clientOf(tenant, 'B');
    const api = t.client(tenant.member);
    await api.offers.create.mutate({ clientId: a.id, ...starter });
    expect(await api.offers.list.query({ clientId: b.id })).toEqual({ items: [], nextCursor: null });
    expect((await api.offers.list.query({ clientId: a.id })).items).toHaveLength(1);
  });

  it('updates fields and replaces the price point set in one go', async () => {
    const tenant = await newTenant(t);
    const client = await clientOf(tenant);
    const api = t.client(tenant.member);
    const offer = await api.offers.create.mutate({ clientId: client.id, ...starter });
    const updated = await api.offers.update.mutate({
      id: offer.id,
      name: 'Barrier Reset Kit v2',
      description: null,
      pricePoints: [{ label: 'Subscription', amountCents: 7500, currency: 'EUR' }],
    });
    expect(updated).toMatchObject({
      id: offer.id,
      name: 'Barrier Reset Kit v2',
      description: null,
      guaranteeText: '60-day money back',
      differentiationBullets: ['Fragrance-free', 'Dermatologist tested'],
    });
    expect(updated.pricePoints.map((p) => [p.label, p.amountCents, p.currency])).toEqual([
      ['Subscription', 7500, 'EUR'],
    ]);
    // The old points are gone from the table, not just hidden.
    const stored = await t.database.db
      .select()
      .from(productOfferPricePoints)
      .where(eq(productOfferPricePoints.offerId, offer.id));
    expect(stored.map((p) => p.label)).toEqual(['Subscription']);

    // Omitting pricePoints keeps them; an empty list clears them.
    const renamed = await api.offers.update.mutate({ id: offer.id, differentiationBullets: [] });
    expect(renamed.differentiationBullets).toEqual([]);
    expect(renamed.pricePoints.map((p) => p.label)).toEqual(['Subscription']);
    const cleared = await api.offers.update.mutate({ id: offer.id, pricePoints: [] });
    expect(cleared.pricePoints).toEqual([]);
    expect(cleared.name).toBe('Barrier Reset Kit v2');
  });

  it('refuses text Postgres cannot store, naming the field, and leaves the offer untouched', async () => {
    const tenant = await newTenant(t);
    const client = await clientOf(tenant);
    const api = t.client(tenant.member);
    const offer = await api.offers.create.mutate({ clientId: client.id, ...starter });
    const f = await failure(
      api.offers.update.mutate({
        id: offer.id,
        name: 'Should roll back',
        pricePoints: [{ label: 'bad\u0000label', amountCents: 1, currency: 'USD' }],
      }),
    );
    expect(f.code).toBe('BAD_REQUEST');
    expect(fieldPaths(f)).toContain('pricePoints.0.label');
    const [after] = (await api.offers.list.query({ clientId: client.id })).items;
    expect(after?.name).toBe('Barrier Reset Kit');
    expect(after?.pricePoints.map((p) => p.label)).toEqual(['Trial', 'Full size']);
  });

  it('removes an offer with its price points (operator) and audits it', async () => {
    const tenant = await newTenant(t);
    const client = await clientOf(tenant);
    const offer = await t.client(tenant.member).offers.create.mutate({ clientId: client.id, ...starter });
    const api = t.client(tenant.operator);
    expect(await api.offers.remove.mutate({ id: offer.id })).toEqual({ id: offer.id, removed: true });
    expect((await api.offers.list.query({ clientId: client.id })).items).toEqual([]);
    const points = await t.database.db
      .select()
      .from(productOfferPricePoints)
      .where(eq(productOfferPricePoints.offerId, offer.id));
    expect(points).toEqual([]);
    const orgId = (await api.me.get.query()).org.id;
    expect((await listAudit(t.database.db, orgId, { targetId: offer.id })).map((r) => r.action)).toEqual([
      'offer.remove',
    ]);
    expect((await failure(api.offers.remove.mutate({ id: offer.id }))).code).toBe('NOT_FOUND');
  });

  it('refuses bad input naming the field', async () => {
    const tenant = await newTenant(t);
    const client = await clientOf(tenant);
    const api = t.client(tenant.member);
    const base = { clientId: client.id, name: 'Offer', businessModel: 'subscription' };
    const cases: [unknown, string][] = [
      [{ ...base, name: ' ' }, 'name'],
      [{ ...base, businessModel: '' }, 'businessModel'],
      [{ ...base, description: 'x'.repeat(5001) }, 'description'],
      [
        { ...base, differentiationBullets: Array.from({ length: 21 }, (_, i) => `b${i}`) },
        'differentiationBullets',
      ],
      [{ ...base, differentiationBullets: ['ok', 'x'.repeat(301)] }, 'differentiationBullets.1'],
      [
        { ...base, pricePoints: [{ label: 'A', amountCents: 100, currency: 'usd' }] },
        'pricePoints.0.currency',
      ],
      [
        { ...base, pricePoints: [{ label: 'A', amountCents: 100, currency: 'EURO' }] },
        'pricePoints.0.currency',
      ],
      [
        { ...base, pricePoints: [{ label: 'A', amountCents: -1, currency: 'USD' }] },
        'pricePoints.0.amountCents',
      ],
      [
        { ...base, pricePoints: [{ label: 'A', amountCents: 9.5, currency: 'USD' }] },
        'pricePoints.0.amountCents',
      ],
      [{ ...base, pricePoints: [{ label: '', amountCents: 1, currency: 'USD' }] }, 'pricePoints.0.label'],
      [
        {
          ...base,
          pricePoints: Array.from({ length: 21 }, () => ({ label: 'A', amountCents: 1, currency: 'USD' })),
        },
        'pricePoints',
      ],
      [{ ...base, clientId: 'nope' }, 'clientId'],
    ];
    for (const [input, path] of cases) {
      const f = await failure(
        api.offers.create.mutate(input as Parameters<typeof api.offers.create.mutate>[0]),
      );
      expect({ path, code: f.code, paths: fieldPaths(f) }).toEqual({
        path,
        code: 'BAD_REQUEST',
        paths: [path],
      });
    }
    const extra = await failure(
      api.offers.create.mutate({ ...base, secret: 1 } as Parameters<typeof api.offers.create.mutate>[0]),
    );
    expect(extra.code).toBe('BAD_REQUEST');
    const badUpdate = await failure(
      api.offers.update.mutate({
        id: crypto.randomUUID(),
        pricePoints: [{ label: 'A', amountCents: 1, currency: 'us' }],
      }),
    );
    expect(fieldPaths(badUpdate)).toEqual(['pricePoints.0.currency']);
    expect(
      fieldPaths(await failure(api.offers.list.query({ clientId: client.id, cursor: 'garbage' }))),
    ).toEqual(['cursor']);
    const badRemove = await failure(t.client(tenant.operator).offers.remove.mutate({ id: 'x' }));
    expect({ code: badRemove.code, paths: fieldPaths(badRemove) }).toEqual({
      code: 'BAD_REQUEST',
      paths: ['id'],
    });
  });

  it('requires a token, and the operator role to remove', async () => {
    const tenant = await newTenant(t);
    const client = await clientOf(tenant);
    const offer = await t.client(tenant.member).offers.create.mutate({ clientId: client.id, ...starter });
    const anon = t.client(null);
    expect((await failure(anon.offers.list.query({ clientId: client.id }))).code).toBe('UNAUTHORIZED');
    expect((await failure(anon.offers.create.mutate({ clientId: client.id, ...starter }))).code).toBe(
      'UNAUTHORIZED',
    );
    expect((await failure(anon.offers.update.mutate({ id: offer.id, name: 'x' }))).code).toBe('UNAUTHORIZED');
    expect((await failure(anon.offers.remove.mutate({ id: offer.id }))).code).toBe('UNAUTHORIZED');
    expect((await failure(t.client(tenant.member).offers.remove.mutate({ id: offer.id }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await t.client(tenant.member).offers.list.query({ clientId: client.id })).items).toHaveLength(1);
  });

  it('keeps tenants apart: another org’s client or offer answers NOT_FOUND and nothing changes', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const client = await clientOf(a);
    const offer = await t.client(a.member).offers.create.mutate({ clientId: client.id, ...starter });
    const other = t.client(b.admin);
    expect((await failure(other.offers.list.query({ clientId: client.id }))).code).toBe('NOT_FOUND');
    expect((await failure(other.offers.create.mutate({ clientId: client.id, ...starter }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (
        await failure(
          other.offers.update.mutate({
            id: offer.id,
            name: 'Stolen',
            pricePoints: [{ label: 'Free', amountCents: 0, currency: 'USD' }],
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect((await failure(other.offers.remove.mutate({ id: offer.id }))).code).toBe('NOT_FOUND');
    // A client id that exists nowhere answers the same.
    expect((await failure(other.offers.list.query({ clientId: crypto.randomUUID() }))).code).toBe(
      'NOT_FOUND',
    );

    const page = await t.client(a.member).offers.list.query({ clientId: client.id });
    expect(page.items.map((o) => [o.name, o.pricePoints.map((p) => p.label)])).toEqual([
      ['Barrier Reset Kit', ['Trial', 'Full size']],
    ]);
    const rows = await t.database.db
      .select()
      .from(productOffers)
      .where(eq(productOffers.clientId, client.id));
    expect(rows).toHaveLength(1);
  });

  it('lists offers with price points in one database round trip', async () => {
    const { database, org, ctx, statements } = await countingServiceCtx();
    try {
      const client = await createClient(database.db, org.id, {
        name: 'C',
        industry: null,
        primaryMarkets: [],
        primaryLanguages: [],
      });
      for (let i = 0; i < 5; i++) {
        await createOffer({ ctx, input: { clientId: client.id, ...starter, name: `Offer ${i}` } });
      }
      statements.reset();
      const page = await listOffers({ ctx, input: { clientId: client.id, limit: 50 } });
      expect(page.items).toHaveLength(5);
      expect(page.items.every((o) => o.pricePoints.length === 2)).toBe(true);
      expect(statements.count).toBe(1);
    } finally {
      await database.close();
    }
  });
});
