/**
 * `pnpm eval`: the offline prompt-evaluation harness. Runs the contract checks, the output validators on the golden
 * fixtures (recorded drafts and approved versions) and the compliance corpus scores, and collects every failed
 * contract in `failures` (the CLI exits non-zero when there is any).
 */
import { existsSync } from 'node:fs';
import { PROMPT_VARIABLES_ERROR, renderFrom } from '../src/activities/shared/prompts';
import { checkAsset, loadCorpus, scoreCorpus } from '../src/compliance';
import { loadPrompt } from '../src/prompts/render';
import {
  COMPLIANCE_BUDGET,
  type CorpusScore,
  DEV_FILE,
  HELD_OUT_FILE,
  meetsBudget,
  RED_TEAM_2_FILE,
  RED_TEAM_3_FILE,
  RED_TEAM_FILE,
} from './compliance/corpus';
import { type AssetCheck, type AssetFinding, complianceFindings } from './compliance/golden-assets';
import { checkIssueCalls, type IssueCallProblem } from './contracts/issues';
import { analyzePromptVariables, type PromptCall } from './contracts/prompt-variables';
import { checkRuleStatements, type RuleStatementProblem } from './contracts/rules';
import { compareSnapshots, type SnapshotDiff } from './contracts/step-schemas';
import { GOLDEN_FIXTURES } from './golden/index';
import { type GoldenFixture, recordedDrafts, type ValidatorId } from './golden/types';
import { runValidators, type ValidatorResult } from './validators/index';

export interface PassRate {
  passed: number;
  total: number;
  rate: number;
  failed: ValidatorId[];
}

export interface FixtureReport {
  id: string;
  title: string;
  recorded: PassRate;
  approved: PassRate;
  /** Approved-version issues (there must be none). */
  approvedIssues: { validator: ValidatorId; path: string; message: string }[];
  defects: number;
  /** Defects a validator is expected to catch, and how many of those its validator caught on its own. */
  checkable: number;
  caught: number;
  /** Defects expected to be caught that were not (a validator regressed). */
  missed: string[];
  /** Defects no validator checks (judgement, or another check's job), for honesty about what the rates mean. */
  uncheckable: string[];
  /** The deterministic compliance check on the generated assets (null when the report was built without it). */
  compliance: { recorded: AssetFinding[]; approved: AssetFinding[] } | null;
}

export interface CorpusSetReport {
  file: string;
  score: CorpusScore;
  meetsBudget: boolean;
}

/**
 * Five corpora: `dev` (the check was tuned on every line), `redTeam`, `redTeam2` and `redTeam3` (written
 * independently, used for tuning since the rules were generalised on their misses) and `heldOut` (written independently and never used for
 * tuning: the budget applies to it; null when the run was told to skip it or the file is absent, and then
 * `heldOutAbsent` names the file that was expected).
 */
export interface ComplianceReport {
  budget: typeof COMPLIANCE_BUDGET;
  dev: CorpusSetReport | null;
  redTeam: CorpusSetReport | null;
  redTeam2: CorpusSetReport | null;
  redTeam3: CorpusSetReport | null;
  heldOut: CorpusSetReport | null;
  /** The held-out file the run expected but did not find (null when it was scored or skipped on purpose). */
  heldOutAbsent: string | null;
}

export interface EvalReport {
  contracts: {
    rules: { total: number; unstated: string[]; problems: RuleStatementProblem[] };
    issueCalls: { problems: IssueCallProblem[]; warnings: IssueCallProblem[] };
    snapshots: SnapshotDiff[];
    variables: {
      calls: number;
      droppedVariables: number;
      missingVariables: number;
      unresolved: PromptCall[];
      offending: PromptCall[];
      renderFromRefusesUndeclared: boolean;
    };
  };
  golden: FixtureReport[];
  compliance: ComplianceReport;
  failures: string[];
}

const rate = (results: ValidatorResult[]): PassRate => {
  const passed = results.filter((r) => r.passed).length;
  return {
    passed,
    total: results.length,
    rate: results.length === 0 ? 0 : passed / results.length,
    failed: results.filter((r) => !r.passed).map((r) => r.id),
  };
};

