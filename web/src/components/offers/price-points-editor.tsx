import { PlusIcon, Trash2Icon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';

/** A price point as typed: the amount in currency units ("49.90"), turned into cents on save. */
export interface PriceDraft {
  label: string;
  amount: string;
  currency: string;
}

/** "49.90" → 4990; NaN when it is not an amount. */
export function toCents(amount: string): number {
  const t = amount.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN;
  return Math.round(Number(t) * 100);
}

export const EMPTY_PRICE: PriceDraft = { label: '', amount: '', currency: 'USD' };

/**
 * The one editor for an offer's price points (the onboarding wizard's offers step and the client's offers tab):
 * label, amount and currency per row, a row error under it, add and remove.
 */
export function PricePointsEditor({
  id,
  rows,
  onChange,
  errorOf,
  removeLabel = (k) => `Remove price point ${k + 1}`,
}: {
  /** Prefix of the inputs' ids (unique on the page). */
  id: string;
  rows: PriceDraft[];
  onChange: (rows: PriceDraft[]) => void;
  /** The problem with row k, if any. */
  errorOf?: (k: number) => string | undefined;
  removeLabel?: (k: number) => string;
}) {
  return (
    <div className="grid gap-2">
      {rows.map((p, k) => {
        const pid = `${id}-price-${k}`;
        const err = errorOf?.(k);
        const update = (patch: Partial<PriceDraft>) =>
          onChange(rows.map((q, i) => (i === k ? { ...q, ...patch } : q)));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: price rows are edited in place by position
          <div key={k} className="grid gap-1">
            <div className="grid grid-cols-[1fr_7rem_5rem_auto] items-end gap-2">
              <FormField id={`${pid}-label`} label="Price label">
                <Input
                  id={`${pid}-label`}
                  value={p.label}
                  placeholder="Monthly"
                  onChange={(e) => update({ label: e.target.value })}
                />
              </FormField>
              <FormField id={`${pid}-amount`} label="Amount">
                <Input
                  id={`${pid}-amount`}
                  inputMode="decimal"
                  value={p.amount}
                  placeholder="49.00"
                  onChange={(e) => update({ amount: e.target.value })}
                />
              </FormField>
              <FormField id={`${pid}-currency`} label="Currency">
                <Input
                  id={`${pid}-currency`}
                  value={p.currency}
                  maxLength={3}
                  placeholder="USD"
                  onChange={(e) => update({ currency: e.target.value.toUpperCase() })}
                />
              </FormField>
              <Button
                variant="ghost"
                size="icon"
                aria-label={removeLabel(k)}
                onClick={() => onChange(rows.filter((_, i) => i !== k))}
              >
                <Trash2Icon />
              </Button>
            </div>
            {err ? (
              <p role="alert" className="text-xs font-medium text-destructive">
                {err}
              </p>
            ) : null}
          </div>
        );
      })}
      <div>
        <Button variant="ghost" size="sm" onClick={() => onChange([...rows, { ...EMPTY_PRICE }])}>
          <PlusIcon /> Add price point
        </Button>
      </div>
    </div>
  );
}
