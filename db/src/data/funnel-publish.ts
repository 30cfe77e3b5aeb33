import { and, asc, desc, eq, inArray, max, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../db-type';
import { clients } from '../schema/clients';
import {
  funnelPages,
  funnelPageVariants,
  funnelPageVersions,
  funnelPublicationLinks,
  funnelPublicationPages,
  funnelPublications,
  funnels,
} from '../schema/funnels';
import { writeAudit } from './audit';

/**
 * What the publish workflow reads and writes (org-scoped): the candidate (funnel, pages, latest approved versions
 * of pages and variants, variant weights and experiment ids, the client's design tokens, settings), the
 * publication stored in one transaction (idempotent per run) and the switch of the active publication.
 */
export interface PublishSourceVersion {
  versionId: string;
  /** The Puck document as stored (the caller parses it with the block library's schema). */
  document: unknown;
}

export interface PublishSourcePage {
  id: string;
  name: string;
  slug: string;
  nextPageId: string | null;
  ordering: number;
  approved: PublishSourceVersion | null;
  variants: Array<{
    id: string;
    name: string;
    weight: number;
    experimentId: string | null;
    experimentVariantId: string | null;
    approved: PublishSourceVersion | null;
  }>;
}

export interface PublishSource {
  funnel: {
    id: string;
    orgId: string;
    clientId: string;
    name: string;
    status: 'draft' | 'published' | 'disabled' | 'archived';
    entryPageId: string | null;
    activePublicationId: string | null;
    settings: unknown;
  };
  /** The client's design tokens as stored (null: the block library's defaults). */
  designTokens: unknown;
  pages: PublishSourcePage[];
}

/** The funnel as publishing sees it now; null when the funnel is not the org's. */
export async function loadPublishSource(
  q: Queryable,
  orgId: string,
  funnelId: string,
): Promise<PublishSource | null> {
  const [funnel] = await q
    .select({
      id: funnels.id,
      orgId: funnels.orgId,
      clientId: funnels.clientId,
      name: funnels.name,
      status: funnels.status,
      entryPageId: funnels.entryPageId,
      activePublicationId: funnels.activePublicationId,
      settings: funnels.settings,
      designTokens: clients.designTokens,
    })
    .from(funnels)
    .innerJoin(clients, eq(clients.id, funnels.clientId))
    .where(and(eq(funnels.orgId, orgId), eq(funnels.id, funnelId)));
  if (!funnel) return null;
  const pages = await q
    .select()
    .from(funnelPages)
    .where(and(eq(funnelPages.orgId, orgId), eq(funnelPages.funnelId, funnelId)))
    .orderBy(asc(funnelPages.ordering), asc(funnelPages.createdAt));
  const variants = await q
    .select()
    .from(funnelPageVariants)
    .where(and(eq(funnelPageVariants.orgId, orgId), eq(funnelPageVariants.funnelId, funnelId)))
    .orderBy(asc(funnelPageVariants.createdAt));
  // Newest first: the first approved row per (page, variant) is the one published.
  const approved = await selectPageVersions(
    q,
    orgId,
    funnelId,
    eq(funnelPageVersions.status, 'approved'),
  ).orderBy(desc(funnelPageVersions.createdAt), desc(funnelPageVersions.id));
  const latest = new Map<string, PublishSourceVersion>();
  for (const v of approved) {
    const key = `${v.pageId}:${v.variantId ?? ''}`;
    if (!latest.has(key)) latest.set(key, { versionId: v.id, document: v.document });
  }
  const { designTokens, ...rest } = funnel;
  return {
    funnel: rest,
    designTokens,
    pages: pages.map((p) => ({
      id: p.id,
      name: p.name,
      slug: p.slug,
      nextPageId: p.nextPageId,
      ordering: p.ordering,
      approved: latest.get(`${p.id}:`) ?? null,
      variants: variants
        .filter((v) => v.pageId === p.id)
        .map((v) => ({
          id: v.id,
          name: v.name,
          weight: v.weight,
          experimentId: v.experimentId,
          experimentVariantId: v.experimentVariantId,
          approved: latest.get(`${p.id}:${v.id}`) ?? null,
        })),
    })),
  };
}

/** The funnel's page versions (of the org) that match `where`: id, page, variant and document. */
function selectPageVersions(q: Queryable, orgId: string, funnelId: string, where: SQL) {
  return q
    .select({
      id: funnelPageVersions.id,
      pageId: funnelPageVersions.pageId,
      variantId: funnelPageVersions.variantId,
      document: funnelPageVersions.document,
    })
    .from(funnelPageVersions)
    .where(and(eq(funnelPageVersions.orgId, orgId), eq(funnelPageVersions.funnelId, funnelId), where));
}

/** Page versions by id (immutable rows): what the publish renders, exactly as checked. */
export async function loadPageVersions(
  q: Queryable,
  orgId: string,
  funnelId: string,
  ids: string[],
): Promise<Map<string, { id: string; pageId: string; variantId: string | null; document: unknown }>> {
  if (ids.length === 0) return new Map();
  const rows = await selectPageVersions(q, orgId, funnelId, inArray(funnelPageVersions.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface NewPublicationPage {
  pageId: string;
  variantId: string | null;
  pageVersionId: string;
  slug: string;
  title: string;
  description: string | null;
  weight: number;
  experimentId: string | null;
  experimentVariantId: string | null;
  html: string;
  contentHash: string;
  htmlBytes: number;
}

export interface NewPublicationLink {
  fromPageId: string;
  toPageId: string;
  kind: 'cta' | 'form' | 'auto';
  label: string | null;
  meta: Record<string, unknown>;
}

export interface StorePublicationInput {
  orgId: string;
  funnelId: string;
  /** Chosen before rendering: the HTML carries it. */
  publicationId: string;
  workflowRunId: string;
  entryPageId: string;
  entrySlug: string;
  createdBy: string | null;
  pages: NewPublicationPage[];
  links: NewPublicationLink[];
}

/** The publication a run stored, if it stored one (a retried store finds it). */
export async function publicationOfRun(
  q: Queryable,
  orgId: string,
  workflowRunId: string,
): Promise<{ id: string; number: number } | null> {
  const [row] = await q
    .select({ id: funnelPublications.id, number: funnelPublications.number })
    .from(funnelPublications)
    .where(and(eq(funnelPublications.orgId, orgId), eq(funnelPublications.workflowRunId, workflowRunId)));
  return row ?? null;
}

/**
 * Stores a publication with its pages and links in one transaction: number = the funnel's previous + 1 (the
 * funnel row is locked, so two publishes never take the same number). Idempotent per run: a retry after a crash
 * finds the publication the run stored and returns it (`created: false`).
 */
export async function storePublication(
  db: Db,
  input: StorePublicationInput,
): Promise<{ id: string; number: number; created: boolean }> {
  return db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: funnels.id })
      .from(funnels)
      .where(and(eq(funnels.orgId, input.orgId), eq(funnels.id, input.funnelId)))
      .for('update');
    if (locked.length === 0) throw new Error(`funnel ${input.funnelId} not found`);
    const existing = await publicationOfRun(tx, input.orgId, input.workflowRunId);
    if (existing) return { ...existing, created: false };
    const [last] = await tx
      .select({ n: max(funnelPublications.number) })
      .from(funnelPublications)
      .where(eq(funnelPublications.funnelId, input.funnelId));
    const number = (last?.n ?? 0) + 1;
    await tx.insert(funnelPublications).values({
      id: input.publicationId,
      orgId: input.orgId,
      funnelId: input.funnelId,
      number,
      entryPageId: input.entryPageId,
      entrySlug: input.entrySlug,
      workflowRunId: input.workflowRunId,
      createdBy: input.createdBy,
    });
    if (input.pages.length > 0) {
      await tx
        .insert(funnelPublicationPages)
        .values(input.pages.map((p) => ({ ...p, orgId: input.orgId, publicationId: input.publicationId })));
    }
    if (input.links.length > 0) {
      await tx
        .insert(funnelPublicationLinks)
        .values(input.links.map((l) => ({ ...l, orgId: input.orgId, publicationId: input.publicationId })));
    }
    return { id: input.publicationId, number, created: true };
  });
}

