import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * Keyset cursor over (timestamp desc, id desc): stable under inserts, one indexed range scan per page.
 * Timestamps are stored with millisecond precision (timestamptz(3)) so a JS Date carries them exactly.
 */
export interface Cursor {
  at: Date;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not valid');
    this.name = 'InvalidCursorError';
  }
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(raw: string): Cursor {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const [at, id] = text.split('|');
  const date = at ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime()) || !id || !UUID.test(id)) throw new InvalidCursorError();
  return { at: date, id };
}

/** The WHERE clause that continues after a cursor, or undefined for the first page. */
export function afterCursor(
  cursor: string | null | undefined,
  atCol: PgColumn,
  idCol: PgColumn,
): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  return or(lt(atCol, c.at), and(eq(atCol, c.at), lt(idCol, c.id)));
}

/** Rows were fetched with limit + 1; trims the extra row and derives the next cursor from the last kept. */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => Cursor): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: last ? encodeCursor(key(last)) : null };
}
