import * as z from 'zod';

/** Shared input building blocks with bounds, so no input can be unbounded. Client-safe (zod only). */
export const Id = z.uuid({ message: 'must be a valid id' });
/** Postgres cannot store NUL in text; refusing it here names the field instead of failing in SQL. */
const noNul = (s: string) => !s.includes('\u0000');
const NO_NUL = 'must not contain NUL characters';
export const Name = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(200, 'must be at most 200 characters')
  .refine(noNul, NO_NUL);
export const ShortText = z.string().trim().max(200, 'must be at most 200 characters').refine(noNul, NO_NUL);
export const LongText = z
  .string()
  .trim()
  .max(10_000, 'must be at most 10000 characters')
  .refine(noNul, NO_NUL);
export const Tag = z.string().trim().min(1).max(60);
export const Cursor = z.string().max(200).nullish();
export const Limit = z.number().int().min(1).max(100).default(50);
export const PageInput = z.object({ cursor: Cursor, limit: Limit });
/** ISO market / language codes or plain names, e.g. "US", "de-DE", "Germany". */
export const Market = z.string().trim().min(2).max(60);
export const Language = z.string().trim().min(2).max(35);
export const nullableText = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`).refine(noNul, NO_NUL).nullish();
