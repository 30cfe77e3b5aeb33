import { DECISION_METRIC_INFO } from '@mos/db/contracts';
import { AlertTriangleIcon, OctagonAlertIcon, TrophyIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatRelative } from '@/lib/format';
import { cn } from '@/lib/utils';
import {
  formatChance,
  formatInt,
  formatInterval,
  formatLift,
  formatMetricValue,
  formatP,
  formatRisk,
  metricLabel,
  reasonText,
} from './format';
import { type ArmLabels, armName } from './plan-card';
import type { Reading } from './types';

/**
 * What blocks a decision, said first and plainly: a sample-ratio mismatch (the split is not the one planned, so
 * every comparison is suspect) and guardrails harmed beyond their limit.
 */
export function ReadingWarnings({ reading, labels }: { reading: Reading; labels: ArmLabels }) {
  const breached = reading.guardrails.filter((g) => g.breached);
  if (!reading.srm.mismatch && breached.length === 0) return null;
  return (
    <div className="grid gap-3">
      {reading.srm.mismatch ? (
        <div
          role="alert"
          className="flex items-start gap-3 rounded-md border border-destructive/40 bg-destructive/5 px-4 py-3 text-sm"
        >
          <OctagonAlertIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
          <div className="grid gap-1">
            <p className="font-medium">Sample-ratio mismatch — no decision can be taken</p>
            <p className="text-muted-foreground">
              The units per arm (
              {reading.arms.map((a) => `${armName(labels, a.armId)} ${formatInt(a.units)}`).join(', ')}) do
              not match the planned split (χ² {reading.srm.chiSquare.toFixed(1)}, p{' '}
              {formatP(reading.srm.pValue)}). Check the traffic split, redirects and tracking before trusting
              any number here.
            </p>
          </div>
        </div>
      ) : null}
      {breached.length > 0 ? (
        <div
          role="alert"
          className="flex items-start gap-3 rounded-md border border-warning/50 bg-warning/10 px-4 py-3 text-sm"
        >
          <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-[oklch(0.5_0.12_60)]" aria-hidden />
          <div className="grid gap-1">
            <p className="font-medium">
              Guardrail{breached.length === 1 ? '' : 's'} breached — the arm cannot be shipped
            </p>
            <ul className="text-muted-foreground">
              {breached.map((g) => (
                <li key={`${g.metric}:${g.armId}`}>
                  {armName(labels, g.armId)}: {metricLabel(g.metric)} {formatLift(g.lift)} (interval{' '}
                  {formatInterval(g.ci)})
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </div>
  );
}

const ACTION_VARIANT = { ship: 'success', stop: 'destructive', continue: 'secondary' } as const;

/** The latest poll: per arm its value, the lift with its interval, p-value, and the Bayesian chance and risk. */
export function ResultsTable({
  reading,
  readAt,
  labels,
  controlArmId,
}: {
  reading: Reading;
  readAt: string;
  labels: ArmLabels;
  controlArmId: string;
}) {
  const info = DECISION_METRIC_INFO[reading.metric];
  const controlValue = reading.arms.find((a) => a.armId === controlArmId)?.value ?? null;
  return (
    <div className="grid gap-3">
      <div className="grid gap-1 text-sm">
        <p className="flex flex-wrap items-center gap-2">
          <span className="text-muted-foreground">The rule says</span>
          <Badge variant={ACTION_VARIANT[reading.action]}>{reading.action}</Badge>
          <span>{reasonText(reading.reason)}</span>
        </p>
        <p className="text-muted-foreground">
          {metricLabel(reading.metric)} ({info.direction} is better) ·{' '}
          {reading.method === 'sequential' ? 'sequential' : 'fixed-horizon'}, α {reading.alpha} · read{' '}
          {formatRelative(readAt)}
          {reading.skipped > 0 ? ` · ${formatInt(reading.skipped)} rows skipped as unreadable` : ''}
        </p>
      </div>
      <div className="overflow-x-auto rounded-md border">
        <Table aria-label="Results per arm">
          <TableHeader className="[&_th]:whitespace-nowrap">
            <TableRow className="hover:bg-transparent">
              <TableHead>Arm</TableHead>
              <TableHead className="text-right">Units</TableHead>
              <TableHead className="text-right">{metricLabel(reading.metric)}</TableHead>
              <TableHead className="text-right">Lift</TableHead>
              <TableHead>Interval ({Math.round((1 - reading.alpha) * 100)} %)</TableHead>
              <TableHead className="text-right">p-value</TableHead>
              <TableHead className="text-right">Chance to win</TableHead>
              <TableHead className="text-right">Risk</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody className="tabular-nums">
            {reading.arms.map((a) => {
              const control = a.armId === controlArmId;
              const winner = reading.winningArmId === a.armId;
              const [lo, hi] = a.ci ?? [];
              const known = lo !== undefined && hi !== undefined;
              const good = known && (info.direction === 'higher' ? lo > 0 : hi < 0);
              const bad = known && (info.direction === 'higher' ? hi < 0 : lo > 0);
              return (
                <TableRow key={a.armId} data-arm={a.armId}>
                  <TableCell className="font-medium">
                    <span className="inline-flex items-center gap-2">
                      {armName(labels, a.armId)}
                      {control ? <Badge variant="secondary">control</Badge> : null}
                      {winner ? (
                        <Badge variant="success">
                          <TrophyIcon className="size-3" aria-hidden /> winner
                        </Badge>
                      ) : null}
                    </span>
                  </TableCell>
                  <TableCell className="text-right">{formatInt(a.units)}</TableCell>
                  <TableCell className="text-right">{formatMetricValue(reading.metric, a.value)}</TableCell>
                  <TableCell
                    className={cn(
                      'text-right font-medium',
                      good && 'text-[oklch(0.45_0.11_160)]',
                      bad && 'text-[oklch(0.48_0.19_27)]',
                    )}
                  >
                    {control ? '—' : formatLift(a.lift)}
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">
                    {control ? (controlValue === null ? '—' : 'baseline') : formatInterval(a.ci)}
                  </TableCell>
                  <TableCell className="text-right">{control ? '—' : formatP(a.pValue)}</TableCell>
                  <TableCell className="text-right">{control ? '—' : formatChance(a.chanceToWin)}</TableCell>
                  <TableCell className="text-right">{control ? '—' : formatRisk(a.risk)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      <p className="text-xs text-muted-foreground">
        Lift is relative to control.{' '}
        {reading.method === 'sequential'
          ? 'Intervals are confidence sequences: valid at every look, so reading them at each poll does not inflate false winners.'
          : 'Fixed-horizon intervals are valid only when read once, at the planned sample.'}{' '}
        Chance to win and risk (expected loss of choosing the arm) are the Bayesian view
        {reading.arms.length > 2 ? '; p-values are Holm-corrected across arms' : ''}.
      </p>
      {reading.guardrails.length > 0 ? (
        <div className="grid gap-1.5">
          <span className="text-xs text-muted-foreground">Guardrails</span>
          <ul className="grid gap-1 text-sm">
            {reading.guardrails.map((g) => (
              <li key={`${g.metric}:${g.armId}`} className="flex flex-wrap items-center gap-2">
                <span>
                  {armName(labels, g.armId)} · {metricLabel(g.metric)}: {formatLift(g.lift)} (
                  {formatInterval(g.ci)})
                </span>
                {g.breached ? (
                  <Badge variant="destructive">breached</Badge>
                ) : (
                  <Badge variant="success">ok</Badge>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
