/**
 * Model-graded comparison of two prompt versions: their answers to the same inputs (paired by input hash, as
 * `llm_calls` records them) judged pairwise against the rubric of the prompt's document. Each pair is judged twice,
 * in both orders, and only a winner both orders agree on counts (position bias shows up as `inconsistent`).
 * Needs a model, so it runs only when a key is configured (`pnpm eval:compare`); the pairing, the rubric lookup and
 * the verdict schema run offline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type OpenAI from 'openai';
import * as z from 'zod';
import { toStrictJsonSchema } from '../../src/llm/strict-schema';
import type { GoldenDrafts } from '../golden/types';
import { EVAL_ROOT } from '../paths';

export const RUBRIC_DIR = join(EVAL_ROOT, 'rubrics');

/** The rubric file of each prompt (research prompts share one). */
export function rubricFor(promptId: string): string {
  const name = promptId.startsWith('research/')
    ? 'research_step'
    : (
        {
          'build/client_canon': 'client_canon',
          'build/strategy_sheet': 'strategy_sheet',
          'build/experiment_specs': 'experiment_specs',
          'build/asset_briefs': 'asset_briefs',
          'build/generate_assets': 'generated_assets',
        } as Record<string, string>
      )[promptId];
  if (!name) throw new Error(`no rubric for prompt ${promptId} (rubrics: ${RUBRIC_DIR})`);
  return `${readFileSync(join(RUBRIC_DIR, `${name}.md`), 'utf8')}\n\n${readFileSync(join(RUBRIC_DIR, 'pairwise.md'), 'utf8')}`;
}

export const OutputRecord = z.looseObject({
  promptId: z.string(),
  promptVersion: z.number().int(),
  inputSha256: z.string().nullable(),
  output: z.unknown(),
});
export type OutputRecord = z.infer<typeof OutputRecord>;

export interface Pair {
  key: string;
  a: unknown;
  b: unknown;
}

/** Answers of A and B to the same input (first answer per input hash on each side); unpaired ones are skipped. */
export function pairOutputs(a: readonly OutputRecord[], b: readonly OutputRecord[]): Pair[] {
  const first = (rows: readonly OutputRecord[]) => {
    const m = new Map<string, unknown>();
    for (const r of rows) if (r.inputSha256 !== null && !m.has(r.inputSha256)) m.set(r.inputSha256, r.output);
    return m;
  };
  const bs = first(b);
  return [...first(a)].flatMap(([key, out]) => (bs.has(key) ? [{ key, a: out, b: bs.get(key) }] : []));
}

/** Reads an outputs JSONL file (`pnpm eval:export-labels --outputs …`); every bad line names its number. */
export function readOutputs(file: string): OutputRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') return [];
      const parsed = OutputRecord.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid line'}`);
      return [parsed.data];
    });
}

const Score = z.strictObject({ criterion: z.string(), score: z.int().min(1).max(5) });
export const Verdict = z.strictObject({
  scoresFirst: z.array(Score),
  scoresSecond: z.array(Score),
  winner: z.enum(['first', 'second', 'tie']),
  reasons: z.string(),
});
export type Verdict = z.infer<typeof Verdict>;
const VERDICT_SCHEMA = toStrictJsonSchema(Verdict);

export interface PairResult {
  key: string;
  /** The winner both orders agree on; `inconsistent` when the orders disagree. */
  outcome: 'a' | 'b' | 'tie' | 'inconsistent';
  verdicts: [Verdict, Verdict];
}

export interface Comparison {
  pairs: number;
  aWins: number;
  bWins: number;
  ties: number;
  inconsistent: number;
  results: PairResult[];
}

async function judge(
  openai: OpenAI,
  model: string,
  rubric: string,
  first: unknown,
  second: unknown,
): Promise<Verdict> {
  const completion = await openai.chat.completions.create({
    model,
    messages: [
      { role: 'system', content: rubric },
      {
        role: 'user',
        content: `FIRST draft (JSON):\n${JSON.stringify(first, null, 2)}\n\nSECOND draft (JSON):\n${JSON.stringify(second, null, 2)}`,
      },
    ],
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'PairwiseVerdict', strict: true, schema: VERDICT_SCHEMA },
    },
  });
  const text = completion.choices[0]?.message.content;
  if (!text) throw new Error('the judge returned no verdict');
  return Verdict.parse(JSON.parse(text));
}

/** Judges every pair in both orders and tallies the outcomes (sequentially: a judge is slow and rate-limited). */
export async function comparePairs(
  openai: OpenAI,
  opts: { model: string; rubric: string; pairs: readonly Pair[] },
): Promise<Comparison> {
  const results: PairResult[] = [];
  for (const pair of opts.pairs) {
    const abOrder = await judge(openai, opts.model, opts.rubric, pair.a, pair.b);
    const baOrder = await judge(openai, opts.model, opts.rubric, pair.b, pair.a);
    const ab = abOrder.winner === 'first' ? 'a' : abOrder.winner === 'second' ? 'b' : 'tie';
    const ba = baOrder.winner === 'first' ? 'b' : baOrder.winner === 'second' ? 'a' : 'tie';
    results.push({ key: pair.key, outcome: ab === ba ? ab : 'inconsistent', verdicts: [abOrder, baOrder] });
  }
  const count = (o: PairResult['outcome']) => results.filter((r) => r.outcome === o).length;
  return {
    pairs: results.length,
    aWins: count('a'),
    bWins: count('b'),
    ties: count('tie'),
    inconsistent: count('inconsistent'),
    results,
  };
}

/**
 * Calibration pairs from the golden fixtures: each document the strategist changed, recorded draft as A and
 * approved version as B, grouped by prompt. A judge worth trusting prefers B on (nearly) all of them.
 */
export function goldenPairs(
  fixtures: readonly { id: string; approved: GoldenDrafts; recorded: GoldenDrafts }[],
): { promptId: string; pairs: Pair[] }[] {
  const byPrompt = new Map<string, Pair[]>();
  const add = (promptId: string, key: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    byPrompt.set(promptId, [...(byPrompt.get(promptId) ?? []), { key, a, b }]);
  };
  for (const f of fixtures) {
    f.approved.research.forEach((step, i) => {
      add(`research/${step.stepKey}`, `${f.id}:research:${step.stepKey}`, f.recorded.research[i], step);
    });
    add('build/client_canon', `${f.id}:canon`, f.recorded.canon, f.approved.canon);
    add('build/strategy_sheet', `${f.id}:strategy`, f.recorded.strategySheet, f.approved.strategySheet);
    add('build/experiment_specs', `${f.id}:specs`, f.recorded.experimentSpecs, f.approved.experimentSpecs);
    add('build/asset_briefs', `${f.id}:briefs`, f.recorded.assetBriefs, f.approved.assetBriefs);
    f.approved.assets.forEach((asset, i) => {
      add('build/generate_assets', `${f.id}:asset:${asset.id}`, f.recorded.assets[i]?.asset, asset.asset);
    });
  }
  return [...byPrompt].map(([promptId, pairs]) => ({ promptId, pairs }));
}
