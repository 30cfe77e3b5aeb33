/**
 * Published funnels for tests of the public runtime (edge, funnel proxy, workerd): rows as the publish
 * workflow writes them, with HTML given by the test. Drizzle only, so it runs on Node and inside workerd
 * (over the Neon driver).
 */
import { and, eq, sql } from 'drizzle-orm';
import { createClient } from '../data/clients';
import { ensureOrg } from '../data/orgs';
import type { Queryable } from '../db-type';
import {
  funnelDomains,
  funnelPages,
  funnelPageVariants,
  funnelPageVersions,
  funnelPublicationLinks,
  funnelPublicationPages,
  funnelPublications,
  funnelSlugRedirects,
  funnels,
} from '../schema/funnels';

export interface FixturePageInput {
  slug: string;
  html: string;
  /** Weight of the page itself when it has variants (default 100). */
  weight?: number;
  variants?: { name: string; html: string; weight: number; experimentId?: string }[];
  /** The slug of this page's next page (an `auto` link), and form links per block id. */
  next?: string;
  forms?: Record<string, string>;
  document?: unknown;
  /** Renders the page's HTML once its ids are known (a real renderer embeds them); else `html` is stored. */
  render?: (ids: { publicationId: string; pageId: string; slugs: Record<string, string> }) => Promise<string>;
}

export interface FixturePage {
  pageId: string;
  slug: string;
  versionId: string;
  variants: { variantId: string; versionId: string; name: string }[];
}

export interface PublishedFunnelFixture {
  orgId: string;
  clientId: string;
  funnelId: string;
  publicId: string;
  publicationId: string;
  pages: FixturePage[];
}

const hex = async (text: string) => {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
};

const emptyDoc = (title: string) => ({
  root: { props: { title, description: '', ogImage: null, favicon: null } },
  content: [],
  zones: {},
});

/** A new org, client and funnel with its pages, published once (the first page is the entry page). */
export async function seedPublishedFunnel(
  db: Queryable,
  input: { pages: FixturePageInput[]; settings?: Record<string, unknown>; orgName?: string },
): Promise<PublishedFunnelFixture> {
  const suffix = crypto.randomUUID().replaceAll('-', '').slice(0, 16);
  const org = await ensureOrg(db, {
    externalId: `org_funnel_${suffix}`,
    name: input.orgName ?? 'Funnel Org',
  });
  const client = await createClient(db, org.id, {
    name: `Client ${suffix}`,
    primaryMarkets: [],
    primaryLanguages: [],
  });
  const [funnel] = await db
    .insert(funnels)
    .values({ orgId: org.id, clientId: client.id, name: `Funnel ${suffix}`, settings: input.settings ?? {} })
    .returning({ id: funnels.id, publicId: funnels.publicId });
  if (!funnel) throw new Error('funnel insert returned no row');
  const pages: FixturePage[] = [];
  for (const [ordering, p] of input.pages.entries()) {
    const [page] = await db
      .insert(funnelPages)
      .values({ orgId: org.id, funnelId: funnel.id, name: p.slug, slug: p.slug, ordering })
      .returning({ id: funnelPages.id });
    if (!page) throw new Error('page insert returned no row');
    const versionId = await addVersion(db, org.id, funnel.id, page.id, null, p.document ?? emptyDoc(p.slug));
    const variants: FixturePage['variants'] = [];
    for (const v of p.variants ?? []) {
      const [variant] = await db
        .insert(funnelPageVariants)
        .values({
          orgId: org.id,
          funnelId: funnel.id,
          pageId: page.id,
          name: v.name,
          weight: v.weight,
          experimentId: v.experimentId ?? null,
        })
        .returning({ id: funnelPageVariants.id });
      if (!variant) throw new Error('variant insert returned no row');
      variants.push({
        variantId: variant.id,
        name: v.name,
        versionId: await addVersion(db, org.id, funnel.id, page.id, variant.id, emptyDoc(v.name)),
      });
    }
    pages.push({ pageId: page.id, slug: p.slug, versionId, variants });
  }
  const entry = pages[0];
  if (!entry) throw new Error('a funnel needs at least one page');
  await db.update(funnels).set({ entryPageId: entry.pageId }).where(eq(funnels.id, funnel.id));
  const fixture: PublishedFunnelFixture = {
    orgId: org.id,
    clientId: client.id,
    funnelId: funnel.id,
    publicId: funnel.publicId,
    publicationId: '',
    pages,
  };
  fixture.publicationId = await publishFixture(db, fixture, input.pages);
  return fixture;
}

async function addVersion(
  db: Queryable,
  orgId: string,
  funnelId: string,
  pageId: string,
  variantId: string | null,
  document: unknown,
): Promise<string> {
  const [row] = await db
    .insert(funnelPageVersions)
    .values({ orgId, funnelId, pageId, variantId, status: 'approved', source: 'human', document })
    .returning({ id: funnelPageVersions.id });
  if (!row) throw new Error('version insert returned no row');
  return row.id;
}

