import { TRPCClientError } from '@trpc/client';

/** One field's problem as worker-api reports it in `error.data.fieldErrors`. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The tRPC error code of a failed call (`UNAUTHORIZED`, `CONFLICT`, …), or undefined for anything that is not a tRPC
 * error. The one place the web reads an error's kind: never from its message.
 */
export function errorCode(err: unknown): string | undefined {
  if (!(err instanceof TRPCClientError)) return undefined;
  const data: unknown = err.data;
  const code = data && typeof data === 'object' ? (data as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** The message to show a person: the server's own message when it sent one. */
export function errorMessage(err: unknown): string {
  if (err instanceof TRPCClientError) {
    // Input-validation failures carry zod's issue list as JSON in `message`; say it in words instead.
    const issues = fieldIssuesOf(err);
    if (issues.length > 0 && err.message.trimStart().startsWith('[')) {
      return issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    }
    return err.message || 'Request failed';
  }
  if (err instanceof TypeError) return 'Cannot reach the server. Check your connection and try again.';
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong';
}

export function fieldIssuesOf(err: unknown): FieldIssue[] {
  if (!(err instanceof TRPCClientError)) return [];
  const data: unknown = err.data;
  const raw = data && typeof data === 'object' ? (data as { fieldErrors?: unknown }).fieldErrors : undefined;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (i): i is FieldIssue =>
      !!i && typeof i === 'object' && Array.isArray(i.path) && typeof i.message === 'string',
  );
}

/**
 * Maps field issues onto a form's fields: the issue's path joined with dots ("offers.0.price") is matched against the
 * form's field names, and a nested path falls back to its closest named ancestor ("primaryMarkets.2" → "primaryMarkets").
 * Issues no field claims come back in `unmatched` so the form can still show them.
 */
export function mapFieldErrors<F extends string>(
  issues: readonly FieldIssue[],
  fields: readonly F[],
): { errors: Partial<Record<F, string>>; unmatched: FieldIssue[] } {
  const known = new Set<string>(fields);
  const errors: Partial<Record<F, string>> = {};
  const unmatched: FieldIssue[] = [];
  for (const issue of issues) {
    let field: F | undefined;
    for (let n = issue.path.length; n > 0 && !field; n--) {
      const key = issue.path.slice(0, n).join('.');
      if (known.has(key)) field = key as F;
    }
    if (!field) unmatched.push(issue);
    else if (errors[field] === undefined) errors[field] = issue.message;
  }
  return { errors, unmatched };
}
