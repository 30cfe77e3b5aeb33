/**
 * Arbitrary values valid under a strict-subset JSON Schema (what MOS sends to OpenAI), from a seed: random strings
 * and lengths, array sizes within minItems/maxItems, random enum picks, random null where null is allowed,
 * patterns honored, numbers within their bounds. No knowledge of any particular schema: this is how the
 * schema-driven stand-in answers like a model that writes anything the schema admits (and nothing more).
 */

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A small seeded PRNG (mulberry32, the one @mos/stats uses for simulations): the same seed gives the same answers. */
export { mulberry32 as seededRandom } from '@mos/stats';

const WORDS =
  'amber calm serum skin bright quiet north river copper glass field signal orbit linen maple harbor velvet cedar pixel lumen'.split(
    ' ',
  );
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

export interface ValueOptions {
  /** Longest free string (words) generated; keep under the smallest maxLength zod enforces (default 24). */
  maxStringLength?: number;
  /** Largest array generated when maxItems allows more (default 3). */
  maxArrayItems?: number;
}

export function valueFromSchema(schema: unknown, random: () => number, opts: ValueOptions = {}): unknown {
  const root = isRecord(schema) ? schema : {};
  const maxString = opts.maxStringLength ?? 24;
  const maxItems = opts.maxArrayItems ?? 3;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const text = (): string => {
    const target = int(1, maxString);
    let out = pick(WORDS);
    while (out.length < target) out += ` ${pick(WORDS)}`;
    return out.slice(0, target).trim() || pick(WORDS).slice(0, Math.max(1, target));
  };

  const stringFor = (node: Json): string => {
    if (node.format === 'uuid') return uuid(random);
    if (node.format === 'date-time') return new Date(Date.UTC(2026, int(0, 11), int(1, 28))).toISOString();
    if (node.format === 'date') return `2026-0${int(1, 9)}-1${int(0, 9)}`;
    if (node.format === 'email') return `${pick(WORDS)}@example.com`;
    if (typeof node.pattern === 'string') {
      const re = new RegExp(node.pattern, 'u');
      for (let i = 0; i < 50; i++) {
        const candidate = fromPattern(node.pattern, random, maxString);
        if (re.test(candidate)) return candidate;
      }
      throw new Error(`cannot generate a string for pattern ${node.pattern}`);
    }
    return text();
  };

  const numberFor = (node: Json, integer: boolean): number => {
    let lo = typeof node.minimum === 'number' ? node.minimum : -1000;
    let hi = typeof node.maximum === 'number' ? node.maximum : 1000;
    if (typeof node.exclusiveMinimum === 'number') lo = node.exclusiveMinimum + (integer ? 1 : 0.001);
    if (typeof node.exclusiveMaximum === 'number') hi = node.exclusiveMaximum - (integer ? 1 : 0.001);
    hi = Math.min(hi, lo + 10_000);
    if (integer) return int(Math.ceil(lo), Math.floor(hi));
    return Math.round((lo + random() * (hi - lo)) * 100) / 100;
  };

  const resolve = (node: Json): Json => {
    if (typeof node.$ref === 'string') {
      if (node.$ref === '#') return root;
      const name = node.$ref.replace(/^#\/\$defs\//, '');
      const defs = isRecord(root.$defs) ? root.$defs : {};
      const target = defs[name];
      if (isRecord(target)) return target;
    }
    return node;
  };

  const visit = (raw: unknown, depth: number): unknown => {
    if (!isRecord(raw)) return null;
    const node = resolve(raw);
    if ('const' in node) return node.const;
    if (Array.isArray(node.enum)) return pick(node.enum);
    if (Array.isArray(node.anyOf) && node.anyOf.length > 0) {
      const options = node.anyOf.filter(isRecord);
      // Deep documents stay finite: past a few levels, prefer a null branch when there is one.
      const nullable = options.find((o) => o.type === 'null');
      if (nullable && depth > 6) return null;
      return visit(pick(options), depth + 1);
    }
    const types = Array.isArray(node.type) ? (node.type as unknown[]) : [node.type];
    const type = pick(types.filter((t): t is string => typeof t === 'string'));
    switch (type) {
      case 'null':
        return null;
      case 'boolean':
        return random() < 0.5;
      case 'integer':
        return numberFor(node, true);
      case 'number':
        return numberFor(node, false);
      case 'string':
        return stringFor(node);
      case 'array': {
        const min = typeof node.minItems === 'number' ? node.minItems : 0;
        const max = typeof node.maxItems === 'number' ? node.maxItems : min + maxItems;
        const count = int(min, Math.max(min, Math.min(max, min + maxItems)));
        return Array.from({ length: count }, () => visit(node.items, depth + 1));
      }
      case 'object': {
        const props = isRecord(node.properties) ? node.properties : {};
        return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, visit(v, depth + 1)]));
      }
      default:
        return null;
    }
  };
  return visit(root, 0);
}

