import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';
import { Label } from './label';

export interface FormFieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
  /** The control; give it `id`, `aria-invalid` and `aria-describedby={errorId(id)}` when there is an error. */
  children: ReactNode;
}

export const fieldErrorId = (id: string) => `${id}-error`;

/** Label, control and the field's error or hint, on the 8px grid. */
export function FormField({ id, label, error, hint, className, children }: FormFieldProps) {
  return (
    // content-start: in a row of fields, one with a hint must not stretch its neighbours' label-to-input gap.
    <div className={cn('grid content-start gap-2', className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={fieldErrorId(id)} role="alert" className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-muted-foreground">{hint}</p>
      ) : null}
    </div>
  );
}