export function fixtureReport(fixture: GoldenFixture, check: AssetCheck | null = null): FixtureReport {
  const approved = runValidators(fixture.input, fixture.approved);
  const recordedDocs = recordedDrafts(fixture);
  const recorded = runValidators(fixture.input, recordedDocs);
  const checkable = fixture.defects.filter((d) => d.caughtBy !== null);
  const missed = checkable.filter((d) => {
    const alone = runValidators(fixture.input, recordedDrafts(fixture, [d]));
    return alone.find((r) => r.id === d.caughtBy)?.passed !== false;
  });
  return {
    id: fixture.id,
    title: fixture.title,
    recorded: rate(recorded),
    approved: rate(approved),
    approvedIssues: approved.flatMap((r) => r.issues.map((i) => ({ validator: r.id, ...i }))),
    defects: fixture.defects.length,
    checkable: checkable.length,
    caught: checkable.length - missed.length,
    missed: missed.map((d) => d.id),
    uncheckable: fixture.defects.filter((d) => d.caughtBy === null).map((d) => d.id),
    compliance: check
      ? {
          recorded: complianceFindings(check, fixture.input, recordedDocs),
          approved: complianceFindings(check, fixture.input, fixture.approved),
        }
      : null,
  };
}

/** Whether the renderer refuses a variable its template does not declare (instead of dropping it). */
export function renderFromRefusesUndeclared(): boolean {
  const template = loadPrompt('build/playbook');
  const vars: Record<string, string> = Object.fromEntries(template.placeholders.map((p) => [p, 'x']));
  vars.EVAL_UNDECLARED_VARIABLE = 'dropped?';
  try {
    renderFrom('build/playbook', vars);
    return false;
  } catch (err) {
    return (
      (err as { type?: unknown }).type === PROMPT_VARIABLES_ERROR ||
      /EVAL_UNDECLARED_VARIABLE/.test(String(err))
    );
  }
}

export interface ComplianceOptions {
  /** The held-out corpus to score (default `red-team-4.jsonl`); null skips it. */
  heldOutFile?: string | null;
}

export async function complianceReport(opts: ComplianceOptions = {}): Promise<ComplianceReport> {
  const scoreSet = (file: string): CorpusSetReport | null => {
    if (!existsSync(file)) return null;
    const score = scoreCorpus(loadCorpus(file));
    return { file, score, meetsBudget: meetsBudget(score) };
  };
  const heldOutFile = opts.heldOutFile === undefined ? HELD_OUT_FILE : opts.heldOutFile;
  return {
    budget: COMPLIANCE_BUDGET,
    dev: scoreSet(DEV_FILE),
    redTeam: scoreSet(RED_TEAM_FILE),
    redTeam2: scoreSet(RED_TEAM_2_FILE),
    redTeam3: scoreSet(RED_TEAM_3_FILE),
    heldOut: heldOutFile === null ? null : scoreSet(heldOutFile),
    heldOutAbsent: heldOutFile !== null && !existsSync(heldOutFile) ? heldOutFile : null,
  };
}

export interface EvalOptions extends ComplianceOptions {
  fixtures?: readonly GoldenFixture[];
}