function uuid(random: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
}

// ------------------------------------------------------------------------------- strings for a regex

type Atom =
  | { kind: 'chars'; chars: string[] }
  | { kind: 'group'; alternatives: Node[][] }
  | { kind: 'empty' };
interface Node {
  atom: Atom;
  min: number;
  max: number;
}

const DIGITS = '0123456789'.split('');
const WORD = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', ...DIGITS, '_'];
const SPACE = [' '];

function escapeClass(c: string): string[] | null {
  switch (c) {
    case 'd':
      return DIGITS;
    case 'w':
      return WORD;
    case 's':
      return SPACE;
    case 'S':
      return PRINTABLE.filter((x) => x !== ' ');
    case 'D':
      return PRINTABLE.filter((x) => !DIGITS.includes(x));
    case 'W':
      return PRINTABLE.filter((x) => !WORD.includes(x));
    default:
      return null;
  }
}

/** Parses the regex subset our schemas use: literals, escapes, classes, groups, alternation, quantifiers. */
function parse(source: string): Node[][] {
  let i = 0;
  const alternatives = (): Node[][] => {
    const alts: Node[][] = [[]];
    while (i < source.length && source[i] !== ')') {
      const c = source[i] as string;
      if (c === '|') {
        i++;
        alts.push([]);
        continue;
      }
      const atom = parseAtom();
      const [min, max] = parseQuantifier();
      (alts[alts.length - 1] as Node[]).push({ atom, min, max });
    }
    return alts;
  };
  const parseAtom = (): Atom => {
    const c = source[i++] as string;
    if (c === '^' || c === '$') return { kind: 'empty' };
    if (c === '(') {
      if (source.startsWith('?:', i)) i += 2;
      else if (source[i] === '?') throw new Error('lookaround is not supported');
      const alts = alternatives();
      i++; // ')'
      return { kind: 'group', alternatives: alts };
    }
    if (c === '[') return { kind: 'chars', chars: parseClass() };
    if (c === '.') return { kind: 'chars', chars: PRINTABLE };
    if (c === '\\') {
      const e = source[i++] as string;
      return { kind: 'chars', chars: escapeClass(e) ?? [e] };
    }
    return { kind: 'chars', chars: [c] };
  };
  const parseClass = (): string[] => {
    let negate = false;
    if (source[i] === '^') {
      negate = true;
      i++;
    }
    const set = new Set<string>();
    let first = true;
    while (i < source.length && (source[i] !== ']' || first)) {
      first = false;
      let c = source[i++] as string;
      if (c === '\\') {
        const e = source[i++] as string;
        const cls = escapeClass(e);
        if (cls) {
          for (const x of cls) set.add(x);
          continue;
        }
        c = e;
      }
      if (source[i] === '-' && source[i + 1] !== ']' && i + 1 < source.length) {
        i++;
        let end = source[i++] as string;
        if (end === '\\') end = source[i++] as string;
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++)
          set.add(String.fromCharCode(code));
      } else {
        set.add(c);
      }
    }
    i++; // ']'
    return negate ? PRINTABLE.filter((x) => !set.has(x)) : [...set];
  };
  const parseQuantifier = (): [number, number] => {
    const c = source[i];
    const simple: Record<string, [number, number]> = {
      '*': [0, Number.POSITIVE_INFINITY],
      '+': [1, Number.POSITIVE_INFINITY],
      '?': [0, 1],
    };
    const found = c === undefined ? undefined : simple[c];
    if (found) {
      i++;
      return found;
    }
    if (c === '{') {
      const close = source.indexOf('}', i);
      const [lo, hi] = source.slice(i + 1, close).split(',');
      i = close + 1;
      const min = Number(lo);
      return [min, hi === undefined ? min : hi === '' ? Number.POSITIVE_INFINITY : Number(hi)];
    }
    return [1, 1];
  };
  return alternatives();
}

/** A random string matching `pattern` (the subset above); unanchored patterns get a short word around them. */
export function fromPattern(pattern: string, random: () => number, maxRepeat = 24): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const build = (alts: Node[][]): string =>
    pick(alts)
      .map((node) => {
        const cap = Number.isFinite(node.max) ? node.max : node.min + Math.max(1, Math.floor(maxRepeat / 3));
        const count = node.min + Math.floor(random() * (cap - node.min + 1));
        let out = '';
        for (let k = 0; k < count; k++) {
          if (node.atom.kind === 'chars') out += pick(node.atom.chars);
          else if (node.atom.kind === 'group') out += build(node.atom.alternatives);
        }
        return out;
      })
      .join('');
  const core = build(parse(pattern));
  const anchoredStart = pattern.startsWith('^');
  const anchoredEnd = pattern.endsWith('$') && !pattern.endsWith('\\$');
  return `${anchoredStart ? '' : pick(WORDS)}${core}${anchoredEnd ? '' : ''}`;
}
