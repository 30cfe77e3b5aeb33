import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { and, eq, sql } from 'drizzle-orm';
import { linkSwipeMedia, listSwipeMediaToImport, storeMediaObject } from './data/swipe-media';
import type { Db, Queryable } from './db-type';
import { localUserIdFor } from './local-identity';
import { imageInfo } from './media/image-info';
import { dbMediaStore, type MediaStore } from './media/store';
import { campaigns } from './schema/campaigns';
import { clients } from './schema/clients';
import { orgs } from './schema/orgs';
import { productOfferPricePoints, productOffers } from './schema/product-offers';
import { users } from './schema/users';
import { type DemoFunnelSeed, seedDemoFunnel } from './seed-demo-funnel';
import { type ImportReport, importAdLibraryExport } from './swipes/import';

export const DEMO_ORG_EXTERNAL_ID = 'org_demo';
export const DEMO_USER_EMAIL = 'demo@mos.local';
const FIXTURE = new URL('../fixtures/ad-library-export.json', import.meta.url);
/** The demo swipes' images (`scripts/generate-seed-media.ts`): `<external media id>.jpg` and `.thumb.webp`. */
const SEED_MEDIA = new URL('../fixtures/media/', import.meta.url);

interface PricePointSeed {
  label: string;
  amountCents: number;
  currency: string;
}
interface OfferSeed {
  name: string;
  description: string;
  businessModel: string;
  differentiationBullets: string[];
  guaranteeText: string | null;
  pricePoints: PricePointSeed[];
}
interface ClientSeed {
  name: string;
  industry: string;
  primaryMarkets: string[];
  primaryLanguages: string[];
  offers: OfferSeed[];
}

const CLIENTS: ClientSeed[] = [
  {
    name: 'Lumen & Moss',
    industry: 'DTC skincare',
    primaryMarkets: ['US', 'UK'],
    primaryLanguages: ['en'],
    offers: [
      {
        name: 'Barrier Reset Serum',
        description: '30 ml serum with 5% niacinamide, ceramides NP/AP/EOP and panthenol. Fragrance-free.',
        businessModel: 'One-off purchase or subscribe & save 20% every 8 weeks',
        differentiationBullets: [
          'Niacinamide kept at 5% to avoid the flushing 10% products cause on reactive skin',
          'Three-ceramide complex at a skin-identical ratio',
          'Every batch patch-tested on 50 people with self-reported sensitive skin',
        ],
        guaranteeText: '60-day "calm skin" guarantee: full refund, even on an empty bottle.',
        pricePoints: [
          { label: 'One-off (US)', amountCents: 3800, currency: 'USD' },
          { label: 'Subscribe & save (US)', amountCents: 3040, currency: 'USD' },
          { label: 'One-off (UK)', amountCents: 3200, currency: 'GBP' },
        ],
      },
      {
        name: 'Ritual Starter Set',
        description: 'Gentle cleanser, Barrier Reset Serum and Daily Shield SPF 30 in travel sizes.',
        businessModel: 'Bundle that converts into the serum subscription',
        differentiationBullets: ['Whole routine in one box', 'Sized for a 3-week trial'],
        guaranteeText: '60-day "calm skin" guarantee',
        pricePoints: [
          { label: 'Starter set (US)', amountCents: 4900, currency: 'USD' },
          { label: 'Starter set (UK)', amountCents: 4200, currency: 'GBP' },
        ],
      },
    ],
  },
  {
    name: 'Northwind Coffee',
    industry: 'Subscription coffee',
    primaryMarkets: ['US', 'DE'],
    primaryLanguages: ['en', 'de'],
    offers: [
      {
        name: "Roaster's Choice Subscription",
        description:
          'A different single-origin coffee every delivery, roasted on Monday and shipped within 48 hours.',
        businessModel: 'Subscription every 2 or 4 weeks; skip or cancel anytime',
        differentiationBullets: [
          'Roast date printed on every bag, never older than 5 days at dispatch',
          'Whole bean or ground to your brewer',
          'Free shipping on every subscription order',
        ],
        guaranteeText: 'Not your taste? We replace the bag, no questions asked.',
        pricePoints: [
          { label: '12 oz every 2 weeks (US)', amountCents: 1800, currency: 'USD' },
          { label: '2 × 12 oz every 4 weeks (US)', amountCents: 3400, currency: 'USD' },
          { label: '340 g alle 2 Wochen (DE)', amountCents: 1690, currency: 'EUR' },
        ],
      },
      {
        name: 'Cold Brew Concentrate',
        description: '1 l bottle of 18-hour cold brew concentrate; makes 16 iced coffees.',
        businessModel: 'One-off purchase, add-on to a subscription',
        differentiationBullets: ['Small-batch steeped', 'Under $1.50 per glass'],
        guaranteeText: null,
        pricePoints: [
          { label: 'Bottle (US)', amountCents: 2400, currency: 'USD' },
          { label: 'Flasche (DE)', amountCents: 2290, currency: 'EUR' },
        ],
      },
    ],
  },
];

