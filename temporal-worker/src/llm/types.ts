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
  /** Upper bound on generated tokens (e.g. long research documents); provider default when absent. */
  maxOutputTokens?: number;
  /** Overrides OPENAI_MODEL for this call. */
  model?: string;
  /** Per-attempt HTTP timeout, e.g. for deep research (the client's default when absent). */
  timeoutMs?: number;
  /** Aborts the HTTP request, e.g. Temporal's `Context.current().cancellationSignal`. */
  signal?: AbortSignal;
}

export interface GenerateResult<T> {
  data: T;
  model: string;
  promptSha256: string;
  inputTokens: number;
  outputTokens: number;
  /** Attempts made: 1, or more when schema violations were fed back and regenerated. */
  attempts: number;
  /** Estimated cost of all attempts in USD (0 for a model missing from the pricing table). */
  costUsd: number;
  /** Web searches the provider ran (Responses API with `webSearch`); 0 otherwise. */
  webSearchCalls: number;
  /** Pages the answer cited (`url_citation` annotations), deduplicated by URL. */
  citations: { url: string; title: string | null }[];
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

/**
 * The provider refused the request itself (400, 401, 403, 404, 422) or the schema cannot be sent as a strict
 * structured-output schema: retrying the same request cannot help, so workflows treat it as non-retryable.
 */
export class LlmRequestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'LlmRequestError';
  }
}
