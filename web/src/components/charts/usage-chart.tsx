export interface UsageDay {
  /** `YYYY-MM-DD` (UTC), as llm.usage groups by day. */
  key: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export type UsageMetric = 'costUsd' | 'calls' | 'tokens';

const DAY_MS = 86_400_000;

/** Every day from `from` to `to` (UTC), so days without calls show as empty slots instead of vanishing. */
export function fillDays(rows: readonly UsageDay[], from: string, to: string): UsageDay[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out: UsageDay[] = [];
  const start = Date.UTC(
    new Date(from).getUTCFullYear(),
    new Date(from).getUTCMonth(),
    new Date(from).getUTCDate(),
  );
  // `to` is exclusive when it is an instant; the last day is the one containing the instant just before it.
  const end = new Date(to).getTime() - 1;
  for (let t = start; t <= end && out.length < 400; t += DAY_MS) {
    const key = new Date(t).toISOString().slice(0, 10);
    out.push(byKey.get(key) ?? { key, calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
  }
  return out;
}

export const usageValue = (d: UsageDay, m: UsageMetric) =>
  m === 'tokens' ? d.inputTokens + d.outputTokens : m === 'calls' ? d.calls : d.costUsd;

export const formatUsd = (v: number) =>
  new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: v > 0 && v < 1 ? 4 : 2,
  }).format(v);

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
export const formatMetric = (v: number, m: UsageMetric) =>
  m === 'costUsd' ? formatUsd(v) : compact.format(v);

const W = 720;
const H = 200;
const PAD = { top: 12, right: 8, bottom: 24, left: 56 };

/** A hand-written SVG bar chart: one bar per day, a max gridline, and a tooltip per bar via <title>. */
export function UsageChart({ days, metric }: { days: readonly UsageDay[]; metric: UsageMetric }) {
  const max = Math.max(0, ...days.map((d) => usageValue(d, metric)));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = days.length ? innerW / days.length : innerW;
  const barW = Math.max(1, slot * 0.7);
  const labelEvery = Math.max(1, Math.ceil(days.length / 8));
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="h-auto w-full"
      role="img"
      aria-label={`${metric === 'costUsd' ? 'Cost' : metric === 'calls' ? 'Calls' : 'Tokens'} per day`}
    >
      <line
        x1={PAD.left}
        x2={W - PAD.right}
        y1={PAD.top}
        y2={PAD.top}
        className="stroke-border"
        strokeDasharray="3 3"
      />
      <line
        x1={PAD.left}
        x2={W - PAD.right}
        y1={H - PAD.bottom}
        y2={H - PAD.bottom}
        className="stroke-border"
      />
      <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" className="fill-muted-foreground text-[11px]">
        {formatMetric(max, metric)}
      </text>
      <text
        x={PAD.left - 6}
        y={H - PAD.bottom}
        textAnchor="end"
        className="fill-muted-foreground text-[11px]"
      >
        0
      </text>
      {days.map((d, i) => {
        const v = usageValue(d, metric);
        const h = max > 0 ? (v / max) * innerH : 0;
        const x = PAD.left + i * slot + (slot - barW) / 2;
        return (
          <g key={d.key} data-testid="usage-bar" data-day={d.key} data-value={v}>
            <rect
              x={x}
              y={H - PAD.bottom - h}
              width={barW}
              height={Math.max(h, v > 0 ? 1 : 0)}
              rx={Math.min(3, barW / 3)}
              className="fill-primary"
            >
              <title>{`${d.key}: ${formatMetric(v, metric)} · ${d.calls} calls`}</title>
            </rect>
            {i % labelEvery === 0 ? (
              <text
                x={x + barW / 2}
                y={H - 6}
                textAnchor="middle"
                className="fill-muted-foreground text-[11px]"
              >
                {d.key.slice(5)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
