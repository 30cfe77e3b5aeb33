import type { VariantResult } from './types';

const pct = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const int = new Intl.NumberFormat();

export const formatConversion = (v: number) => pct.format(Number.isFinite(v) ? v : 0);

const ROW = 34;
const W = 720;
const LABEL_W = 200;
const VALUE_W = 64;

/**
 * Conversion (leads per view) per variant as horizontal bars on one scale, with views, clicks and leads beside:
 * a hand-written SVG, so the funnel screens carry no chart library.
 */
export function ResultsChart({ results }: { results: readonly VariantResult[] }) {
  const max = Math.max(0.0001, ...results.map((r) => r.conversion));
  const barMax = W - LABEL_W - VALUE_W - 16;
  const H = results.length * ROW + 8;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="h-auto w-full max-w-3xl"
      role="img"
      aria-label="Conversion per variant (leads per view)"
    >
      {results.map((r, i) => {
        const y = 4 + i * ROW;
        const w = (r.conversion / max) * barMax;
        return (
          <g
            key={`${r.pageId}:${r.variantId ?? 'base'}`}
            data-testid="result-bar"
            data-variant={r.variantId ?? 'base'}
            data-value={r.conversion}
          >
            <text x={0} y={y + 21} className="fill-foreground text-[13px]">
              {r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}
            </text>
            <rect x={LABEL_W} y={y + 6} width={barMax} height={20} rx={4} className="fill-muted" />
            <rect
              x={LABEL_W}
              y={y + 6}
              width={Math.max(w, r.conversion > 0 ? 2 : 0)}
              height={20}
              rx={4}
              className="fill-primary"
            >
              <title>{`${r.label}: ${formatConversion(r.conversion)} · ${int.format(r.views)} views, ${int.format(r.clicks)} clicks, ${int.format(r.leads)} leads`}</title>
            </rect>
            <text x={W - 4} y={y + 21} textAnchor="end" className="fill-foreground text-[13px] font-medium">
              {formatConversion(r.conversion)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The numbers behind the chart, per variant. */
export function ResultsTable({ results }: { results: readonly VariantResult[] }) {
  return (
    <table className="w-full text-sm" aria-label="Results per variant">
      <thead className="text-left text-muted-foreground">
        <tr>
          <th className="py-2 font-medium">Variant</th>
          <th className="py-2 text-right font-medium">Views</th>
          <th className="py-2 text-right font-medium">Clicks</th>
          <th className="py-2 text-right font-medium">Leads</th>
          <th className="py-2 text-right font-medium">Conversion</th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {results.map((r) => (
          <tr key={`${r.pageId}:${r.variantId ?? 'base'}`} className="border-t">
            <td className="py-2">{r.label}</td>
            <td className="py-2 text-right">{int.format(r.views)}</td>
            <td className="py-2 text-right">{int.format(r.clicks)}</td>
            <td className="py-2 text-right">{int.format(r.leads)}</td>
            <td className="py-2 text-right font-medium">{formatConversion(r.conversion)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
