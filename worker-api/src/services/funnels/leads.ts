import {
  exportFunnelLeads,
  type FunnelLeadItem,
  getFunnelLead,
  listFunnelLeads,
  listLeadDeliveries,
} from '@mos/db';
import { DomainError } from '../../errors';
import { toJson } from '../../lib/json';
import type { LeadById, LeadList, LeadsCsv } from '../../schemas/funnels';
import type { ServiceCtx } from '../context';
import { withCursor } from '../cursor';
import { requireFunnel } from './shared';

const dateOf = (iso: string | undefined) => (iso ? new Date(iso) : undefined);

/** A funnel's leads, newest first: fields, UTM, click ids, consent and webhook delivery status. */
export async function listLeads({ ctx, input }: { ctx: ServiceCtx; input: LeadList }) {
  await requireFunnel(ctx, input.funnelId);
  const page = await withCursor(() =>
    listFunnelLeads(ctx.db, ctx.member.orgId, {
      funnelId: input.funnelId,
      from: dateOf(input.from),
      to: dateOf(input.to),
      cursor: input.cursor ?? null,
      limit: input.limit,
    }),
  );
  return toJson(page);
}

/** A lead's webhook delivery log (every attempt, in order). */
export async function leadDeliveries({ ctx, input }: { ctx: ServiceCtx; input: LeadById }) {
  const lead = await getFunnelLead(ctx.db, ctx.member.orgId, input.leadId);
  if (!lead) throw DomainError.notFound('lead');
  const deliveries = await listLeadDeliveries(ctx.db, ctx.member.orgId, lead.id);
  return toJson({
    lead: {
      id: lead.id,
      funnelId: lead.funnelId,
      email: lead.email,
      deliveryStatus: lead.deliveryStatus,
      createdAt: lead.createdAt,
    },
    deliveries,
  });
}

/** The most leads one export holds; a larger funnel is exported window by window (`from`/`to`). */
export const LEADS_CSV_MAX_ROWS = 20_000;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. A cell a spreadsheet
 * would run as a formula (starting with = + - @, or a tab or CR that some strip first) gets a leading apostrophe.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (cells: unknown[]) => cells.map(csvCell).join(',');

const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
const CLICK_KEYS = ['fbclid', 'gclid'] as const;

/** Leads as CSV rows: fixed columns first, then one column per form field, by name (jsonb keeps no key order). */
export function leadsToCsv(leads: FunnelLeadItem[]): string {
  const fieldNames: string[] = [];
  for (const lead of leads) {
    for (const name of Object.keys((lead.fields ?? {}) as Record<string, unknown>)) {
      if (!fieldNames.includes(name)) fieldNames.push(name);
    }
  }
  fieldNames.sort();
  const header = [
    'created_at',
    'lead_id',
    'page',
    'variant_id',
    'email',
    ...fieldNames.map((n) => `field_${n}`),
    'consent',
    ...UTM_KEYS.map((k) => `utm_${k}`),
    ...CLICK_KEYS,
    'host',
    'delivery_status',
  ];
  const lines = [csvRow(header)];
  for (const lead of leads) {
    const fields = (lead.fields ?? {}) as Record<string, unknown>;
    const utm = (lead.utm ?? {}) as Record<string, unknown>;
    const clicks = (lead.clickIds ?? {}) as Record<string, unknown>;
    lines.push(
      csvRow([
        lead.createdAt.toISOString(),
        lead.id,
        lead.pageSlug ?? lead.pageId,
        lead.variantId,
        lead.email,
        ...fieldNames.map((n) => fields[n]),
        lead.consent,
        ...UTM_KEYS.map((k) => utm[k]),
        ...CLICK_KEYS.map((k) => clicks[k]),
        lead.host,
        lead.deliveryStatus,
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A funnel's leads (optionally a window) as CSV text, oldest first. */
export async function leadsCsv({ ctx, input }: { ctx: ServiceCtx; input: LeadsCsv }) {
  const funnel = await requireFunnel(ctx, input.funnelId);
  const leads = await exportFunnelLeads(ctx.db, ctx.member.orgId, {
    funnelId: funnel.id,
    from: dateOf(input.from),
    to: dateOf(input.to),
    limit: LEADS_CSV_MAX_ROWS + 1,
  });
  const truncated = leads.length > LEADS_CSV_MAX_ROWS;
  const rows = truncated ? leads.slice(0, LEADS_CSV_MAX_ROWS) : leads;
  const name = funnel.name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'funnel';
  return {
    fileName: `${name}-leads.csv`,
    csv: leadsToCsv(rows),
    rowCount: rows.length,
    /** More leads than one export holds: export the rest with `from` after the last row's created_at. */
    truncated,
  };
}
