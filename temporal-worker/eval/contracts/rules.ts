/**
 * Contract: every rule declared with `defineRule` is stated, word for word, in each prompt it names. Rules are
 * declared where they are checked (artifact modules, and worker modules with code checks), so every such module is
 * loaded first. Line breaks of the hard-wrapped markdown are not words: runs of whitespace compare as one space.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ArtifactRule, definedRules } from '@mos/db/artifacts';
import { listPromptIds, loadPrompt } from '../../src/prompts/render';
import { REPO_ROOT } from '../paths';

export interface RuleStatementProblem {
  ruleId: string;
  promptId: string;
  problem: 'prompt_not_found' | 'statement_missing';
}

export interface RuleStatementReport {
  rules: ArtifactRule[];
  /** Rules naming no prompt (checked, but told to no model). */
  unstated: string[];
  problems: RuleStatementProblem[];
  /** Modules loaded for their rule declarations, relative to the repository. */
  modules: string[];
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

/** TypeScript modules under `dirs` (relative to the repository) whose text declares a rule. */
export function ruleModules(dirs: readonly string[] = ['db/src', 'temporal-worker/src']): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'workflows') walk(path);
      } else if (/\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) {
        const text = readFileSync(path, 'utf8');
        if (/\bdefineRule\(\{/.test(text) && !path.endsWith(join('artifacts', 'rules.ts'))) out.push(path);
      }
    }
  };
  for (const dir of dirs) walk(join(REPO_ROOT, dir));
  return out.sort();
}

/** Loads every module that declares rules, then checks each rule's statement against the prompts it names. */
export async function checkRuleStatements(): Promise<RuleStatementReport> {
  const modules = ruleModules();
  for (const file of modules) await import(pathToFileURL(file).href);
  const rules = definedRules();
  const known = new Set(listPromptIds());
  const problems: RuleStatementProblem[] = [];
  for (const rule of rules) {
    for (const promptId of rule.prompts) {
      if (!known.has(promptId)) {
        problems.push({ ruleId: rule.id, promptId, problem: 'prompt_not_found' });
        continue;
      }
      if (!statedIn(rule.statement, promptId)) {
        problems.push({ ruleId: rule.id, promptId, problem: 'statement_missing' });
      }
    }
  }
  return {
    rules,
    unstated: rules.filter((r) => r.prompts.length === 0).map((r) => r.id),
    problems,
    modules: modules.map((m) => relative(REPO_ROOT, m)),
  };
}

/** Whether `statement` appears word for word in the latest version of prompt `promptId` (its body). */
export function statedIn(statement: string, promptId: string): boolean {
  return normalize(loadPrompt(promptId).body).includes(normalize(statement));
}