/**
 * Makes the publication the funnel's active one and the funnel `published`, with an audit row, in one
 * transaction. Idempotent: when it is active already nothing is written again.
 */
export async function activateNewPublication(
  db: Db,
  input: {
    orgId: string;
    funnelId: string;
    publicationId: string;
    actorUserId: string | null;
    workflowRunId: string;
  },
): Promise<{ switched: boolean; previousPublicationId: string | null }> {
  return db.transaction(async (tx) => {
    const [funnel] = await tx
      .select({ active: funnels.activePublicationId })
      .from(funnels)
      .where(and(eq(funnels.orgId, input.orgId), eq(funnels.id, input.funnelId)))
      .for('update');
    if (!funnel) throw new Error(`funnel ${input.funnelId} not found`);
    if (funnel.active === input.publicationId) return { switched: false, previousPublicationId: null };
    const [publication] = await tx
      .select({ number: funnelPublications.number })
      .from(funnelPublications)
      .where(
        and(
          eq(funnelPublications.orgId, input.orgId),
          eq(funnelPublications.funnelId, input.funnelId),
          eq(funnelPublications.id, input.publicationId),
        ),
      );
    if (!publication) throw new Error(`publication ${input.publicationId} not found`);
    await tx
      .update(funnels)
      .set({ activePublicationId: input.publicationId, status: 'published', updatedAt: new Date() })
      .where(and(eq(funnels.orgId, input.orgId), eq(funnels.id, input.funnelId)));
    await writeAudit(tx, {
      orgId: input.orgId,
      actorUserId: input.actorUserId,
      action: 'funnel.publish',
      targetType: 'funnel',
      targetId: input.funnelId,
      data: {
        publicationId: input.publicationId,
        number: publication.number,
        previousPublicationId: funnel.active,
        workflowRunId: input.workflowRunId,
      },
    });
    return { switched: true, previousPublicationId: funnel.active };
  });
}
