/**
 * Contract: every variable an activity passes is used by its template (none is dropped on the way to the model),
 * and every required one is passed. Read from the source with the TypeScript checker: each `renderFrom(id, vars)`
 * call site is resolved to the prompt ids it can name (string literal types) and the variable names it passes (the
 * properties of the object's type; a record built in place is read from its literal and its assignments), following
 * a parameter to the callers of the function that forwards it. A site that cannot be resolved is listed: the
 * strict `renderFrom` still refuses its undeclared variables at run time.
 */
import { join, relative } from 'node:path';
import ts from 'typescript';
import { loadPrompt } from '../../src/prompts/render';
import { REPO_ROOT, WORKER_ROOT } from '../paths';

export interface PromptCall {
  /** Where `renderFrom` is called, and through which forwarding calls the values came (outermost last). */
  site: string;
  via: string[];
  promptIds: string[] | null;
  variables: string[] | null;
  /** Passed but not declared by the template: dropped before the strict renderer, an error with it. */
  dropped: { promptId: string; variables: string[] }[];
  /** Declared required but not passed. */
  missing: { promptId: string; variables: string[] }[];
}

export interface PromptVariablesReport {
  calls: PromptCall[];
  droppedVariables: number;
  missingVariables: number;
  /** Call sites whose ids or variables could not be read statically (checked at run time only). */
  unresolved: PromptCall[];
}

const RENDERERS = new Set(['renderFrom']);
const MAX_DEPTH = 4;

/**
 * Reads the `renderFrom` calls of the files under `srcDir` (default: the package's `src`); `roots` are the files the
 * program starts from (default: the activities; tests pass a seeded file).
 */
