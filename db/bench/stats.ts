// pnpm bench:stats — the experiment engine's evaluation against the floor of reading the same rows, same run:
// 1. 10 variants (the control = the page itself, 9 page variants) and 1,000,000 funnel events in PostgreSQL,
//    generated in SQL and INSERTed into funnel_events, so the ingest triggers fill funnel_exposures; the ingest is
//    timed (and, first, the same inserts without the exposure trigger, rolled back). Evaluate =
//    `readArmData` (per-visitor exposure rows, each in the first arm the visitor saw, converted by a submit or a
//    lead from exposure on, aggregated to sufficient statistics in SQL) + `decide()` of @mos/stats, against a bare
//    `SELECT variant_id, count(*) … GROUP BY variant_id` over the same 1,000,000 event rows (same WHERE).
//    Repetitions alternate; the ratio of medians must be ≤ 1.5.
// 2. The A/A false-positive rate and the A/B power from @mos/stats/simulate (the cycle's rule at its cadence).
// Needs PostgreSQL: BENCH_DATABASE_URL, MOS_TEST_DATABASE_URL or DATABASE_URL as a postgres:// URL. The bench's
// rows are its own org's and are deleted at the end. BENCH_EVENTS (default 1,000,000), BENCH_REPS (default 7),
// BENCH_SIMULATIONS (default 2,000).
import { performance } from 'node:perf_hooks';
import { decide, sampleSizePerArm } from '@mos/stats';
import { simulateAA, simulateAB } from '@mos/stats/simulate';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { readArmData } from '../src/data/experiment-signals';
import { type FunnelEventRow, insertFunnelEvents } from '../src/data/funnel-public';
import { createDb, migrate } from '../src/node';
import { orgs } from '../src/schema/orgs';
import { seedArmFunnel, seedExperiment } from '../src/testing/experiment-fixtures';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 7);
const SIMULATIONS = Number(process.env.BENCH_SIMULATIONS ?? 2000);
const BUDGET = 1.5;
const ARMS = Array.from({ length: 10 }, (_, i) => (i === 0 ? 'control' : `variant-${i}`));

