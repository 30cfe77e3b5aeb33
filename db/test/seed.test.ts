import { checkPublishRules } from '@mos/funnel-blocks/publish-rules';
import { PageDocument } from '@mos/funnel-blocks/schema';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Baseline } from '../src/contracts/experiments';
import { latestFunnelVersions, listFunnelPages } from '../src/data/funnels';
import type { Database, Db } from '../src/db-type';
import { localUserIdFor } from '../src/local-identity';
import { imageInfo } from '../src/media/image-info';
import { dbMediaStore, mediaKey, thumbnailKey } from '../src/media/store';
import { createDb, migrate } from '../src/node';
import {
  campaigns,
  clients,
  companySwipeAssets,
  companySwipeBrands,
  companySwipeMedia,
  funnelDomains,
  funnelPages,
  funnelPageVersions,
  funnels,
  mediaObjects,
  orgs,
  productOfferPricePoints,
  productOffers,
  users,
} from '../src/schema/index';
import { DEMO_ORG_EXTERNAL_ID, formatSeedSummary, seed } from '../src/seed';
import { DEMO_FUNNEL_HOSTNAME } from '../src/seed-demo-funnel';

let database: Database;
let db: Db;

beforeAll(async () => {
  database = await createDb('pglite:memory');
  await migrate(database);
  db = database.db;
});
afterAll(async () => {
  await database.close();
});

const TABLES = {
  orgs,
  users,
  clients,
  productOffers,
  productOfferPricePoints,
  campaigns,
  companySwipeBrands,
  companySwipeAssets,
  companySwipeMedia,
  funnels,
  funnelPages,
  funnelPageVersions,
  funnelDomains,
};

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = row?.n ?? -1;
  }
  return out;
}

/** Physical row versions of every seeded row: any rewrite, even to the same values, changes one. */
async function rowVersions(): Promise<string[]> {
  const out: string[] = [];
  for (const [name, table] of Object.entries(TABLES)) {
    const rows = await db.select({ v: sql<string>`id::text || ':' || xmin::text` }).from(table);
    out.push(...rows.map((r) => `${name}:${r.v}`).sort());
  }
  return out;
}