export function analyzePromptVariables(
  opts: { srcDir?: string; roots?: readonly string[] } = {},
): PromptVariablesReport {
  const srcDir = opts.srcDir ?? join(WORKER_ROOT, 'src');
  const configPath = join(WORKER_ROOT, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const roots = opts.roots ?? config.fileNames.filter((f) => f.startsWith(join(srcDir, 'activities')));
  const program = ts.createProgram(roots, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const files = program.getSourceFiles().filter((sf) => sf.fileName.startsWith(srcDir));

  const calls: ts.CallExpression[] = [];
  const renderCalls: ts.CallExpression[] = [];
  for (const sf of files) {
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        calls.push(node);
        if (ts.isIdentifier(node.expression) && RENDERERS.has(node.expression.text)) {
          if (!sf.fileName.endsWith(join('activities', 'shared', 'prompts.ts'))) renderCalls.push(node);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  const where = (node: ts.Node) => {
    const sf = node.getSourceFile();
    return `${relative(REPO_ROOT, sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  };

  const symbolOf = (node: ts.Node): ts.Symbol | undefined => {
    const s = checker.getSymbolAtLocation(node);
    return s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
  };

  /** The function-like node declaring parameter `expr` refers to, and the parameter's index. */
  const parameterOf = (expr: ts.Expression): { fn: ts.SignatureDeclaration; index: number } | null => {
    if (!ts.isIdentifier(expr)) return null;
    const decl = symbolOf(expr)?.valueDeclaration;
    if (!decl || !ts.isParameter(decl)) return null;
    const fn = decl.parent;
    if (!ts.isFunctionLike(fn)) return null;
    return { fn, index: fn.parameters.indexOf(decl) };
  };

  /** Calls anywhere in the sources to the function `fn` (declared by name, as a const, or as a method). */
  const callersOf = (fn: ts.SignatureDeclaration): ts.CallExpression[] => {
    let nameNode: ts.Node | undefined;
    if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) nameNode = fn.name;
    else if (
      (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
      (ts.isVariableDeclaration(fn.parent) || ts.isPropertyAssignment(fn.parent))
    )
      nameNode = fn.parent.name;
    const target = nameNode ? symbolOf(nameNode) : undefined;
    if (!target) return [];
    return calls.filter((c) => {
      const callee = ts.isPropertyAccessExpression(c.expression) ? c.expression.name : c.expression;
      return symbolOf(callee) === target;
    });
  };

  const idsOf = (expr: ts.Expression): string[] | null => {
    const type = checker.getTypeAtLocation(expr);
    const parts = type.isUnion() ? type.types : [type];
    const values = parts.map((t) => (t.isStringLiteral() ? t.value : null));
    return values.every((v): v is string => v !== null) ? [...new Set(values)].sort() : null;
  };

  const variablesOf = (expr: ts.Expression, depth = 0): string[] | null => {
    if (depth > MAX_DEPTH) return null;
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) {
      return variablesOf(expr.expression, depth + 1);
    }
    // A literal's keys are read one by one: a spread of a record type would otherwise vanish from its type.
    if (ts.isObjectLiteralExpression(expr)) return literalKeys(expr, depth);
    const type = checker.getTypeAtLocation(expr);
    if (!checker.getIndexInfoOfType(type, ts.IndexKind.String)) {
      return type
        .getProperties()
        .map((p) => p.name)
        .sort();
    }
    if (ts.isCallExpression(expr)) return returnedKeys(expr, depth);
    return recordBuiltInPlace(expr);
  };

  const literalKeys = (lit: ts.ObjectLiteralExpression, depth: number): string[] | null => {
    const names = new Set<string>();
    for (const p of lit.properties) {
      if (ts.isSpreadAssignment(p)) {
        const inner = variablesOf(p.expression, depth + 1);
        if (!inner) return null;
        for (const n of inner) names.add(n);
      } else if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) {
        if (ts.isComputedPropertyName(p.name) || ts.isPrivateIdentifier(p.name)) return null;
        names.add(p.name.text);
      } else return null;
    }
    return [...names].sort();
  };

  /** The keys a function typed as returning a record returns: every `return` of it must be readable. */
  const returnedKeys = (call: ts.CallExpression, depth: number): string[] | null => {
    const decl = symbolOf(
      ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression,
    )?.valueDeclaration;
    let fn: ts.Node | undefined = decl;
    if (decl && ts.isVariableDeclaration(decl)) fn = decl.initializer;
    if (!fn || !ts.isFunctionLike(fn) || !('body' in fn) || !fn.body) return null;
    const body = fn.body as ts.Node;
    if (!ts.isBlock(body)) return variablesOf(body as ts.Expression, depth + 1);
    const names = new Set<string>();
    let ok = true;
    let returns = 0;
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node)) return;
      if (ts.isReturnStatement(node)) {
        returns++;
        const keys = node.expression ? variablesOf(node.expression, depth + 1) : null;
        if (keys) for (const k of keys) names.add(k);
        else ok = false;
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
    return ok && returns > 0 ? [...names].sort() : null;
  };

  /** A `Record<string, …>` variable built from an object literal and `vars.NAME = …` / `vars['NAME'] = …`. */
  const recordBuiltInPlace = (expr: ts.Expression): string[] | null => {
    if (!ts.isIdentifier(expr)) return null;
    const symbol = symbolOf(expr);
    const decl = symbol?.valueDeclaration;
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return null;
    if (!ts.isObjectLiteralExpression(decl.initializer)) return null;
    const names = new Set<string>();
    for (const p of decl.initializer.properties) {
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) return null;
      if (ts.isComputedPropertyName(p.name) || ts.isPrivateIdentifier(p.name)) return null;
      names.add(p.name.text);
    }
    let resolvable = true;
    const scope = decl.parent.parent.parent;
    const visit = (node: ts.Node) => {
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        (ts.isPropertyAccessExpression(node.left) || ts.isElementAccessExpression(node.left)) &&
        symbolOf(node.left.expression) === symbol
      ) {
        if (ts.isPropertyAccessExpression(node.left)) names.add(node.left.name.text);
        else {
          const keys = idsOf(node.left.argumentExpression);
          if (keys) for (const k of keys) names.add(k);
          else resolvable = false;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(scope);
    return resolvable ? [...names].sort() : null;
  };

  const resolve = (
    idExpr: ts.Expression,
    varsExpr: ts.Expression,
    via: string[],
    depth: number,
  ): { promptIds: string[] | null; variables: string[] | null; via: string[] }[] => {
    const ids = idsOf(idExpr);
    const vars = variablesOf(varsExpr);
    if ((ids && vars) || depth >= MAX_DEPTH) return [{ promptIds: ids, variables: vars, via }];
    const idParam = ids ? null : parameterOf(idExpr);
    const varsParam = vars ? null : parameterOf(varsExpr);
    const fn = idParam?.fn ?? varsParam?.fn;
    if (!fn || (idParam && varsParam && idParam.fn !== varsParam.fn)) {
      return [{ promptIds: ids, variables: vars, via }];
    }
    const callers = callersOf(fn);
    if (callers.length === 0) return [{ promptIds: ids, variables: vars, via }];
    return callers.flatMap((call) => {
      const idArg = idParam ? call.arguments[idParam.index] : idExpr;
      const varsArg = varsParam ? call.arguments[varsParam.index] : varsExpr;
      if (!idArg || !varsArg) return [{ promptIds: ids, variables: vars, via: [...via, where(call)] }];
      return resolve(idArg, varsArg, [...via, where(call)], depth + 1);
    });
  };

  const out: PromptCall[] = [];
  for (const call of renderCalls) {
    const [idArg, varsArg] = call.arguments;
    const resolved =
      idArg && varsArg ? resolve(idArg, varsArg, [], 0) : [{ promptIds: null, variables: null, via: [] }];
    for (const r of resolved) {
      const dropped: PromptCall['dropped'] = [];
      const missing: PromptCall['missing'] = [];
      if (r.promptIds && r.variables) {
        for (const promptId of r.promptIds) {
          const t = loadPrompt(promptId);
          const declared = new Set([...t.placeholders, ...t.optional]);
          const extra = r.variables.filter((v) => !declared.has(v));
          const absent = t.placeholders.filter((p) => !r.variables?.includes(p));
          if (extra.length > 0) dropped.push({ promptId, variables: extra });
          if (absent.length > 0) missing.push({ promptId, variables: absent });
        }
      }
      out.push({ site: where(call), ...r, dropped, missing });
    }
  }
  const count = (list: { variables: string[] }[]) => list.reduce((n, d) => n + d.variables.length, 0);
  return {
    calls: out,
    droppedVariables: out.reduce((n, c) => n + count(c.dropped), 0),
    missingVariables: out.reduce((n, c) => n + count(c.missing), 0),
    unresolved: out.filter((c) => c.promptIds === null || c.variables === null),
  };
}