const url = [
  process.env.BENCH_DATABASE_URL,
  process.env.MOS_TEST_DATABASE_URL,
  process.env.DATABASE_URL,
].find((u) => u && /^postgres(ql)?:\/\//.test(u));
if (!url) {
  console.error(
    'bench:stats needs PostgreSQL: set BENCH_DATABASE_URL (or MOS_TEST_DATABASE_URL) to a postgres:// URL',
  );
  process.exit(2);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const database = await createDb(url);
const db = database.db;
await migrate(database);
const fx = await seedExperiment(db, { arms: ARMS, plan: true });
try {
  const funnel = await seedArmFunnel(db, fx);
  const from = new Date('2026-04-01T00:00:00Z');
  const days = 14;
  const window = { from, to: new Date(from.getTime() + days * 86_400_000) };
  const variantIds = ARMS.map((a) => funnel.variantOf[a] ?? null);

  // Events of visitors as the page script sends them: ~2.5 events a visitor (a page view of their arm, more views,
  // CTA clicks, a form submit with a value for ~4 %), 1 % of visitors also seeing a second arm, spread over 14 days.
  // Generated in SQL and written by INSERT statements into funnel_events, the ingest's own table and path: the
  // exposure triggers fill funnel_exposures as they do for live traffic. Chunks of ~100,000 events per statement.
  console.log(`ingesting ${EVENTS.toLocaleString('en')} funnel events in PostgreSQL (exposure triggers on)…`);
  const generate = (lo: number, hi: number) => sql`
    insert into funnel_events (org_id, client_id, funnel_id, publication_id, page_id, variant_id, event_id, batch_id,
      type, visitor_id, session_id, occurred_at, host, path, referrer, utm, user_agent, ip_hash, props)
    select ${fx.orgId}, ${fx.clientId}, ${funnel.funnelId}, ${funnel.publicationId},
      case when k = 2 and r < 0.5 then ${funnel.otherPageId}::uuid else ${funnel.pageId}::uuid end,
      case when k = 2 and r < 0.5 then null
           else (${sql`array[${sql.join(
             variantIds.map((v) => (v ? sql`${v}` : sql`null`)),
             sql`, `,
           )}]::uuid[]`})[1 + case when k = 1 and r < 0.01 then (v + 1) % 10 else v % 10 end] end,
      gen_random_uuid(), gen_random_uuid(),
      (case when k = 0 or (k = 1 and r < 0.4) then 'page_view'
            when k = 2 and r < 0.1 then 'form_submit' else 'cta_click' end)::funnel_event_type,
      'vis-' || v, 'ses-' || v,
      ${from.toISOString()}::timestamptz + (v % ${days}) * interval '1 day' + (k * 90 + (v % 3600)) * interval '1 second',
      'offer.example.com', '/landing', 'https://www.facebook.com/',
      '{"utm_source":"facebook","utm_medium":"paid","utm_campaign":"spring"}'::jsonb,
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
      md5(v::text),
      case when k = 2 and r < 0.1 then jsonb_build_object('value', round((20 + r * 900)::numeric, 2)) else '{}'::jsonb end
    from (
      select i, (i / 3) as v, (i % 3) as k, random() as r from generate_series(${lo}::int, ${hi - 1}::int) as i
    ) g`;
  const CHUNK = 99_999;
  const ingest = async (tx: Pick<typeof db, 'execute'>) => {
    await tx.execute(sql`select setseed(0.42)`);
    for (let lo = 0; lo < EVENTS; lo += CHUNK) await tx.execute(generate(lo, Math.min(EVENTS, lo + CHUNK)));
  };
  // First the same rows without the exposure trigger, rolled back and vacuumed away, for the trigger's share of
  // the ingest time (both runs then insert into the same table state).
  let tNoTrigger = Number.NaN;
  if (process.env.BENCH_INGEST_BASELINE !== '0') {
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`alter table funnel_events disable trigger funnel_events_exposures`);
        const t = performance.now();
        await ingest(tx);
        tNoTrigger = performance.now() - t;
        tx.rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof TransactionRollbackError)) throw e;
      });
  }
  await db.execute(sql`vacuum funnel_events`);
  let t0 = performance.now();
  // The trigger function's own time, from the transaction's function statistics when the role may turn them on.
  const tTrigger = await db.transaction(async (tx) => {
    const su = await tx.execute(sql`select current_setting('is_superuser') = 'on' as su`);
    const superuser = (su as unknown as { rows: { su: boolean }[] }).rows[0]?.su === true;
    if (superuser) await tx.execute(sql`set local track_functions = 'pl'`);
    await ingest(tx);
    if (!superuser) return Number.NaN;
    const r = await tx.execute(
      sql`select coalesce(sum(total_time), 0)::float8 as ms from pg_stat_xact_user_functions
        where funcname = 'mos_funnel_exposures_events'`,
    );
    return Number((r as unknown as { rows: { ms: number }[] }).rows[0]?.ms ?? Number.NaN);
  });
  const tIngest = performance.now() - t0;
  await db.execute(sql`analyze funnel_events`);
  await db.execute(sql`analyze funnel_exposures`);
  console.log(`  ${(tIngest / 1000).toFixed(1)} s`);

  const baselineQuery = sql`
    select variant_id, count(*) from funnel_events
    where org_id = ${fx.orgId} and funnel_id = ${funnel.funnelId}
      and occurred_at >= ${window.from.toISOString()}::timestamptz and occurred_at < ${window.to.toISOString()}::timestamptz
      and type in ('page_view', 'form_submit')
    group by variant_id`;
  const stopRule = { kind: 'sequential' as const, alpha: 0.05, minPerArm: 100, plannedPerArm: 20_000 };
  const evaluate = async () => {
    const read = await readArmData(db, fx.orgId, { experimentId: fx.experimentId, metric: 'cvr', window });
    return decide({
      arms: ARMS.map((armId) => ({ armId, data: read.arms[armId] ?? { kind: 'proportion', n: 0, sum: 0 } })),
      controlArmId: 'control',
      direction: 'higher',
      stopRule,
      weights: ARMS.map(() => 1),
    });
  };

  // Warm both once (plans, caches), then alternate so neither gets the warmer half of the run.
  const first = await evaluate();
  await db.execute(baselineQuery);
  const floorQuery = sql`
    select count(*) from (
      select visitor_id from funnel_events
      where org_id = ${fx.orgId} and funnel_id = ${funnel.funnelId}
        and occurred_at >= ${window.from.toISOString()}::timestamptz and occurred_at < ${window.to.toISOString()}::timestamptz
        and type in ('page_view', 'form_submit')
      group by visitor_id) v`;
  const tEval: number[] = [];
  const tBase: number[] = [];
  const tFloor: number[] = [];
  for (let i = 0; i < REPS; i++) {
    t0 = performance.now();
    await db.execute(floorQuery);
    tFloor.push(performance.now() - t0);
    t0 = performance.now();
    await db.execute(baselineQuery);
    tBase.push(performance.now() - t0);
    t0 = performance.now();
    await evaluate();
    tEval.push(performance.now() - t0);
  }
  const read = await readArmData(db, fx.orgId, { experimentId: fx.experimentId, metric: 'cvr', window });
  const visitors = Object.values(read.arms).reduce((s, d) => s + d.n, 0);
  const ratio = median(tEval) / median(tBase);
  console.log(
    `\n1. evaluate an experiment with ${ARMS.length} variants over ${EVENTS.toLocaleString('en')} funnel events ` +
      `(${visitors.toLocaleString('en')} visitors), ${REPS} repetitions`,
  );
  console.log(
    `   readArmData + decide(): median ${median(tEval).toFixed(1)} ms (${tEval.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(
    `   bare SELECT count(*) … GROUP BY: median ${median(tBase).toFixed(1)} ms (${tBase.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(
    `   ratio ${ratio.toFixed(2)}× (budget ≤ ${BUDGET}×) ${ratio <= BUDGET ? 'OK' : 'OVER BUDGET'}`,
  );
  console.log(`   decision on the generated data: ${first.action} / ${first.reason}`);

  console.log(
    `   (for scale: deduplicating the same rows by visitor alone, SELECT count(*) FROM (… GROUP BY visitor_id), ` +
      `median ${median(tFloor).toFixed(1)} ms = ${(median(tFloor) / median(tBase)).toFixed(2)}× the bare count)`,
  );

  // Live ingest: the page script's batches (here 20 events of 10 new visitors: a page view and a submit each)
  // through the ingest's own insert, one statement and one trigger run per batch, after the reads.
  const LIVE_BATCHES = Number(process.env.BENCH_LIVE_BATCHES ?? 200);
  const tLive: number[] = [];
  for (let b = 0; b < LIVE_BATCHES; b++) {
    const rows = Array.from({ length: 20 }, (_, i): FunnelEventRow => {
      const visitorId = `live-${b}-${i >> 1}`;
      const occurredAt = new Date(window.to.getTime() + b * 1000 + i).toISOString();
      return {
        orgId: fx.orgId,
        clientId: fx.clientId,
        funnelId: funnel.funnelId,
        publicationId: funnel.publicationId,
        pageId: funnel.pageId,
        variantId: variantIds[(b + (i >> 1)) % 10] ?? null,
        eventId: crypto.randomUUID(),
        batchId: crypto.randomUUID(),
        type: i % 2 === 0 ? 'page_view' : 'form_submit',
        visitorId,
        sessionId: visitorId,
        occurredAt,
        receivedAt: occurredAt,
        host: null,
        path: null,
        referrer: null,
        utm: {},
        clickIds: {},
        consent: 'not_asked',
        ipHash: null,
        userAgent: null,
        props: i % 2 === 0 ? {} : { value: 42 },
      };
    });
    t0 = performance.now();
    await insertFunnelEvents(db, rows);
    tLive.push(performance.now() - t0);
  }
  const ingestLine =
    `   ingest of the ${EVENTS.toLocaleString('en')} events (INSERT … SELECT, ${Math.ceil(EVENTS / CHUNK)} statements, ` +
    `exposure triggers on): ${(tIngest / 1000).toFixed(1)} s` +
    (Number.isNaN(tNoTrigger)
      ? ''
      : `; the same inserts without the exposure trigger: ${(tNoTrigger / 1000).toFixed(1)} s ` +
        `(the trigger adds ${(((tIngest - tNoTrigger) / tNoTrigger) * 100).toFixed(0)} %)`) +
    (Number.isNaN(tTrigger)
      ? ''
      : `; the exposure trigger's own time in it: ${(tTrigger / 1000).toFixed(1)} s`);
  console.log(ingestLine);
  if (tLive.length > 0)
    console.log(
      `   live ingest, ${tLive.length} batches of 20 events (10 new visitors each) with the triggers: median ` +
        `${median(tLive).toFixed(1)} ms a batch (max ${Math.max(...tLive).toFixed(1)} ms)`,
    );

  console.log(
    `\n2. simulations of the cycle's rule, decide() read at every poll (${SIMULATIONS} runs each, seeded)`,
  );
  const aa = simulateAA({ runs: SIMULATIONS });
  console.log(
    `   A/A (5 % conversion, 50 units per arm per poll, 100 polls, min 100 per arm): winner declared in ` +
      `${(aa.falsePositiveRate * 100).toFixed(2)} % ± ${(aa.ship.standardError * 100).toFixed(2)} % of runs ` +
      `(budget ≤ 5 %) ${aa.falsePositiveRate <= 0.05 ? 'OK' : 'OVER BUDGET'}; the replaced z-test at every poll: ` +
      `${(aa.oldRuleFalsePositiveRate * 100).toFixed(1)} %`,
  );
  const plannedPerArm = sampleSizePerArm({
    kind: 'proportion',
    baseline: 0.05,
    mde: 0.2,
    alpha: 0.05,
    power: 0.8,
    arms: 2,
    method: 'sequential',
    unitsPerLook: 50,
  });
  const ab = simulateAB({ runs: SIMULATIONS, baseline: 0.05, lift: 0.2, perPoll: 50, plannedPerArm });
  const gap = (ab.power - 0.8) / ab.powerStandardError;
  console.log(
    `   A/B (true lift 20 % on 5 %, planned ${plannedPerArm.toLocaleString('en')} per arm at 80 % power): ` +
      `shipped the better arm in ${(ab.power * 100).toFixed(1)} % ± ${(ab.powerStandardError * 100).toFixed(1)} % ` +
      `of runs, ${gap >= 0 ? '+' : ''}${gap.toFixed(1)} standard errors from the promised 80 %` +
      (gap < -3 ? ' (UNDER the promised power)' : gap > 3 ? ' (the plan is conservative)' : ''),
  );
  process.exitCode = ratio <= BUDGET ? 0 : 1;
} finally {
  // Everything the bench wrote hangs off its org.
  await db.execute(sql`delete from funnel_events where org_id = ${fx.orgId}`);
  await db.delete(orgs).where(sql`${orgs.id} = ${fx.orgId}`);
  await database.close();
}
