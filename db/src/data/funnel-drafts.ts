import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { experiments } from '../schema/experiments';
import { funnelPages, funnelPageVariants, funnelPageVersions, funnels } from '../schema/funnels';

/** What an AI page draft is written from (org-scoped): the funnel, the page (or its variant) and its siblings. */
export interface PageDraftContext {
  funnel: {
    id: string;
    clientId: string;
    campaignId: string | null;
    offerId: string | null;
    experimentId: string | null;
    entryPageId: string | null;
    name: string;
  };
  page: { id: string; name: string; slug: string; nextPageId: string | null };
  variant: {
    id: string;
    name: string;
    experimentId: string | null;
    experimentVariantId: string | null;
  } | null;
  pages: { id: string; name: string; slug: string }[];
}

export async function loadPageDraftContext(
  q: Queryable,
  orgId: string,
  funnelId: string,
  pageId: string,
  variantId: string | null,
): Promise<PageDraftContext | null> {
  const [funnel] = await q
    .select({
      id: funnels.id,
      clientId: funnels.clientId,
      campaignId: funnels.campaignId,
      offerId: funnels.offerId,
      experimentId: funnels.experimentId,
      entryPageId: funnels.entryPageId,
      name: funnels.name,
    })
    .from(funnels)
    .where(and(eq(funnels.orgId, orgId), eq(funnels.id, funnelId)));
  if (!funnel) return null;
  const pages = await q
    .select({
      id: funnelPages.id,
      name: funnelPages.name,
      slug: funnelPages.slug,
      nextPageId: funnelPages.nextPageId,
    })
    .from(funnelPages)
    .where(and(eq(funnelPages.orgId, orgId), eq(funnelPages.funnelId, funnelId)))
    .orderBy(asc(funnelPages.ordering), asc(funnelPages.createdAt));
  const page = pages.find((p) => p.id === pageId);
  if (!page) return null;
  let variant: PageDraftContext['variant'] = null;
  if (variantId) {
    const [row] = await q
      .select({
        id: funnelPageVariants.id,
        name: funnelPageVariants.name,
        experimentId: funnelPageVariants.experimentId,
        experimentVariantId: funnelPageVariants.experimentVariantId,
      })
      .from(funnelPageVariants)
      .where(
        and(
          eq(funnelPageVariants.orgId, orgId),
          eq(funnelPageVariants.pageId, pageId),
          eq(funnelPageVariants.id, variantId),
        ),
      );
    if (!row) return null;
    variant = row;
  }
  return { funnel, page, variant, pages: pages.map(({ id, name, slug }) => ({ id, name, slug })) };
}

/** The page's funnel (org-scoped): what a person's edit of a failed draft is saved under. */
export async function funnelOfPage(q: Queryable, orgId: string, pageId: string): Promise<string | null> {
  const [row] = await q
    .select({ funnelId: funnelPages.funnelId })
    .from(funnelPages)
    .where(and(eq(funnelPages.orgId, orgId), eq(funnelPages.id, pageId)));
  return row?.funnelId ?? null;
}

/** The version a run saved for a page, if any (one per run and page: the unique index). */
export async function pageVersionOfRun(
  q: Queryable,
  orgId: string,
  workflowRunId: string,
  pageId: string,
): Promise<{ id: string; source: string; variantId: string | null } | null> {
  const [row] = await q
    .select({
      id: funnelPageVersions.id,
      source: funnelPageVersions.source,
      variantId: funnelPageVersions.variantId,
    })
    .from(funnelPageVersions)
    .where(
      and(
        eq(funnelPageVersions.orgId, orgId),
        eq(funnelPageVersions.workflowRunId, workflowRunId),
        eq(funnelPageVersions.pageId, pageId),
      ),
    );
  return row ?? null;
}

/**
 * Saves a run's draft version of a page (or variant) once: a retried save finds the row the run wrote (unique
 * on run and page) and returns it with `created: false`.
 */
export async function insertRunPageVersion(
  q: Queryable,
  input: {
    orgId: string;
    funnelId: string;
    pageId: string;
    variantId: string | null;
    source: 'ai' | 'human';
    document: unknown;
    aiMetadata: unknown;
    workflowRunId: string;
    createdBy: string | null;
  },
): Promise<{ id: string; created: boolean }> {
  const inserted = await q
    .insert(funnelPageVersions)
    .values({ ...input, status: 'draft' })
    .onConflictDoNothing()
    .returning({ id: funnelPageVersions.id });
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const found = await pageVersionOfRun(q, input.orgId, input.workflowRunId, input.pageId);
  if (!found) throw new Error(`page version of run ${input.workflowRunId} neither inserted nor found`);
  return { id: found.id, created: false };
}

/**
 * The funnel page variants that are arms of an experiment (by the spec's experiment id or the experiments row id),
 * with the funnel and page they belong to: when there are any, the experiment cycle reads funnel results.
 */
export async function funnelArmsOfExperiment(
  q: Queryable,
  orgId: string,
  experimentIds: string[],
): Promise<{ funnelId: string; pageId: string; variantId: string; experimentVariantId: string | null }[]> {
  if (experimentIds.length === 0) return [];
  return q
    .select({
      funnelId: funnelPageVariants.funnelId,
      pageId: funnelPageVariants.pageId,
      variantId: funnelPageVariants.id,
      experimentVariantId: funnelPageVariants.experimentVariantId,
    })
    .from(funnelPageVariants)
    .where(armVariantsOf(q, orgId, experimentIds));
}

/**
 * The filter for the funnel page variants that are an experiment's arms: tied by the spec's experiment id or the
 * row's id, on funnels of the experiment's own client only. Spec ids are slugs a model writes, so two clients'
 * experiments can share one; without the client their decisions would move each other's traffic.
 */
export function armVariantsOf(q: Queryable, orgId: string, experimentIds: string[]): SQL | undefined {
  const clientOfExperiment = q
    .select({ clientId: experiments.clientId })
    .from(experiments)
    .where(and(eq(experiments.orgId, orgId), inArray(sql`${experiments.id}::text`, experimentIds)));
  const clientFunnels = q
    .select({ id: funnels.id })
    .from(funnels)
    .where(and(eq(funnels.orgId, orgId), inArray(funnels.clientId, clientOfExperiment)));
  return and(
    eq(funnelPageVariants.orgId, orgId),
    inArray(funnelPageVariants.experimentId, experimentIds),
    inArray(funnelPageVariants.funnelId, clientFunnels),
  );
}
