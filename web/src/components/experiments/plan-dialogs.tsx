import {
  DECISION_METRICS,
  type DecisionMetricId,
  type ExperimentPlan,
  type Guardrail,
} from '@mos/db/contracts';
import { LockIcon, PlayIcon, PlusIcon, Trash2Icon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Textarea } from '@/components/wizard/textarea';
import { errorMessage } from '@/lib/errors';
import { metricLabel } from './format';
import { stopRuleText } from './plan-card';
import type { ChangePlanInput, StopRuleKind } from './types';

/** Poll intervals offered; the cycle reads signals this often (ad platforms revise recent days, so not faster). */
export const POLL_CHOICES = [
  [900, 'Every 15 minutes'],
  [3600, 'Every hour'],
  [6 * 3600, 'Every 6 hours'],
  [24 * 3600, 'Once a day'],
] as const;

/**
 * Starts the experiment's cycle: only the poll interval is chosen here. The stop rule is the locked plan's and is
 * sent as it is, so the API can refuse a start that would read under another rule than the one pre-registered.
 */
export function StartCycleDialog({
  open,
  onOpenChange,
  plan,
  onStart,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  plan: ExperimentPlan;
  onStart: (input: { pollSeconds: number; stopRule: ExperimentPlan['stopRule'] }) => Promise<void>;
}) {
  const [pollSeconds, setPollSeconds] = useState<number>(3600);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onStart({ pollSeconds, stopRule: plan.stopRule });
      onOpenChange(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)}>
          <DialogHeader>
            <DialogTitle>Start the experiment cycle</DialogTitle>
            <DialogDescription>
              The cycle reads the signals on this schedule, runs the checks and proposes a decision for your
              approval when the plan’s rule says so.
            </DialogDescription>
          </DialogHeader>
          <FormField id="poll-seconds" label="Read the results">
            <NativeSelect
              id="poll-seconds"
              value={String(pollSeconds)}
              onChange={(e) => setPollSeconds(Number(e.target.value))}
            >
              {POLL_CHOICES.map(([s, label]) => (
                <option key={s} value={s}>
                  {label}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <fieldset
            className="grid gap-1.5 rounded-md border bg-muted/40 p-3"
            aria-label="Stop rule (locked)"
          >
            <span className="flex items-center gap-1.5 text-sm font-medium">
              <LockIcon className="size-3.5" aria-hidden /> Stop rule (locked with phase {plan.phase})
            </span>
            <span className="text-sm">{stopRuleText(plan.stopRule)}</span>
            <span className="text-xs text-muted-foreground">
              Pre-registered with the plan. To read under another rule, change the plan: that starts a new
              phase.
            </span>
          </fieldset>
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy}>
              <PlayIcon aria-hidden /> {busy ? 'Starting…' : 'Start cycle'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

type GuardrailDraft = { metric: DecisionMetricId; harmPct: string };

/**
 * Changes the pre-registered plan. The current phase's plan is never edited: a run started by the API locks a new
 * phase with the sample recomputed by code, and numbers from then on are read under it. `onChange` resolves once
 * that run completed and throws its error when it failed; the dialog stays busy until then and shows the error.
 */
export function ChangePlanDialog({
  open,
  onOpenChange,
  experimentId,
  plan,
  cycleRunning,
  onChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  experimentId: string;
  plan: ExperimentPlan;
  cycleRunning: boolean;
  onChange: (input: ChangePlanInput) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [metric, setMetric] = useState<DecisionMetricId>(plan.primaryMetric);
  const [mdePct, setMdePct] = useState(String(Math.round(plan.mde * 1000) / 10));
  const [stopRule, setStopRule] = useState<StopRuleKind>(plan.stopRule.kind);
  const [guardrails, setGuardrails] = useState<GuardrailDraft[]>(
    plan.guardrails.map((g) => ({
      metric: g.metric,
      harmPct: String(Math.round(g.maxRelativeHarm * 1000) / 10),
    })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (reason.trim().length < 3) local.reason = 'Say why the plan changes: the report quotes it.';
    const mde = Number(mdePct) / 100;
    if (!(mde > 0 && mde <= 1)) local.mde = 'A relative effect above 0 and at most 100 %, e.g. 15';
    const parsed: Guardrail[] = [];
    guardrails.forEach((g, i) => {
      const harm = Number(g.harmPct) / 100;
      if (!(harm > 0 && harm <= 1)) local[`guardrail-${i}`] = 'Between 0 and 100 %';
      else parsed.push({ metric: g.metric, maxRelativeHarm: harm });
    });
    if (new Set(guardrails.map((g) => g.metric)).size !== guardrails.length)
      local.guardrails = 'Each metric once';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const input: ChangePlanInput = { id: experimentId, reason: reason.trim() };
    if (metric !== plan.primaryMetric) input.primaryMetric = metric;
    if (Math.abs(mde - plan.mde) > 1e-9) input.mde = mde;
    if (stopRule !== plan.stopRule.kind) input.stopRule = stopRule;
    const same =
      parsed.length === plan.guardrails.length &&
      parsed.every(
        (g, i) =>
          g.metric === plan.guardrails[i]?.metric &&
          Math.abs(g.maxRelativeHarm - (plan.guardrails[i]?.maxRelativeHarm ?? 0)) < 1e-9,
      );
    if (!same) input.guardrails = parsed;
    if (Object.keys(input).length === 2) {
      setErrors({ form: 'Nothing changed: change the metric, MDE, stop rule or guardrails.' });
      return;
    }
    setBusy(true);
    try {
      await onChange(input);
      onOpenChange(false);
    } catch (err) {
      setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-xl">
        <form className="grid gap-4" onSubmit={(e) => void submit(e)}>
          <DialogHeader>
            <DialogTitle>Change the plan</DialogTitle>
            <DialogDescription>
              Phase {plan.phase} stays as it was locked. Saving starts phase {plan.phase + 1}: the sample and
              duration are recomputed, and results from then on are read under the new plan.
            </DialogDescription>
          </DialogHeader>
          {cycleRunning ? (
            <p role="alert" className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
              A cycle is running: stop it before changing the plan.
            </p>
          ) : null}
          <FormField id="plan-reason" label="Why does the plan change?" error={errors.reason}>
            <Textarea
              id="plan-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={Boolean(errors.reason)}
              aria-describedby={errors.reason ? fieldErrorId('plan-reason') : undefined}
              className="min-h-16"
            />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-3">
            <FormField id="plan-metric" label="Primary metric">
              <NativeSelect
                id="plan-metric"
                value={metric}
                onChange={(e) => setMetric(e.target.value as DecisionMetricId)}
              >
                {DECISION_METRICS.map((m) => (
                  <option key={m} value={m}>
                    {metricLabel(m)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField id="plan-mde" label="MDE (relative %)" error={errors.mde}>
              <Input
                id="plan-mde"
                inputMode="decimal"
                value={mdePct}
                onChange={(e) => setMdePct(e.target.value)}
                aria-invalid={Boolean(errors.mde)}
                aria-describedby={errors.mde ? fieldErrorId('plan-mde') : undefined}
              />
            </FormField>
            <FormField id="plan-stop" label="Stop rule">
              <NativeSelect
                id="plan-stop"
                value={stopRule}
                onChange={(e) => setStopRule(e.target.value as StopRuleKind)}
              >
                <option value="sequential">Sequential</option>
                <option value="fixed">Fixed horizon</option>
              </NativeSelect>
            </FormField>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Guardrails</legend>
            {guardrails.length > 0 ? (
              <div
                className="grid grid-cols-[1fr_8rem_2.25rem] gap-2 text-xs text-muted-foreground"
                aria-hidden
              >
                <span>Metric that must not get worse</span>
                <span>Largest harm (%)</span>
              </div>
            ) : null}
            {guardrails.map((g, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and removed by position; the metric can change under the row
              <div key={i} className="grid grid-cols-[1fr_8rem_2.25rem] items-start gap-2">
                <NativeSelect
                  aria-label={`Guardrail ${i + 1} metric`}
                  value={g.metric}
                  onChange={(e) =>
                    setGuardrails((all) =>
                      all.map((x, j) => (j === i ? { ...x, metric: e.target.value as DecisionMetricId } : x)),
                    )
                  }
                >
                  {DECISION_METRICS.map((m) => (
                    <option key={m} value={m}>
                      {metricLabel(m)}
                    </option>
                  ))}
                </NativeSelect>
                <div className="grid gap-1">
                  <Input
                    aria-label={`Guardrail ${i + 1} largest harm (%)`}
                    inputMode="decimal"
                    value={g.harmPct}
                    onChange={(e) =>
                      setGuardrails((all) =>
                        all.map((x, j) => (j === i ? { ...x, harmPct: e.target.value } : x)),
                      )
                    }
                    aria-invalid={Boolean(errors[`guardrail-${i}`])}
                  />
                  {errors[`guardrail-${i}`] ? (
                    <span role="alert" className="text-xs text-destructive">
                      {errors[`guardrail-${i}`]}
                    </span>
                  ) : null}
                </div>
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Remove guardrail ${i + 1}`}
                  onClick={() => setGuardrails((all) => all.filter((_, j) => j !== i))}
                >
                  <Trash2Icon aria-hidden />
                </Button>
              </div>
            ))}
            {errors.guardrails ? (
              <p role="alert" className="text-xs text-destructive">
                {errors.guardrails}
              </p>
            ) : null}
            {guardrails.length < 5 ? (
              <Button
                variant="outline"
                size="sm"
                className="w-fit"
                onClick={() =>
                  setGuardrails((all) => [
                    ...all,
                    {
                      metric: DECISION_METRICS.find((m) => !all.some((g) => g.metric === m)) ?? 'cvr',
                      harmPct: '10',
                    },
                  ])
                }
              >
                <PlusIcon aria-hidden /> Add guardrail
              </Button>
            ) : null}
          </fieldset>
          {errors.form ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.form}
            </p>
          ) : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy || cycleRunning}>
              {busy ? 'Computing the plan…' : `Lock as phase ${plan.phase + 1}`}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
