import { promptSha256 } from '../../llm/prompt-hash';
import { loadPrompt, type RenderedPrompt, renderPrompt } from '../../prompts/render';

/**
 * Renders a prompt with the variables its template declares, picked from what the activity knows. A required
 * placeholder the activity cannot fill is still an error naming it.
 */
export function renderFrom(id: string, available: Readonly<Record<string, string | null>>): RenderedPrompt {
  const template = loadPrompt(id);
  const declared = new Set([...template.placeholders, ...template.optional]);
  const vars: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(available)) if (declared.has(name)) vars[name] = value;
  return renderPrompt(id, vars);
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
