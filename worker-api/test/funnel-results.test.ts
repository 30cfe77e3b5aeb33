import { funnelResults, leadDeliveries } from '@mos/db';
import { testPostgresUrl } from '@mos/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, leadsToCsv } from '../src/services/funnels/leads';
import {
  ARM_IDS,
  approvedVersionId,
  funnelTenant,
  insertEvent,
  insertLead,
  insertPublication,
  publishableFunnel,
  variantB,
} from './support/funnels';
import { createTestApp, failure, fieldPaths, type TestApp } from './support/harness';

/**
 * Results, leads and the CSV export, on PGlite and on real PostgreSQL (the results query uses grouping sets and
 * time zones; both engines must agree).
 */
const DAY = 86_400_000;
const start = new Date('2026-03-01T00:00:00Z');
const at = (days: number, hours = 12) => new Date(start.getTime() + days * DAY + hours * 3_600_000);

async function scenario(t: TestApp) {
  const f = await funnelTenant(t);
  const { funnel, landing, thanks } = await publishableFunnel(f);
  const variant = await variantB(f, landing.id);
  const approvedId = await approvedVersionId(f, landing.id);
  const pub = await insertPublication(t, f, funnel.id, 1, landing, approvedId);
  const base = { funnelId: funnel.id, publicationId: pub.id, pageId: landing.id };
  const b = { ...base, variantId: variant.variant.id };
  // Landing (page itself): visitors v1, v2, v3 view (v1 twice, on two days); v1 clicks twice; v1 leaves a lead.
  await insertEvent(t, f, { ...base, type: 'page_view', visitorId: 'v1', occurredAt: at(0) });
  await insertEvent(t, f, { ...base, type: 'page_view', visitorId: 'v1', occurredAt: at(1) });
  await insertEvent(t, f, { ...base, type: 'page_view', visitorId: 'v2', occurredAt: at(0) });
  await insertEvent(t, f, { ...base, type: 'page_view', visitorId: 'v3', occurredAt: at(1) });
  await insertEvent(t, f, { ...base, type: 'cta_click', visitorId: 'v1', occurredAt: at(0) });
  await insertEvent(t, f, { ...base, type: 'cta_click', visitorId: 'v1', occurredAt: at(0, 13) });
  await insertLead(t, f, { ...base, visitorId: 'v1', fields: { email: 'v1@example.com' }, createdAt: at(1) });
  // Variant B: v4 and v5 view, both leave a lead; v5 also clicks.
  await insertEvent(t, f, { ...b, type: 'page_view', visitorId: 'v4', occurredAt: at(0) });
  await insertEvent(t, f, { ...b, type: 'page_view', visitorId: 'v5', occurredAt: at(2) });
  await insertEvent(t, f, { ...b, type: 'cta_click', visitorId: 'v5', occurredAt: at(2) });
  await insertLead(t, f, { ...b, visitorId: 'v4', fields: { email: 'v4@example.com' }, createdAt: at(0) });
  await insertLead(t, f, { ...b, visitorId: 'v5', fields: { email: 'v5@example.com' }, createdAt: at(2) });
  // Outside the window: not counted.
  await insertEvent(t, f, { ...base, type: 'page_view', visitorId: 'late', occurredAt: at(3) });
  // Thank-you page: v1 views it.
  await insertEvent(t, f, {
    ...base,
    pageId: thanks.id,
    type: 'page_view',
    visitorId: 'v1',
    occurredAt: at(1),
  });
  return { f, funnel, landing, thanks, variantId: variant.variant.id };
}

function checkResults(
  r: {
    totals: { views: number; clicks: number; leads: number; conversionRate: number | null };
    rows: Array<{
      pageId: string;
      variantId: string | null;
      views: number;
      clicks: number;
      leads: number;
      conversionRate: number | null;
      experimentVariantId: string | null;
    }>;
    days: Array<{
      day: string;
      pageId: string;
      variantId: string | null;
      views: number;
      clicks: number;
      leads: number;
    }>;
  },
  s: { landing: { id: string }; thanks: { id: string }; variantId: string },
) {
  const row = (pageId: string, variantId: string | null) =>
    r.rows.find((x) => x.pageId === pageId && x.variantId === variantId);
  expect(row(s.landing.id, null)).toMatchObject({ views: 3, clicks: 1, leads: 1, conversionRate: 1 / 3 });
  expect(row(s.landing.id, s.variantId)).toMatchObject({
    views: 2,
    clicks: 1,
    leads: 2,
    conversionRate: 1,
    experimentVariantId: ARM_IDS[1],
  });
  expect(row(s.thanks.id, null)).toMatchObject({ views: 1, clicks: 0, leads: 0, conversionRate: 0 });
  // Distinct visitors across the funnel: v1..v5 viewed, v1 and v5 clicked, v1, v4, v5 left leads.
  expect(r.totals).toEqual({ views: 5, clicks: 2, leads: 3, conversionRate: 3 / 5 });
  // One entry per UTC day of the window per page/variant, zeros included.
  expect(r.days).toHaveLength(3 * r.rows.length);
  const day = (d: string, pageId: string, variantId: string | null) =>
    r.days.find((x) => x.day === d && x.pageId === pageId && x.variantId === variantId);
  expect(day('2026-03-01', s.landing.id, null)).toMatchObject({ views: 2, clicks: 1, leads: 0 });
  expect(day('2026-03-02', s.landing.id, null)).toMatchObject({ views: 2, clicks: 0, leads: 1 });
  expect(day('2026-03-03', s.landing.id, null)).toMatchObject({ views: 0, clicks: 0, leads: 0 });
  expect(day('2026-03-03', s.landing.id, s.variantId)).toMatchObject({ views: 1, clicks: 1, leads: 1 });
}

