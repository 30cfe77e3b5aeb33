import { readFileSync } from 'node:fs';
import { POLICY_CATEGORIES } from '@mos/db/artifacts';
import { checkCompliance } from './check';
import { type ComplianceInput, CorpusLine, type PolicyCategory } from './types';

export interface CorpusScore {
  total: number;
  violating: number;
  compliant: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  perCategory: Record<PolicyCategory, { lines: number; caught: number; recall: number }>;
  misses: string[];
  falseAlarms: string[];
}

/** Parses a JSON Lines corpus; every bad line is named with its problem (the first 20), in one error. */
export function parseCorpus(jsonl: string): CorpusLine[] {
  const lines: CorpusLine[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  jsonl.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      problems.push(`line ${i + 1}: not JSON (${(err as Error).message})`);
      return;
    }
    const parsed = CorpusLine.safeParse(value);
    if (!parsed.success) {
      problems.push(
        `line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
      );
      return;
    }
    if (ids.has(parsed.data.id)) problems.push(`line ${i + 1}: duplicate id ${parsed.data.id}`);
    ids.add(parsed.data.id);
    lines.push(parsed.data);
  });
  if (problems.length > 0) throw new Error(problems.slice(0, 20).join('\n'));
  return lines;
}

/** Reads and parses a corpus file; errors name the file and each bad line. */
export function loadCorpus(path: string): CorpusLine[] {
  try {
    return parseCorpus(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}:\n${(err as Error).message}`);
  }
}

/**
 * Scores a check (the deterministic one unless another is given) on labelled lines: a line is flagged when the check
 * finds anything;
 * precision and recall on the binary label (violating = positive), recall per labelled category.
 */
export function scoreCorpus(
  lines: readonly CorpusLine[],
  check: (input: ComplianceInput) => readonly unknown[] = checkCompliance,
): CorpusScore {
  const perCategory = Object.fromEntries(
    POLICY_CATEGORIES.map((c) => [c, { lines: 0, caught: 0, recall: 1 }]),
  ) as CorpusScore['perCategory'];
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let violating = 0;
  for (const line of lines) {
    const { id: _id, label, categories, note: _note, ...input } = line;
    const flagged = check(input).length > 0;
    if (label === 'violating') {
      violating += 1;
      if (flagged) tp += 1;
      else {
        fn += 1;
        misses.push(line.id);
      }
      for (const c of new Set(categories)) {
        perCategory[c].lines += 1;
        if (flagged) perCategory[c].caught += 1;
      }
    } else if (flagged) {
      fp += 1;
      falseAlarms.push(line.id);
    }
  }
  for (const c of POLICY_CATEGORIES) {
    const s = perCategory[c];
    s.recall = s.lines === 0 ? 1 : s.caught / s.lines;
  }
  return {
    total: lines.length,
    violating,
    compliant: lines.length - violating,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: violating === 0 ? 1 : tp / violating,
    perCategory,
    misses,
    falseAlarms,
  };
}
