import { XIcon } from 'lucide-react';
import { type KeyboardEvent, useState } from 'react';
import { fieldErrorId } from '@/components/ui/form-field';
import { cn } from '@/lib/utils';

export interface ChipsInputProps {
  id: string;
  value: string[];
  onChange: (next: string[]) => void;
  placeholder?: string;
  invalid?: boolean;
  /** Applied to each new chip, e.g. upper-casing market codes. */
  normalize?: (s: string) => string;
}

/** A list of short values: Enter, comma or leaving the field adds one; Backspace in an empty field removes the last. */
export function ChipsInput({ id, value, onChange, placeholder, invalid, normalize }: ChipsInputProps) {
  const [draft, setDraft] = useState('');

  function commit(text = draft) {
    const parts = text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => (normalize ? normalize(p) : p));
    const next = [...value];
    for (const p of parts) if (!next.includes(p)) next.push(p);
    if (next.length !== value.length) onChange(next);
    setDraft('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Backspace' && draft === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div
      className={cn(
        'flex min-h-9 w-full flex-wrap items-center gap-1.5 rounded-md border border-input bg-card px-2 py-1 shadow-xs focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/30',
        invalid && 'border-destructive',
      )}
    >
      {value.map((chip) => (
        <span
          key={chip}
          className="inline-flex items-center gap-1 rounded-full bg-secondary px-2 py-0.5 text-xs font-medium text-secondary-foreground"
        >
          {chip}
          <button
            type="button"
            aria-label={`Remove ${chip}`}
            className="rounded-full p-0.5 hover:bg-foreground/10 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            onClick={() => onChange(value.filter((c) => c !== chip))}
          >
            <XIcon className="size-3" aria-hidden />
          </button>
        </span>
      ))}
      <input
        id={id}
        className="h-7 min-w-24 flex-1 bg-transparent px-1 text-sm outline-none placeholder:text-muted-foreground"
        value={draft}
        placeholder={value.length === 0 ? placeholder : undefined}
        onChange={(e) => {
          const v = e.target.value;
          if (v.includes(',')) commit(v);
          else setDraft(v);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => commit()}
        {...(invalid ? { 'aria-invalid': true as const, 'aria-describedby': fieldErrorId(id) } : {})}
      />
    </div>
  );
}
