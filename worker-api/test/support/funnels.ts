import {
  approveArtifact,
  campaigns,
  funnelEvents,
  funnelLeads,
  funnelPublicationPages,
  funnelPublications,
} from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import type { Tenant, TestApp } from './harness';
import { newTenant } from './harness';

/**
 * Funnel fixtures for the API tests: a tenant with a client, a campaign whose experiment spec set is approved, an
 * offer; valid page documents; and rows the public runtime or the publish workflow would write (publications,
 * events, leads), inserted directly because those parts are not this API's.
 */
export const SPEC = artifactExamples.experiment_spec.experimentSpecs[0] ?? missing('experiment spec example');
export const EXPERIMENT_ID = SPEC.id;
export const ARM_IDS = SPEC.variants.map((v) => v.id);

function missing(what: string): never {
  throw new Error(`fixture missing: ${what}`);
}

export type Block = { type: string; props: Record<string, unknown> };

export const pageDoc = (title: string, content: Block[] = []) => ({
  root: { props: { title, description: '', ogImage: null, favicon: null } },
  content,
  zones: {},
});

export const hero = (id: string, headline = 'Calm skin in 14 days') => ({
  type: 'Hero',
  props: {
    id,
    eyebrow: '',
    headline,
    subheadline: '',
    image: null,
    ctaLabel: '',
    ctaTarget: null,
    align: 'center',
  },
});

export const button = (id: string, target: Record<string, unknown>, label = 'Continue') => ({
  type: 'Button',
  props: { id, label, target, variant: 'primary' },
});

export async function funnelTenant(t: TestApp, name = 'Funnel Agency') {
  const tenant = await newTenant(t, name);
  const admin = t.client(tenant.admin);
  const operator = t.client(tenant.operator);
  const member = t.client(tenant.member);
  const me = await admin.me.get.query();
  const orgId = me.org.id;
  const client = await admin.clients.create.mutate({
    name: 'Lumen & Moss',
    primaryMarkets: ['US'],
    primaryLanguages: ['en'],
  });
  const [campaign] = await t.database.db
    .insert(campaigns)
    .values({ orgId, clientId: client.id, name: 'Q3 launch' })
    .returning();
  if (!campaign) throw new Error('campaign insert returned no row');
  const spec = await admin.artifacts.createVersion.mutate({
    clientId: client.id,
    campaignId: campaign.id,
    type: 'experiment_spec',
    data: {
      ...structuredClone(artifactExamples.experiment_spec),
      clientId: client.id,
      campaignId: campaign.id,
    },
  });
  await approveArtifact(t.database.db, orgId, spec.id, null);
  const offer = await admin.offers.create.mutate({
    clientId: client.id,
    name: 'Barrier Reset Kit',
    description: null,
    businessModel: 'one-time purchase',
    differentiationBullets: [],
    guaranteeText: null,
    pricePoints: [{ label: 'Full size', amountCents: 8900, currency: 'USD' }],
  });
  return {
    tenant,
    orgId,
    userId: me.userId,
    admin,
    operator,
    member,
    clientId: client.id,
    campaignId: campaign.id,
    offerId: offer.id,
  };
}
export type FunnelTenant = Awaited<ReturnType<typeof funnelTenant>>;

/** A funnel with two approved pages (landing → thank-you, the landing's button leading to the next page). */
export async function publishableFunnel(f: FunnelTenant, name = 'Serum launch') {
  const funnel = await f.operator.funnels.create.mutate({
    clientId: f.clientId,
    campaignId: f.campaignId,
    experimentId: EXPERIMENT_ID,
    offerId: f.offerId,
    name,
  });
  const landing = await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Landing' });
  const thanks = await f.operator.funnels.createPage.mutate({ funnelId: funnel.id, name: 'Thank you' });
  await f.operator.funnels.updatePage.mutate({ pageId: landing.page.id, nextPageId: thanks.page.id });
  await f.operator.funnels.savePage.mutate({
    pageId: landing.page.id,
    document: pageDoc('Landing', [hero('hero-1'), button('cta-1', { kind: 'next' })]),
  });
  await f.operator.funnels.savePage.mutate({
    pageId: thanks.page.id,
    document: pageDoc('Thank you', [hero('hero-2', 'Thanks!')]),
  });
  await f.operator.funnels.approvePage.mutate({ pageId: landing.page.id });
  await f.operator.funnels.approvePage.mutate({ pageId: thanks.page.id });
  return { funnel, landing: landing.page, thanks: thanks.page };
}

