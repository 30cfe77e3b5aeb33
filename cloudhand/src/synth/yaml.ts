/**
 * A small block-style YAML writer for cloud-init documents (no dependency). Strings are written plain only when
 * YAML 1.1 (cloud-init's PyYAML) reads them back as the same string; anything else is double-quoted JSON, which
 * is valid YAML. Multi-line strings become literal blocks so files in `write_files` stay readable.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

// Plain scalars: a conservative set; a leading digit, sign or dot is quoted because YAML 1.1 reads `02:00` as
// base-60 and `1e3` or `0o7` as numbers.
const PLAIN_RE = /^[A-Za-z_/][A-Za-z0-9 _./:+=@,-]*$/;
const RESERVED_RE = /^(y|yes|n|no|true|false|on|off|null|~)$/i;
const KEY_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
    // YAML 1.1 floats need a dot: `3e-323` would read back as a string.
    const text = String(value);
    return /e/.test(text) && !text.includes('.') ? text.replace('e', '.0e') : text;
  }
  const plain =
    PLAIN_RE.test(value) &&
    !RESERVED_RE.test(value) &&
    !value.endsWith(' ') &&
    !value.includes(': ') &&
    !value.endsWith(':') &&
    !value.includes(' #');
  return plain ? value : quote(value);
}

/**
 * A double-quoted scalar: JSON's escapes are YAML's too; YAML 1.1 also reads NEL and the Unicode line and
 * paragraph separators as line breaks, and wants C1 controls escaped, so those become \u escapes.
 */
function quote(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Literal block (`|`) header for a multi-line string, or null when the string must be quoted instead. */
function literalHeader(value: string): string | null {
  if (!value.includes('\n')) return null;
  // Control characters (tabs aside) and carriage returns cannot appear in a literal block.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value)) return null;
  const firstContent = value.split('\n').find((line) => line.length > 0) ?? '';
  // The block's indentation is detected from its first line; a leading blank would be read as indentation.
  if (/^[ \t]/.test(firstContent)) return null;
  if (value.endsWith('\n\n')) return '|+';
  return value.endsWith('\n') ? '|' : '|-';
}

function key(k: string): string {
  return KEY_RE.test(k) && !RESERVED_RE.test(k) ? k : quote(k);
}

function isComplex(value: YamlValue): value is YamlValue[] | { [key: string]: YamlValue } {
  return value !== null && typeof value === 'object';
}

function isEmpty(value: YamlValue[] | { [key: string]: YamlValue }): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** Lines of `value` written at `indent`; the caller places the first line after its own prefix. */
function lines(value: YamlValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (isComplex(item) && !isEmpty(item)) {
        const [first = '', ...rest] = lines(item, indent + 2);
        return [`${pad}- ${first.slice(indent + 2)}`, ...rest];
      }
      return inline(item, indent + 2).map((l, i) => (i === 0 ? `${pad}- ${l}` : l));
    });
  }
  if (isComplex(value)) {
    return Object.entries(value).flatMap(([k, v]) => {
      if (isComplex(v) && !isEmpty(v)) return [`${pad}${key(k)}:`, ...lines(v, indent + 2)];
      return inline(v, indent + 2).map((l, i) => (i === 0 ? `${pad}${key(k)}: ${l}` : l));
    });
  }
  return [pad + scalar(value)];
}

/** A scalar, empty collection or literal block following `key: ` or `- `; later lines at `indent`. */
function inline(value: YamlValue, indent: number): string[] {
  if (Array.isArray(value)) return ['[]'];
  if (isComplex(value)) return ['{}'];
  if (typeof value === 'string') {
    const header = literalHeader(value);
    if (header) {
      const body = header === '|' || header === '|+' ? value.replace(/\n$/, '') : value;
      const pad = ' '.repeat(indent);
      return [header, ...body.split('\n').map((l) => (l ? pad + l : ''))];
    }
  }
  return [scalar(value)];
}

/** The document as YAML text, ending with a newline. */
export function toYaml(value: YamlValue): string {
  if (!isComplex(value) || isEmpty(value)) return `${inline(value, 0).join('\n')}\n`;
  return `${lines(value, 0).join('\n')}\n`;
}
