import { and, asc, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { funnelLeads, funnelPages, leadDeliveries } from '../schema/funnels';
import { afterCursor, type Page, toPage } from './pagination';

/** Leads as the web app lists and exports them, and each lead's webhook delivery log. */
export type FunnelLeadRow = typeof funnelLeads.$inferSelect;
export type LeadDeliveryRow = typeof leadDeliveries.$inferSelect;
export type FunnelLeadItem = FunnelLeadRow & { pageName: string | null; pageSlug: string | null };

const leadColumns = {
  lead: funnelLeads,
  pageName: funnelPages.name,
  pageSlug: funnelPages.slug,
};

function leadsWhere(
  orgId: string,
  funnelId: string,
  window: { from?: Date | undefined; to?: Date | undefined },
): (SQL | undefined)[] {
  return [
    eq(funnelLeads.orgId, orgId),
    eq(funnelLeads.funnelId, funnelId),
    window.from ? gte(funnelLeads.createdAt, window.from) : undefined,
    window.to ? lt(funnelLeads.createdAt, window.to) : undefined,
  ];
}

/** A funnel's leads, newest first, keyset-paged, each with the page its form is on. */
export async function listFunnelLeads(
  q: Queryable,
  orgId: string,
  f: {
    funnelId: string;
    from?: Date | undefined;
    to?: Date | undefined;
    cursor?: string | null;
    limit: number;
  },
): Promise<Page<FunnelLeadItem>> {
  const rows = await q
    .select(leadColumns)
    .from(funnelLeads)
    .leftJoin(funnelPages, and(eq(funnelPages.id, funnelLeads.pageId), eq(funnelPages.orgId, orgId)))
    .where(
      and(...leadsWhere(orgId, f.funnelId, f), afterCursor(f.cursor, funnelLeads.createdAt, funnelLeads.id)),
    )
    .orderBy(desc(funnelLeads.createdAt), desc(funnelLeads.id))
    .limit(f.limit + 1);
  return toPage(
    rows.map((r) => ({ ...r.lead, pageName: r.pageName, pageSlug: r.pageSlug })),
    f.limit,
    (r) => ({ at: r.createdAt, id: r.id }),
  );
}

/** Up to `limit` leads of a window, oldest first (the CSV export's order). */
export async function exportFunnelLeads(
  q: Queryable,
  orgId: string,
  f: { funnelId: string; from?: Date | undefined; to?: Date | undefined; limit: number },
): Promise<FunnelLeadItem[]> {
  const rows = await q
    .select(leadColumns)
    .from(funnelLeads)
    .leftJoin(funnelPages, and(eq(funnelPages.id, funnelLeads.pageId), eq(funnelPages.orgId, orgId)))
    .where(and(...leadsWhere(orgId, f.funnelId, f)))
    .orderBy(asc(funnelLeads.createdAt), asc(funnelLeads.id))
    .limit(f.limit);
  return rows.map((r) => ({ ...r.lead, pageName: r.pageName, pageSlug: r.pageSlug }));
}

export async function getFunnelLead(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<FunnelLeadRow | undefined> {
  const [row] = await q
    .select()
    .from(funnelLeads)
    .where(and(eq(funnelLeads.orgId, orgId), eq(funnelLeads.id, id)))
    .limit(1);
  return row;
}

/** Every webhook attempt for a lead, in order. */
export async function listLeadDeliveries(
  q: Queryable,
  orgId: string,
  leadId: string,
): Promise<LeadDeliveryRow[]> {
  return q
    .select()
    .from(leadDeliveries)
    .where(and(eq(leadDeliveries.orgId, orgId), eq(leadDeliveries.leadId, leadId)))
    .orderBy(asc(leadDeliveries.attempt), asc(leadDeliveries.createdAt));
}
