import { describe, expect, it } from 'vitest';
import { type DiffOp, diffLines, diffRows, sidesOf } from './line-diff';

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lines from a small alphabet (so they repeat, as `},` and `]` do in JSON), then an edited copy. */
function pair(seed: number): [string[], string[]] {
  const r = rng(seed);
  const word = () => ['{', '}', '],', '"a": 1', '"b": 2', '"c"', 'x', 'y'][Math.floor(r() * 8)] as string;
  const a = Array.from({ length: Math.floor(r() * 40) }, word);
  const b: string[] = [];
  for (const line of a) {
    const p = r();
    if (p < 0.15) continue; // removed
    if (p < 0.3)
      b.push(word()); // replaced
    else b.push(line);
    if (r() < 0.15) b.push(word()); // inserted
  }
  if (r() < 0.2) b.unshift(word());
  return [a, b];
}

/** Applies an edit script to `a`: kept lines must match, removed lines must be the ones there. */
function apply(a: readonly string[], ops: readonly DiffOp[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (const op of ops) {
    if (op.type === 'add') out.push(op.line);
    else {
      if (a[i] !== op.line) throw new Error(`op ${op.type} "${op.line}" does not match line ${i} "${a[i]}"`);
      if (op.type === 'equal') out.push(op.line);
      i++;
    }
  }
  if (i !== a.length) throw new Error(`the script consumed ${i} of ${a.length} lines`);
  return out;
}

/** The longest common subsequence's length by dynamic programming: a minimal script keeps exactly that many. */
function lcs(a: readonly string[], b: readonly string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      (dp[i] as number[])[j] =
        a[i - 1] === b[j - 1]
          ? ((dp[i - 1] as number[])[j - 1] as number) + 1
          : Math.max((dp[i - 1] as number[])[j] as number, (dp[i] as number[])[j - 1] as number);
  return (dp[a.length] as number[])[b.length] as number;
}

describe('diffLines', () => {
  it('turns A into B on 500 seeded random pairs, with a shortest edit script', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const [a, b] = pair(seed);
      const ops = diffLines(a, b);
      expect(apply(a, ops), `seed ${seed}`).toEqual(b);
      expect(sidesOf(ops), `seed ${seed}`).toEqual({ before: a, after: b });
      expect(ops.filter((o) => o.type === 'equal').length, `seed ${seed}`).toBe(lcs(a, b));
    }
  });

  it('handles empty sides and identical texts', () => {
    expect(diffLines([], [])).toEqual([]);
    expect(diffLines([], ['a'])).toEqual([{ type: 'add', line: 'a' }]);
    expect(diffLines(['a'], [])).toEqual([{ type: 'remove', line: 'a' }]);
    expect(diffLines(['a', 'b'], ['a', 'b']).every((o) => o.type === 'equal')).toBe(true);
  });
});

describe('diffRows', () => {
  const a = Array.from({ length: 50 }, (_, i) => `line ${i}`);
  const b = [...a.slice(0, 20), 'new line', ...a.slice(21)];
  const ops = diffLines(a, b);

  it('folds long unchanged stretches around a change, keeping three lines of context', () => {
    const rows = diffRows(ops, 3);
    expect(rows.map((r) => (r.type === 'skip' ? `skip ${r.count}` : r.type))).toEqual([
      'skip 17',
      'equal',
      'equal',
      'equal',
      'remove',
      'add',
      'equal',
      'equal',
      'equal',
      'skip 26',
    ]);
    const removed = rows.find((r) => r.type === 'remove');
    const added = rows.find((r) => r.type === 'add');
    expect(removed).toMatchObject({ line: 'line 20', oldNo: 21, newNo: null });
    expect(added).toMatchObject({ line: 'new line', oldNo: null, newNo: 21 });
  });

  it('opens a fold when asked, numbering its lines', () => {
    const first = diffRows(ops, 3)[0];
    if (first?.type !== 'skip') throw new Error('expected a fold first');
    const rows = diffRows(ops, 3, new Set([first.from]));
    expect(rows[0]).toEqual({ type: 'equal', line: 'line 0', oldNo: 1, newNo: 1 });
    expect(rows.filter((r) => r.type === 'skip')).toHaveLength(1);
  });
});
