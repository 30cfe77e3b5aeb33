import type { z } from 'zod';

/**
 * What the editor needs to know about one zod v4 schema, read from its definition (`schema._zod.def`).
 *
 * Why the definition and not `z.toJSONSchema`: the definition keeps every check with zod's own messages and lets the
 * editor validate with the very schema it renders (`safeParse`), refinements included; a JSON Schema round trip would
 * drop refinements and custom messages. Wrappers that do not change the edited shape (default, readonly, catch, pipe,
 * lazy) are unwrapped here.
 */
export type FieldNode =
  | { kind: 'string'; min?: number; max?: number; format?: string }
  | { kind: 'number'; int: boolean; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: string[] }
  | { kind: 'literal'; value: unknown }
  | { kind: 'nullable'; inner: z.ZodType }
  | { kind: 'optional'; inner: z.ZodType }
  | { kind: 'object'; shape: Record<string, z.ZodType> }
  | { kind: 'array'; element: z.ZodType; min?: number; max?: number }
  | { kind: 'unknown' };

interface AnyDef {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  [key: string]: unknown;
}

const defOf = (schema: z.ZodType): AnyDef => (schema as unknown as { _zod: { def: AnyDef } })._zod.def;

function checkDefs(def: AnyDef): Record<string, unknown>[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;

/** Reads a schema's kind and bounds, unwrapping shape-preserving wrappers. */
export function describe(schema: z.ZodType): FieldNode {
  let s = schema;
  // A bounded walk: wrappers nest a handful of levels at most.
  for (let i = 0; i < 20; i++) {
    const def = defOf(s);
    switch (def.type) {
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        s = def.innerType as z.ZodType;
        continue;
      case 'pipe':
        s = def.in as z.ZodType;
        continue;
      case 'lazy':
        s = (def.getter as () => z.ZodType)();
        continue;
      case 'string': {
        const node: FieldNode & { kind: 'string' } = { kind: 'string' };
        if (typeof def.format === 'string') node.format = def.format;
        for (const c of checkDefs(def)) {
          if (c.check === 'min_length') node.min = num(c.minimum);
          if (c.check === 'max_length') node.max = num(c.maximum);
          if (c.check === 'length_equals') node.min = node.max = num(c.length);
        }
        return node;
      }
      case 'number': {
        const node: FieldNode & { kind: 'number' } = { kind: 'number', int: false };
        const readBound = (c: Record<string, unknown>) => {
          if (c.check === 'number_format') {
            node.int = String(c.format).includes('int');
            // Formats carry their own range (safeint), which is not worth showing as a bound.
          }
          if (c.check === 'greater_than') node.min = num(c.value);
          if (c.check === 'less_than') node.max = num(c.value);
        };
        if (typeof def.format === 'string' && def.format.includes('int')) node.int = true;
        for (const c of checkDefs(def)) readBound(c);
        return node;
      }
      case 'boolean':
        return { kind: 'boolean' };
      case 'enum':
        return { kind: 'enum', options: Object.values(def.entries as Record<string, string>).map(String) };
      case 'literal': {
        const values = def.values as unknown[];
        return { kind: 'literal', value: values[0] };
      }
      case 'nullable':
        return { kind: 'nullable', inner: def.innerType as z.ZodType };
      case 'optional':
        return { kind: 'optional', inner: def.innerType as z.ZodType };
      case 'object':
        return { kind: 'object', shape: def.shape as Record<string, z.ZodType> };
      case 'array': {
        const node: FieldNode & { kind: 'array' } = { kind: 'array', element: def.element as z.ZodType };
        for (const c of checkDefs(def)) {
          if (c.check === 'min_length') node.min = num(c.minimum);
          if (c.check === 'max_length') node.max = num(c.maximum);
          if (c.check === 'length_equals') node.min = node.max = num(c.length);
        }
        return node;
      }
      default:
        return { kind: 'unknown' };
    }
  }
  return { kind: 'unknown' };
}

/** A starting value for a new field or array item: empty but of the right shape. */
export function emptyValue(schema: z.ZodType, depth = 0): unknown {
  const node = describe(schema);
  if (depth > 8) return null;
  switch (node.kind) {
    case 'string':
      return '';
    case 'number':
      return node.min ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return node.options[0] ?? '';
    case 'literal':
      return node.value;
    case 'nullable':
      return null;
    case 'optional':
      return undefined;
    case 'object':
      return Object.fromEntries(Object.entries(node.shape).map(([k, v]) => [k, emptyValue(v, depth + 1)]));
    case 'array':
      return Array.from({ length: node.min ?? 0 }, () => emptyValue(node.element, depth + 1));
    default:
      return null;
  }
}

/** "primaryMarkets" → "Primary markets"; "ctaUrl" → "Cta url". */
export function labelFor(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A key path as one string: ["offers", 0, "name"] → "offers.0.name". */
export const pathKey = (path: readonly (string | number)[]) => path.join('.');
