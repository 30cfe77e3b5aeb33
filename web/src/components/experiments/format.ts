import { DECISION_METRIC_INFO, type DecisionMetricId } from '@mos/db/contracts';

const pct1 = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const pct2 = new Intl.NumberFormat(undefined, {
  style: 'percent',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const int = new Intl.NumberFormat();

export const formatInt = (n: number) => int.format(Math.round(n));

/** A metric's value as it reads: a rate in %, money with cents (currency is the client's), a multiple with "×". */
export function formatMetricValue(metric: DecisionMetricId, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const format = DECISION_METRIC_INFO[metric].format;
  if (format === 'percent') return pct2.format(value);
  if (format === 'money') return money.format(value);
  return `${num.format(value)}×`;
}

/** A relative lift with its sign: +12.3 %, −4 %. */
export function formatLift(lift: number | null | undefined): string {
  if (lift === null || lift === undefined || !Number.isFinite(lift)) return '—';
  const s = pct1.format(Math.abs(lift));
  if (Math.abs(lift) < 0.0005) return pct1.format(0);
  return lift > 0 ? `+${s}` : `−${s}`;
}

export const formatInterval = (ci: readonly number[] | null | undefined) =>
  ci && ci.length === 2 ? `${formatLift(ci[0])} to ${formatLift(ci[1])}` : '—';

/** p-values below 0.001 read as "< 0.001": more digits would claim a precision the test does not have. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

export const formatChance = (p: number | null | undefined) =>
  p === null || p === undefined || !Number.isFinite(p) ? '—' : pct1.format(p);

/** Expected loss is relative (0.004 = 0.4 % of the metric). */
export const formatRisk = (r: number | null | undefined) =>
  r === null || r === undefined || !Number.isFinite(r) ? '—' : pct2.format(r);

export const metricLabel = (m: DecisionMetricId) => DECISION_METRIC_INFO[m].label;

export const formatPercentPlain = (x: number) => pct1.format(x);

/** The decision rule's reason codes in words (the LLM's rationale is shown beside, this is the rule's own word). */
export const REASON_TEXT: Record<string, string> = {
  srm: 'Sample-ratio mismatch: the split is not the one planned',
  min_data: 'Not enough data yet for any decision',
  guardrail: 'A guardrail metric is harmed beyond its limit',
  winner: 'A treatment is better than control',
  all_worse: 'Every treatment is worse than control',
  no_difference_at_horizon: 'No difference at the planned sample',
  waiting_for_horizon: 'Fixed test: waiting for the planned sample',
  not_yet: 'No decision yet: the intervals still include no effect',
};

export const reasonText = (code: string) => REASON_TEXT[code] ?? code;
