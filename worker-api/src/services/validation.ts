import type * as z from 'zod';
import { DomainError, type FieldIssue } from '../errors';

/**
 * A VALIDATION error from a zod schema applied inside a service (documents and tokens are checked by the block
 * library's schemas there, not in the input schema), every issue's path prefixed with where the value sits.
 */
export function validationError(error: z.ZodError, at: (string | number)[]): DomainError {
  const issues: FieldIssue[] = error.issues.slice(0, 50).map((i) => ({
    path: [...at, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));
  const first = issues[0];
  const summary = first ? `${first.path.join('.')}: ${first.message}` : `${at.join('.')}: is not valid`;
  return new DomainError(
    'VALIDATION',
    issues.length > 1 ? `${summary} (and ${issues.length - 1} more)` : summary,
    {
      issues,
    },
  );
}
