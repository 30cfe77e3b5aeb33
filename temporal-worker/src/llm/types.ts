import type { z } from 'zod';

/** A rendered prompt's template and input, as recorded on `llm_calls`. */
export interface PromptRef {
  id: string;
  version: number;
  inputSha256: string;
}

/** What code knows about an answer when it completes it (fills system fields). */
export interface AnswerMeta {
  model: string;
  webSearchCalls: number;
  citations: { url: string; title: string | null }[];
}

/** A problem with an answer, as fed back to the model and shown to a person (`path: message`). */
export interface SchemaIssue {
  path: string;
  message: string;
}

/**
 * Code's part of an answer: the stored document with the system fields filled and what code could repair without
 * guessing (`repairs`, in words), or the rules the answer still breaks (fed back to the model like schema issues).
 */
export type Completion<R> = { ok: true; data: R; repairs?: string[] } | { ok: false; issues: SchemaIssue[] };

/**
 * One structured-output generation: the prompt, the zod schema of what the model writes (sent as a strict JSON
 * Schema) and, optionally, how code completes the answer into the stored document.
 */
export interface GenerateRequest<T, R = T> {
  orgId: string;
  /** The workflow_runs row the call belongs to (null for calls outside a run). */
  runId: string | null;
  /** The activity (step) name recorded on the llm_calls row, e.g. `build_canon`. */
  activity: string;
  /** The schema's name as sent to the provider (json_schema name), e.g. `ClientCanon`. */
  schemaName: string;
  /** What the model writes: converted to the strict JSON Schema sent, and validated on the answer. */
  schema: z.ZodType<T>;
  /**
   * The schema sent, when stricter than `schema` (a field that must be null for this step): the model is held
   * to it, and what a model still writes outside it is repaired by `complete` instead of failing the answer.
   */
  sentSchema?: z.ZodType;
  /** Fills system fields, repairs what it can and checks the stored schema; its issues are fed back. */
  complete?: (answer: T, meta: AnswerMeta) => Completion<R>;
  system: string;
  prompt: string;
  /**
   * The template the prompt was rendered from and the hash of its input values, recorded on every `llm_calls`
   * row of the request (with each attempt's answer) so reviewer decisions become labelled examples.
   */
  promptRef?: PromptRef;
  /** Use the provider's web search tool (Responses API) when the provider offers it. */
  webSearch?: boolean;
  /** Upper bound on generated tokens (e.g. long research documents); provider default when absent. */
  maxOutputTokens?: number;
  /** Overrides OPENAI_MODEL (and the client's per-step models) for this call. */
  model?: string;
  /** Per-attempt HTTP timeout, e.g. for deep research (the client's default when absent). */
  timeoutMs?: number;
  /** Aborts the HTTP request, e.g. Temporal's `Context.current().cancellationSignal`. */
  signal?: AbortSignal;
}

export interface GenerateResult<T> {
  data: T;
  /** What code repaired in the answer (e.g. a field that must be null for this step), in words. */
  repairs: string[];
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
  generate<T, R = T>(req: GenerateRequest<T, R>): Promise<GenerateResult<R>>;
  /**
   * Whether requests asking for web search get the provider's search tool (OPENAI_WEB_SEARCH); prompts say so
   * when they do not, and research drafts are marked "from model knowledge, not searched". Absent means yes.
   */
  readonly webSearchAvailable?: boolean;
}

/** The model's answer still violated the schema after the bounded regeneration attempts. */
export class LlmSchemaError extends Error {
  readonly reason = 'invalid_output' as const;
  /** The step (GenerateRequest.activity) that asked; set by the client. */
  step: string | null = null;
  constructor(
    message: string,
    readonly issues: SchemaIssue[],
    /** The last answer: parsed JSON when it parsed, else the raw text; null when none came. */
    readonly lastAnswer: unknown = null,
    readonly attempts = 0,
  ) {
    super(message);
    this.name = 'LlmSchemaError';
  }
}

/** The org's monthly LLM budget is used up: no call is made until it is raised (or the month turns). */
export class LlmBudgetError extends Error {
  readonly reason = 'budget' as const;
  step: string | null = null;
  constructor(
    readonly limitUsd: number,
    readonly spentUsd: number,
  ) {
    super(
      `the organization's monthly LLM budget of ${limitUsd.toFixed(2)} USD is used up (spent ${spentUsd.toFixed(2)} USD this month); raise the budget, then retry the step`,
    );
    this.name = 'LlmBudgetError';
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
  readonly reason = 'provider' as const;
  step: string | null = null;
  constructor(
    message: string,
    readonly status: number | null,
    /** What the model answered before the refusal, when it answered. */
    readonly lastAnswer: unknown = null,
  ) {
    super(message);
    this.name = 'LlmRequestError';
  }
}
