import { ApplicationFailure } from '@temporalio/common';
import { promptSha256 } from '../../llm/prompt-hash';
import { loadPrompt, type RenderedPrompt, renderPrompt } from '../../prompts/render';

/** ApplicationFailure type of a render whose variables do not match its template (a defect: never retried). */
export const PROMPT_VARIABLES_ERROR = 'PromptVariablesError';

export interface PromptVariablesProblem {
  promptId: string;
  /** `unknown`: passed but not declared by the template (it would be dropped); `missing`: required, not passed. */
  reason: 'unknown' | 'missing';
  variables: string[];
}

/**
 * Renders a prompt with exactly the variables its template declares. A variable the template does not declare is
 * an error naming it, like a required one left out: nothing an activity learned is silently dropped on the way to
 * the model. Thrown as a non-retryable ApplicationFailure (`PromptVariablesError`, details: the problem).
 */
export function renderFrom(id: string, vars: Readonly<Record<string, string | null>>): RenderedPrompt {
  const problem = promptVariablesProblem(id, Object.keys(vars), (name) => typeof vars[name] === 'string');
  if (problem) {
    throw ApplicationFailure.create({
      type: PROMPT_VARIABLES_ERROR,
      nonRetryable: true,
      message: `Prompt ${problem.promptId}: ${problem.reason} variable(s) ${problem.variables.join(', ')}`,
      details: [problem],
    });
  }
  return renderPrompt(id, vars);
}

/** What is wrong with passing `names` to template `id` (null when nothing): unknown names first, then missing ones. */
export function promptVariablesProblem(
  id: string,
  names: readonly string[],
  hasValue: (name: string) => boolean = () => true,
): PromptVariablesProblem | null {
  const template = loadPrompt(id);
  const declared = new Set([...template.placeholders, ...template.optional]);
  const unknown = names.filter((n) => !declared.has(n));
  if (unknown.length > 0) return { promptId: template.id, reason: 'unknown', variables: unknown };
  const missing = template.placeholders.filter((p) => !names.includes(p) || !hasValue(p));
  if (missing.length > 0) return { promptId: template.id, reason: 'missing', variables: missing };
  return null;
}

/**
 * Makes sure a regeneration's prompt carries the reviewer's words, also with a template that has no FEEDBACK
 * section; the hash is recomputed so llm_calls and artifacts pin the text actually sent.
 */
export function withFeedback(prompt: RenderedPrompt, feedback: string | null): RenderedPrompt {
  if (!feedback?.trim() || prompt.text.includes(feedback.trim())) return prompt;
  const text = `${prompt.text}\n\n## Reviewer feedback on the previous draft (address every point)\n${feedback.trim()}`;
  return { ...prompt, text, sha256: promptSha256(prompt.system, text) };
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export const json = (value: unknown) => JSON.stringify(value, null, 2);
