import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { funnelPublicationPages, funnelPublications, funnels } from '../schema/funnels';
import { users } from '../schema/users';
import { workflowRuns } from '../schema/workflow-runs';

/**
 * Publications as authors see them (the publish workflow writes them; the edge and the funnel proxy read their
 * HTML elsewhere): the list with who published, the pages and variants each holds, which one is active; and
 * rollback, which makes an earlier publication active again.
 */
export interface PublicationPageSummary {
  pageId: string;
  variantId: string | null;
  slug: string;
  title: string;
  weight: number;
  htmlBytes: number;
  contentHash: string;
}

export interface PublicationSummary {
  id: string;
  number: number;
  entryPageId: string;
  entrySlug: string;
  createdAt: Date;
  createdBy: string | null;
  createdByEmail: string | null;
  createdByName: string | null;
  workflowRunId: string | null;
  active: boolean;
  pages: PublicationPageSummary[];
}

/** A funnel's publications, newest first, each with its pages (never the HTML). Two statements. */
export async function listFunnelPublications(
  q: Queryable,
  orgId: string,
  funnelId: string,
  limit = 100,
): Promise<PublicationSummary[]> {
  const p = funnelPublications;
  const rows = await q
    .select({
      id: p.id,
      number: p.number,
      entryPageId: p.entryPageId,
      entrySlug: p.entrySlug,
      createdAt: p.createdAt,
      createdBy: p.createdBy,
      createdByEmail: users.email,
      createdByName: users.name,
      workflowRunId: p.workflowRunId,
      active: sql<boolean>`coalesce(${funnels.activePublicationId} = ${p.id}, false)`,
    })
    .from(p)
    .innerJoin(funnels, and(eq(funnels.id, p.funnelId), eq(funnels.orgId, orgId)))
    .leftJoin(users, and(eq(users.id, p.createdBy), eq(users.orgId, orgId)))
    .where(and(eq(p.orgId, orgId), eq(p.funnelId, funnelId)))
    .orderBy(desc(p.number))
    .limit(limit);
  if (rows.length === 0) return [];
  const pp = funnelPublicationPages;
  const pages = await q
    .select({
      publicationId: pp.publicationId,
      pageId: pp.pageId,
      variantId: pp.variantId,
      slug: pp.slug,
      title: pp.title,
      weight: pp.weight,
      htmlBytes: pp.htmlBytes,
      contentHash: pp.contentHash,
    })
    .from(pp)
    .where(
      and(
        eq(pp.orgId, orgId),
        inArray(
          pp.publicationId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(pp.slug), asc(pp.variantId));
  const byPublication = new Map<string, PublicationPageSummary[]>();
  for (const { publicationId, ...page } of pages) {
    const list = byPublication.get(publicationId) ?? [];
    list.push(page);
    byPublication.set(publicationId, list);
  }
  return rows.map((r) => ({ ...r, pages: byPublication.get(r.id) ?? [] }));
}

/**
 * Makes `publicationId` the funnel's active publication in one statement, provided it is a publication of that
 * funnel in the org. A disabled or archived funnel stays so (its pages keep answering 410); otherwise it is
 * published. Returns the funnel's new state, or null when the funnel or the publication is not found.
 */
export async function activatePublication(
  q: Queryable,
  orgId: string,
  funnelId: string,
  publicationId: string,
): Promise<{ id: string; activePublicationId: string | null; status: string } | null> {
  const [row] = await q
    .update(funnels)
    .set({
      activePublicationId: publicationId,
      status: sql`case when ${funnels.status} in ('disabled', 'archived') then ${funnels.status} else 'published' end`,
    })
    .where(
      and(
        eq(funnels.orgId, orgId),
        eq(funnels.id, funnelId),
        sql`exists (select 1 from funnel_publications fp
          where fp.id = ${publicationId} and fp.funnel_id = ${funnelId} and fp.org_id = ${orgId})`,
      ),
    )
    .returning({ id: funnels.id, activePublicationId: funnels.activePublicationId, status: funnels.status });
  return row ?? null;
}

/** A publish run of this funnel that has not finished yet (a second publish would race it). */
export async function runningFunnelPublish(
  q: Queryable,
  orgId: string,
  funnelId: string,
): Promise<{ id: string } | undefined> {
  const [row] = await q
    .select({ id: workflowRuns.id })
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.orgId, orgId),
        eq(workflowRuns.kind, 'funnel_publish'),
        inArray(workflowRuns.status, ['running', 'waiting_for_approval']),
        sql`${workflowRuns.input}->>'funnelId' = ${funnelId}`,
      ),
    )
    .limit(1);
  return row;
}

export type FunnelPublicationRow = typeof funnelPublications.$inferSelect;

export async function getFunnelPublication(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<FunnelPublicationRow | undefined> {
  const [row] = await q
    .select()
    .from(funnelPublications)
    .where(and(eq(funnelPublications.orgId, orgId), eq(funnelPublications.id, id)))
    .limit(1);
  return row;
}
