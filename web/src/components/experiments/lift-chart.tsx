import { formatLift } from './format';
import { type ArmLabels, armName } from './plan-card';
import type { Reading } from './types';

/** Distinct hues for up to nine treatment arms, dark enough for lines on white and light enough as a band. */
export const ARM_COLORS = [
  'oklch(0.55 0.17 255)',
  'oklch(0.6 0.16 150)',
  'oklch(0.62 0.17 45)',
  'oklch(0.55 0.2 320)',
  'oklch(0.6 0.13 200)',
  'oklch(0.55 0.15 100)',
  'oklch(0.5 0.17 15)',
  'oklch(0.5 0.12 285)',
  'oklch(0.45 0.05 250)',
];

const W = 760;
const H = 300;
const PAD = { left: 56, right: 16, top: 16, bottom: 36 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;
/** Early intervals can span −100 %…+1000 %: the axis never goes past these. */
const Y_FLOOR = -1;
const Y_CEIL = 2;
/**
 * The axis is fitted to the intervals from this share of the polls on (the first polls' bands are the widest and
 * would squeeze the rest flat); earlier bands run off the plot, clipped.
 */
const FIT_FROM = 0.25;

interface Point {
  t: number;
  lift: number;
  lo: number;
  hi: number;
}

const dateTick = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const timeTick = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function niceStep(span: number): number {
  const raw = span / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const n = raw / mag;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

/** Runs of consecutive points with an interval: a poll without one (empty arm) breaks the band. */
function segments(points: (Point | null)[]): Point[][] {
  const out: Point[][] = [];
  let cur: Point[] = [];
  for (const p of points) {
    if (p) cur.push(p);
    else if (cur.length) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Each treatment arm's relative lift over the polls of a phase, with its interval as a band (a confidence sequence
 * under the sequential rule, so the band is valid at every poll): a hand-written SVG, no chart library. The dashed
 * lines are the plan's MDE either side of zero.
 */
export function LiftChart({
  readings,
  controlArmId,
  labels,
  mde,
}: {
  readings: readonly { readAt: string; data: Reading }[];
  controlArmId: string;
  labels: ArmLabels;
  mde?: number | null;
}) {
  const armIds: string[] = [];
  for (const r of readings)
    for (const a of r.data.arms)
      if (a.armId !== controlArmId && !armIds.includes(a.armId)) armIds.push(a.armId);
  const series = armIds.map((armId) => ({
    armId,
    points: readings.map((r): Point | null => {
      const a = r.data.arms.find((x) => x.armId === armId);
      const [lo, hi] = a?.ci ?? [];
      if (!a || a.lift === null || lo === undefined || hi === undefined) return null;
      return { t: new Date(r.readAt).getTime(), lift: a.lift, lo, hi };
    }),
  }));
  const all = series.flatMap((s) => s.points.filter((p): p is Point => p !== null));
  if (all.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        No interval yet: the chart starts at the first poll where every arm has data.
      </p>
    );
  }
  const ts = readings.map((r) => new Date(r.readAt).getTime());
  const t0 = Math.min(...ts);
  const t1 = Math.max(...ts);
  const fitFrom = t0 + (t1 - t0) * FIT_FROM;
  const fit = all.filter((p) => p.t >= fitFrom);
  const fitted = fit.length > 0 ? fit : all;
  let yMin = Math.max(Y_FLOOR, Math.min(0, ...fitted.map((p) => p.lo)));
  let yMax = Math.min(Y_CEIL, Math.max(0, ...fitted.map((p) => p.hi)));
  if (mde) {
    yMin = Math.min(yMin, -mde);
    yMax = Math.max(yMax, mde);
  }
  const step = niceStep(yMax - yMin || 0.1);
  yMin = Math.floor(yMin / step) * step;
  yMax = Math.ceil(yMax / step) * step;
  const x = (t: number) => PAD.left + (t1 === t0 ? PLOT_W / 2 : ((t - t0) / (t1 - t0)) * PLOT_W);
  const y = (v: number) => PAD.top + ((yMax - Math.min(yMax, Math.max(yMin, v))) / (yMax - yMin)) * PLOT_H;
  const yTicks: number[] = [];
  for (let v = yMin; v <= yMax + step / 2; v += step) yTicks.push(Math.round(v / step) * step);
  const spanDays = (t1 - t0) / 86_400_000;
  const xTicks = t1 === t0 ? [t0] : Array.from({ length: 5 }, (_, i) => t0 + ((t1 - t0) * i) / 4);
  const tickLabel = (t: number) => (spanDays < 2 ? timeTick.format(t) : dateTick.format(t));

  return (
    <figure className="grid gap-2">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
        role="img"
        aria-label="Lift of each arm against control over time, with its interval"
      >
        <defs>
          <clipPath id="lift-plot">
            <rect x={PAD.left} y={PAD.top} width={PLOT_W} height={PLOT_H} />
          </clipPath>
        </defs>
        {yTicks.map((v) => (
          <g key={v}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(v)}
              y2={y(v)}
              className={v === 0 ? 'stroke-foreground/60' : 'stroke-border'}
              strokeWidth={v === 0 ? 1.25 : 1}
            />
            <text
              x={PAD.left - 8}
              y={y(v) + 4}
              textAnchor="end"
              className="fill-muted-foreground text-[11px]"
            >
              {formatLift(v)}
            </text>
          </g>
        ))}
        {mde
          ? [mde, -mde].map((v) => (
              <line
                key={v}
                data-testid="mde-line"
                x1={PAD.left}
                x2={W - PAD.right}
                y1={y(v)}
                y2={y(v)}
                className="stroke-muted-foreground"
                strokeDasharray="4 4"
                strokeWidth={1}
              />
            ))
          : null}
        {xTicks.map((t, i) => (
          <text
            key={t}
            x={x(t)}
            y={H - 12}
            // The last label ends at the plot's edge instead of running past the figure.
            textAnchor={xTicks.length > 1 && i === xTicks.length - 1 ? 'end' : 'middle'}
            className="fill-muted-foreground text-[11px]"
          >
            {tickLabel(t)}
          </text>
        ))}
        <g clipPath="url(#lift-plot)">
          {series.map((s, i) => {
            const color = ARM_COLORS[i % ARM_COLORS.length];
            return (
              <g key={s.armId} data-testid="lift-series" data-arm={s.armId}>
                {segments(s.points).map((seg) => {
                  const band = [
                    ...seg.map((p) => `${x(p.t)},${y(p.hi)}`),
                    ...[...seg].reverse().map((p) => `${x(p.t)},${y(p.lo)}`),
                  ].join(' ');
                  const line = seg.map((p) => `${x(p.t)},${y(p.lift)}`).join(' ');
                  return (
                    <g key={seg[0]?.t}>
                      <polygon points={band} fill={color} fillOpacity={0.14} stroke="none" />
                      <polyline points={line} fill="none" stroke={color} strokeWidth={2} />
                      {seg.length === 1 && seg[0] ? (
                        <line
                          x1={x(seg[0].t)}
                          x2={x(seg[0].t)}
                          y1={y(seg[0].hi)}
                          y2={y(seg[0].lo)}
                          stroke={color}
                          strokeWidth={2}
                        />
                      ) : null}
                    </g>
                  );
                })}
                {s.points.map((p) =>
                  p ? (
                    <circle key={p.t} cx={x(p.t)} cy={y(p.lift)} r={2.5} fill={color}>
                      <title>{`${armName(labels, s.armId)}: ${formatLift(p.lift)} (${formatLift(p.lo)} to ${formatLift(p.hi)})`}</title>
                    </circle>
                  ) : null,
                )}
              </g>
            );
          })}
        </g>
      </svg>
      <figcaption className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
        {series.map((s, i) => (
          <span key={s.armId} className="inline-flex items-center gap-1.5">
            <span
              aria-hidden
              className="inline-block h-2.5 w-4 rounded-sm"
              style={{ background: ARM_COLORS[i % ARM_COLORS.length] }}
            />
            {armName(labels, s.armId)}
          </span>
        ))}
        {mde ? (
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden className="inline-block w-4 border-t border-dashed border-muted-foreground" />
            MDE ±{formatLift(mde).replace('+', '')}
          </span>
        ) : null}
        <span>Band: interval of the lift · 0 % = same as control</span>
      </figcaption>
    </figure>
  );
}
