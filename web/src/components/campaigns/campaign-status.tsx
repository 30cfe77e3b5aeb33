import { DECISION_METRIC_INFO, type DecisionMetricId } from '@mos/db/contracts';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { humanize } from '@/lib/format';
import { enumLabel } from '@/lib/labels';

const VARIANT: Record<string, BadgeProps['variant']> = {
  draft: 'secondary',
  planning: 'default',
  running: 'success',
  completed: 'outline',
  cancelled: 'destructive',
  planned: 'secondary',
  qa_passed: 'success',
  qa_failed: 'destructive',
  approved: 'success',
  rejected: 'destructive',
};

/** One badge for campaign, experiment and asset statuses, so the same word looks the same everywhere. */
export function CampaignStatusBadge({ status }: { status: string }) {
  return <Badge variant={VARIANT[status] ?? 'secondary'}>{enumLabel(status)}</Badge>;
}

const numberFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** "Conversion rate 3.5 %", "Cost per acquisition (CAC) 42.5". */
function baselineText(b: { metric: DecisionMetricId; value: number }): string {
  const info = DECISION_METRIC_INFO[b.metric];
  const value =
    info.format === 'percent'
      ? `${numberFmt.format(b.value * 100)} %`
      : info.format === 'multiple'
        ? `${numberFmt.format(b.value)}×`
        : numberFmt.format(b.value);
  return `${info.label} ${value}`;
}

interface CampaignNumbers {
  objectiveType: string | null;
  numericTarget: number | null;
  baseline: { metric: DecisionMetricId; value: number } | null;
  /** A bare number stored before baselines named their metric. */
  legacyBaseline?: number | null;
  timeframeDays: number | null;
  budgetMin: number | null;
  budgetMax: number | null;
  /** ISO country codes; empty: the client's first market. */
  markets?: string[];
  /** ISO 4217 code of the budget; null: derived from the first market or the client's prices. */
  currency?: string | null;
}

/** The campaign's goal numbers and markets as label/value pairs, leaving out what was not set. */
export function campaignNumbers(c: CampaignNumbers): [string, string][] {
  const out: [string, string][] = [];
  if (c.objectiveType) out.push(['Objective', humanize(c.objectiveType)]);
  if (c.numericTarget != null) out.push(['Target', numberFmt.format(c.numericTarget)]);
  if (c.baseline != null) out.push(['Baseline', baselineText(c.baseline)]);
  else if (c.legacyBaseline != null)
    out.push(['Baseline', `${numberFmt.format(c.legacyBaseline)} (metric not stated)`]);
  if (c.timeframeDays != null) out.push(['Timeframe', `${c.timeframeDays} days`]);
  if (c.budgetMin != null || c.budgetMax != null) {
    const lo = c.budgetMin != null ? numberFmt.format(c.budgetMin) : '…';
    const hi = c.budgetMax != null ? numberFmt.format(c.budgetMax) : '…';
    out.push(['Budget', `${lo} – ${hi}${c.currency ? ` ${c.currency}` : ''}`]);
  }
  if (c.markets) out.push(['Markets', c.markets.length > 0 ? c.markets.join(', ') : "Client's first market"]);
  return out;
}
