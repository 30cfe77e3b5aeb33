/**
 * A strict reader for block-style YAML as cloud-init's PyYAML (YAML 1.1) reads it: block mappings and sequences,
 * literal blocks (`|`, `|-`, `|+`), double-quoted scalars and plain scalars resolved with YAML 1.1's rules
 * (`yes` is true, `0644` is octal, `02:00` is base 60). Anything outside that subset (flow collections other
 * than `[]`/`{}`, single quotes, anchors, tags, tabs as indentation, folded blocks) throws, so a writer that
 * strays from it fails the test instead of being read leniently. The lockfile has no YAML parser.
 */
export type YamlRead = string | number | boolean | null | YamlRead[] | { [key: string]: YamlRead };

interface Line {
  indent: number;
  text: string;
  no: number;
}

export class YamlReadError extends Error {}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|[^\s"'#&*!|>%@`{[\]},?:-][^:#]*?|-[^\s:][^:#]*?)\s*:(?:\s+(.*))?$/;

/** YAML 1.1 resolution of a plain scalar (PyYAML's implicit resolvers). */
export function resolvePlain(text: string): YamlRead {
  if (/^(~|null|Null|NULL|)$/.test(text)) return null;
  if (/^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(text)) return true;
  if (/^(n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$/.test(text)) return false;
  // PyYAML's resolver patterns (underscores allowed after the first digit), then the value without them.
  const digits = text.replace(/_/g, '');
  const sign = text.startsWith('-') ? -1 : 1;
  if (/^[-+]?0b[01_]+$/.test(text)) return sign * Number.parseInt(digits.replace(/^[-+]?0b/, ''), 2);
  if (/^[-+]?0x[0-9a-fA-F_]+$/.test(text)) return sign * Number.parseInt(digits.replace(/^[-+]?0x/, ''), 16);
  if (/^[-+]?0[0-7_]+$/.test(text)) return Number.parseInt(digits, 8);
  if (/^[-+]?(0|[1-9][0-9_]*)$/.test(text)) return Number(digits);
  if (/^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+$/.test(text))
    return (
      sign *
      digits
        .replace(/^[-+]/, '')
        .split(':')
        .reduce((acc, part) => acc * 60 + Number(part), 0)
    );
  if (/^[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?$|^\.[0-9][0-9_]*([eE][-+][0-9]+)?$/.test(text))
    return Number(digits);
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*$/.test(text)) {
    const [whole = '', frac = ''] = digits.replace(/^[-+]/, '').split('.');
    return (
      sign * (whole.split(':').reduce((acc, part) => acc * 60 + Number(part), 0) + Number(`0.${frac || '0'}`))
    );
  }
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return sign * Number.POSITIVE_INFINITY;
  if (/^\.(nan|NaN|NAN)$/.test(text)) return Number.NaN;
  if (/^\d{4}-\d\d?-\d\d?/.test(text))
    throw new YamlReadError(`timestamp ${text} is not a string in YAML 1.1`);
  if (/^[\s"'#&*!|>%@`{[\]},?]|^[-:?](\s|$)/.test(text) || /\s#|:\s|:$|\s$/.test(text))
    throw new YamlReadError(`${JSON.stringify(text)} cannot be a plain scalar`);
  return text;
}

function scalar(text: string, line: Line): YamlRead {
  if (text === '[]') return [];
  if (text === '{}') return {};
  if (text.startsWith('"')) {
    try {
      const value = JSON.parse(text) as unknown;
      if (typeof value === 'string') return value;
    } catch {
      // fall through to the error below
    }
    throw new YamlReadError(`line ${line.no}: ${text} is not a double-quoted scalar this reader knows`);
  }
  try {
    return resolvePlain(text);
  } catch (err) {
    throw new YamlReadError(`line ${line.no}: ${(err as Error).message}`);
  }
}

/** Own property even for keys such as `__proto__` or `toString`. */
function set(target: { [key: string]: YamlRead }, key: string, value: YamlRead): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

class Reader {
  pos = 0;
  constructor(
    private readonly lines: (Line | null)[],
    private readonly raw: string[],
  ) {}

  private peek(): Line | null {
    while (this.pos < this.lines.length && this.lines[this.pos] === null) this.pos++;
    return this.lines[this.pos] ?? null;
  }

  node(minIndent: number): YamlRead {
    const line = this.peek();
    if (!line || line.indent < minIndent) throw new YamlReadError('expected a value');
    if (line.text === '-' || line.text.startsWith('- ')) return this.sequence(line.indent);
    if (KEY_RE.test(line.text)) return this.mapping(line.indent);
    this.pos++;
    return scalar(line.text, line);
  }

  private sequence(indent: number): YamlRead[] {
    const out: YamlRead[] = [];
    for (
      let line = this.peek();
      line && line.indent === indent && (line.text === '-' || line.text.startsWith('- '));
      line = this.peek()
    ) {
      const rest = line.text.slice(1).trimStart();
      const inner = indent + 1 + (line.text.length - 1 - rest.length);
      if (rest === '') {
        this.pos++;
        out.push(this.node(indent + 1));
      } else if (rest === '-' || rest.startsWith('- ') || KEY_RE.test(rest)) {
        // A compact nested node: re-read the rest of the line at its own column.
        this.lines[this.pos] = { indent: inner, text: rest, no: line.no };
        out.push(this.node(inner));
      } else {
        this.pos++;
        out.push(this.value(rest, indent, line));
      }
    }
    return out;
  }

  private mapping(indent: number): { [key: string]: YamlRead } {
    const out: { [key: string]: YamlRead } = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      const m = KEY_RE.exec(line.text);
      if (!m) throw new YamlReadError(`line ${line.no}: expected a key`);
      const rawKey = m[1] ?? '';
      const key = rawKey.startsWith('"') ? (JSON.parse(rawKey) as string) : rawKey;
      if (!rawKey.startsWith('"') && typeof resolvePlain(rawKey) !== 'string')
        throw new YamlReadError(`line ${line.no}: key ${rawKey} is not a string in YAML 1.1`);
      if (Object.hasOwn(out, key)) throw new YamlReadError(`line ${line.no}: duplicate key ${key}`);
      this.pos++;
      const rest = m[2]?.trim() ?? '';
      if (rest === '') {
        const next = this.peek();
        // A sequence may sit at its key's indentation; anything else must be indented further.
        const nested =
          next && (next.indent > indent || (next.indent === indent && next.text.startsWith('- ')));
        set(out, key, nested ? this.node(next.indent) : null);
      } else set(out, key, this.value(rest, indent, line));
    }
    const stray = this.peek();
    if (stray && stray.indent > indent) throw new YamlReadError(`line ${stray.no}: unexpected indentation`);
    return out;
  }

  /** A scalar or literal block after `key:` / `- `; `parent` is the indentation of its key or dash. */
  private value(text: string, parent: number, line: Line): YamlRead {
    const header = /^\|([+-]?)$/.exec(text);
    if (!header) return scalar(text, line);
    const body: string[] = [];
    let blockIndent = -1;
    while (this.pos < this.lines.length) {
      const raw = this.raw[this.pos] ?? '';
      const indent = raw.length - raw.trimStart().length;
      if (raw.trim() === '') {
        body.push(raw);
        this.pos++;
        continue;
      }
      if (blockIndent < 0) blockIndent = indent;
      if (indent < blockIndent || indent <= parent) break;
      body.push(raw);
      this.pos++;
    }
    if (blockIndent < 0) blockIndent = parent + 1;
    // Trailing blank lines belong to chomping; give back the ones after the last content line for `|`/`|-`.
    const content = body.map((l) => (l.trim() === '' && l.length <= blockIndent ? '' : l.slice(blockIndent)));
    let lastContent = content.length - 1;
    while (
      lastContent >= 0 &&
      body[lastContent]?.trim() === '' &&
      (body[lastContent]?.length ?? 0) <= blockIndent
    )
      lastContent--;
    const kept = content.slice(0, lastContent + 1).join('\n');
    const trailing = content.length - 1 - lastContent;
    const chomp = header[1];
    if (chomp === '-') return kept;
    if (chomp === '+') return `${kept}\n${'\n'.repeat(trailing)}`;
    return kept === '' ? '' : `${kept}\n`;
  }
}

/** Reads a YAML document in the subset above; throws `YamlReadError` on anything else. */
export function readYaml(text: string): YamlRead {
  const rawLines = text.split('\n');
  if (rawLines.at(-1) === '') rawLines.pop();
  const lines = rawLines.map((raw, i): Line | null => {
    if (/^\s*(#.*)?$/.test(raw)) return null;
    if (/^ *\t/.test(raw)) throw new YamlReadError(`line ${i + 1}: tab in indentation`);
    const indent = raw.length - raw.trimStart().length;
    return { indent, text: raw.trim(), no: i + 1 };
  });
  const reader = new Reader(lines, rawLines);
  const value = reader.node(0);
  const rest = lines.find((l, i) => l !== null && i >= reader.pos);
  if (rest) throw new YamlReadError(`line ${rest.no}: unexpected content`);
  return value;
}
