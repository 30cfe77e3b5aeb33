import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/** The closed set of failures a service may report; everything else is an internal error. */
export const DOMAIN_ERROR_CODES = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'UNAVAILABLE',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface FieldIssue {
  path: (string | number)[];
  message: string;
  /** A machine-readable kind where a caller branches on it (e.g. a publish rule's `page_not_approved`). */
  reason?: string;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly issues: FieldIssue[];
  /** RATE_LIMITED: seconds until the caller may try again (sent as `retryAfterSeconds` and `Retry-After`). */
  readonly retryAfterSeconds: number | null;
  constructor(
    code: DomainErrorCode,
    message: string,
    opts: { issues?: FieldIssue[]; cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'DomainError';
    this.code = code;
    this.issues = opts.issues ?? [];
    this.retryAfterSeconds = opts.retryAfterSeconds ?? null;
  }

  static notFound(what: string): DomainError {
    return new DomainError('NOT_FOUND', `${what} not found`);
  }

  /** A validation failure on one field, named by its path, as forms expect. */
  static field(path: (string | number)[], message: string): DomainError {
    return new DomainError('VALIDATION', `${path.join('.')}: ${message}`, { issues: [{ path, message }] });
  }
}

const TRPC_CODE: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  VALIDATION: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

/** The Postgres SQLSTATE of an error or of any error in its cause chain (drivers wrap them). */
function sqlState(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** Text Postgres cannot store (NUL bytes): the caller's input, not our fault. */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

/** The one place domain errors become tRPC errors; unknown errors become a generic 500 keeping the cause. */
export function toTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (err instanceof DomainError)
    return new TRPCError({ code: TRPC_CODE[err.code], message: err.message, cause: err });
  const state = sqlState(err);
  if (state && UNSTORABLE_TEXT.has(state)) {
    const cause = new DomainError('VALIDATION', 'text fields must not contain NUL characters', {
      cause: err,
    });
    return new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'internal error', cause: err });
}