/**
 * A new publication of the fixture's pages (matched by position; slugs may change) made the active one, as the
 * publish workflow's last step does. Returns its id.
 */
export async function publishFixture(
  db: Queryable,
  fixture: PublishedFunnelFixture,
  pages: FixturePageInput[],
): Promise<string> {
  const [{ next } = { next: 1 }] = await db
    .select({ next: sql<number>`coalesce(max(${funnelPublications.number}), 0) + 1` })
    .from(funnelPublications)
    .where(eq(funnelPublications.funnelId, fixture.funnelId));
  const entry = fixture.pages[0];
  const entryInput = pages[0];
  if (!entry || !entryInput) throw new Error('a publication needs at least one page');
  const [publication] = await db
    .insert(funnelPublications)
    .values({
      orgId: fixture.orgId,
      funnelId: fixture.funnelId,
      number: Number(next),
      entryPageId: entry.pageId,
      entrySlug: entryInput.slug,
    })
    .returning({ id: funnelPublications.id });
  if (!publication) throw new Error('publication insert returned no row');
  const slugToPage = new Map<string, string>();
  for (const [i, p] of pages.entries()) {
    const page = fixture.pages[i];
    if (page) slugToPage.set(p.slug, page.pageId);
  }
  for (const [i, p] of pages.entries()) {
    const page = fixture.pages[i];
    if (!page) throw new Error(`no fixture page at ${i}`);
    const renderings = [
      {
        variantId: null as string | null,
        versionId: page.versionId,
        html: p.html,
        weight: p.weight ?? 100,
        experimentId: null as string | null,
      },
      ...(p.variants ?? []).map((v, j) => ({
        variantId: page.variants[j]?.variantId ?? null,
        versionId: page.variants[j]?.versionId ?? page.versionId,
        html: v.html,
        weight: v.weight,
        experimentId: v.experimentId ?? null,
      })),
    ];
    if (p.render) {
      const slugs = Object.fromEntries([...slugToPage].map(([slug, id]) => [id, slug]));
      const base = renderings[0];
      if (base) base.html = await p.render({ publicationId: publication.id, pageId: page.pageId, slugs });
    }
    for (const r of renderings) {
      await db.insert(funnelPublicationPages).values({
        orgId: fixture.orgId,
        publicationId: publication.id,
        pageId: page.pageId,
        variantId: r.variantId,
        pageVersionId: r.versionId,
        slug: p.slug,
        title: p.slug,
        weight: r.weight,
        experimentId: r.experimentId ?? p.variants?.find((v) => v.experimentId)?.experimentId ?? null,
        html: r.html,
        contentHash: await hex(r.html),
        htmlBytes: new TextEncoder().encode(r.html).byteLength,
      });
    }
    const links: { to: string; kind: 'form' | 'auto'; meta: Record<string, string> }[] = [];
    const nextId = p.next ? slugToPage.get(p.next) : undefined;
    if (nextId) links.push({ to: nextId, kind: 'auto', meta: { source: 'next_page' } });
    for (const [blockId, slug] of Object.entries(p.forms ?? {})) {
      const to = slugToPage.get(slug);
      if (to) links.push({ to, kind: 'form', meta: { blockId } });
    }
    for (const l of links) {
      await db.insert(funnelPublicationLinks).values({
        orgId: fixture.orgId,
        publicationId: publication.id,
        fromPageId: page.pageId,
        toPageId: l.to,
        kind: l.kind,
        label: l.kind,
        meta: l.meta,
      });
    }
  }
  await db
    .update(funnels)
    .set({ activePublicationId: publication.id, status: 'published' })
    .where(eq(funnels.id, fixture.funnelId));
  return publication.id;
}

/** Renames a page's slug the way the authoring API does: a redirect row from the old slug. */
export async function renameFixtureSlug(
  db: Queryable,
  fixture: PublishedFunnelFixture,
  pageId: string,
  from: string,
  to: string,
): Promise<void> {
  await db
    .update(funnelPages)
    .set({ slug: to })
    .where(and(eq(funnelPages.id, pageId), eq(funnelPages.orgId, fixture.orgId)));
  await db
    .insert(funnelSlugRedirects)
    .values({ orgId: fixture.orgId, funnelId: fixture.funnelId, pageId, fromSlug: from, toSlug: to });
}

export async function setFixtureStatus(
  db: Queryable,
  fixture: PublishedFunnelFixture,
  status: 'published' | 'disabled',
): Promise<void> {
  await db.update(funnels).set({ status }).where(eq(funnels.id, fixture.funnelId));
}

/** A custom domain pointing at the fixture's funnel. */
export async function addFixtureDomain(
  db: Queryable,
  fixture: PublishedFunnelFixture,
  hostname: string,
  status: 'pending' | 'verified' | 'active' | 'disabled',
): Promise<void> {
  await db.insert(funnelDomains).values({
    orgId: fixture.orgId,
    clientId: fixture.clientId,
    funnelId: fixture.funnelId,
    hostname,
    status,
    verificationToken: crypto.randomUUID(),
  });
}
