import { z } from 'zod';

/**
 * What OpenAI strict Structured Outputs accepts (the "Supported schemas" section of the Structured Outputs guide):
 * types string, number, boolean, integer, object, array, null, enum and anyOf; per type only the keywords below;
 * every object closed (`additionalProperties: false`) with every property required; an object at the root, not
 * `anyOf`; at most 5000 object properties, 10 levels of nesting, 1000 enum values, 120,000 characters of names,
 * enum and const values, 15,000 characters in one enum of more than 250 values. Everything else is refused with
 * "Invalid schema …" (e.g. `minLength`/`maxLength`), so we strip it before sending and keep enforcing it with zod.
 */
export const STRICT_TYPES = ['string', 'number', 'boolean', 'integer', 'object', 'array', 'null'] as const;
export const STRICT_COMMON_KEYWORDS = ['type', 'description', 'enum', 'const', 'anyOf', '$ref'] as const;
export const STRICT_TYPE_KEYWORDS = {
  string: ['pattern', 'format'],
  number: ['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum'],
  integer: ['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum'],
  object: ['properties', 'required', 'additionalProperties'],
  array: ['items', 'minItems', 'maxItems'],
  boolean: [],
  null: [],
} as const satisfies Record<(typeof STRICT_TYPES)[number], readonly string[]>;
/** Only at the root: definitions referenced by `$ref`. */
export const STRICT_ROOT_KEYWORDS = ['$defs'] as const;
export const STRICT_STRING_FORMATS = [
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
] as const;
export const STRICT_LIMITS = {
  maxObjectProperties: 5000,
  maxNesting: 10,
  maxEnumValues: 1000,
  maxTotalStringChars: 120_000,
  largeEnumValueCount: 250,
  maxLargeEnumChars: 15_000,
} as const;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function typesOf(node: Json): string[] {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((t): t is string => typeof t === 'string');
  return [];
}

/** Constraints we strip, said in words in the description so a real model still sees them. */
function describeStripped(node: Json): string[] {
  const notes: string[] = [];
  const min = typeof node.minLength === 'number' ? node.minLength : null;
  const max = typeof node.maxLength === 'number' ? node.maxLength : null;
  if (min !== null && max !== null) notes.push(`${min} to ${max} characters`);
  else if (max !== null) notes.push(`at most ${max} characters`);
  else if (min !== null && min > 1) notes.push(`at least ${min} characters`);
  return notes;
}

/**
 * Keeps only the keywords strict mode supports (whitelist), closes every object and requires every property.
 * `pattern` stays unless a supported `format` says the same (zod's uuid regex is redundant with `format: uuid`);
 * a string that must not be blank (zod `min(1)` after `trim()`) gets the pattern `\S` when it has none.
 */
export function sanitizeStrictSchema(schema: unknown): Json {
  const visit = (node: unknown, root: boolean): unknown => {
    if (!isRecord(node)) return node;
    const out: Json = {};
    const types = typesOf(node);
    const allowed = new Set<string>(STRICT_COMMON_KEYWORDS);
    for (const t of types) {
      for (const k of STRICT_TYPE_KEYWORDS[t as keyof typeof STRICT_TYPE_KEYWORDS] ?? []) allowed.add(k);
    }
    if (root) for (const k of STRICT_ROOT_KEYWORDS) allowed.add(k);
    for (const [key, value] of Object.entries(node)) {
      if (!allowed.has(key)) continue;
      if (key === 'properties' && isRecord(value)) {
        out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, false)]));
      } else if (key === '$defs' && isRecord(value)) {
        out.$defs = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, false)]));
      } else if (key === 'anyOf' && Array.isArray(value)) {
        out.anyOf = value.map((v) => visit(v, false));
      } else if (key === 'items' && isRecord(value)) {
        out.items = visit(value, false);
      } else if (key === 'format') {
        if ((STRICT_STRING_FORMATS as readonly string[]).includes(String(value))) out.format = value;
      } else {
        out[key] = value;
      }
    }
    if (out.format !== undefined) delete out.pattern;
    if (
      types.includes('string') &&
      out.pattern === undefined &&
      out.format === undefined &&
      !('enum' in out)
    ) {
      if (typeof node.minLength === 'number' && node.minLength >= 1) out.pattern = '\\S';
    }
    const notes = describeStripped(node);
    if (notes.length > 0) {
      out.description = [out.description, notes.join('; ')].filter((d) => typeof d === 'string').join('. ');
    }
    if (types.includes('object') || isRecord(out.properties)) {
      const props = isRecord(out.properties) ? out.properties : {};
      out.properties = props;
      out.required = Object.keys(props);
      out.additionalProperties = false;
    }
    return out;
  };
  const result = visit(schema, true);
  return isRecord(result) ? result : {};
}

/**
 * Every way `schema` breaks the strict subset: unsupported keywords (per type), unsupported formats, open or
 * partially required objects, a root that is not an object, and the documented size limits. Empty when it is
 * one OpenAI accepts.
 */
