/**
 * What an experiment's arms measured, as sufficient statistics (`MetricData` of @mos/stats), aggregated by
 * PostgreSQL: no event or snapshot row is ever read into memory. Follows "How each metric is measured" of issue 11:
 *
 * Funnel arms (page variants tied to the experiment's arms; the page itself is the control when no variant claims
 * it), read from `funnel_exposures` (one row per visitor and page, maintained at ingest by triggers). The unit is a
 * VISITOR first exposed to an arm's page in the window, counted in the variant they first saw there (over several
 * of the experiment's pages: their first exposure in the window). Outcomes count from that exposure on (not cut at
 * the window's end): a visitor converts with a `form_submit` event or a lead in the funnel. Revenue is the sum of a
 * numeric `props.value` (a JSON number or a numeric string ≥ 0) on the visitor's `form_submit` events (0 when
 * absent); a value present but unreadable counts 0 and is `skipped`.
 *   cvr → proportion (converted visitors / visitors); revenue_per_visitor → mean of revenue per visitor;
 *   aov → ratio Σrevenue / Σorders over visitors (orders: the visitor's form submits, or leads when more).
 *
 * Ad arms (assets of the experiment, `assets.variant_id` = arm) from `asset_performance_snapshots` whose window
 * starts in the read window. Per (asset, time_from, time_to) only the newest row counts (newest pull, then the
 * highest revision, then newest created): a late revision or a re-upload replaces the earlier numbers, and rows of
 * the same window from another source or attribution window are not added twice. `metrics` keys: impressions,
 * clicks, conversions (integers), spend, revenue (money), each a non-negative JSON number or numeric string,
 * absent = 0. A row with an unreadable value, an asset without an arm, or more successes than units for a
 * proportion (clicks > impressions for ctr, conversions > clicks for cvr) is skipped and counted in `skipped`.
 *   ctr → proportion Σclicks / Σimpressions; cvr → proportion Σconversions / Σclicks;
 *   cpa → ratio spend / conversions, roas → revenue / spend, revenue_per_visitor → revenue / clicks,
 *   aov → revenue / conversions: ratios whose units are the snapshot rows (one window of one ad), delta method.
 */
import type { MetricData } from '@mos/stats';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { DECISION_METRIC_INFO, type DecisionMetricId, type TrafficEstimate } from '../contracts/experiments';
import type { Queryable } from '../db-type';
import { artifacts } from '../schema/artifacts';
import { experiments } from '../schema/experiments';
import { funnels } from '../schema/funnels';
import { funnelArmsOfExperiment } from './funnel-drafts';