/** Variant "B" of a page, testing the example experiment's second arm (what `funnels.createVariant` answers). */
export function variantB(f: FunnelTenant, pageId: string) {
  return f.operator.funnels.createVariant.mutate({
    pageId,
    name: 'B',
    experimentId: EXPERIMENT_ID,
    experimentVariantId: ARM_IDS[1] ?? '',
  });
}

/** The id of the page's latest approved version, as the editor's page read answers it. */
export async function approvedVersionId(f: FunnelTenant, pageId: string): Promise<string> {
  const id = (await f.member.funnels.getPage.query({ pageId })).latestApproved?.id;
  if (!id) throw new Error(`page ${pageId} has no approved version`);
  return id;
}

/** A publication row as the publish workflow writes it (one page, its HTML), for rollback and listing tests. */
export async function insertPublication(
  t: TestApp,
  f: { orgId: string; userId: string },
  funnelId: string,
  number: number,
  page: { id: string; slug: string },
  pageVersionId: string,
) {
  const [pub] = await t.database.db
    .insert(funnelPublications)
    .values({
      orgId: f.orgId,
      funnelId,
      number,
      entryPageId: page.id,
      entrySlug: page.slug,
      createdBy: f.userId,
    })
    .returning();
  if (!pub) throw new Error('publication insert returned no row');
  const html = `<!doctype html><title>v${number}</title>`;
  await t.database.db.insert(funnelPublicationPages).values({
    orgId: f.orgId,
    publicationId: pub.id,
    pageId: page.id,
    variantId: null,
    pageVersionId,
    slug: page.slug,
    title: `v${number}`,
    html,
    contentHash: `hash-${number}`,
    htmlBytes: html.length,
  });
  return pub;
}

/** Events and a lead as the public runtime stores them. */
export async function insertEvent(
  t: TestApp,
  f: { orgId: string; clientId: string },
  e: {
    funnelId: string;
    publicationId: string;
    pageId: string;
    variantId?: string | null;
    type: 'page_view' | 'cta_click' | 'form_submit' | 'funnel_enter';
    visitorId: string;
    occurredAt: Date;
  },
) {
  await t.database.db.insert(funnelEvents).values({
    orgId: f.orgId,
    clientId: f.clientId,
    funnelId: e.funnelId,
    publicationId: e.publicationId,
    pageId: e.pageId,
    variantId: e.variantId ?? null,
    eventId: crypto.randomUUID(),
    batchId: crypto.randomUUID(),
    type: e.type,
    visitorId: e.visitorId,
    sessionId: `s-${e.visitorId}`,
    occurredAt: e.occurredAt,
  });
}

export async function insertLead(
  t: TestApp,
  f: { orgId: string; clientId: string },
  l: {
    funnelId: string;
    publicationId: string;
    pageId: string;
    variantId?: string | null;
    visitorId: string;
    fields: Record<string, string>;
    createdAt?: Date;
    utm?: Record<string, string>;
    clickIds?: Record<string, string>;
  },
) {
  const [row] = await t.database.db
    .insert(funnelLeads)
    .values({
      orgId: f.orgId,
      clientId: f.clientId,
      funnelId: l.funnelId,
      publicationId: l.publicationId,
      pageId: l.pageId,
      variantId: l.variantId ?? null,
      blockId: 'form-1',
      submissionId: crypto.randomUUID(),
      visitorId: l.visitorId,
      fields: l.fields,
      email: l.fields.email ?? null,
      utm: l.utm ?? {},
      clickIds: l.clickIds ?? {},
      host: 'shop.example.com',
      deliveryStatus: 'pending',
      ...(l.createdAt ? { createdAt: l.createdAt } : {}),
    })
    .returning();
  if (!row) throw new Error('lead insert returned no row');
  return row;
}

export type { Tenant };