describe('seed', () => {
  it('creates the demo tenant, and a second run changes nothing', async () => {
    const first = await seed(db);
    expect(first.created).toEqual({
      orgs: 1,
      users: 1,
      clients: 2,
      offers: 4,
      pricePoints: 10,
      campaigns: 1,
    });
    expect(first.swipes).toMatchObject({ inserted: 12, updated: 0, unchanged: 0, rejected: [] });
    expect(await counts()).toEqual({
      orgs: 1,
      users: 1,
      clients: 2,
      productOffers: 4,
      productOfferPricePoints: 10,
      campaigns: 1,
      companySwipeBrands: 4,
      companySwipeAssets: 12,
      companySwipeMedia: 19,
      funnels: 1,
      funnelPages: 2,
      funnelPageVersions: 4,
      funnelDomains: 1,
    });

    const [org] = await db.select().from(orgs).where(eq(orgs.externalId, DEMO_ORG_EXTERNAL_ID));
    expect(org).toMatchObject({ id: first.orgId, name: 'Demo Agency' });
    const [user] = await db.select().from(users).where(eq(users.orgId, first.orgId));
    expect(user).toMatchObject({
      email: 'demo@mos.local',
      role: 'admin',
      clerkUserId: await localUserIdFor('demo@mos.local'),
    });
    const seededClients = await db
      .select()
      .from(clients)
      .where(eq(clients.orgId, first.orgId))
      .orderBy(clients.name);
    expect(seededClients.map((c) => [c.name, c.primaryMarkets, c.primaryLanguages])).toEqual([
      ['Lumen & Moss', ['US', 'UK'], ['en']],
      ['Northwind Coffee', ['US', 'DE'], ['en', 'de']],
    ]);
    const [campaign] = await db.select().from(campaigns).where(eq(campaigns.orgId, first.orgId));
    expect(campaign?.clientId).toBe(seededClients[0]?.id);
    // The baseline is a rate of a named metric (experiment plans read it), not a bare number.
    expect(Baseline.safeParse({ metric: campaign?.baselineMetric, value: campaign?.baseline }).data).toEqual({
      metric: 'cvr',
      value: 0.021,
    });

    const before = await rowVersions();
    const second = await seed(db);
    expect(second.orgId).toBe(first.orgId);
    expect(second.userId).toBe(first.userId);
    expect(second.created).toEqual({
      orgs: 0,
      users: 0,
      clients: 0,
      offers: 0,
      pricePoints: 0,
      campaigns: 0,
    });
    expect(second.swipes).toMatchObject({ inserted: 0, updated: 0, unchanged: 12, rejected: [] });
    expect(second.demoFunnel).toEqual({ ...first.demoFunnel, created: false });
    expect(await rowVersions()).toEqual(before);
    expect(formatSeedSummary(second)).toContain('swipes: 0 inserted, 0 updated, 12 unchanged, 0 rejected');
    expect(first.media.stored).toBe(19);
    expect(second.media.stored).toBe(0);
  });

  it('gives every demo swipe its shipped image and thumbnail in the media store (no network)', async () => {
    const { orgId } = await seed(db);
    const rows = await db
      .select({
        external: companySwipeMedia.externalMediaId,
        mediaId: companySwipeMedia.mediaId,
        media: mediaObjects,
      })
      .from(companySwipeMedia)
      .leftJoin(mediaObjects, eq(mediaObjects.id, companySwipeMedia.mediaId))
      .where(eq(companySwipeMedia.orgId, orgId));
    expect(rows).toHaveLength(19);
    for (const row of rows) {
      expect(row.mediaId, `${row.external} has no media`).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.media).toMatchObject({
        orgId,
        status: 'ready',
        source: 'seed',
        kind: 'image',
        storage: 'db',
      });
      const bytes = await dbMediaStore.get(db, orgId, mediaKey(orgId, row.mediaId ?? ''));
      const thumb = await dbMediaStore.get(db, orgId, thumbnailKey(orgId, row.mediaId ?? ''));
      if (!bytes || !thumb) throw new Error(`${row.external}: bytes missing`);
      expect(bytes.byteLength).toBeLessThanOrEqual(20 * 1024);
      expect(bytes.byteLength).toBe(row.media?.sizeBytes);
      expect(imageInfo(bytes)).toEqual({
        mimeType: 'image/jpeg',
        width: row.media?.width,
        height: row.media?.height,
      });
      expect(imageInfo(thumb)).toMatchObject({ mimeType: 'image/webp', width: 320 });
      expect(row.media?.thumbnailWidth).toBe(320);
    }
    // Images differ per media item (one composition each, not one placeholder).
    expect(new Set(rows.map((r) => r.media?.sha256)).size).toBe(19);
  });

  it('gives the first demo client a two-page funnel, both pages approved, that passes the publish rules', async () => {
    const summary = await seed(db);
    const { orgId } = summary;
    const [client] = await db
      .select()
      .from(clients)
      .where(eq(clients.orgId, orgId))
      .orderBy(clients.createdAt, clients.name)
      .limit(1);
    const [funnel] = await db.select().from(funnels).where(eq(funnels.id, summary.demoFunnel.funnelId));
    const [offer] = await db
      .select()
      .from(productOffers)
      .where(eq(productOffers.id, funnel?.offerId ?? ''));
    expect(funnel).toMatchObject({
      orgId,
      clientId: client?.id,
      name: 'Spring lead magnet',
      status: 'draft',
      publicId: summary.demoFunnel.publicId,
      activePublicationId: null,
    });
    expect(offer).toMatchObject({ clientId: client?.id, name: 'Barrier Reset Serum' });

    const pages = await listFunnelPages(db, orgId, summary.demoFunnel.funnelId);
    const entry = pages.find((p) => p.id === funnel?.entryPageId);
    const thanks = pages.find((p) => p.id === entry?.nextPageId);
    expect(entry).toMatchObject({ slug: 'spring-guide', templateId: 'lead_capture' });
    expect(thanks).toMatchObject({ slug: 'thank-you', templateId: 'thank_you', nextPageId: null });
    expect(pages).toHaveLength(2);

    const versions = await latestFunnelVersions(db, orgId, summary.demoFunnel.funnelId);
    const approvedOf = (pageId: string) => {
      const v = versions.find((x) => x.pageId === pageId && x.variantId === null);
      // Approved and nothing newer waiting: the editor shows no unapproved changes.
      expect(v?.latest.status).toBe('approved');
      expect(v?.draft).not.toBeNull();
      return v?.approved
        ? { versionId: v.approved.id, document: PageDocument.parse(v.approved.document) }
        : null;
    };
    const check = checkPublishRules({
      status: funnel?.status ?? 'draft',
      entryPageId: funnel?.entryPageId ?? null,
      pages: pages.map((p) => ({
        id: p.id,
        name: p.name,
        slug: p.slug,
        nextPageId: p.nextPageId,
        approved: approvedOf(p.id),
        variants: [],
      })),
    });
    expect(check).toMatchObject({ ok: true });
    // The offer is in the lead page's copy, and the lead form leads to the thank-you page.
    const entryDoc = approvedOf(entry?.id ?? '')?.document;
    const hero = entryDoc?.content.find((b) => b.type === 'Hero');
    expect(JSON.stringify(hero?.props)).toContain('Barrier Reset Serum');
    expect(check.ok && check.links).toContainEqual(
      expect.objectContaining({ fromPageId: entry?.id, toPageId: thanks?.id, kind: 'auto' }),
    );

    const [domain] = await db
      .select()
      .from(funnelDomains)
      .where(eq(funnelDomains.hostname, DEMO_FUNNEL_HOSTNAME));
    expect(domain).toMatchObject({ orgId, funnelId: funnel?.id, status: 'verified' });
    expect(formatSeedSummary(summary)).toContain(`/f/${summary.demoFunnel.publicId}`);
  });
});
