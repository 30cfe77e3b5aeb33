import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_FIXTURES } from '../../eval/golden/index';
import { recordedDrafts } from '../../eval/golden/types';
import { comparePairs, goldenPairs, pairOutputs, rubricFor } from '../../eval/grade/compare';
import { REPO_ROOT } from '../../eval/paths';
import {
  type OpenAiStandIn,
  type RecordedRequest,
  startOpenAiStandIn,
} from '../../src/testing/openai-stand-in';

let standIn: OpenAiStandIn;
beforeAll(async () => {
  standIn = await startOpenAiStandIn();
});
afterAll(async () => {
  await standIn?.close();
});

const verdict = (winner: 'first' | 'second' | 'tie') => ({
  scoresFirst: [{ criterion: 'economics', score: 3 }],
  scoresSecond: [{ criterion: 'economics', score: 4 }],
  winner,
  reasons: 'test verdict',
});

/** The FIRST draft of a judge request, as the runner wrote it into the user message. */
const firstDraft = (rec: RecordedRequest) =>
  /FIRST draft \(JSON\):\n([\s\S]*?)\n\nSECOND draft/.exec(
    rec.messages.find((m) => m.role === 'user')?.content ?? '',
  )?.[1] ?? '';

describe('model-graded comparison of prompt versions', () => {
  it('pairs the two versions answers by input hash', () => {
    const a = [
      { promptId: 'p', promptVersion: 1, inputSha256: 'h1', output: 'a1' },
      { promptId: 'p', promptVersion: 1, inputSha256: 'h2', output: 'a2' },
      { promptId: 'p', promptVersion: 1, inputSha256: null, output: 'a3' },
    ];
    const b = [
      { promptId: 'p', promptVersion: 2, inputSha256: 'h2', output: 'b2' },
      { promptId: 'p', promptVersion: 2, inputSha256: 'h3', output: 'b3' },
    ];
    expect(pairOutputs(a, b)).toEqual([{ key: 'h2', a: 'a2', b: 'b2' }]);
  });

  it('has a rubric for every prompt a person reviews, and calibration pairs from every golden fixture', () => {
    for (const id of [
      'research/04_deep_research_execution',
      'build/client_canon',
      'build/strategy_sheet',
      'build/experiment_specs',
      'build/asset_briefs',
      'build/generate_assets',
    ])
      expect(rubricFor(id)).toMatch(/Criteria \(score each 1-5\)[\s\S]*Pairwise comparison/);
    expect(() => rubricFor('build/nothing')).toThrow(/no rubric/);
    const groups = goldenPairs(
      GOLDEN_FIXTURES.map((f) => ({ id: f.id, approved: f.approved, recorded: recordedDrafts(f) })),
    );
    const keys = groups.flatMap((g) => g.pairs.map((p) => p.key.split(':')[0]));
    for (const f of GOLDEN_FIXTURES) expect(keys).toContain(f.id);
  });

  it('judges each pair in both orders through the OpenAI protocol and counts only agreeing winners', async () => {
    // The judge prefers whichever draft is marked "good", wherever it is placed: a consistent judge.
    standIn.setFixture('PairwiseVerdict', (rec: RecordedRequest) =>
      verdict(firstDraft(rec).includes('good') ? 'first' : 'second'),
    );
    const openai = new OpenAI({ apiKey: 'sk-test', baseURL: standIn.baseURL, maxRetries: 0 });
    const pairs = [
      { key: 'k1', a: { v: 'bad' }, b: { v: 'good' } },
      { key: 'k2', a: { v: 'good' }, b: { v: 'bad' } },
    ];
    const consistent = await comparePairs(openai, {
      model: 'gpt-5.2',
      rubric: rubricFor('build/strategy_sheet'),
      pairs,
    });
    expect(consistent).toMatchObject({ pairs: 2, aWins: 1, bWins: 1, ties: 0, inconsistent: 0 });
    expect(consistent.results.map((r) => r.outcome)).toEqual(['b', 'a']);
    const sent = standIn.requests.filter((r) => r.schemaName === 'PairwiseVerdict');
    expect(sent).toHaveLength(4);
    expect(sent[0]?.messages.find((m) => m.role === 'system')?.content).toContain('Rubric: strategy sheet');

    // A judge that always picks the first draft is position-biased: every pair comes out inconsistent.
    standIn.setFixture('PairwiseVerdict', verdict('first'));
    const biased = await comparePairs(openai, {
      model: 'gpt-5.2',
      rubric: rubricFor('build/strategy_sheet'),
      pairs,
    });
    expect(biased).toMatchObject({ aWins: 0, bWins: 0, inconsistent: 2 });
  });

  it('refuses to run without OPENAI_API_KEY and sends nothing', () => {
    const env = { ...process.env };
    delete env.OPENAI_API_KEY;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'temporal-worker/eval/cli/compare.ts'), '--golden'],
      {
        cwd: REPO_ROOT,
        env,
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('needs OPENAI_API_KEY');
  });
});