const CAMPAIGN = {
  clientName: 'Lumen & Moss',
  name: 'Barrier Reset Serum: Q1 US prospecting',
  goalDescription:
    'Grow first-time serum purchases in the US from cold audiences while holding CPA under $45.',
  objectiveType: 'purchases',
  numericTarget: 600,
  // A rate of a named metric, never a bare number: 2.1 % of landing-page clicks buy (the last quarter's CVR).
  baseline: 0.021,
  baselineMetric: 'cvr',
  timeframeDays: 30,
  budgetMin: 15000,
  budgetMax: 25000,
};

export interface SeedSummary {
  orgId: string;
  userId: string;
  created: {
    orgs: number;
    users: number;
    clients: number;
    offers: number;
    pricePoints: number;
    campaigns: number;
  };
  swipes: ImportReport;
  /** The first demo client's funnel "Spring lead magnet" (two approved pages, ready to publish). */
  demoFunnel: DemoFunnelSeed;
  /** Swipe media items given their local image in the media store by this run. */
  media: { stored: number };
}

/** Returns the id of the row `find` matches, inserting it first when there is none (reports whether it did). */
async function findOrInsert(
  find: () => Promise<{ id: string }[]>,
  insert: () => Promise<{ id: string }[]>,
): Promise<{ id: string; inserted: boolean }> {
  const [found] = await find();
  if (found) return { id: found.id, inserted: false };
  const [row] = await insert();
  if (!row) throw new Error('seed insert returned no row');
  return { id: row.id, inserted: true };
}

async function seedClient(tx: Queryable, orgId: string, c: ClientSeed, created: SeedSummary['created']) {
  const client = await findOrInsert(
    () =>
      tx
        .select({ id: clients.id })
        .from(clients)
        .where(and(eq(clients.orgId, orgId), eq(clients.name, c.name))),
    () =>
      tx
        .insert(clients)
        .values({
          orgId,
          name: c.name,
          industry: c.industry,
          primaryMarkets: c.primaryMarkets,
          primaryLanguages: c.primaryLanguages,
        })
        .returning({ id: clients.id }),
  );
  if (client.inserted) created.clients += 1;
  for (const o of c.offers) {
    const { pricePoints, ...fields } = o;
    const offer = await findOrInsert(
      () =>
        tx
          .select({ id: productOffers.id })
          .from(productOffers)
          .where(
            and(
              eq(productOffers.orgId, orgId),
              eq(productOffers.clientId, client.id),
              eq(productOffers.name, o.name),
            ),
          ),
      () =>
        tx
          .insert(productOffers)
          .values({ orgId, clientId: client.id, ...fields })
          .returning({ id: productOffers.id }),
    );
    if (offer.inserted) created.offers += 1;
    for (const p of pricePoints) {
      const point = await findOrInsert(
        () =>
          tx
            .select({ id: productOfferPricePoints.id })
            .from(productOfferPricePoints)
            .where(
              and(eq(productOfferPricePoints.offerId, offer.id), eq(productOfferPricePoints.label, p.label)),
            ),
        () =>
          tx
            .insert(productOfferPricePoints)
            .values({ orgId, offerId: offer.id, ...p })
            .returning({ id: productOfferPricePoints.id }),
      );
      if (point.inserted) created.pricePoints += 1;
    }
  }
  return client.id;
}

/**
 * Seeds the demo tenant: org `org_demo` ("Demo Agency"), an admin user, two clients with offers and price
 * points, one campaign, a ready-to-publish demo funnel and the ad-library fixture. Idempotent: rows are found by their natural keys before
 * anything is inserted, and the swipe import only writes what differs, so a second run changes nothing.
 */
