/**
 * A line diff (Myers' O(ND) shortest edit script) for comparing two pretty-printed plans: small plans are a few
 * hundred lines, so a dependency-free diff in the lazy deploy chunk is enough.
 */
export type DiffOp = { type: 'equal' | 'add' | 'remove'; line: string };

/** The shortest sequence of kept, removed and added lines that turns `a` into `b` (removals before additions). */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  // Common head and tail first: most edits of a plan touch a few lines in the middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  return [
    ...a.slice(0, head).map((line): DiffOp => ({ type: 'equal', line })),
    ...myers(midA, midB),
    ...a.slice(a.length - tail).map((line): DiffOp => ({ type: 'equal', line })),
  ];
}

function myers(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ type: 'add', line }));
  if (m === 0) return a.map((line) => ({ type: 'remove', line }));
  const max = n + m;
  const offset = max;
  // v[k + offset]: the furthest x on diagonal k; one snapshot per d to walk back the path.
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[k - 1 + offset] ?? 0) < (v[k + 1 + offset] ?? 0));
      let x = down ? (v[k + 1 + offset] ?? 0) : (v[k - 1 + offset] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + offset] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back from (n, m) through the snapshots, collecting the edit script in reverse.
  const out: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[k - 1 + offset] ?? 0) < (vd[k + 1 + offset] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[prevK + offset] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      out.push({ type: 'equal', line: a[x] as string });
    }
    if (d === 0) break;
    if (down) {
      y--;
      out.push({ type: 'add', line: b[y] as string });
    } else {
      x--;
      out.push({ type: 'remove', line: a[x] as string });
    }
  }
  return out.reverse();
}

/** The lines a diff starts from (kept and removed) and ends with (kept and added). */
export function sidesOf(ops: readonly DiffOp[]): { before: string[]; after: string[] } {
  return {
    before: ops.filter((o) => o.type !== 'add').map((o) => o.line),
    after: ops.filter((o) => o.type !== 'remove').map((o) => o.line),
  };
}

export type DiffRow =
  | { type: 'equal' | 'add' | 'remove'; line: string; oldNo: number | null; newNo: number | null }
  | { type: 'skip'; count: number; from: number };

/**
 * The rows to draw: every change with `context` kept lines around it; longer runs of kept lines become one
 * `skip` row ("… 40 unchanged lines") that `expanded` (indexes of the ops where a skip starts) can open.
 */
export function diffRows(
  ops: readonly DiffOp[],
  context = 3,
  expanded: ReadonlySet<number> = new Set(),
): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldNo = 0;
  let newNo = 0;
  let i = 0;
  while (i < ops.length) {
    const op = ops[i] as DiffOp;
    if (op.type !== 'equal') {
      if (op.type === 'remove') oldNo++;
      else newNo++;
      rows.push({
        type: op.type,
        line: op.line,
        oldNo: op.type === 'remove' ? oldNo : null,
        newNo: op.type === 'add' ? newNo : null,
      });
      i++;
      continue;
    }
    let end = i;
    while (end < ops.length && (ops[end] as DiffOp).type === 'equal') end++;
    const keepHead = i === 0 ? 0 : context;
    const keepTail = end === ops.length ? 0 : context;
    const hidden = end - i - keepHead - keepTail;
    for (let j = i; j < end; j++) {
      const inSkip = hidden > 1 && !expanded.has(i) && j >= i + keepHead && j < end - keepTail;
      oldNo++;
      newNo++;
      if (inSkip) {
        if (j === i + keepHead) rows.push({ type: 'skip', count: hidden, from: i });
        continue;
      }
      rows.push({ type: 'equal', line: (ops[j] as DiffOp).line, oldNo, newNo });
    }
    i = end;
  }
  return rows;
}
