import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApplicationFailure } from '@temporalio/common';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROMPT_VARIABLES_ERROR, promptVariablesProblem, renderFrom } from '../src/activities/shared/prompts';
import { loadPrompt } from '../src/prompts/render';

/*
 * Nothing an activity learned may be dropped on the way to the model: renderFrom refuses a variable its template
 * does not declare. This reads every renderFrom call of the activities (TypeScript AST) and checks the names it
 * passes against the template, so a call that would throw at run time fails here first, whatever test runs it.
 */

const ACTIVITIES = fileURLToPath(new URL('../src/activities', import.meta.url));

interface Call {
  where: string;
  promptId: string | null;
  names: string[] | null;
  /** Why the call could not be read (then the test fails: the call must be written so it can be checked). */
  unreadable: string | null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The property names of an object literal; null (with why) when a spread or computed name hides some. */
function literalNames(node: ts.ObjectLiteralExpression): { names: string[] | null; why: string | null } {
  const names: string[] = [];
  for (const p of node.properties) {
    if (ts.isSpreadAssignment(p)) return { names: null, why: 'a spread hides which variables are passed' };
    const name = p.name;
    if (!name || ts.isComputedPropertyName(name))
      return { names: null, why: 'a computed name hides which variables are passed' };
    names.push(name.getText().replace(/^['"]|['"]$/g, ''));
  }
  return { names, why: null };
}

/** The object literal a const of this name is bound to in the nearest enclosing block, with that block. */
function constLiteral(
  from: ts.Node,
  name: string,
): { literal: ts.ObjectLiteralExpression; scope: ts.Node } | null {
  for (let node: ts.Node | undefined = from.parent; node; node = node.parent) {
    if (!ts.isBlock(node) && !ts.isSourceFile(node)) continue;
    for (const statement of node.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const d of statement.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== name || !d.initializer) continue;
        const init = ts.isAsExpression(d.initializer) ? d.initializer.expression : d.initializer;
        return ts.isObjectLiteralExpression(init) ? { literal: init, scope: node } : null;
      }
    }
  }
  return null;
}

/** Whether `name.X = …` or `name[k] = …` adds names inside `scope`. */
function writtenTo(scope: ts.Node, name: string): boolean {
  let found = false;
  const visit = (node: ts.Node) => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      (ts.isPropertyAccessExpression(node.left) || ts.isElementAccessExpression(node.left)) &&
      ts.isIdentifier(node.left.expression) &&
      node.left.expression.text === name
    )
      found = true;
    if (!found) ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

/** Every `renderFrom(id, vars)` call of a source text, with the prompt id and variable names it passes. */
export function renderCalls(file: string, text: string): Call[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const calls: Call[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'renderFrom'
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      const where = `${relative(ACTIVITIES, file)}:${line + 1}`;
      const [idArg, varsArg] = node.arguments;
      const promptId = idArg && ts.isStringLiteralLike(idArg) ? idArg.text : null;
      let read: { names: string[] | null; why: string | null } = {
        names: null,
        why: 'the variables are not an object literal',
      };
      if (varsArg && ts.isObjectLiteralExpression(varsArg)) read = literalNames(varsArg);
      else if (varsArg && ts.isIdentifier(varsArg)) {
        const bound = constLiteral(node, varsArg.text);
        read = !bound
          ? { names: null, why: `"${varsArg.text}" is not a const bound to an object literal` }
          : writtenTo(bound.scope, varsArg.text)
            ? { names: null, why: `"${varsArg.text}" gets variables after its declaration` }
            : literalNames(bound.literal);
      }
      calls.push({
        where,
        promptId,
        names: read.names,
        unreadable: promptId === null ? 'the prompt id is not a string literal' : read.why,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

/** What is wrong with a call: unreadable, or its names against its template (unknown first, then missing). */
function problemOf(call: Call): string | null {
  if (call.unreadable !== null || call.promptId === null || call.names === null)
    return `${call.where}: cannot be checked (${call.unreadable ?? 'unreadable'})`;
  const problem = promptVariablesProblem(call.promptId, call.names);
  return problem
    ? `${call.where}: ${problem.promptId} ${problem.reason} variable(s) ${problem.variables.join(', ')}`
    : null;
}

const CALLS = sourceFiles(ACTIVITIES).flatMap((f) => renderCalls(f, readFileSync(f, 'utf8')));

/**
 * Calls whose prompt id is chosen per step at run time, so this reading cannot check them; each is checked where
 * it runs instead (renderFrom throws on an undeclared variable, which stops the step and fails the named test).
 */
const CHECKED_AT_RUN_TIME: Readonly<Record<string, string>> = {
  'research.ts': 'onboarding.test.ts and research-evidence.test.ts render every research step (01–09)',
};
const staticCalls = CALLS.filter((c) => !((c.where.split(':')[0] ?? '') in CHECKED_AT_RUN_TIME));

describe('prompt variables passed by the activities', () => {
  it('finds the render calls of every prompt-building activity', () => {
    const files = new Set(CALLS.map((c) => c.where.split(':')[0]));
    for (const f of [
      'planning.ts',
      'creative.ts',
      'test-campaign.ts',
      'cycle/index.ts',
      'playbook.ts',
      'qa.ts',
    ])
      expect(files).toContain(f);
    const ids = new Set(CALLS.map((c) => c.promptId));
    for (const id of [
      'build/strategy_sheet',
      'build/experiment_specs',
      'build/asset_briefs',
      'build/generate_assets',
      'build/experiment_report',
      'cycle/decision_rationale',
      'build/playbook',
      'build/brand_qa',
    ])
      expect(ids).toContain(id);
  });

  it('every call passes exactly what its template declares: no undeclared variable, no required one left out', () => {
    expect(staticCalls.map(problemOf).filter((p) => p !== null)).toEqual([]);
  });

  it('exempts only files whose calls really cannot be read statically', () => {
    for (const file of Object.keys(CHECKED_AT_RUN_TIME)) {
      const calls = CALLS.filter((c) => c.where.split(':')[0] === file);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every((c) => c.unreadable !== null)).toBe(true);
    }
  });

  it('the check can fail: an undeclared variable, a missing one, a spread and a const written to are reported', () => {
    const text = `
      renderFrom('build/playbook', { ORG_ID: a, CLIENT_ID: b, CURRENT_PLAYBOOK_JSON: c, REPORTS_JSON: d, EXTRA: e });
      renderFrom('build/playbook', { ORG_ID: a, CLIENT_ID: b, CURRENT_PLAYBOOK_JSON: c });
      renderFrom('build/playbook', { ...all });
      const vars = { ORG_ID: a, CLIENT_ID: b, CURRENT_PLAYBOOK_JSON: c, REPORTS_JSON: d };
      vars.MORE = x;
      renderFrom('build/playbook', vars);
      const fine = { ORG_ID: a, CLIENT_ID: b, CURRENT_PLAYBOOK_JSON: c, REPORTS_JSON: d };
      renderFrom('build/playbook', fine);
    `;
    const problems = renderCalls(join(ACTIVITIES, 'example.ts'), text).map(problemOf);
    expect(problems).toEqual([
      'example.ts:2: build/playbook unknown variable(s) EXTRA',
      'example.ts:3: build/playbook missing variable(s) REPORTS_JSON',
      'example.ts:4: cannot be checked (a spread hides which variables are passed)',
      'example.ts:7: cannot be checked ("vars" gets variables after its declaration)',
      null,
    ]);
  });
});

describe('renderFrom', () => {
  const playbookVars = {
    ORG_ID: 'org',
    CLIENT_ID: 'client',
    CURRENT_PLAYBOOK_JSON: '{}',
    REPORTS_JSON: '[]',
  };

  it('refuses a variable the template does not declare, naming it, as a non-retryable PromptVariablesError', () => {
    let thrown: unknown = null;
    try {
      renderFrom('build/playbook', { ...playbookVars, STRATEGY_JSON: '{}' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ApplicationFailure);
    const failure = thrown as ApplicationFailure;
    expect(failure.type).toBe(PROMPT_VARIABLES_ERROR);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toBe('Prompt build/playbook: unknown variable(s) STRATEGY_JSON');
    expect(failure.details).toEqual([
      { promptId: 'build/playbook', reason: 'unknown', variables: ['STRATEGY_JSON'] },
    ]);
  });

  it('refuses a required variable left out or null, naming it', () => {
    const { REPORTS_JSON: _, ...partial } = playbookVars;
    expect(() => renderFrom('build/playbook', partial)).toThrow(
      'Prompt build/playbook: missing variable(s) REPORTS_JSON',
    );
    expect(() => renderFrom('build/playbook', { ...playbookVars, REPORTS_JSON: null })).toThrow(
      /missing variable\(s\) REPORTS_JSON/,
    );
  });

  it('renders with exactly the declared variables; optional ones may be left out or null', () => {
    const t = loadPrompt('build/strategy_sheet');
    const required = Object.fromEntries(t.placeholders.map((p) => [p, `<${p}>`]));
    const rendered = renderFrom('build/strategy_sheet', { ...required, FEEDBACK: null });
    expect(rendered.text).toContain('<CLIENT_MARKET>');
    expect(rendered.text).not.toContain('Reviewer feedback');
  });
});