export interface SignalWindow {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface ArmDataRead {
  source: 'funnel' | 'ads';
  /** Every arm of the experiment, in its order (zeros where nothing was measured). */
  arms: Record<string, MetricData>;
  /** Snapshot rows skipped as unreadable, or funnel submit values that could not be read. */
  skipped: number;
  /** Units over all arms (visitors, impressions, clicks or snapshot rows, per the metric) and days with any. */
  traffic: { units: number; days: number };
}

export class SignalsError extends Error {
  constructor(
    readonly reason: 'not_found' | 'no_arms',
    message: string,
  ) {
    super(message);
    this.name = 'SignalsError';
  }
}

type Row = Record<string, number | string | null>;

function rowsOf(result: unknown): Row[] {
  // node-postgres, PGlite and Neon answer `{ rows }`; tolerate a driver that answers the rows themselves.
  return Array.isArray(result) ? (result as Row[]) : (result as { rows: Row[] }).rows;
}

const num = (v: number | string | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

/** The arms of an experiment and its control: the locked plan's, else the spec's variants. */
async function armsOfExperiment(
  q: Queryable,
  orgId: string,
  experimentId: string,
): Promise<{ specId: string; arms: string[]; controlArmId: string | null }> {
  const [row] = await q
    .select({ specId: experiments.specId, plan: experiments.plan, spec: artifacts.data })
    .from(experiments)
    .leftJoin(
      artifacts,
      and(eq(artifacts.id, experiments.experimentSpecArtifactId), eq(artifacts.orgId, experiments.orgId)),
    )
    .where(and(eq(experiments.orgId, orgId), eq(experiments.id, experimentId)))
    .limit(1);
  if (!row) throw new SignalsError('not_found', `experiment ${experimentId} not found`);
  const plan = row.plan as { arms?: unknown; controlArmId?: unknown } | null;
  if (plan && Array.isArray(plan.arms) && plan.arms.every((a) => typeof a === 'string') && plan.arms.length) {
    const control = typeof plan.controlArmId === 'string' ? plan.controlArmId : (plan.arms[0] as string);
    return { specId: row.specId, arms: plan.arms as string[], controlArmId: control };
  }
  // Rows from before plans: the spec's own variants (only ids are read, so any spec version works).
  const specs = (row.spec as { experimentSpecs?: unknown } | null)?.experimentSpecs;
  const spec = Array.isArray(specs)
    ? (specs as { id?: unknown; variants?: { id?: unknown }[]; controlVariantId?: unknown }[]).find(
        (s) => s.id === row.specId,
      )
    : undefined;
  const arms = (spec?.variants ?? []).map((v) => v.id).filter((id): id is string => typeof id === 'string');
  if (arms.length === 0) throw new SignalsError('no_arms', `experiment ${experimentId} has no arms`);
  const control = typeof spec?.controlVariantId === 'string' ? spec.controlVariantId : (arms[0] ?? null);
  return { specId: row.specId, arms, controlArmId: control };
}

// ---------------------------------------------------------------------------------------------------------------
// Funnel path

interface FunnelScope {
  orgId: string;
  funnelIds: string[];
  /** Pages whose exposures count (null: every page of the funnels). */
  pageIds: string[] | null;
  window: SignalWindow;
  /** SQL giving the arm index of an exposure `x` (null: not an arm). */
  armOf: SQL;
  /** Read submitted values (revenue metrics); conversion rate needs none. */
  values: boolean;
}

const uuids = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

/**
 * Per-arm sums plus one row per day with first exposures (`by_day` = 1), read from `funnel_exposures` (one row per
 * visitor and page, outcomes from the first view on, maintained at ingest). On one page each visitor has one
 * exposure, so rows aggregate directly; over several pages a visitor counts in their first exposure in the window.
 */
function funnelAggregate(s: FunnelScope): SQL {
  const pages = s.pageIds ? sql`and x.page_id = any(${uuids(s.pageIds)})` : sql``;
  const scope = sql`x.org_id = ${s.orgId} and x.funnel_id = any(${uuids(s.funnelIds)}) ${pages}
        and x.first_seen_at >= ${s.window.from.toISOString()}::timestamptz
        and x.first_seen_at < ${s.window.to.toISOString()}::timestamptz`;
  const cols = sql`${s.armOf} as arm, floor(date_part('epoch', x.first_seen_at) / 86400)::bigint as day,
        x.submits, x.leads, x.revenue, x.unreadable`;
  const exposures =
    s.funnelIds.length === 1 && s.pageIds?.length === 1
      ? sql`select ${cols} from funnel_exposures x where ${scope}`
      : sql`select distinct on (e.visitor_id) e.* from (
          select x.visitor_id, x.first_seen_at, ${cols} from funnel_exposures x where ${scope}
        ) e where e.arm is not null order by e.visitor_id, e.first_seen_at, e.arm`;
  return sql`
    with units as (
      select arm, day, (submits > 0 or leads > 0)::int::float8 as converted,
        ${s.values ? sql`revenue` : sql`0::float8`} as revenue,
        greatest(submits, leads)::float8 as orders, ${s.values ? sql`unreadable` : sql`0`} as unreadable
      from (${exposures}) u
      where arm is not null
    )
    select arm, grouping(arm)::int as by_day,
      count(*)::float8 as n, sum(converted)::float8 as conv,
      sum(revenue)::float8 as rev, sum(revenue * revenue)::float8 as rev2,
      sum(orders)::float8 as ord, sum(orders * orders)::float8 as ord2, sum(revenue * orders)::float8 as rev_ord,
      sum(unreadable)::float8 as skipped
    from units
    group by grouping sets ((arm), (day))`;
}

function funnelMetric(metric: DecisionMetricId, r: Row | undefined): MetricData {
  const n = num(r?.n);
  if (metric === 'revenue_per_visitor')
    return { kind: 'mean', n, sum: num(r?.rev), sumSquares: num(r?.rev2) };
  if (metric === 'aov')
    return {
      kind: 'ratio',
      n,
      numSum: num(r?.rev),
      numSumSquares: num(r?.rev2),
      denSum: num(r?.ord),
      denSumSquares: num(r?.ord2),
      crossSum: num(r?.rev_ord),
    };
  return { kind: 'proportion', n, sum: num(r?.conv) };
}

async function readFunnelArms(
  q: Queryable,
  orgId: string,
  metric: DecisionMetricId,
  window: SignalWindow,
  arms: string[],
  controlArmId: string | null,
  variants: Awaited<ReturnType<typeof funnelArmsOfExperiment>>,
): Promise<ArmDataRead> {
  const index = new Map(arms.map((a, i) => [a, i]));
  const mapped = variants.filter((v) => v.experimentVariantId !== null && index.has(v.experimentVariantId));
  const claimed = new Set(mapped.map((v) => v.experimentVariantId));
  // The page itself is the control when no variant claims it (as the funnel's variant picker serves it).
  const controlPages =
    controlArmId !== null && index.has(controlArmId) && !claimed.has(controlArmId)
      ? [...new Set(variants.map((v) => v.pageId))]
      : [];
  const cases = mapped.map(
    (v) =>
      sql`when x.variant_id = ${v.variantId}::uuid then ${index.get(v.experimentVariantId as string)}::int`,
  );
  if (controlPages.length > 0)
    cases.push(
      sql`when x.variant_id is null and x.page_id = any(${uuids(controlPages)}) then ${index.get(
        controlArmId as string,
      )}::int`,
    );
  const armOf = cases.length > 0 ? sql`case ${sql.join(cases, sql` `)} end` : sql`null::int`;
  const rows = await runFunnelAggregate(q, {
    orgId,
    funnelIds: [...new Set(variants.map((v) => v.funnelId))],
    pageIds: [...new Set([...mapped.map((v) => v.pageId), ...controlPages])],
    window,
    armOf,
    values: metric !== 'cvr',
  });
  const armRows = rows.filter((r) => num(r.by_day) === 0);
  const out: Record<string, MetricData> = {};
  arms.forEach((arm, i) => {
    out[arm] = funnelMetric(
      metric,
      armRows.find((r) => num(r.arm) === i),
    );
  });
  return {
    source: 'funnel',
    arms: out,
    skipped: armRows.reduce((s, r) => s + num(r.skipped), 0),
    traffic: {
      units: armRows.reduce((s, r) => s + num(r.n), 0),
      days: rows.length - armRows.length,
    },
  };
}

/**
 * Runs the funnel aggregate with settings measured by `pnpm bench:stats`: the per-visitor sort over several pages
 * fits in memory instead of spilling to disk, and no JIT compilation (on one pass over the rows it cost more than
 * it saved).
 */
async function runFunnelAggregate(q: Queryable, s: FunnelScope): Promise<Row[]> {
  return q.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    await tx.execute(sql`set local jit = off`);
    return rowsOf(await tx.execute(funnelAggregate(s)));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Ad snapshot path

/** A metrics key as a non-negative number (absent or JSON null = 0), NULL when unreadable. */
const metricValue = (key: string, integer: boolean) => {
  const text = sql.raw(`(s.metrics ->> '${key}')`);
  const raw = sql.raw(`(s.metrics -> '${key}')`);
  const pattern = integer ? '^[0-9]+(\\.0+)?$' : '^[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$';
  return sql`case when ${raw} is null or jsonb_typeof(${raw}) = 'null' then 0::float8
    when jsonb_typeof(${raw}) in ('number', 'string') and ${text} ~ ${pattern} then ${text}::float8 end`;
};

/** Numerator and denominator of each metric per snapshot row (columns of `vals`). */
const AD_TERMS: Record<DecisionMetricId, { num: string; den: string }> = {
  ctr: { num: 'clicks', den: 'impressions' },
  cvr: { num: 'conversions', den: 'clicks' },
  cpa: { num: 'spend', den: 'conversions' },
  roas: { num: 'revenue', den: 'spend' },
  revenue_per_visitor: { num: 'revenue', den: 'clicks' },
  aov: { num: 'revenue', den: 'conversions' },
};

/** Snapshot rows in scope (SQL condition on `s` and asset `a`), deduplicated per window, aggregated per group. */
function adAggregate(
  orgId: string,
  metric: DecisionMetricId,
  window: SignalWindow,
  scope: SQL,
  group: SQL,
): SQL {
  const t = AD_TERMS[metric];
  const proportion = DECISION_METRIC_INFO[metric].kind === 'proportion';
  const numCol = sql.raw(t.num);
  const denCol = sql.raw(t.den);
  return sql`
    with latest as (
      select distinct on (s.asset_id, s.time_from, s.time_to)
        ${group} as grp, s.time_from,
        ${metricValue('impressions', true)} as impressions,
        ${metricValue('clicks', true)} as clicks,
        ${metricValue('conversions', true)} as conversions,
        ${metricValue('spend', false)} as spend,
        ${metricValue('revenue', false)} as revenue
      from asset_performance_snapshots s
      join assets a on a.id = s.asset_id and a.org_id = ${orgId}
      where s.org_id = ${orgId} and ${scope}
        and s.time_from >= ${window.from.toISOString()}::timestamptz
        and s.time_from < ${window.to.toISOString()}::timestamptz
      order by s.asset_id, s.time_from, s.time_to, coalesce(s.pulled_at, s.created_at) desc, s.revision desc,
        s.created_at desc, s.id desc
    ), vals as (
      select grp, time_from, ${numCol}::float8 as m, ${denCol}::float8 as d,
        (grp is not null and impressions is not null and clicks is not null and conversions is not null
          and spend is not null and revenue is not null
          ${proportion ? sql`and ${numCol} <= ${denCol}` : sql``}) as ok
      from latest
    )
    select grp, grouping(grp)::int as total,
      count(*) filter (where ok)::float8 as n,
      sum(m) filter (where ok)::float8 as m, sum(m * m) filter (where ok)::float8 as m2,
      sum(d) filter (where ok)::float8 as d, sum(d * d) filter (where ok)::float8 as d2,
      sum(m * d) filter (where ok)::float8 as md,
      count(*) filter (where not ok)::float8 as skipped,
      count(distinct (time_from at time zone 'UTC')::date) filter (where ok)::float8 as days
    from vals
    group by grouping sets ((grp), ())`;
}

function adMetric(metric: DecisionMetricId, r: Row | undefined): MetricData {
  if (DECISION_METRIC_INFO[metric].kind === 'proportion')
    return { kind: 'proportion', n: num(r?.d), sum: num(r?.m) };
  return {
    kind: 'ratio',
    n: num(r?.n),
    numSum: num(r?.m),
    numSumSquares: num(r?.m2),
    denSum: num(r?.d),
    denSumSquares: num(r?.d2),
    crossSum: num(r?.md),
  };
}

async function readAdArms(
  q: Queryable,
  orgId: string,
  experimentId: string,
  metric: DecisionMetricId,
  window: SignalWindow,
  arms: string[],
): Promise<ArmDataRead> {
  const armList = sql`array[${sql.join(
    arms.map((a) => sql`${a}`),
    sql`, `,
  )}]::text[]`;
  // An asset whose variant is not an arm of the experiment counts as unreadable (grp null).
  const group = sql`case when a.variant_id = any(${armList}) then a.variant_id end`;
  const scope = sql`(s.experiment_id = ${experimentId} or a.experiment_id = ${experimentId})`;
  const rows = rowsOf(await q.execute(adAggregate(orgId, metric, window, scope, group)));
  const total = rows.find((r) => num(r.total) === 1);
  const out: Record<string, MetricData> = {};
  for (const arm of arms)
    out[arm] = adMetric(
      metric,
      rows.find((r) => num(r.total) === 0 && r.grp === arm),
    );
  const units = Object.values(out).reduce((s, d) => s + d.n, 0);
  return {
    source: 'ads',
    arms: out,
    skipped: num(total?.skipped),
    traffic: { units, days: num(total?.days) },
  };
}

/**
 * The experiment's arms measured on `metric` over the window: from its funnel variants when it has any and the
 * metric can be measured on a funnel, else from its ads' performance snapshots. Org-scoped: another org's
 * experiment is `not_found`.
 */
export async function readArmData(
  q: Queryable,
  orgId: string,
  input: { experimentId: string; metric: DecisionMetricId; window: SignalWindow },
): Promise<ArmDataRead> {
  const { arms, controlArmId, specId } = await armsOfExperiment(q, orgId, input.experimentId);
  if (DECISION_METRIC_INFO[input.metric].sources.includes('funnel')) {
    const variants = await funnelArmsOfExperiment(q, orgId, [specId, input.experimentId]);
    if (variants.length > 0)
      return readFunnelArms(q, orgId, input.metric, input.window, arms, controlArmId, variants);
  }
  return readAdArms(q, orgId, input.experimentId, input.metric, input.window, arms);
}

// ---------------------------------------------------------------------------------------------------------------
// Traffic for the design

export interface TrafficMeasurement {
  traffic: TrafficEstimate;
  /** The metric's value over the window (rate, money or multiple), null when nothing was measured. */
  baseline: number | null;
  /** The measured data (for the unit variance of a mean or ratio), null when nothing was measured. */
  data: MetricData | null;
}

/** A metric's value from its sufficient statistics (null when its denominator is 0). */
export function metricValueOf(d: MetricData): number | null {
  if (d.kind === 'ratio') return d.denSum > 0 ? d.numSum / d.denSum : null;
  return d.n > 0 ? d.sum / d.n : null;
}

/**
 * The client's traffic and the metric's baseline over the last `days` days, for the design's sample size and
 * duration: from the client's funnels (the campaign's when given) when the metric can be measured there and they
 * had visitors, else from its ads' snapshots; `source: 'none'` when neither measured anything.
 */
export async function trafficEstimate(
  q: Queryable,
  orgId: string,
  input: { clientId: string; campaignId?: string | null; metric: DecisionMetricId; days: number; now?: Date },
): Promise<TrafficMeasurement> {
  const to = input.now ?? new Date();
  const from = new Date(to.getTime() - input.days * 86_400_000);
  const window = { from, to };
  const measured = (source: TrafficEstimate['source'], data: MetricData): TrafficMeasurement => ({
    traffic: {
      source,
      unitsPerDay: data.n / input.days,
      from: from.toISOString(),
      to: to.toISOString(),
    },
    baseline: metricValueOf(data),
    data,
  });
  const info = DECISION_METRIC_INFO[input.metric];
  if (info.sources.includes('funnel')) {
    const funnelIds = (
      await q
        .select({ id: funnels.id })
        .from(funnels)
        .where(
          and(
            eq(funnels.orgId, orgId),
            eq(funnels.clientId, input.clientId),
            input.campaignId ? eq(funnels.campaignId, input.campaignId) : undefined,
          ),
        )
    ).map((f) => f.id);
    if (funnelIds.length > 0) {
      // Every visitor with a page view counts, as one group.
      const rows = await runFunnelAggregate(q, {
        orgId,
        funnelIds,
        pageIds: null,
        window,
        armOf: sql`0`,
        values: input.metric !== 'cvr',
      });
      const data = funnelMetric(
        input.metric,
        rows.find((r) => num(r.by_day) === 0),
      );
      if (data.n > 0) return measured('funnel', data);
    }
  }
  if (info.sources.includes('ads')) {
    const campaign = input.campaignId ? sql`and a.campaign_id = ${input.campaignId}` : sql``;
    const scope = sql`a.client_id = ${input.clientId} ${campaign}`;
    const rows = rowsOf(await q.execute(adAggregate(orgId, input.metric, window, scope, sql`'all'::text`)));
    const data = adMetric(
      input.metric,
      rows.find((r) => num(r.total) === 0),
    );
    if (data.n > 0) return measured('snapshots', data);
  }
  return { traffic: { source: 'none', unitsPerDay: 0, from: null, to: null }, baseline: null, data: null };
}
