import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { funnelPages, funnelPageVariants } from '../schema/funnels';

/**
 * A funnel's results over a window, per page and variant (variantId null: the page itself), as the web app's
 * results panel and the experiment cycle read them. Counts are visitors, not events (a visitor who clicks twice
 * is one click), which is what a conversion rate per arm needs:
 *   views  = distinct visitors with a `page_view` on that page/variant,
 *   clicks = distinct visitors with a `cta_click` there,
 *   leads  = distinct visitors who submitted a lead form there,
 *   conversionRate = leads / views (null without views).
 * Every page and variant of the funnel is present (zeros where nothing happened), and `days` holds one entry per
 * UTC day of the window for each of them, for a chart.
 */
export interface FunnelResultCounts {
  views: number;
  clicks: number;
  leads: number;
  conversionRate: number | null;
}

export interface FunnelResultRow extends FunnelResultCounts {
  pageId: string;
  pageName: string;
  pageSlug: string;
  variantId: string | null;
  variantName: string | null;
  /** The experiment spec's experiment and arm a variant tests (null for the page itself). */
  experimentId: string | null;
  experimentVariantId: string | null;
}

export interface FunnelResultDay {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  pageId: string;
  variantId: string | null;
  views: number;
  clicks: number;
  leads: number;
}

export interface FunnelResults {
  funnelId: string;
  from: Date;
  to: Date;
  /** The whole funnel: distinct visitors across all its pages. */
  totals: FunnelResultCounts;
  rows: FunnelResultRow[];
  days: FunnelResultDay[];
}

export interface ResultsWindow {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

interface CountsRow {
  page_id: string | null;
  variant_id: string | null;
  day: string | null;
  level: number;
  views: number;
  clicks: number;
  leads: number;
}

const rate = (leads: number, views: number) => (views > 0 ? leads / views : null);
const key = (pageId: string, variantId: string | null) => `${pageId}:${variantId ?? ''}`;

/** UTC days from `from` up to (not including) `to`, as `YYYY-MM-DD`. */
function daysOf(w: ResultsWindow): string[] {
  const days: string[] = [];
  const start = Date.UTC(w.from.getUTCFullYear(), w.from.getUTCMonth(), w.from.getUTCDate());
  for (let t = start; t < w.to.getTime(); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export async function funnelResults(
  q: Queryable,
  orgId: string,
  funnelId: string,
  window: ResultsWindow,
): Promise<FunnelResults> {
  const from = window.from.toISOString();
  const to = window.to.toISOString();
  // One statement for the funnel total, the per-page/variant totals and the per-day counts (grouping sets):
  // distinct visitors cannot be summed from days, so each level is counted on its own.
  const [counts, pages, variants] = await Promise.all([
    q.execute(sql`
      with hits as (
        select e.page_id, e.variant_id, e.visitor_id, e.type::text as kind, e.occurred_at as at
        from funnel_events e
        where e.org_id = ${orgId} and e.funnel_id = ${funnelId}
          and e.occurred_at >= ${from}::timestamptz and e.occurred_at < ${to}::timestamptz
          and e.type in ('page_view', 'cta_click')
        union all
        select l.page_id, l.variant_id, l.visitor_id, 'lead', l.created_at
        from funnel_leads l
        where l.org_id = ${orgId} and l.funnel_id = ${funnelId}
          and l.created_at >= ${from}::timestamptz and l.created_at < ${to}::timestamptz
      ), dated as (
        select page_id, variant_id, visitor_id, kind, to_char(at at time zone 'UTC', 'YYYY-MM-DD') as day
        from hits
      )
      select page_id, variant_id, day, grouping(page_id, variant_id, day)::int as level,
        count(distinct visitor_id) filter (where kind = 'page_view')::int as views,
        count(distinct visitor_id) filter (where kind = 'cta_click')::int as clicks,
        count(distinct visitor_id) filter (where kind = 'lead')::int as leads
      from dated
      group by grouping sets ((), (page_id, variant_id), (page_id, variant_id, day))`),
    q
      .select({ id: funnelPages.id, name: funnelPages.name, slug: funnelPages.slug })
      .from(funnelPages)
      .where(and(eq(funnelPages.orgId, orgId), eq(funnelPages.funnelId, funnelId)))
      .orderBy(asc(funnelPages.ordering), asc(funnelPages.createdAt), asc(funnelPages.id)),
    q
      .select()
      .from(funnelPageVariants)
      .where(and(eq(funnelPageVariants.orgId, orgId), eq(funnelPageVariants.funnelId, funnelId)))
      .orderBy(asc(funnelPageVariants.createdAt), asc(funnelPageVariants.id)),
  ]);
  // node-postgres, PGlite and Neon answer `{ rows }`; tolerate a driver that answers the rows themselves.
  const rowsOut = Array.isArray(counts)
    ? (counts as CountsRow[])
    : (counts as unknown as { rows: CountsRow[] }).rows;
  const totals: FunnelResultCounts = { views: 0, clicks: 0, leads: 0, conversionRate: null };
  const perKey = new Map<string, CountsRow>();
  const perDay = new Map<string, CountsRow>();
  for (const r of rowsOut) {
    // grouping() bits: page_id 4, variant_id 2, day 1 (a bit is set when that column is rolled up).
    if (r.level === 7) Object.assign(totals, { views: r.views, clicks: r.clicks, leads: r.leads });
    else if (r.level === 1 && r.page_id) perKey.set(key(r.page_id, r.variant_id), r);
    else if (r.level === 0 && r.page_id && r.day) perDay.set(`${key(r.page_id, r.variant_id)}:${r.day}`, r);
  }
  totals.conversionRate = rate(totals.leads, totals.views);

  const rows: FunnelResultRow[] = [];
  for (const page of pages) {
    const arms: Array<{
      variantId: string | null;
      name: string | null;
      exp: string | null;
      arm: string | null;
    }> = [
      { variantId: null, name: null, exp: null, arm: null },
      ...variants
        .filter((v) => v.pageId === page.id)
        .map((v) => ({ variantId: v.id, name: v.name, exp: v.experimentId, arm: v.experimentVariantId })),
    ];
    for (const a of arms) {
      const c = perKey.get(key(page.id, a.variantId));
      const views = c?.views ?? 0;
      const leads = c?.leads ?? 0;
      rows.push({
        pageId: page.id,
        pageName: page.name,
        pageSlug: page.slug,
        variantId: a.variantId,
        variantName: a.name,
        experimentId: a.exp,
        experimentVariantId: a.arm,
        views,
        clicks: c?.clicks ?? 0,
        leads,
        conversionRate: rate(leads, views),
      });
    }
  }
  const days: FunnelResultDay[] = [];
  for (const day of daysOf(window)) {
    for (const r of rows) {
      const c = perDay.get(`${key(r.pageId, r.variantId)}:${day}`);
      days.push({
        day,
        pageId: r.pageId,
        variantId: r.variantId,
        views: c?.views ?? 0,
        clicks: c?.clicks ?? 0,
        leads: c?.leads ?? 0,
      });
    }
  }
  return { funnelId, from: window.from, to: window.to, totals, rows, days };
}
