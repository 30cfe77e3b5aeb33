import { PencilIcon } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormField, fieldErrorId } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/sonner';
import { errorMessage, fieldIssuesOf } from '@/lib/errors';
import { type RouterOutputs, trpc } from '@/lib/trpc';
import { cn } from '@/lib/utils';
import { formatUsd } from './usage-chart';

export type LlmBudget = RouterOutputs['llm']['usage']['budget'];

/** Share of the budget spent, 0–100 (a zero budget is fully used as soon as it exists). */
export function budgetPercent(b: Pick<LlmBudget, 'limitUsd' | 'spentUsd'>): number {
  if (b.limitUsd <= 0) return 100;
  return Math.min(100, Math.max(0, (b.spentUsd / b.limitUsd) * 100));
}

const monthOf = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The first day of the next UTC month, when the spend starts again from zero. */
function resetDay(periodStart: string): string {
  const d = new Date(periodStart);
  const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  return next.toLocaleDateString(undefined, { month: 'long', day: 'numeric', timeZone: 'UTC' });
}

/**
 * This month's LLM spend against the org's budget, as a bar; admins change the budget here (or go back to the
 * default). The budget is checked before every model call: once it is used up, LLM steps wait for a person.
 */
export function BudgetMeter({ budget, canEdit }: { budget: LlmBudget; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const pct = budgetPercent(budget);
  const exhausted = budget.spentUsd >= budget.limitUsd;
  const tone = exhausted ? 'bg-destructive' : pct >= 80 ? 'bg-warning' : 'bg-primary';
  return (
    <section aria-label="Monthly LLM budget" className="grid gap-3 rounded-md border p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-0.5">
          <p className="flex items-center gap-2 text-sm font-medium">
            Budget for {monthOf(budget.periodStart)}
            {budget.isDefault ? <Badge variant="secondary">Default</Badge> : null}
          </p>
          <p className="text-sm text-muted-foreground">
            <span className="font-semibold text-foreground tabular-nums">{formatUsd(budget.spentUsd)}</span>{' '}
            of <span className="tabular-nums">{formatUsd(budget.limitUsd)}</span> spent ·{' '}
            <span className="tabular-nums">{formatUsd(budget.remainingUsd)}</span> left · resets{' '}
            {resetDay(budget.periodStart)}
          </p>
        </div>
        {canEdit && !editing ? (
          <Button variant="outline" size="sm" onClick={() => setEditing(true)}>
            <PencilIcon aria-hidden />
            Change budget
          </Button>
        ) : null}
      </div>
      <div className="flex items-center gap-3">
        {/* biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot take the app's colours across browsers (the bar turns amber, then red, as the budget runs out) */}
        <div
          role="meter"
          aria-label="Budget used"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(pct)}
          aria-valuetext={`${Math.round(pct)}% of the monthly budget used`}
          className="h-2.5 flex-1 overflow-hidden rounded-full bg-muted"
        >
          <div className={cn('h-full rounded-full transition-all', tone)} style={{ width: `${pct}%` }} />
        </div>
        <span
          className="w-10 shrink-0 text-right text-xs font-medium text-muted-foreground tabular-nums"
          aria-hidden
        >
          {Math.round(pct)}%
        </span>
      </div>
      {exhausted ? (
        <p role="alert" className="text-sm text-destructive">
          The budget is used up. LLM steps now wait for you under “Step failed” until an admin raises the
          budget or the month ends.
        </p>
      ) : null}
      {!canEdit ? (
        <p className="text-xs text-muted-foreground">Admins can change the budget.</p>
      ) : editing ? (
        <BudgetForm budget={budget} onDone={() => setEditing(false)} />
      ) : null}
    </section>
  );
}

function BudgetForm({ budget, onDone }: { budget: LlmBudget; onDone: () => void }) {
  const id = useId();
  const [value, setValue] = useState(budget.isDefault ? '' : budget.limitUsd.toFixed(2));
  const [error, setError] = useState<string | null>(null);
  const utils = trpc.useUtils();
  const save = trpc.llm.setBudget.useMutation({
    meta: { silent: true },
    onSuccess: async (b) => {
      toast.success(
        b.isDefault ? 'Budget back to the default' : `Budget set to ${formatUsd(b.limitUsd)} a month`,
      );
      onDone();
      await utils.llm.usage.invalidate();
    },
    onError: (err) => {
      const issue = fieldIssuesOf(err).find((i) => i.path[0] === 'limitUsd');
      setError(issue ? issue.message : errorMessage(err));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = value.trim().replace(',', '.');
    if (!/^\d+(\.\d{1,2})?$/.test(text)) {
      setError('Enter an amount in US dollars, like 250 or 99.50.');
      return;
    }
    setError(null);
    save.mutate({ limitUsd: Number(text) });
  };
  return (
    <form noValidate onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <FormField id={id} label="Monthly budget (USD)" error={error ?? undefined} className="w-48">
        <Input
          id={id}
          inputMode="decimal"
          placeholder={budget.limitUsd.toFixed(2)}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? fieldErrorId(id) : undefined}
        />
      </FormField>
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save budget'}
      </Button>
      {!budget.isDefault ? (
        <Button
          type="button"
          variant="ghost"
          disabled={save.isPending}
          onClick={() => save.mutate({ limitUsd: null })}
        >
          Use the default
        </Button>
      ) : null}
      <Button type="button" variant="ghost" onClick={onDone} disabled={save.isPending}>
        Cancel
      </Button>
    </form>
  );
}
