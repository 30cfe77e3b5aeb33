import { type MetricData, mulberry32 } from '@mos/stats';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readArmData } from '../src/data/experiment-signals';
import {
  type FunnelEventRow,
  type FunnelLeadInsert,
  insertFunnelEvents,
  insertFunnelLeads,
} from '../src/data/funnel-public';
import type { Database } from '../src/db-type';
import { createDb, migrate } from '../src/node';
import {
  type ArmFunnel,
  type ExperimentFixture,
  seedArmFunnel,
  seedExperiment,
} from '../src/testing/experiment-fixtures';
import { testPostgresUrl } from '../src/testing/postgres';

/**
 * funnel_exposures, filled by the ingest triggers, read by readArmData: on generated traffic sent through the
 * ingest's own inserts (shuffled batches, so events arrive out of order; retried duplicates; visitors on two arms;
 * events before and after the window; leads; numeric, string, unreadable and absent values) every metric equals a
 * computation by hand from the generated rows. Runs on PostgreSQL and on PGlite (the migration's triggers on both).
 */
const DAY = 86_400_000;
const D0 = Date.parse('2026-06-01T00:00:00Z');
const ARMS = ['control', 'b', 'c', 'd'];
const WINDOW = { from: new Date(D0), to: new Date(D0 + 4 * DAY) };

interface Ev {
  eventId: string;
  type: 'page_view' | 'cta_click' | 'form_submit';
  visitorId: string;
  arm: string | null;
  at: number;
  props: Record<string, string | number>;
}
interface Lead {
  submissionId: string;
  visitorId: string;
  at: number;
}

function generate(seed: number): { events: Ev[]; leads: Lead[] } {
  const rng = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)] as T;
  const events: Ev[] = [];
  const leads: Lead[] = [];
  // Distinct instants (ms) so "first" is never a tie.
  let tick = 0;
  const time = (dayFrom: number, dayTo: number) =>
    D0 + Math.floor(dayFrom * DAY + rng() * (dayTo - dayFrom) * DAY) - (tick++ % 997);
  for (let v = 0; v < 240; v++) {
    const visitorId = `gv-${v}`;
    const arm = pick(ARMS);
    const start = time(-1, 5); // some exposures before the window, some after it
    const ev = (type: Ev['type'], a: string | null, at: number, props: Ev['props'] = {}) =>
      events.push({ eventId: crypto.randomUUID(), type, visitorId, arm: a, at, props });
    // A submit before the first view (counts for nobody's exposure unless an earlier view exists).
    if (rng() < 0.05) ev('form_submit', null, start - 3_600_000, { value: 77 });
    ev('page_view', arm, start);
    if (rng() < 0.3) ev('page_view', arm, start + 60_000 + Math.floor(rng() * DAY));
    if (rng() < 0.15) ev('page_view', pick(ARMS.filter((a) => a !== arm)), start + 120_000); // a second arm
    if (rng() < 0.4) ev('cta_click', arm, start + 30_000);
    if (rng() < 0.2) ev('page_view', null, start + 200_000); // the thank-you page
    const submits = rng() < 0.35 ? 1 + Math.floor(rng() * 3) : 0;
    for (let i = 0; i < submits; i++) {
      const r = rng();
      const props: Ev['props'] =
        r < 0.5
          ? { value: Math.round(rng() * 50_000) / 100 }
          : r < 0.7
            ? { value: (Math.round(rng() * 9_000) / 100).toFixed(2) }
            : r < 0.8
              ? { value: 'n/a' }
              : {};
      ev('form_submit', rng() < 0.5 ? arm : null, start + 300_000 + Math.floor(rng() * 2 * DAY), props);
    }
    if (rng() < 0.25) leads.push({ submissionId: crypto.randomUUID(), visitorId, at: start + 400_000 });
    if (rng() < 0.03) leads.push({ submissionId: crypto.randomUUID(), visitorId, at: start - 600_000 });
  }
  return { events, leads };
}

const submitValue = (p: Ev['props']): number | null => {
  const v = p.value;
  if (v === undefined) return 0;
  return /^[0-9]+(\.[0-9]+)?$/.test(String(v)) ? Number(v) : null;
};

