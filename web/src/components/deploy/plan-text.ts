import { formatPath, type PlanIssue, safeParsePlan } from '@mos/cloudhand/plan';

/** Where in the editor's text a problem is: the character range to select and its 1-based line. */
export interface TextSpot {
  start: number;
  end: number;
  line: number;
}

/** A plan problem with the place in the text it points at (the nearest enclosing value when the field is absent). */
export interface LocatedIssue extends PlanIssue {
  spot: TextSpot | null;
}

type Key = string | number;

/**
 * Every value's place in JSON text, by formatted path (`new_spec.instances[0].name`), so a problem's path can be
 * turned into a line to jump to. Object members point at their key (what a person looks for), the root at 0.
 * Assumes text that JSON.parse accepted; stops quietly at anything else.
 */
export function jsonSpots(text: string): Map<string, TextSpot> {
  const spots = new Map<string, TextSpot>();
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let pos = 0;
  const ws = () => {
    while (pos < text.length && /\s/.test(text[pos] ?? '')) pos++;
  };
  const str = (): string => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const value = (path: Key[], markStart: number | null): void => {
    ws();
    const start = pos;
    const ch = text[pos];
    const record = (end: number) => {
      const s = markStart ?? start;
      spots.set(formatPath(path), { start: s, end, line: lineOf(s) });
    };
    if (ch === '{') {
      pos++;
      record(pos);
      ws();
      if (text[pos] === '}') {
        pos++;
        return;
      }
      while (pos < text.length) {
        ws();
        const keyStart = pos;
        const key = str();
        ws();
        pos++; // ':'
        value([...path, key], keyStart);
        ws();
        if (text[pos] === ',') pos++;
        else {
          pos++; // '}'
          return;
        }
      }
    } else if (ch === '[') {
      pos++;
      record(pos);
      ws();
      if (text[pos] === ']') {
        pos++;
        return;
      }
      let i = 0;
      while (pos < text.length) {
        value([...path, i++], null);
        ws();
        if (text[pos] === ',') pos++;
        else {
          pos++; // ']'
          return;
        }
      }
    } else if (ch === '"') {
      str();
      record(pos);
    } else {
      while (pos < text.length && /[^,\]}\s]/.test(text[pos] ?? '')) pos++;
      record(pos);
    }
  };
  try {
    value([], null);
  } catch {
    // Text JSON.parse refused is located by its error position instead (see validatePlanText).
  }
  return spots;
}

/** The place of `path`, or of its nearest ancestor that is in the text (a missing field points at its object). */
export function spotOf(spots: Map<string, TextSpot>, path: string): TextSpot | null {
  let p = path;
  for (;;) {
    const hit = spots.get(p);
    if (hit) return hit;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return spots.get('(plan)') ?? null;
    p = p.slice(0, cut);
  }
}

export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** Turns a path as an API error carries it (an array, or already formatted) into the plan's formatted path. */
export function issuePath(path: readonly (string | number)[] | string): string {
  if (typeof path === 'string') return path;
  return formatPath(path);
}

/** Each issue with its place in `text`. */
export function locateIssues(text: string, issues: readonly PlanIssue[]): LocatedIssue[] {
  const spots = jsonSpots(text);
  return issues.map((i) => ({ ...i, spot: spotOf(spots, i.path) }));
}

export type PlanTextCheck =
  | { ok: true; value: unknown; issues: [] }
  | { ok: false; value: unknown; issues: LocatedIssue[] };

/**
 * The editor's live check: JSON syntax first (at the character JSON.parse stopped at), then the plan model's own
 * `safeParsePlan`, each problem located in the text.
 */
export function validatePlanText(text: string): PlanTextCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.length;
    const line = lineAt(text, offset);
    return {
      ok: false,
      value: undefined,
      issues: [
        {
          path: '(plan)',
          message: `is not valid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}`,
          spot: { start: offset, end: Math.min(offset + 1, text.length), line },
        },
      ],
    };
  }
  const r = safeParsePlan(value);
  if (r.ok) return { ok: true, value, issues: [] };
  return { ok: false, value, issues: locateIssues(text, r.issues) };
}
