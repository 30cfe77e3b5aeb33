import { InvalidCursorError } from '@mos/db';
import { DomainError } from '../errors';

/** Runs a paged query, reporting a malformed cursor as a field error rather than a 500. */
export async function withCursor<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof InvalidCursorError) throw DomainError.field(['cursor'], 'is not a valid cursor');
    throw err;
  }
}