/** The metrics by hand: first landing-page view per visitor in the window, outcomes at or after it. */
function byHand(events: Ev[], leads: Lead[]) {
  const units = new Map<string, { arm: string; at: number }>();
  for (const e of events) {
    if (e.type !== 'page_view' || e.arm === null) continue;
    const u = units.get(e.visitorId);
    if (!u || e.at < u.at) units.set(e.visitorId, { arm: e.arm, at: e.at });
  }
  const sums = new Map(
    ARMS.map((a) => [a, { n: 0, conv: 0, rev: 0, rev2: 0, ord: 0, ord2: 0, revOrd: 0, skipped: 0 }]),
  );
  for (const [visitorId, u] of units) {
    if (u.at < WINDOW.from.getTime() || u.at >= WINDOW.to.getTime()) continue;
    const subs = events.filter((e) => e.visitorId === visitorId && e.type === 'form_submit' && e.at >= u.at);
    const leadCount = leads.filter((l) => l.visitorId === visitorId && l.at >= u.at).length;
    const values = subs.map((e) => submitValue(e.props));
    const rev = values.reduce<number>((s, v) => s + (v ?? 0), 0);
    const ord = Math.max(subs.length, leadCount);
    const s = sums.get(u.arm);
    if (!s) throw new Error('no arm');
    s.n += 1;
    s.conv += subs.length > 0 || leadCount > 0 ? 1 : 0;
    s.rev += rev;
    s.rev2 += rev * rev;
    s.ord += ord;
    s.ord2 += ord * ord;
    s.revOrd += rev * ord;
    s.skipped += values.filter((v) => v === null).length;
  }
  return sums;
}

function expectClose(actual: MetricData | undefined, expected: Record<string, number | string>) {
  expect(actual).toBeDefined();
  for (const [k, v] of Object.entries(expected)) {
    const a = (actual as unknown as Record<string, number | string>)[k];
    if (typeof v === 'string') expect(a).toBe(v);
    else expect(a as number).toBeCloseTo(v, 6);
  }
}

const targets: [string, () => string][] = [
  ['PostgreSQL', testPostgresUrl],
  ['PGlite', () => 'pglite:memory'],
];

