import type { z } from 'zod';

/** One structured-output generation: the prompt, and the zod schema the answer must satisfy. */
export interface GenerateRequest<T> {
  orgId: string;
  /** The workflow_runs row the call belongs to (null for calls outside a run). */
  runId: string | null;
  /** The activity (step) name recorded on the llm_calls row, e.g. `build_canon`. */
  activity: string;
  /** The schema's name as sent to the provider (json_schema name), e.g. `ClientCanon`. */
  schemaName: string;
  schema: z.ZodType<T>;
  system: string;
  prompt: string;
  /** Use the provider's web search tool (Responses API) when the provider offers it. */
  webSearch?: boolean;
  /** Overrides OPENAI_MODEL for this call. */
  model?: string;
}

export interface GenerateResult<T> {
  data: T;
  model: string;
  promptSha256: string;
  inputTokens: number;
  outputTokens: number;
  /** Attempts made: 1, or more when schema violations were fed back and regenerated. */
  attempts: number;
}

/** The LLM as activities see it; every call writes an llm_calls row (success or failure). */
export interface LlmClient {
  generate<T>(req: GenerateRequest<T>): Promise<GenerateResult<T>>;
}

/** The model's answer still violated the schema after the bounded regeneration attempts. */
export class LlmSchemaError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'LlmSchemaError';
  }
}

/** Rate limits, 5xx and network failures: Temporal's retry policy handles these. */
export class LlmTransientError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'LlmTransientError';
  }
}
