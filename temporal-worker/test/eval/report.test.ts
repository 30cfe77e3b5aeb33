import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_FILE, readCorpus } from '../../eval/compliance/corpus';
import { REPO_ROOT } from '../../eval/paths';
import { complianceReport, type EvalReport, formatReport } from '../../eval/run';

const temp = mkdtempSync(join(tmpdir(), 'mos-eval-report-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('pnpm eval', () => {
  it('prints the report, writes it as JSON and exits non-zero exactly when a contract fails', () => {
    const file = join(temp, 'report.json');
    // A stand-in held-out set the check cannot meet the budget on: compliant dev lines relabelled as violations
    // (the real held-out file is scored only by the lead, so no test here shows its figures).
    const heldOut = join(temp, 'held-out.jsonl');
    const relabelled = readCorpus(DEV_FILE)
      .filter((l) => l.label === 'compliant')
      .slice(0, 40)
      .map((l) => ({ ...l, label: 'violating', categories: ['false_urgency'] }));
    writeFileSync(heldOut, relabelled.map((l) => JSON.stringify(l)).join('\n'));
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO_ROOT, 'temporal-worker/eval/cli/eval.ts'),
        '--json',
        file,
        '--held-out',
        heldOut,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', env: process.env },
    );
    const report = JSON.parse(readFileSync(file, 'utf8')) as EvalReport;
    expect(run.status).toBe(report.failures.length > 0 ? 1 : 0);
    expect(run.stdout).toContain('1. Contracts');
    expect(run.stdout).toContain('2. Golden fixtures');
    expect(run.stdout).toContain('3. Compliance corpora');
    expect(run.stdout).toMatch(/prompt variables: 0 dropped, 0 missing/);

    // Every contract of this branch holds; the compliance budget is reported as measured, failing when unmet.
    expect(report.failures.filter((f) => !f.startsWith('compliance:'))).toEqual([]);
    const { dev, redTeam, redTeam2, redTeam3, heldOut: held } = report.compliance;
    if (!dev || !redTeam || !redTeam2 || !redTeam3 || !held)
      throw new Error('the compliance module is merged: all five sets are scored');
    expect(redTeam3.file).toMatch(/red-team-3\.jsonl$/);
    expect(report.compliance.heldOutAbsent).toBeNull();
    expect(held.file).toBe(heldOut);
    expect(held.score).toMatchObject({ total: 40, truePositives: 0, recall: 0 });
    expect(held.meetsBudget).toBe(false);
    // Only the held-out set carries the budget: its miss is the one compliance failure.
    expect(report.failures.filter((f) => f.startsWith('compliance:'))).toEqual([
      expect.stringContaining('compliance: held-out recall 0.0%'),
    ]);
    expect(run.stdout).toContain('dev (the check was tuned on every line)');
    expect(run.stdout).toContain('red-team (written independently, used for tuning since this change)');
    expect(run.stdout).toContain(
      'red-team-2 (written independently, used for tuning since the review signals were added)',
    );
    expect(run.stdout).toContain(
      'red-team-3 (written independently, used for tuning since the review signals were widened)',
    );
    expect(run.stdout).toContain(
      '[FAIL] red-team-4 (held out, never used for tuning; the budget applies to it)',
    );
    expect(report.golden).toHaveLength(5);
    for (const f of report.golden) {
      expect(f.approved.rate).toBe(1);
      expect(f.recorded.rate).toBeLessThan(1);
    }
  });

  it('says so when the held-out file is absent, without scoring it or failing on it', async () => {
    // A path that cannot exist stands in for red-team-4.jsonl before it lands on main.
    const missing = join(temp, 'absent', 'red-team-4.jsonl');
    const compliance = await complianceReport({ heldOutFile: missing });
    expect(compliance.heldOut).toBeNull();
    expect(compliance.heldOutAbsent).toBe(missing);
    expect(compliance.redTeam2?.file).toMatch(/red-team-2\.jsonl$/);
    const report: EvalReport = {
      contracts: {
        rules: { total: 0, unstated: [], problems: [] },
        issueCalls: { problems: [], warnings: [] },
        snapshots: [],
        variables: {
          calls: 0,
          droppedVariables: 0,
          missingVariables: 0,
          unresolved: [],
          offending: [],
          renderFromRefusesUndeclared: true,
        },
      },
      golden: [],
      compliance,
      failures: [],
    };
    const text = formatReport(report);
    expect(text).toContain(
      `red-team-4 (held out, never used for tuning; the budget applies to it): ABSENT: ${missing}`,
    );
    expect(text).toContain('the budget is not judged on this run');
    // Skipping on purpose reads differently from a missing file.
    const skipped = await complianceReport({ heldOutFile: null });
    expect(skipped.heldOutAbsent).toBeNull();
    expect(formatReport({ ...report, compliance: skipped })).toContain(
      'not scored (skipped with --held-out none)',
    );
  });

  it('lists a failed contract under its section and in the summary', () => {
    const report: EvalReport = {
      contracts: {
        rules: {
          total: 1,
          unstated: [],
          problems: [{ ruleId: 'x.y', promptId: 'build/x', problem: 'statement_missing' }],
        },
        issueCalls: { problems: [], warnings: [] },
        snapshots: [{ step: 'build_x', problem: 'changed', at: '$.properties.a' }],
        variables: {
          calls: 1,
          droppedVariables: 2,
          missingVariables: 0,
          unresolved: [],
          offending: [
            {
              site: 'a.ts:1',
              via: [],
              promptIds: ['build/x'],
              variables: ['A', 'B'],
              dropped: [{ promptId: 'build/x', variables: ['A', 'B'] }],
              missing: [],
            },
          ],
          renderFromRefusesUndeclared: false,
        },
      },
      golden: [],
      compliance: {
        budget: { recall: 0.95, precision: 0.8 },
        dev: null,
        redTeam: null,
        redTeam2: null,
        redTeam3: null,
        heldOut: null,
        heldOutAbsent: null,
      },
      failures: ['rule x.y: statement missing in build/x'],
    };
    const text = formatReport(report);
    expect(text).toContain('[FAIL] 1 rules declared');
    expect(text).toContain('x.y: statement missing in build/x');
    expect(text).toContain('[FAIL] JSON Schema sent per step');
    expect(text).toContain('prompt variables: 2 dropped');
    expect(text).toContain('renderFrom DROPS undeclared variables');
    expect(text).toContain('a.ts:1: build/x drops A, B');
    expect(text).toContain('1 contract(s) failed');
  });
});