export async function seed(db: Db, opts: { mediaStore?: MediaStore } = {}): Promise<SeedSummary> {
  const created = { orgs: 0, users: 0, clients: 0, offers: 0, pricePoints: 0, campaigns: 0 };
  const { orgId, userId, demoFunnel } = await db.transaction(async (tx) => {
    // Two seeds started at once would both miss the clients and insert them twice; they take turns instead.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('mos:seed'))`);
    const org = await findOrInsert(
      () => tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.externalId, DEMO_ORG_EXTERNAL_ID)),
      () =>
        tx
          .insert(orgs)
          .values({ externalId: DEMO_ORG_EXTERNAL_ID, name: 'Demo Agency' })
          .returning({ id: orgs.id }),
    );
    if (org.inserted) created.orgs += 1;
    const demoUserId = await localUserIdFor(DEMO_USER_EMAIL);
    const user = await findOrInsert(
      () =>
        tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.orgId, org.id), eq(users.email, DEMO_USER_EMAIL))),
      () =>
        tx
          .insert(users)
          .values({
            orgId: org.id,
            clerkUserId: demoUserId,
            email: DEMO_USER_EMAIL,
            name: 'Demo Admin',
            role: 'admin',
          })
          .returning({ id: users.id }),
    );
    if (user.inserted) created.users += 1;

    const clientIds = new Map<string, string>();
    for (const c of CLIENTS) clientIds.set(c.name, await seedClient(tx, org.id, c, created));

    const clientId = clientIds.get(CAMPAIGN.clientName);
    if (!clientId) throw new Error(`seed campaign names unknown client ${CAMPAIGN.clientName}`);
    const { clientName: _, ...fields } = CAMPAIGN;
    const campaign = await findOrInsert(
      () =>
        tx
          .select({ id: campaigns.id })
          .from(campaigns)
          .where(
            and(
              eq(campaigns.orgId, org.id),
              eq(campaigns.clientId, clientId),
              eq(campaigns.name, CAMPAIGN.name),
            ),
          ),
      () =>
        tx
          .insert(campaigns)
          .values({ orgId: org.id, clientId, ...fields })
          .returning({ id: campaigns.id }),
    );
    if (campaign.inserted) created.campaigns += 1;
    const firstClientId = clientIds.get(CLIENTS[0]?.name ?? '');
    if (!firstClientId) throw new Error('seed has no demo client');
    const demoFunnel = await seedDemoFunnel(tx, { orgId: org.id, clientId: firstClientId, userId: user.id });
    return { orgId: org.id, userId: user.id, demoFunnel };
  });

  const swipes = await importAdLibraryExport(db, orgId, JSON.parse(await readFile(FIXTURE, 'utf8')));
  const media = await seedSwipeMedia(db, orgId, opts.mediaStore ?? dbMediaStore);
  return { orgId, userId, created, swipes, demoFunnel, media };
}

/**
 * The fixture's media URLs point at a host that does not exist: each demo swipe gets its shipped image (and
 * thumbnail) from `fixtures/media/` in the media store instead, no network involved. Videos get a poster image.
 * Idempotent: only media without a copy are stored.
 */
async function seedSwipeMedia(db: Db, orgId: string, store: MediaStore): Promise<{ stored: number }> {
  let stored = 0;
  for (const item of await listSwipeMediaToImport(db, orgId, null)) {
    if (!item.externalMediaId || !/^[\w-]+$/.test(item.externalMediaId)) continue;
    const read = (name: string) =>
      readFile(new URL(name, SEED_MEDIA)).then(
        (b) => new Uint8Array(b),
        () => null,
      );
    const [bytes, thumb] = await Promise.all([
      read(`${item.externalMediaId}.jpg`),
      read(`${item.externalMediaId}.thumb.webp`),
    ]);
    const info = bytes ? imageInfo(bytes) : null;
    const thumbInfo = thumb ? imageInfo(thumb) : null;
    if (!bytes || !info) continue;
    const saved = await storeMediaObject(db, store, {
      orgId,
      kind: 'image',
      source: 'seed',
      bytes,
      mimeType: info.mimeType,
      width: info.width,
      height: info.height,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      thumbnail:
        thumb && thumbInfo
          ? { bytes: thumb, mimeType: thumbInfo.mimeType, width: thumbInfo.width, height: thumbInfo.height }
          : null,
      originUrl: item.url,
      fileName: `${item.externalMediaId}.jpg`,
    });
    if (await linkSwipeMedia(db, orgId, item.id, saved.id)) stored += 1;
  }
  return { stored };
}

/** A few lines for the terminal. */
export function formatSeedSummary(s: SeedSummary): string {
  const c = s.created;
  const r = s.swipes;
  return [
    `demo org ${DEMO_ORG_EXTERNAL_ID} (${s.orgId}), admin ${DEMO_USER_EMAIL}`,
    `created: ${c.orgs} org, ${c.users} user, ${c.clients} clients, ${c.offers} offers, ${c.pricePoints} price points, ${c.campaigns} campaign`,
    `swipes: ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected`,
    `swipe media: ${s.media.stored} stored in the media store`,
    `demo funnel "Spring lead magnet" ${s.demoFunnel.created ? 'created' : 'already there'}: /f/${s.demoFunnel.publicId} once published, or http://${s.demoFunnel.hostname}:<FUNNEL_PROXY_PORT>/`,
  ].join('\n');
}