for (const engine of ['pglite', 'postgres'] as const) {
  describe(`funnels.results and leads (${engine})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine === 'postgres' ? { databaseUrl: testPostgresUrl() } : {});
    });
    afterAll(async () => {
      await t.close();
    });

    it('counts views, clicks and leads as distinct visitors per page and variant, per day', async () => {
      const s = await scenario(t);
      const window = { from: start.toISOString(), to: new Date(start.getTime() + 3 * DAY).toISOString() };
      const viaApi = await s.f.member.funnels.results.query({ funnelId: s.funnel.id, ...window });
      checkResults(viaApi, s);
      // The same numbers straight from the data layer (what the experiment cycle reads).
      const direct = await funnelResults(t.database.db, s.f.orgId, s.funnel.id, {
        from: start,
        to: new Date(start.getTime() + 3 * DAY),
      });
      checkResults(direct, s);
      const backwards = await failure(
        s.f.member.funnels.results.query({ funnelId: s.funnel.id, from: window.to, to: window.from }),
      );
      expect(fieldPaths(backwards)).toEqual(['to']);
    });

    it('lists leads newest first in keyset pages, with the delivery log per lead', async () => {
      const s = await scenario(t);
      const first = await s.f.member.funnels.leads.query({ funnelId: s.funnel.id, limit: 2 });
      expect(first.items.map((l) => l.email)).toEqual(['v5@example.com', 'v1@example.com']);
      expect(first.items[0]).toMatchObject({
        pageSlug: 'landing',
        deliveryStatus: 'pending',
        variantId: s.variantId,
      });
      const rest = await s.f.member.funnels.leads.query({
        funnelId: s.funnel.id,
        limit: 2,
        cursor: first.nextCursor,
      });
      expect(rest.items.map((l) => l.email)).toEqual(['v4@example.com']);
      expect(rest.nextCursor).toBeNull();
      const leadId = first.items[0]?.id ?? '';
      expect(await s.f.member.funnels.leadDeliveries.query({ leadId })).toMatchObject({
        lead: { email: 'v5@example.com', deliveryStatus: 'pending' },
        deliveries: [],
      });
      for (const attempt of [2, 1]) {
        await t.database.db.insert(leadDeliveries).values({
          orgId: s.f.orgId,
          leadId,
          attempt,
          url: 'https://crm.example.com/hook',
          ok: attempt === 2,
          httpStatus: attempt === 2 ? 200 : 503,
          error: attempt === 2 ? null : 'HTTP 503',
        });
      }
      const log = await s.f.member.funnels.leadDeliveries.query({ leadId });
      expect(log.deliveries.map((d) => ({ attempt: d.attempt, ok: d.ok, httpStatus: d.httpStatus }))).toEqual(
        [
          { attempt: 1, ok: false, httpStatus: 503 },
          { attempt: 2, ok: true, httpStatus: 200 },
        ],
      );
    });
  });
}

describe('leads CSV', () => {
  it('quotes per RFC 4180 and defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell(null)).toBe('');
    expect(csvCell('a-b=c')).toBe('a-b=c');
  });

  it('exports a funnel’s leads with a column per form field (by name), oldest first', async () => {
    const t = await createTestApp();
    try {
      const f = await funnelTenant(t);
      const { funnel, landing } = await publishableFunnel(f);
      const approvedId = await approvedVersionId(f, landing.id);
      const pub = await insertPublication(t, f, funnel.id, 1, landing, approvedId);
      const base = { funnelId: funnel.id, publicationId: pub.id, pageId: landing.id };
      await insertLead(t, f, {
        ...base,
        visitorId: 'v1',
        fields: { email: 'ann@example.com', name: 'Ann, "the" Tester' },
        createdAt: at(0),
        utm: { source: 'meta', campaign: '=cmd|calc' },
        clickIds: { fbclid: 'fb.1' },
      });
      await insertLead(t, f, {
        ...base,
        visitorId: 'v2',
        fields: { email: 'bob@example.com', phone: '+49 30 1234' },
        createdAt: at(1),
      });
      const out = await f.member.funnels.leadsCsv.query({ funnelId: funnel.id });
      expect(out).toMatchObject({ rowCount: 2, truncated: false, fileName: 'Serum-launch-leads.csv' });
      const lines = out.csv.split('\r\n');
      expect(lines[0]).toBe(
        'created_at,lead_id,page,variant_id,email,field_email,field_name,field_phone,consent,utm_source,utm_medium,utm_campaign,utm_term,utm_content,fbclid,gclid,host,delivery_status',
      );
      expect(lines[1]).toContain(
        ',ann@example.com,ann@example.com,"Ann, ""the"" Tester",,not_asked,meta,,\'=cmd|calc,,,fb.1,,',
      );
      expect(lines[2]).toContain(",bob@example.com,bob@example.com,,'+49 30 1234,not_asked,");
      expect(lines[3]).toBe('');
      const member = await f.member.funnels.leadsCsv.query({
        funnelId: funnel.id,
        from: at(1, 0).toISOString(),
      });
      expect(member.rowCount).toBe(1);
      // The helper on its own: the header alone for no leads.
      expect(leadsToCsv([])).toBe(
        'created_at,lead_id,page,variant_id,email,consent,utm_source,utm_medium,utm_campaign,utm_term,utm_content,fbclid,gclid,host,delivery_status\r\n',
      );
    } finally {
      await t.close();
    }
  });
});
