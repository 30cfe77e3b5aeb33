import type { ExperimentPlan } from '@mos/db/contracts';
import { LockIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { formatDate } from '@/lib/format';
import { formatInt, formatLift, formatMetricValue, formatPercentPlain, metricLabel } from './format';

export type ArmLabels = Readonly<Record<string, string>>;
export const armName = (labels: ArmLabels, armId: string) => labels[armId] ?? armId;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm font-medium tabular-nums">{children}</dd>
    </div>
  );
}

const TRAFFIC_SOURCE: Record<ExperimentPlan['traffic']['source'], string> = {
  funnel: 'funnel events',
  snapshots: 'ad snapshots',
  campaign: 'the campaign’s numbers',
  none: 'no measured traffic',
};

export function stopRuleText(rule: ExperimentPlan['stopRule']): string {
  return rule.kind === 'sequential'
    ? `Sequential (confidence sequence), α ${rule.alpha}: decide once every arm has ${formatInt(rule.minPerArm)}, end at ${formatInt(rule.plannedPerArm)} per arm`
    : `Fixed horizon, α ${rule.alpha}: read once, at ${formatInt(rule.samplePerArm)} per arm`;
}

/** The phase's pre-registered plan, read-only: a change is a new phase, never an edit of this one. */
export function PlanCard({
  plan,
  lockedAt,
  labels,
  reason,
  actions,
}: {
  plan: ExperimentPlan;
  lockedAt: string | null;
  labels: ArmLabels;
  reason?: string | null;
  actions?: ReactNode;
}) {
  const m = plan.primaryMetric;
  const split = plan.weights.reduce((a, b) => a + b, 0);
  return (
    <Card aria-labelledby="plan-title">
      <CardHeader className="flex-row items-start justify-between gap-3 space-y-0">
        <div className="grid gap-1.5">
          <CardTitle id="plan-title" className="flex items-center gap-2">
            <LockIcon className="size-4 text-muted-foreground" aria-hidden />
            Plan · phase {plan.phase}
          </CardTitle>
          <CardDescription>
            {lockedAt ? `Locked ${formatDate(lockedAt)}` : 'Not locked (computed from the spec)'}
            {reason ? ` · ${reason}` : ''}
          </CardDescription>
        </div>
        {actions}
      </CardHeader>
      <CardContent className="grid gap-5">
        <p className="text-sm">
          <span className="text-muted-foreground">Hypothesis: </span>
          {plan.hypothesis}
        </p>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-4">
          <Fact label="Primary metric">{metricLabel(m)}</Fact>
          <Fact label="Baseline">
            {formatMetricValue(plan.baseline.metric, plan.baseline.value)}
            {plan.baseline.metric !== m ? ` (${plan.baseline.metric})` : ''}
          </Fact>
          <Fact label="Minimum detectable effect">{formatPercentPlain(plan.mde)} relative</Fact>
          <Fact label="Power">{formatPercentPlain(plan.power)}</Fact>
          <Fact label="Sample per arm">{formatInt(plan.samplePerArm)}</Fact>
          <Fact label="Expected duration">
            {plan.expectedDays === null
              ? 'unknown (no traffic measured)'
              : `${Math.ceil(plan.expectedDays)} days`}
          </Fact>
          <Fact label="Traffic">
            {formatInt(plan.traffic.unitsPerDay)}/day from {TRAFFIC_SOURCE[plan.traffic.source]}
          </Fact>
          <Fact label="Bandit">
            {plan.bandit.enabled
              ? `Thompson sampling, floor ${formatPercentPlain(plan.bandit.floor)}`
              : 'Off'}
          </Fact>
        </dl>
        <div className="grid gap-1">
          <span className="text-xs text-muted-foreground">Stop rule</span>
          <span className="text-sm">{stopRuleText(plan.stopRule)}</span>
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="grid content-start gap-1.5">
            <span className="text-xs text-muted-foreground">Arms (planned split)</span>
            <ul className="grid gap-1 text-sm">
              {plan.arms.map((arm, i) => (
                <li key={arm} className="flex items-center gap-2">
                  <span>{armName(labels, arm)}</span>
                  {arm === plan.controlArmId ? <Badge variant="secondary">control</Badge> : null}
                  <span className="ml-auto text-muted-foreground tabular-nums">
                    {formatPercentPlain((plan.weights[i] ?? 0) / split)}
                  </span>
                </li>
              ))}
            </ul>
          </div>
          <div className="grid content-start gap-1.5">
            <span className="text-xs text-muted-foreground">Guardrails</span>
            {plan.guardrails.length === 0 ? (
              <span className="text-sm text-muted-foreground">None</span>
            ) : (
              <ul className="grid gap-1 text-sm">
                {plan.guardrails.map((g) => (
                  <li key={g.metric}>
                    {metricLabel(g.metric)} may not get worse by more than{' '}
                    {formatPercentPlain(g.maxRelativeHarm)}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="grid content-start gap-1.5">
            <span className="text-xs text-muted-foreground">Prior</span>
            {plan.prior ? (
              <span className="text-sm">
                {formatLift(plan.prior.mean)} ± {formatPercentPlain(plan.prior.sd)} lift, pooled from{' '}
                {plan.prior.experiments} experiment{plan.prior.experiments === 1 ? '' : 's'} in{' '}
                {plan.prior.vertical}
              </span>
            ) : (
              <span className="text-sm text-muted-foreground">Flat (no earlier effects pooled)</span>
            )}
          </div>
        </div>
      </CardContent>
    </Card>
  );
}
