import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricSchemaOutput } from '@mos/db/artifacts';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { checkIssueCalls, issueCallProblems } from '../../eval/contracts/issues';
import { analyzePromptVariables } from '../../eval/contracts/prompt-variables';
import { checkRuleStatements, statedIn } from '../../eval/contracts/rules';
import {
  compareSnapshots,
  sentSchemas,
  stepSchemas,
  writeSnapshots,
} from '../../eval/contracts/step-schemas';
import { WORKER_ROOT } from '../../eval/paths';
import { renderFromRefusesUndeclared } from '../../eval/run';
import { toStrictJsonSchema } from '../../src/llm/strict-schema';
import { listPromptIds } from '../../src/prompts/render';

const temp = mkdtempSync(join(tmpdir(), 'mos-eval-contracts-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('rules are stated in their prompts', () => {
  it('every rule declared with defineRule is stated word for word in each prompt it names', async () => {
    const report = await checkRuleStatements();
    expect(report.problems).toEqual([]);
    // The retrofitted rules of the old artifacts are among them, with prompts.
    const ids = report.rules.map((r) => r.id);
    for (const id of [
      'metric_schema.kpis-declared',
      'metric_schema.unique-metric-ids',
      'experiment_report.winner-variant',
      'qa_report.blocker-fails',
      'strategy_sheet.budget-splits',
      'experiment_spec.unique-variant-ids',
      'client_canon.unique-offer-and-icp-ids',
    ]) {
      expect(ids).toContain(id);
    }
    const known = new Set(listPromptIds());
    for (const rule of report.rules)
      for (const p of rule.prompts) expect(known.has(p), `${rule.id} → ${p}`).toBe(true);
  });

  it('a sentence absent from a prompt is not stated; line wrapping is not a difference', () => {
    expect(
      statedIn('Every KPI must be a metric id declared under `events[].metrics`.', 'build/metric_schema'),
    ).toBe(true);
    expect(statedIn('Every KPI must be a metric id declared somewhere.', 'build/metric_schema')).toBe(false);
  });
});

describe('artifact modules report issues only through their rules', () => {
  it('no artifact module calls ctx.addIssue directly or checkUnique without a rule', () => {
    const problems = checkIssueCalls().filter((p) => p.problem !== 'refine');
    expect(problems).toEqual([]);
  });

  it('finds a direct addIssue, a ruleless checkUnique and a refine in a seeded module', () => {
    const source = [
      "import { checkUnique } from './common';",
      'export const X = z.object({ a: z.string().refine((v) => v !== "UK") }).superRefine((x, ctx) => {',
      "  checkUnique(x.items, (i) => i.id, ctx, ['items'], 'item id');",
      "  ctx.addIssue({ code: 'custom', path: ['a'], message: 'no' });",
      '});',
      'export function ruleIssue(ctx) { ctx.addIssue({}); }',
    ].join('\n');
    const found = issueCallProblems('db/src/artifacts/seeded.ts', source).map((p) => [p.line, p.problem]);
    // ruleIssue is allowed only in rules.ts: here it counts too.
    expect(found).toEqual([
      [2, 'refine'],
      [3, 'check_unique_without_rule'],
      [4, 'direct_add_issue'],
      [6, 'direct_add_issue'],
    ]);
    expect(
      issueCallProblems('db/src/artifacts/rules.ts', 'export function ruleIssue(ctx) { ctx.addIssue({}); }'),
    ).toEqual([]);
  });
});

describe('the JSON Schema each step sends is snapshotted', () => {
  it('matches the committed snapshots', () => {
    expect(compareSnapshots()).toEqual([]);
  });

  it('fails on a schema change, a new step and a removed step', () => {
    const dir = join(temp, 'snapshots');
    const current = sentSchemas();
    writeSnapshots(current, dir);
    expect(compareSnapshots(current, dir)).toEqual([]);

    const changed = {
      ...current,
      build_metric_schema: toStrictJsonSchema(MetricSchemaOutput.extend({ owner: z.string() })),
      build_new_step: toStrictJsonSchema(z.strictObject({ a: z.string() })),
    };
    delete (changed as Record<string, unknown>).build_playbook;
    expect(compareSnapshots(changed, dir)).toEqual([
      { step: 'build_metric_schema', problem: 'changed', at: expect.stringContaining('owner') },
      { step: 'build_new_step', problem: 'no_snapshot', at: null },
      { step: 'build_playbook', problem: 'step_removed', at: null },
    ]);
  });

  it('covers every research step, every build step and one asset schema per format kind', () => {
    const steps = Object.keys(stepSchemas());
    expect(steps.filter((s) => s.startsWith('research_'))).toHaveLength(7);
    for (const s of ['build_canon', 'build_strategy_sheet', 'build_experiment_specs', 'build_asset_briefs'])
      expect(steps).toContain(s);
    expect(steps.filter((s) => s.startsWith('generate_assets_')).length).toBeGreaterThanOrEqual(4);
  });
});

describe('every variable an activity passes is used by its template', () => {
  it('no activity drops or misses a variable, and renderFrom refuses an undeclared one', () => {
    const report = analyzePromptVariables();
    expect(report.calls.length).toBeGreaterThanOrEqual(10);
    expect(report.droppedVariables).toBe(0);
    expect(report.missingVariables).toBe(0);
    expect(renderFromRefusesUndeclared()).toBe(true);
  });

  it('counts the variables a seeded call passes that its template does not declare, through a forwarding helper', () => {
    const dir = join(temp, 'seeded');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'seeded-activity.ts');
    const prompts = join(WORKER_ROOT, 'src', 'activities', 'shared', 'prompts');
    writeFileSync(
      file,
      [
        `import { renderFrom } from '${prompts}';`,
        'function step(id: string, vars: Record<string, string | null>) { return renderFrom(id, vars); }',
        "export const a = () => renderFrom('build/playbook', { ORG_ID: 'o', CLIENT_ID: 'c', CURRENT_PLAYBOOK_JSON: '{}', REPORTS_JSON: '[]', STRATEGY_JSON: '{}' });",
        "export const b = () => step('build/playbook', { ORG_ID: 'o', CLIENT_ID: 'c', CURRENT_PLAYBOOK_JSON: '{}' });",
      ].join('\n'),
    );
    const report = analyzePromptVariables({ srcDir: dir, roots: [file] });
    expect(report.droppedVariables).toBe(1);
    expect(report.calls.flatMap((c) => c.dropped)).toEqual([
      { promptId: 'build/playbook', variables: ['STRATEGY_JSON'] },
    ]);
    expect(report.missingVariables).toBe(1);
    expect(report.calls.flatMap((c) => c.missing)).toEqual([
      { promptId: 'build/playbook', variables: ['REPORTS_JSON'] },
    ]);
  });
});
