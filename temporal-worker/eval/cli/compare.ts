/**
 * `pnpm eval:compare --prompt <id> --a <v1 outputs.jsonl> --b <v2 outputs.jsonl> [--model M] [--limit N] [--out F]`
 *   judges two prompt versions' answers to the same inputs pairwise against the prompt's rubric.
 * `pnpm eval:compare --golden [--model M] [--limit N] [--out F]`
 *   calibrates the judge on the golden fixtures (recorded draft vs approved version: the approved should win).
 * Needs OPENAI_API_KEY (and OPENAI_BASE_URL for an OpenAI-compatible server); refuses to run without it.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import OpenAI from 'openai';
import { GOLDEN_FIXTURES } from '../golden/index';
import { recordedDrafts } from '../golden/types';
import { comparePairs, goldenPairs, type Pair, pairOutputs, readOutputs, rubricFor } from '../grade/compare';

const { values } = parseArgs({
  options: {
    prompt: { type: 'string' },
    a: { type: 'string' },
    b: { type: 'string' },
    golden: { type: 'boolean', default: false },
    model: { type: 'string' },
    limit: { type: 'string', default: '50' },
    out: { type: 'string' },
  },
});

const apiKey = process.env.OPENAI_API_KEY;
if (!apiKey) {
  console.error(
    'pnpm eval:compare grades with a model and needs OPENAI_API_KEY (with OPENAI_BASE_URL for an OpenAI-compatible ' +
      'server). Nothing was sent. The offline harness is `pnpm eval`; see temporal-worker/eval/README.md.',
  );
  process.exit(2);
}
const limit = Number(values.limit);
if (!Number.isInteger(limit) || limit < 1) {
  console.error('--limit must be a whole number >= 1');
  process.exit(2);
}
let groups: { promptId: string; pairs: Pair[] }[];
if (values.golden) {
  groups = goldenPairs(
    GOLDEN_FIXTURES.map((f) => ({ id: f.id, approved: f.approved, recorded: recordedDrafts(f) })),
  );
} else {
  if (!values.prompt || !values.a || !values.b) {
    console.error('give --prompt <id> --a <outputs.jsonl> --b <outputs.jsonl>, or --golden');
    process.exit(2);
  }
  groups = [{ promptId: values.prompt, pairs: pairOutputs(readOutputs(values.a), readOutputs(values.b)) }];
}

const openai = new OpenAI({ apiKey, baseURL: process.env.OPENAI_BASE_URL || undefined, maxRetries: 2 });
const model = values.model ?? process.env.OPENAI_MODEL ?? 'gpt-5.2';
const report: unknown[] = [];
for (const g of groups) {
  const pairs = g.pairs.slice(0, limit);
  if (pairs.length === 0) {
    console.log(`${g.promptId}: no input answered by both versions`);
    continue;
  }
  const result = await comparePairs(openai, { model, rubric: rubricFor(g.promptId), pairs });
  const label = values.golden ? ['recorded', 'approved'] : ['A', 'B'];
  console.log(
    `${g.promptId}: ${result.pairs} pair(s): ${label[0]} wins ${result.aWins}, ${label[1]} wins ${result.bWins}, ties ${result.ties}, inconsistent ${result.inconsistent}`,
  );
  report.push({ promptId: g.promptId, ...result });
}
if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
