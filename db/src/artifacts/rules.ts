/**
 * The rules a model must follow beyond what JSON Schema can say, each with the sentence that states it. A rule is
 * checked by code (a zod refinement of the stored schema, or a check in the LLM step's completion) and the same
 * sentence is written, word for word, in every prompt listed in `prompts` (a contract test compares them), so the
 * model is told each rule it is held to. zod only (client-safe), like the rest of `artifacts/`.
 */
import type * as z from 'zod';

export interface ArtifactRule {
  /** `<artifact or area>.<rule>`, e.g. `strategy_sheet.budget-splits`. */
  id: string;
  /** The sentence the prompts state (and the feedback repeats), e.g. "Budget splits add up to at most 100%." */
  statement: string;
  /** Ids of the prompt templates that must state it, e.g. `build/strategy_sheet`. */
  prompts: readonly string[];
}

const registry = new Map<string, ArtifactRule>();

/** Declares a rule once (module load); a second rule with the same id is a programming error. */
export function defineRule(rule: ArtifactRule): ArtifactRule {
  if (registry.has(rule.id)) throw new Error(`Rule ${rule.id} is defined twice`);
  registry.set(rule.id, rule);
  return rule;
}

/** Every rule defined by the modules loaded so far (the contract test loads them all). */
export function definedRules(): ArtifactRule[] {
  return [...registry.values()];
}

/**
 * Reports a broken rule inside a zod refinement: the message names the detail, the `params.rule` names the rule
 * (so feedback, tests and the evaluation harness can count rules, not messages).
 */
export function ruleIssue(
  ctx: z.RefinementCtx,
  rule: ArtifactRule,
  path: readonly PropertyKey[],
  message: string,
): void {
  ctx.addIssue({ code: 'custom', path: [...path], message, params: { rule: rule.id } });
}
