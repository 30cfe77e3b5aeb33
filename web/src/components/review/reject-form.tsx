import { type FormEvent, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormField, fieldErrorId } from '@/components/ui/form-field';

export const MAX_FEEDBACK_CHARS = 5000;

/** Feedback is what the next draft is written from, so it is required and kept within the API's bound. */
export function RejectForm({
  onSubmit,
  onCancel,
  submitting,
  serverError,
  submitLabel = 'Reject and redraft',
  hint,
  label = 'What should change?',
  optional = false,
  placeholder = 'e.g. The tone is too clinical; lead with the 30-day guarantee and drop the discount angle.',
}: {
  onSubmit: (feedback: string) => void;
  onCancel: () => void;
  submitting: boolean;
  serverError?: string | undefined;
  submitLabel?: string;
  hint?: string;
  label?: string;
  /** Feedback may be left empty (a retry); a rejection needs it. */
  optional?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  const [feedback, setFeedback] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = feedback.trim();
    if (!text && !optional) return setError('Feedback is required to reject: say what to change.');
    if (text.length > MAX_FEEDBACK_CHARS)
      return setError(`Keep feedback within ${MAX_FEEDBACK_CHARS} characters.`);
    setError(null);
    onSubmit(text);
  };
  const shown = error ?? serverError;
  return (
    <form noValidate onSubmit={submit} className="grid gap-4">
      <FormField
        id={id}
        label={label}
        error={shown ?? undefined}
        hint={hint ?? 'Be specific: the next draft is written from this feedback.'}
      >
        <textarea
          id={id}
          rows={4}
          value={feedback}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? fieldErrorId(id) : undefined}
          onChange={(e) => {
            setFeedback(e.target.value);
            if (error) setError(null);
          }}
          placeholder={placeholder}
          className="w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs focus-visible:border-ring focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring/30 aria-invalid:border-destructive"
        />
      </FormField>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={onCancel} disabled={submitting}>
          Cancel
        </Button>
        <Button type="submit" variant={optional ? 'default' : 'destructive'} disabled={submitting}>
          {submitting ? 'Sending…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}
