import { and, asc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../db-type';
import { funnelEvents, funnelLeads, funnels, leadDeliveries } from '../schema/funnels';

/**
 * Server-side delivery of what funnels collect: leads to the client's webhook (one log row per attempt) and
 * first-party events to the ad platforms (per-destination status on the event). Every query is org-scoped except
 * the sweep's lists, which find work across orgs for the worker to start org-scoped workflows on.
 */

/** Leads waiting for delivery, oldest first, across orgs (the sweep starts one workflow per lead). */
export async function listPendingLeadDeliveries(
  q: Queryable,
  limit: number,
): Promise<{ orgId: string; clientId: string; leadId: string }[]> {
  return q
    .select({ orgId: funnelLeads.orgId, clientId: funnelLeads.clientId, leadId: funnelLeads.id })
    .from(funnelLeads)
    .where(eq(funnelLeads.deliveryStatus, 'pending'))
    .orderBy(asc(funnelLeads.createdAt))
    .limit(limit);
}

/** Every column of the lead (the select spreads the table's columns), with its funnel's name and settings. */
export type LeadForDelivery = typeof funnelLeads.$inferSelect & { funnelName: string; settings: unknown };

export async function loadLeadForDelivery(
  q: Queryable,
  orgId: string,
  leadId: string,
): Promise<LeadForDelivery | null> {
  const [row] = await q
    .select({ ...getTableColumns(funnelLeads), funnelName: funnels.name, settings: funnels.settings })
    .from(funnelLeads)
    .innerJoin(funnels, eq(funnels.id, funnelLeads.funnelId))
    .where(and(eq(funnelLeads.orgId, orgId), eq(funnelLeads.id, leadId)));
  return row ?? null;
}

export interface LeadDeliveryAttempt {
  orgId: string;
  leadId: string;
  attempt: number;
  url: string;
  ok: boolean;
  httpStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
  durationMs: number;
}

export async function recordLeadDeliveryAttempt(q: Queryable, row: LeadDeliveryAttempt): Promise<void> {
  await q.insert(leadDeliveries).values(row);
}

export async function setLeadDeliveryStatus(
  q: Queryable,
  orgId: string,
  leadId: string,
  status: 'pending' | 'delivered' | 'failed',
): Promise<void> {
  await q
    .update(funnelLeads)
    .set({ deliveryStatus: status })
    .where(and(eq(funnelLeads.orgId, orgId), eq(funnelLeads.id, leadId)));
}

// ------------------------------------------------------------------------------------ event forwarding

/** Funnels with events not yet forwarded, across orgs (the sweep starts one forwarding run per funnel). */
export async function listFunnelsToForward(
  q: Queryable,
  limit: number,
): Promise<{ orgId: string; clientId: string; funnelId: string }[]> {
  return q
    .selectDistinct({
      orgId: funnelEvents.orgId,
      clientId: funnelEvents.clientId,
      funnelId: funnelEvents.funnelId,
    })
    .from(funnelEvents)
    .where(isNull(funnelEvents.forwarding))
    .limit(limit);
}

export type StoredFunnelEvent = typeof funnelEvents.$inferSelect;

/** The org's events not yet forwarded (of one funnel, or all), oldest first. */
export async function listEventsToForward(
  q: Queryable,
  orgId: string,
  funnelId: string | null,
  limit: number,
): Promise<StoredFunnelEvent[]> {
  return q
    .select()
    .from(funnelEvents)
    .where(
      and(
        eq(funnelEvents.orgId, orgId),
        isNull(funnelEvents.forwarding),
        funnelId ? eq(funnelEvents.funnelId, funnelId) : undefined,
      ),
    )
    .orderBy(asc(funnelEvents.receivedAt), asc(funnelEvents.id))
    .limit(limit);
}

/** The settings of the org's funnels, by id. */
export async function funnelSettingsByIds(
  q: Queryable,
  orgId: string,
  funnelIds: string[],
): Promise<Map<string, unknown>> {
  if (funnelIds.length === 0) return new Map();
  const rows = await q
    .select({ id: funnels.id, settings: funnels.settings })
    .from(funnels)
    .where(and(eq(funnels.orgId, orgId), inArray(funnels.id, funnelIds)));
  return new Map(rows.map((r) => [r.id, r.settings]));
}

/** The latest lead email per visitor of a funnel (for hashed user data on forwarded conversions). */
export async function leadEmailsByVisitor(
  q: Queryable,
  orgId: string,
  funnelId: string,
  visitorIds: string[],
): Promise<Map<string, string>> {
  if (visitorIds.length === 0) return new Map();
  const rows = await q
    .select({ visitorId: funnelLeads.visitorId, email: funnelLeads.email })
    .from(funnelLeads)
    .where(
      and(
        eq(funnelLeads.orgId, orgId),
        eq(funnelLeads.funnelId, funnelId),
        inArray(funnelLeads.visitorId, visitorIds),
        sql`${funnelLeads.email} is not null`,
      ),
    )
    .orderBy(asc(funnelLeads.createdAt));
  const out = new Map<string, string>();
  for (const r of rows) if (r.email) out.set(r.visitorId, r.email);
  return out;
}

/** Per-destination outcome written on each event (`funnel_events.forwarding`). */
export interface ForwardingOutcome {
  status: 'sent' | 'skipped' | 'failed';
  at: string;
  reason?: string;
  error?: string;
}

/** Writes each event's forwarding outcome (one statement per distinct outcome set). */
export async function recordForwarding(
  q: Queryable,
  orgId: string,
  outcomes: Map<string, Record<string, ForwardingOutcome>>,
): Promise<void> {
  const groups = new Map<string, string[]>();
  for (const [eventRowId, outcome] of outcomes) {
    const key = JSON.stringify(outcome);
    groups.set(key, [...(groups.get(key) ?? []), eventRowId]);
  }
  for (const [key, ids] of groups) {
    await q
      .update(funnelEvents)
      .set({ forwarding: JSON.parse(key) as Record<string, ForwardingOutcome> })
      .where(and(eq(funnelEvents.orgId, orgId), inArray(funnelEvents.id, ids)));
  }
}
