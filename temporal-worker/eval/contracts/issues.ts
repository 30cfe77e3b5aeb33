/**
 * Contract: an artifact module reports a broken rule only through `ruleIssue` (or `checkUnique`, which uses it),
 * so every issue names a declared rule whose sentence its prompts state. Read from the source with the TypeScript
 * parser: a direct `ctx.addIssue` or a `.refine(…)` anywhere else is a problem, and so is a `checkUnique` without
 * its rule (its issue would name no declared rule).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../paths';

export interface IssueCallProblem {
  file: string;
  line: number;
  problem: 'direct_add_issue' | 'refine' | 'check_unique_without_rule';
  text: string;
}

/** Where `addIssue` may be called: the two helpers that attach the rule id. */
const ALLOWED_ADD_ISSUE = new Set(['rules.ts#ruleIssue', 'common.ts#checkUnique']);

export function checkIssueCalls(dir = join(REPO_ROOT, 'db/src/artifacts')): IssueCallProblem[] {
  const problems: IssueCallProblem[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const path = join(dir, name);
    problems.push(...issueCallProblems(relative(REPO_ROOT, path), readFileSync(path, 'utf8')));
  }
  return problems;
}

/** The problems of one module's source (exported so the check itself is tested on seeded sources). */
export function issueCallProblems(file: string, source: string): IssueCallProblem[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const base = file.split('/').pop() ?? file;
  const problems: IssueCallProblem[] = [];
  // The line where the call's name is (a chained `.refine(` sits lines below the start of its expression).
  const at = (node: ts.CallExpression, problem: IssueCallProblem['problem']) => {
    const name = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
    const line = sf.getLineAndCharacterOfPosition(name.getStart(sf)).line;
    problems.push({
      file,
      line: line + 1,
      problem,
      text: (source.split('\n')[line] ?? '').trim().slice(0, 120),
    });
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
      if (method === 'addIssue' && !ALLOWED_ADD_ISSUE.has(`${base}#${enclosingFunction(node) ?? ''}`)) {
        at(node, 'direct_add_issue');
      }
      if (method === 'refine') at(node, 'refine');
      if (ts.isIdentifier(callee) && callee.text === 'checkUnique' && node.arguments.length < 6) {
        at(node, 'check_unique_without_rule');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

function enclosingFunction(node: ts.Node): string | null {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n)) return n.name?.text ?? null;
  }
  return null;
}
