export type JsonPath = (string | number)[];

export interface DiffEntry {
  path: JsonPath;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A field-level structural diff of two JSON documents: objects by key, arrays by position, so a nested change is
 * reported at its own path ("brand.toneOfVoice.do.2") rather than as a whole replaced subtree.
 */
export function diffJson(before: unknown, after: unknown, path: JsonPath = []): DiffEntry[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => {
      const inA = Object.hasOwn(before, k);
      const inB = Object.hasOwn(after, k);
      if (!inB) return [{ path: [...path, k], kind: 'removed' as const, before: before[k] }];
      if (!inA) return [{ path: [...path, k], kind: 'added' as const, after: after[k] }];
      return diffJson(before[k], after[k], [...path, k]);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: DiffEntry[] = [];
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      if (i >= after.length) out.push({ path: [...path, i], kind: 'removed', before: before[i] });
      else if (i >= before.length) out.push({ path: [...path, i], kind: 'added', after: after[i] });
      else out.push(...diffJson(before[i], after[i], [...path, i]));
    }
    return out;
  }
  if (Object.is(before, after)) return [];
  return [{ path, kind: 'changed', before, after }];
}

/** "brand.values[2]" for display. */
export function formatPath(path: JsonPath): string {
  if (path.length === 0) return '(document)';
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}
