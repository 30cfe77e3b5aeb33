import { createHash } from 'node:crypto';

/**
 * The prompt hash recorded on `llm_calls` and on research artifacts: SHA-256 (hex) of the system text, a blank
 * line, then the prompt — the exact text the model was given on the first attempt.
 */
export function promptSha256(system: string, prompt: string): string {
  return createHash('sha256').update(`${system}\n\n${prompt}`, 'utf8').digest('hex');
}

/**
 * The input hash recorded on `llm_calls`: SHA-256 (hex) of the values a template was rendered with, as JSON with
 * sorted keys (absent optional values left out). Unlike the prompt hash it does not change with the template's
 * wording, so outputs of two versions of a prompt on the same input can be paired.
 */
export function inputSha256(vars: Readonly<Record<string, string | null | undefined>>): string {
  const present = Object.keys(vars)
    .filter((k) => typeof vars[k] === 'string')
    .sort()
    .map((k) => [k, vars[k]]);
  return createHash('sha256').update(JSON.stringify(present), 'utf8').digest('hex');
}