export async function runEval(opts: EvalOptions = {}): Promise<EvalReport> {
  const failures: string[] = [];
  const rules = await checkRuleStatements();
  for (const p of rules.problems)
    failures.push(`rule ${p.ruleId}: ${p.problem.replace(/_/g, ' ')} in ${p.promptId}`);

  const calls = checkIssueCalls();
  const issueProblems = calls.filter((c) => c.problem !== 'refine');
  for (const p of issueProblems) failures.push(`${p.file}:${p.line}: ${p.problem.replace(/_/g, ' ')}`);

  const snapshots = compareSnapshots();
  for (const s of snapshots)
    failures.push(`step schema ${s.step}: ${s.problem.replace(/_/g, ' ')}${s.at ? ` at ${s.at}` : ''}`);

  const variables = analyzePromptVariables();
  const refuses = renderFromRefusesUndeclared();
  const offending = variables.calls.filter((c) => c.dropped.length > 0 || c.missing.length > 0);
  if (variables.droppedVariables > 0)
    failures.push(`${variables.droppedVariables} prompt variable(s) passed but not used by their template`);
  if (variables.missingVariables > 0)
    failures.push(`${variables.missingVariables} required prompt variable(s) not passed`);
  if (!refuses)
    failures.push('renderFrom drops a variable its template does not declare instead of refusing it');

  const golden = (opts.fixtures ?? GOLDEN_FIXTURES).map((f) => fixtureReport(f, checkAsset));
  for (const f of golden) {
    if (f.approved.passed !== f.approved.total)
      failures.push(`golden ${f.id}: the approved version fails ${f.approved.failed.join(', ')}`);
    for (const d of f.missed) failures.push(`golden ${f.id}: defect ${d} is no longer caught`);
  }

  const compliance = await complianceReport({ heldOutFile: opts.heldOutFile });
  if (compliance.heldOut && !compliance.heldOut.meetsBudget) {
    const s = compliance.heldOut.score;
    failures.push(
      `compliance: held-out recall ${pct(s.recall)} / precision ${pct(s.precision)} misses the budget (recall >= ${pct(COMPLIANCE_BUDGET.recall)}, precision >= ${pct(COMPLIANCE_BUDGET.precision)})`,
    );
  }

  return {
    contracts: {
      rules: { total: rules.rules.length, unstated: rules.unstated, problems: rules.problems },
      issueCalls: { problems: issueProblems, warnings: calls.filter((c) => c.problem === 'refine') },
      snapshots,
      variables: {
        calls: variables.calls.length,
        droppedVariables: variables.droppedVariables,
        missingVariables: variables.missingVariables,
        unresolved: variables.unresolved,
        offending,
        renderFromRefusesUndeclared: refuses,
      },
    },
    golden,
    compliance,
    failures,
  };
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** The report as the CLI prints it. */
export function formatReport(r: EvalReport): string {
  const out: string[] = [];
  const c = r.contracts;
  out.push('MOS prompt evaluation (offline)', '');
  out.push('1. Contracts');
  out.push(
    `  [${mark(c.rules.problems.length === 0)}] ${c.rules.total} rules declared with defineRule, each stated word for word in the prompts it names` +
      (c.rules.unstated.length > 0
        ? ` (${c.rules.unstated.length} name no prompt: ${c.rules.unstated.join(', ')})`
        : ''),
  );
  for (const p of c.rules.problems)
    out.push(`         ${p.ruleId}: ${p.problem.replace(/_/g, ' ')} in ${p.promptId}`);
  out.push(
    `  [${mark(c.issueCalls.problems.length === 0)}] artifact modules report issues only through ruleIssue / checkUnique with a rule`,
  );
  for (const p of c.issueCalls.problems) out.push(`         ${p.file}:${p.line} ${p.problem}: ${p.text}`);
  for (const p of c.issueCalls.warnings)
    out.push(
      `         note: ${p.file}:${p.line} field-level .refine (a rule no prompt is checked for): ${p.text}`,
    );
  out.push(
    `  [${mark(c.snapshots.length === 0)}] JSON Schema sent per step matches its snapshot (pnpm eval:snapshots rewrites them)`,
  );
  for (const s of c.snapshots) out.push(`         ${s.step}: ${s.problem}${s.at ? ` at ${s.at}` : ''}`);
  const v = c.variables;
  out.push(
    `  [${mark(v.droppedVariables === 0 && v.missingVariables === 0 && v.renderFromRefusesUndeclared)}] prompt variables: ${v.droppedVariables} dropped, ${v.missingVariables} missing over ${v.calls} renderFrom call paths; renderFrom ${v.renderFromRefusesUndeclared ? 'refuses' : 'DROPS'} undeclared variables`,
  );
  for (const o of v.offending) {
    for (const d of o.dropped)
      out.push(
        `         ${o.site}${o.via.length ? ` (via ${o.via.join(' <- ')})` : ''}: ${d.promptId} drops ${d.variables.join(', ')}`,
      );
    for (const m of o.missing) out.push(`         ${o.site}: ${m.promptId} misses ${m.variables.join(', ')}`);
  }
  for (const u of v.unresolved)
    out.push(
      `         note: ${u.site} cannot be read statically; the strict renderFrom checks it at run time`,
    );

  out.push('', '2. Golden fixtures: validator pass rate, recorded drafts vs strategist-approved versions');
  out.push('  fixture           recorded        approved        defects caught   recorded fails');
  for (const f of r.golden) {
    out.push(
      `  ${f.id.padEnd(17)} ${`${f.recorded.passed}/${f.recorded.total} (${pct(f.recorded.rate)})`.padEnd(15)} ${`${f.approved.passed}/${f.approved.total} (${pct(f.approved.rate)})`.padEnd(15)} ${`${f.caught}/${f.checkable}`.padEnd(16)} ${f.recorded.failed.join(', ')}`,
    );
    for (const i of f.approvedIssues)
      out.push(`         APPROVED FAILS ${i.validator}: ${i.path}: ${i.message}`);
    for (const m of f.missed) out.push(`         MISSED defect ${m}`);
    if (f.uncheckable.length > 0)
      out.push(`         not checked by these validators: ${f.uncheckable.join(', ')}`);
    if (f.compliance) {
      const list = (xs: AssetFinding[]) =>
        xs.length === 0
          ? 'none'
          : xs.map((x) => `${x.asset}.${x.field} ${x.category} (${x.severity})`).join('; ');
      out.push(`         compliance check on the assets: recorded ${list(f.compliance.recorded)}`);
      out.push(`                                         approved ${list(f.compliance.approved)}`);
    }
  }
  const rec = r.golden.reduce((n, f) => n + f.recorded.passed, 0);
  const app = r.golden.reduce((n, f) => n + f.approved.passed, 0);
  const tot = r.golden.reduce((n, f) => n + f.recorded.total, 0);
  out.push(
    `  all               ${`${rec}/${tot} (${pct(tot ? rec / tot : 0)})`.padEnd(15)} ${app}/${tot} (${pct(tot ? app / tot : 0)})`,
  );

  out.push('', '3. Compliance corpora (deterministic check)');
  const comp = r.compliance;
  {
    const budget = `budget: recall >= ${pct(comp.budget.recall)}, precision >= ${pct(comp.budget.precision)}`;
    const set = (label: string, x: CorpusSetReport | null, absent: string, withBudget: boolean) => {
      if (!x) {
        out.push(`  ${label}: ${absent}`);
        return;
      }
      const s = x.score;
      const head = withBudget ? `  [${mark(x.meetsBudget)}] ` : '  ';
      out.push(
        `${head}${label} (${s.total} lines: ${s.violating} violating, ${s.compliant} compliant): recall ${pct(s.recall)}, precision ${pct(s.precision)}${withBudget ? ` (${budget})` : ''}`,
      );
      out.push(
        `         per category recall: ${Object.entries(s.perCategory)
          .map(([k, c]) => `${k} ${c.caught}/${c.lines}`)
          .join(', ')}`,
      );
      if (s.misses.length > 0) out.push(`         missed: ${s.misses.join(' ')}`);
      if (s.falseAlarms.length > 0) out.push(`         false alarms: ${s.falseAlarms.join(' ')}`);
    };
    set('dev (the check was tuned on every line)', comp.dev, 'not present', false);
    set(
      'red-team (written independently, used for tuning since this change)',
      comp.redTeam,
      'not present',
      false,
    );
    set(
      'red-team-2 (written independently, used for tuning since the review signals were added)',
      comp.redTeam2,
      'not present',
      false,
    );
    set(
      'red-team-3 (written independently, used for tuning since the review signals were widened)',
      comp.redTeam3,
      'not present',
      false,
    );
    set(
      'red-team-4 (held out, never used for tuning; the budget applies to it)',
      comp.heldOut,
      comp.heldOutAbsent
        ? `ABSENT: ${comp.heldOutAbsent} does not exist yet (it is written independently and lands on main separately); the budget is not judged on this run`
        : 'not scored (skipped with --held-out none)',
      true,
    );
  }

  out.push('', r.failures.length === 0 ? 'All contracts hold.' : `${r.failures.length} contract(s) failed:`);
  for (const f of r.failures) out.push(`  - ${f}`);
  return out.join('\n');
}