export function strictSchemaProblems(schema: unknown): string[] {
  const problems: string[] = [];
  let properties = 0;
  let enumValues = 0;
  let stringChars = 0;
  if (!isRecord(schema) || schema.type !== 'object' || schema.anyOf !== undefined) {
    problems.push('the root must be a JSON Schema of type "object" (not anyOf)');
  }
  const visit = (node: unknown, path: string, depth: number, root: boolean) => {
    if (!isRecord(node)) {
      problems.push(`${path}: not a schema object`);
      return;
    }
    if (depth > STRICT_LIMITS.maxNesting)
      problems.push(`${path}: nested deeper than ${STRICT_LIMITS.maxNesting}`);
    const types = typesOf(node);
    for (const t of types) {
      if (!(STRICT_TYPES as readonly string[]).includes(t))
        problems.push(`${path}: type "${t}" is not supported`);
    }
    if (
      types.length === 0 &&
      node.anyOf === undefined &&
      node.$ref === undefined &&
      node.enum === undefined &&
      node.const === undefined
    ) {
      problems.push(`${path}: no type`);
    }
    const allowed = new Set<string>(STRICT_COMMON_KEYWORDS);
    for (const t of types) {
      for (const k of STRICT_TYPE_KEYWORDS[t as keyof typeof STRICT_TYPE_KEYWORDS] ?? []) allowed.add(k);
    }
    if (root) for (const k of STRICT_ROOT_KEYWORDS) allowed.add(k);
    for (const key of Object.keys(node)) {
      if (!allowed.has(key))
        problems.push(`${path}: keyword "${key}" is not permitted for ${types.join('|') || 'this schema'}`);
    }
    if (
      node.format !== undefined &&
      !(STRICT_STRING_FORMATS as readonly string[]).includes(String(node.format))
    ) {
      problems.push(`${path}: format "${String(node.format)}" is not supported`);
    }
    if (typeof node.pattern === 'string') {
      try {
        new RegExp(node.pattern, 'u');
      } catch {
        problems.push(`${path}: pattern is not a valid regular expression`);
      }
    }
    if (Array.isArray(node.enum)) {
      enumValues += node.enum.length;
      const chars = node.enum.reduce<number>((n, v) => n + (typeof v === 'string' ? v.length : 0), 0);
      stringChars += chars;
      if (node.enum.length > STRICT_LIMITS.largeEnumValueCount && chars > STRICT_LIMITS.maxLargeEnumChars) {
        problems.push(
          `${path}: an enum of more than ${STRICT_LIMITS.largeEnumValueCount} values may hold at most ${STRICT_LIMITS.maxLargeEnumChars} characters`,
        );
      }
    }
    if (typeof node.const === 'string') stringChars += node.const.length;
    if (types.includes('object') || node.properties !== undefined) {
      const props = isRecord(node.properties) ? node.properties : {};
      if (node.additionalProperties !== false) problems.push(`${path}: additionalProperties must be false`);
      const required = Array.isArray(node.required) ? node.required : [];
      for (const key of Object.keys(props)) {
        properties += 1;
        stringChars += key.length;
        if (!required.includes(key)) problems.push(`${path}: property "${key}" must be required`);
        visit(props[key], `${path}.${key}`, depth + 1, false);
      }
    }
    if (types.includes('array')) {
      if (node.items === undefined) problems.push(`${path}: array without items`);
      else visit(node.items, `${path}[]`, depth + 1, false);
    }
    if (Array.isArray(node.anyOf)) {
      for (const [i, s] of node.anyOf.entries()) visit(s, `${path}|${i}`, depth, false);
    }
    if (root && isRecord(node.$defs)) {
      for (const [name, def] of Object.entries(node.$defs)) {
        stringChars += name.length;
        visit(def, `$defs.${name}`, 1, false);
      }
    }
  };
  if (isRecord(schema)) visit(schema, '(root)', 0, true);
  if (properties > STRICT_LIMITS.maxObjectProperties) {
    problems.push(`${properties} object properties, more than ${STRICT_LIMITS.maxObjectProperties}`);
  }
  if (enumValues > STRICT_LIMITS.maxEnumValues) {
    problems.push(`${enumValues} enum values, more than ${STRICT_LIMITS.maxEnumValues}`);
  }
  if (stringChars > STRICT_LIMITS.maxTotalStringChars) {
    problems.push(
      `${stringChars} characters of names and enum values, more than ${STRICT_LIMITS.maxTotalStringChars}`,
    );
  }
  return problems;
}

/**
 * The JSON Schema MOS sends for a model-output zod schema: zod's own conversion, reduced to the strict subset.
 * Throws when the result still breaks the subset (a schema we must not send), naming the problems.
 */
export function toStrictJsonSchema(schema: z.ZodType): Json {
  const converted = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'throw',
  });
  const optional = optionalProperties(converted);
  if (optional.length > 0) {
    // Strict mode requires every property; an optional one must be written `.nullable()` so zod agrees.
    throw new Error(`optional properties (use .nullable()): ${optional.slice(0, 5).join(', ')}`);
  }
  const sanitized = sanitizeStrictSchema(converted);
  const problems = strictSchemaProblems(sanitized);
  if (problems.length > 0)
    throw new Error(`not a strict structured-output schema: ${problems.slice(0, 5).join('; ')}`);
  return sanitized;
}

/** Paths of object properties the zod schema leaves optional (absent from `required`). */
function optionalProperties(schema: unknown, path = '(root)'): string[] {
  if (!isRecord(schema)) return [];
  const out: string[] = [];
  if (isRecord(schema.properties)) {
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const [k, v] of Object.entries(schema.properties)) {
      if (!required.includes(k)) out.push(`${path}.${k}`);
      out.push(...optionalProperties(v, `${path}.${k}`));
    }
  }
  if (isRecord(schema.items)) out.push(...optionalProperties(schema.items, `${path}[]`));
  if (Array.isArray(schema.anyOf)) for (const a of schema.anyOf) out.push(...optionalProperties(a, path));
  return out;
}
