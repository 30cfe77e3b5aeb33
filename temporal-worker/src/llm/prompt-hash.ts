import { createHash } from 'node:crypto';

/**
 * The prompt hash recorded on `llm_calls` and on research artifacts: SHA-256 (hex) of the system text, a blank
 * line, then the prompt — the exact text the model was given on the first attempt.
 */
export function promptSha256(system: string, prompt: string): string {
  return createHash('sha256').update(`${system}\n\n${prompt}`, 'utf8').digest('hex');
}