describe.each(targets)('funnel exposures on %s', (_name, url) => {
  let database: Database;
  let fx: ExperimentFixture;
  let funnel: ArmFunnel;
  const { events, leads } = generate(11);

  const eventRow = (e: Ev): FunnelEventRow => ({
    orgId: fx.orgId,
    clientId: fx.clientId,
    funnelId: funnel.funnelId,
    publicationId: funnel.publicationId,
    pageId: e.arm === null ? funnel.otherPageId : funnel.pageId,
    variantId: e.arm === null ? null : (funnel.variantOf[e.arm] ?? null),
    eventId: e.eventId,
    batchId: crypto.randomUUID(),
    type: e.type,
    visitorId: e.visitorId,
    sessionId: `s-${e.visitorId}`,
    occurredAt: new Date(e.at).toISOString(),
    receivedAt: new Date(e.at).toISOString(),
    host: null,
    path: null,
    referrer: null,
    utm: {},
    clickIds: {},
    consent: 'not_asked',
    ipHash: null,
    userAgent: null,
    props: e.props,
  });
  const leadRow = (l: Lead): FunnelLeadInsert => ({
    orgId: fx.orgId,
    clientId: fx.clientId,
    funnelId: funnel.funnelId,
    publicationId: funnel.publicationId,
    pageId: funnel.otherPageId,
    variantId: null,
    blockId: 'form',
    submissionId: l.submissionId,
    visitorId: l.visitorId,
    fields: { email: `${l.visitorId}@example.com` },
    email: null,
    consent: 'not_asked',
    utm: {},
    clickIds: {},
    host: null,
    deliveryStatus: 'none',
    createdAt: new Date(l.at).toISOString(),
  });

  beforeAll(async () => {
    database = await createDb(url());
    await migrate(database);
    fx = await seedExperiment(database.db, { arms: ARMS });
    funnel = await seedArmFunnel(database.db, fx);
    // Shuffled batches of 1–40 through the ingest's inserts, leads interleaved; ~10 % of each batch is re-sent
    // later (retries), so each stored once and counted once.
    const rng = mulberry32(7);
    const order = [...events.map((e) => ({ e })), ...leads.map((l) => ({ l }))];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j] as (typeof order)[number], order[i] as (typeof order)[number]];
    }
    const retries: typeof order = [];
    for (let i = 0; i < order.length; ) {
      const size = 1 + Math.floor(rng() * 40);
      const batch = [...order.slice(i, i + size), ...retries.splice(0)];
      i += size;
      const evs = batch.flatMap((b) => ('e' in b && b.e ? [eventRow(b.e)] : []));
      const lds = batch.flatMap((b) => ('l' in b && b.l ? [leadRow(b.l)] : []));
      await insertFunnelEvents(database.db, evs);
      await insertFunnelLeads(database.db, lds);
      retries.push(...batch.filter(() => rng() < 0.1));
    }
    // The last retries, and one whole batch of everything sent again.
    await insertFunnelEvents(database.db, events.slice(0, 200).map(eventRow));
    await insertFunnelLeads(database.db, leads.map(leadRow));
  });
  afterAll(async () => {
    await database?.close();
  });

  test('every event and lead is stored once despite the retries', async () => {
    const [row] = (
      (await database.db.execute(
        sql`select (select count(*) from funnel_events where funnel_id = ${funnel.funnelId})::int as e,
          (select count(*) from funnel_leads where funnel_id = ${funnel.funnelId})::int as l`,
      )) as unknown as { rows: { e: number; l: number }[] }
    ).rows;
    expect(row).toEqual({ e: events.length, l: leads.length });
  });

  test('readArmData over the exposures equals the hand computation for cvr, revenue per visitor and aov', async () => {
    const hand = byHand(events, leads);
    const read = (metric: 'cvr' | 'revenue_per_visitor' | 'aov') =>
      readArmData(database.db, fx.orgId, { experimentId: fx.experimentId, metric, window: WINDOW });
    const [cvr, rpv, aov] = await Promise.all([read('cvr'), read('revenue_per_visitor'), read('aov')]);
    let units = 0;
    let skipped = 0;
    for (const arm of ARMS) {
      const h = hand.get(arm);
      if (!h) throw new Error('no arm');
      units += h.n;
      skipped += h.skipped;
      expect(cvr.arms[arm]).toEqual({ kind: 'proportion', n: h.n, sum: h.conv });
      expectClose(rpv.arms[arm], { kind: 'mean', n: h.n, sum: h.rev, sumSquares: h.rev2 });
      expectClose(aov.arms[arm], {
        kind: 'ratio',
        n: h.n,
        numSum: h.rev,
        numSumSquares: h.rev2,
        denSum: h.ord,
        denSumSquares: h.ord2,
        crossSum: h.revOrd,
      });
    }
    // The generated traffic exercises what it claims to: units in every arm, conversions, unreadable values.
    expect(ARMS.every((a) => (hand.get(a)?.n ?? 0) > 10)).toBe(true);
    expect(skipped).toBeGreaterThan(0);
    expect(cvr.traffic.units).toBe(units);
    expect(rpv.skipped).toBe(skipped);
    expect(cvr.skipped).toBe(0);
  });

  test('the rows the triggers kept equal a recomputation from the stored events (the migration backfill)', async () => {
    const rows = (q: ReturnType<typeof sql>) =>
      database.db.execute(q).then((r) => (r as unknown as { rows: unknown[] }).rows);
    const kept = await rows(sql`
      select page_id, visitor_id, variant_id, first_seen_at, submits, round(revenue::numeric, 6) as revenue,
        unreadable, leads
      from funnel_exposures where funnel_id = ${funnel.funnelId} order by visitor_id, page_id`);
    const recomputed = await rows(sql`
      select f.page_id, f.visitor_id, f.variant_id, f.first_seen_at, coalesce(s.submits, 0) as submits,
        round(coalesce(s.revenue, 0)::numeric, 6) as revenue, coalesce(s.unreadable, 0) as unreadable,
        coalesce(l.leads, 0) as leads
      from (select distinct on (visitor_id, page_id) page_id, visitor_id, variant_id, occurred_at as first_seen_at
            from funnel_events where funnel_id = ${funnel.funnelId} and type = 'page_view'
            order by visitor_id, page_id, occurred_at, event_id) f
      left join lateral (
        select count(*)::int as submits, sum(mos_funnel_submit_value(e.props)) as revenue,
          (count(*) filter (where mos_funnel_submit_value(e.props) is null))::int as unreadable
        from funnel_events e where e.funnel_id = ${funnel.funnelId} and e.visitor_id = f.visitor_id
          and e.type = 'form_submit' and e.occurred_at >= f.first_seen_at) s on true
      left join lateral (
        select count(*)::int as leads from funnel_leads d
        where d.funnel_id = ${funnel.funnelId} and d.visitor_id = f.visitor_id and d.created_at >= f.first_seen_at
      ) l on true
      order by f.visitor_id, f.page_id`);
    expect(kept.length).toBeGreaterThan(240);
    expect(kept).toEqual(recomputed);
  });
});
