/**
 * Shared building blocks for the artifact ("definition file") schemas.
 *
 * Rules every artifact schema follows (they are what OpenAI strict structured output accepts):
 * - objects are strict (`z.strictObject`): undeclared keys are refused;
 * - every field is present: a value that may be absent is `.nullable()`, never `.optional()` / `.default()`;
 * - every string and array has an upper bound, so no document can grow without limit;
 * - only JSON Schema `format`s OpenAI understands (`uuid`) are emitted; URLs are checked by pattern.
 *
 * This module (like the whole `artifacts/` folder) imports nothing but `zod`: it is shared with the browser.
 */
import * as z from 'zod';
import { type ArtifactRule, ruleIssue } from './rules';

/** A required one-line string: trimmed, 1..max characters (ids, names, titles, list items). */
export const shortText = (max = 200) => z.string().trim().min(1).max(max);

/** A required free-text string: trimmed, 1..max characters (descriptions, stories, notes). */
export const longText = (max = 5000) => z.string().trim().min(1).max(max);

/** Letters, digits, then letters, digits, `.`, `_`, `:` or `-` (uuids qualify too). */
export const SLUG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * A short identifier used inside a document (offer, ICP, experiment, variant, metric, channel, format ids):
 * 1..max characters, no spaces.
 */
export const slug = (max = 100) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(SLUG_PATTERN, 'Must be an id made of letters, digits, ".", "_", ":" or "-" (no spaces)');

/** A database row id (UUID). */
export const uuid = () => z.uuid();

/** A bounded array. */
export const list = <T extends z.ZodType>(item: T, max = 50, min = 0) =>
  min > 0 ? z.array(item).min(min).max(max) : z.array(item).max(max);

// Built from a string so the pattern's source (emitted into JSON Schema) has no escaped slashes; no flags, since
// JSON Schema patterns cannot carry them.
const HTTP_URL_PATTERN = /^[Hh][Tt][Tt][Pp][Ss]?:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/;

/** An absolute http(s) URL (checked by pattern so the JSON Schema stays within what OpenAI strict mode accepts). */
export const httpUrl = () =>
  z.string().trim().max(2048).regex(HTTP_URL_PATTERN, 'Must be an absolute http(s) URL');

/** A lowercase hex SHA-256 digest. */
export const sha256Hex = () =>
  z.string().regex(/^[a-f0-9]{64}$/, 'Must be a SHA-256 digest (64 lowercase hex characters)');

/** A percentage, 0..100 inclusive. */
export const percent = () => z.number().min(0).max(100);

/** A whole number 1..max. */
export const positiveInt = (max = 1_000_000_000) => z.int().min(1).max(max);

/** ISO 4217 currency code, e.g. `USD`. */
export const currencyCode = () =>
  z.string().regex(/^[A-Z]{3}$/, 'Must be an ISO 4217 currency code such as "USD"');

/** An amount of money in major units (e.g. dollars, not cents) with its currency. */
export const Money = z.strictObject({
  amount: z.number().min(0).max(1_000_000_000),
  currency: currencyCode(),
});
export type Money = z.infer<typeof Money>;

/** Funnel stages used by briefs and assets. */
export const FUNNEL_STAGES = ['awareness', 'consideration', 'conversion', 'retention'] as const;
export const FunnelStage = z.enum(FUNNEL_STAGES);
export type FunnelStage = z.infer<typeof FunnelStage>;

/**
 * Reports an issue for every item whose `key` repeats an earlier one. Use inside `superRefine`;
 * `path` is the path of the array relative to the refined object. With `rule` (the declared rule whose sentence
 * the prompts state) the issue names it, as `ruleIssue` does; without one the issue names the generic
 * `artifact.unique-ids`, which the evaluation harness reports as a rule no prompt states.
 */
export function checkUnique<T>(
  items: readonly T[],
  key: (item: T) => string,
  ctx: z.RefinementCtx,
  path: readonly PropertyKey[],
  what: string,
  rule?: ArtifactRule,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const value = key(item);
    if (seen.has(value)) {
      const message = `Duplicate ${what} "${value}"`;
      if (rule) ruleIssue(ctx, rule, [...path, index], message);
      else
        ctx.addIssue({
          code: 'custom',
          path: [...path, index],
          message,
          params: { rule: UNDECLARED_UNIQUE },
        });
    }
    seen.add(value);
  });
}

/** The rule id a `checkUnique` without a declared rule reports under. */
export const UNDECLARED_UNIQUE = 'artifact.unique-ids';
