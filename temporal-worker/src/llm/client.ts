import { getLlmBudget, llmCalls, type Queryable } from '@mos/db';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import type { z } from 'zod';
import { DEFAULT_PRICING, estimateCostUsd, type LlmPricing } from './pricing';
import { promptSha256 } from './prompt-hash';
import { toStrictJsonSchema } from './strict-schema';
import {
  type AnswerMeta,
  type Completion,
  type GenerateRequest,
  type GenerateResult,
  LlmBudgetError,
  type LlmClient,
  LlmRequestError,
  LlmSchemaError,
  LlmTransientError,
  type PromptRef,
  type SchemaIssue,
} from './types';

/** One answer plus two regenerations with the validation errors fed back (issue 3). */
export const MAX_SCHEMA_ATTEMPTS = 3;

export interface LlmClientOptions {
  /** Where `llm_calls` rows go. */
  db: Queryable;
  apiKey: string;
  /** e.g. `http://127.0.0.1:8787/v1` for the stand-in; the SDK default (api.openai.com) when absent. */
  baseURL?: string | undefined;
  /** Default model (OPENAI_MODEL); a request may override it. */
  model: string;
  /**
   * Models per step (a request's `activity`), e.g. `{ 'research:04': 'o3-deep-research', research: 'gpt-5.2' }`:
   * the step's own entry, else the entry of the part before its `:`, else `model` (OPENAI_MODEL_* in env).
   */
  stepModels?: Readonly<Record<string, string>>;
  pricing?: LlmPricing;
  /** Milliseconds from a monotonic source, for latency; `performance.now` by default. */
  clock?: () => number;
  /** Per-request HTTP timeout (the SDK's default, 10 minutes, when absent). */
  timeoutMs?: number;
  /**
   * Whether the provider offers the Responses API's web search tool (OPENAI_WEB_SEARCH, default true).
   * When false, requests that ask for web search run without it through Chat Completions.
   */
  webSearch?: boolean;
  /**
   * The org's monthly LLM budget in USD when it has set none (LLM_MONTHLY_BUDGET_USD, else the contracts
   * default). Checked before every call against this month's `llm_calls`; null turns the check off.
   */
  defaultMonthlyBudgetUsd?: number | null;
  /** The clock the budget month is read from (`new Date()` by default). */
  now?: () => Date;
}

/** What one provider round trip produced, whichever API answered. */
interface RawAnswer {
  model: string;
  text: string | null;
  refusal: string | null;
  /** `content_filter` when the provider withheld the answer. */
  finishReason: string | null;
  inputTokens: number;
  outputTokens: number;
  webSearchCalls: number;
  citations: { url: string; title: string | null }[];
}

/** A conversation in provider-neutral form; each API maps it to its own message shape. */
type Turn = { role: 'user' | 'assistant'; content: string };

const SCHEMA_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_ERROR_CHARS = 2000;
const MAX_FED_BACK_ISSUES = 25;

/**
 * The LLM layer activities use: structured output through the official `openai` SDK, validated by the artifact's
 * zod schema, with bounded regeneration on schema violations and one `llm_calls` row per attempt. Transport
 * failures are classified, never retried here (`maxRetries: 0`): Temporal's retry policy owns retries.
 */
export function createLlmClient(opts: LlmClientOptions): LlmClient {
  const openai = new OpenAI({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL,
    maxRetries: 0,
    ...(opts.timeoutMs === undefined ? {} : { timeout: opts.timeoutMs }),
  });
  const pricing = opts.pricing ?? DEFAULT_PRICING;
  const clock = opts.clock ?? (() => performance.now());
  const redact = (text: string) => redactSecrets(text, opts.apiKey);

  async function checkBudget(orgId: string): Promise<void> {
    if (opts.defaultMonthlyBudgetUsd === null) return;
    const budget = await getLlmBudget(
      opts.db,
      orgId,
      opts.now?.() ?? new Date(),
      opts.defaultMonthlyBudgetUsd,
    );
    if (budget?.exhausted) throw new LlmBudgetError(budget.limitUsd, budget.spentUsd);
  }

  async function record(
    req: { orgId: string; runId: string | null; activity: string; promptRef?: PromptRef | undefined },
    row: {
      model: string;
      promptSha256: string;
      inputTokens: number;
      outputTokens: number;
      latencyMs: number;
      status: 'ok' | 'error';
      error: string | null;
      /** The attempt's answer (parsed JSON, else its text); absent when none came. */
      output?: unknown;
    },
  ): Promise<number> {
    const costUsd = estimateCostUsd(row.model, row.inputTokens, row.outputTokens, pricing);
    await opts.db.insert(llmCalls).values({
      orgId: req.orgId,
      workflowRunId: req.runId,
      activity: req.activity,
      model: row.model,
      promptSha256: row.promptSha256,
      promptId: req.promptRef?.id ?? null,
      promptVersion: req.promptRef?.version ?? null,
      inputSha256: req.promptRef?.inputSha256 ?? null,
      output: row.output ?? null,
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      latencyMs: Math.max(0, Math.round(row.latencyMs)),
      costUsd,
      status: row.status,
      error: row.error === null ? null : truncate(redact(row.error), MAX_ERROR_CHARS),
    });
    return costUsd;
  }

  async function generate<T, R = T>(req: GenerateRequest<T, R>): Promise<GenerateResult<R>> {
    try {
      return await attempts(req);
    } catch (err) {
      if (err instanceof LlmSchemaError || err instanceof LlmRequestError || err instanceof LlmBudgetError) {
        err.step ??= req.activity;
      }
      throw err;
    }
  }

  async function attempts<T, R>(req: GenerateRequest<T, R>): Promise<GenerateResult<R>> {
    if (!SCHEMA_NAME.test(req.schemaName)) {
      throw new LlmRequestError(
        `schemaName "${req.schemaName}" must be 1-64 letters, digits, "_" or "-" (OpenAI json_schema name)`,
        null,
      );
    }
    const model =
      req.model ??
      opts.stepModels?.[req.activity] ??
      opts.stepModels?.[req.activity.split(':')[0] ?? ''] ??
      opts.model;
    const hash = promptSha256(req.system, req.prompt);
    const call =
      req.webSearch && opts.webSearch !== false
        ? responsesCall(openai, req, model)
        : chatCall(openai, req, model);

    const turns: Turn[] = [{ role: 'user', content: req.prompt }];
    let inputTokens = 0;
    let outputTokens = 0;
    let costUsd = 0;
    let issues: SchemaIssue[] = [];
    let lastAnswer: unknown = null;
    for (let attempt = 1; attempt <= MAX_SCHEMA_ATTEMPTS; attempt++) {
      await checkBudget(req.orgId);
      const started = clock();
      let answer: RawAnswer;
      try {
        answer = await call(turns);
      } catch (err) {
        const failure = classify(err, redact);
        await record(req, {
          model,
          promptSha256: hash,
          inputTokens: 0,
          outputTokens: 0,
          latencyMs: clock() - started,
          status: 'error',
          error: failure.message,
        });
        throw failure;
      }
      const latencyMs = clock() - started;
      inputTokens += answer.inputTokens;
      outputTokens += answer.outputTokens;

      lastAnswer = answerValue(answer);
      const base = {
        model: answer.model,
        promptSha256: hash,
        inputTokens: answer.inputTokens,
        outputTokens: answer.outputTokens,
        latencyMs,
        output: lastAnswer,
      };
      if (answer.text === null && (answer.refusal !== null || answer.finishReason === 'content_filter')) {
        // A refusal is the provider's decision on this prompt: asking again the same way cannot help.
        const why =
          answer.refusal === null
            ? 'the provider withheld the answer (content filter)'
            : `the model refused: ${answer.refusal}`;
        await record(req, { ...base, status: 'error', error: why });
        throw new LlmRequestError(`${req.schemaName}: ${why}`, null, answer.refusal);
      }
      const checked = check(req, answer);
      if (checked.ok) {
        costUsd += await record(req, { ...base, status: 'ok', error: null });
        return {
          data: checked.data,
          repairs: checked.repairs,
          model: answer.model,
          promptSha256: hash,
          inputTokens,
          outputTokens,
          attempts: attempt,
          costUsd: Math.round(costUsd * 1_000_000) / 1_000_000,
          webSearchCalls: answer.webSearchCalls,
          citations: answer.citations,
        };
      }
      issues = checked.issues;
      costUsd += await record(req, {
        ...base,
        status: 'error',
        error: `Schema violation (attempt ${attempt}/${MAX_SCHEMA_ATTEMPTS}): ${formatIssues(issues, '; ')}`,
      });
      turns.push({ role: 'assistant', content: answer.text ?? answer.refusal ?? '(no answer)' });
      turns.push({ role: 'user', content: feedbackMessage(req.schemaName, issues) });
    }
    throw new LlmSchemaError(
      `${req.schemaName}: the model's answer violated the schema ${MAX_SCHEMA_ATTEMPTS} times; last problems: ${formatIssues(
        issues.slice(0, 10),
        '; ',
      )}`,
      issues,
      lastAnswer,
      MAX_SCHEMA_ATTEMPTS,
    );
  }

  return { generate, webSearchAvailable: opts.webSearch !== false };
}

/** Chat Completions with a strict `json_schema` response format (the default path). */
function chatCall<T, R>(openai: OpenAI, req: GenerateRequest<T, R>, model: string) {
  const schema = strictSchema(req.sentSchema ?? req.schema, req.schemaName);
  const responseFormat = {
    type: 'json_schema' as const,
    json_schema: { name: req.schemaName, strict: true, schema },
  };
  return async (turns: Turn[]): Promise<RawAnswer> => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: req.system },
      ...turns.map((t): ChatCompletionMessageParam => ({ role: t.role, content: t.content })),
    ];
    const completion = await openai.chat.completions.create(
      {
        model,
        messages,
        response_format: responseFormat,
        ...(req.maxOutputTokens === undefined ? {} : { max_completion_tokens: req.maxOutputTokens }),
      },
      requestOptions(req),
    );
    const choice = completion.choices[0];
    const message = choice?.message;
    return {
      model: completion.model || model,
      text: message?.content ?? null,
      refusal: message?.refusal ?? null,
      finishReason: choice?.finish_reason ?? null,
      inputTokens: completion.usage?.prompt_tokens ?? 0,
      outputTokens: completion.usage?.completion_tokens ?? 0,
      webSearchCalls: 0,
      citations: [],
    };
  };
}

/** The Responses API with the web search tool and a strict `json_schema` text format (research steps). */
function responsesCall<T, R>(openai: OpenAI, req: GenerateRequest<T, R>, model: string) {
  const format = {
    type: 'json_schema' as const,
    name: req.schemaName,
    strict: true,
    schema: strictSchema(req.sentSchema ?? req.schema, req.schemaName),
  };
  return async (turns: Turn[]): Promise<RawAnswer> => {
    const input: ResponseInputItem[] = turns.map((t) => ({
      type: 'message',
      role: t.role,
      content: t.content,
    }));
    const response = await openai.responses.create(
      {
        model,
        instructions: req.system,
        input,
        tools: [{ type: 'web_search' }],
        text: { format },
        store: false,
        ...(req.maxOutputTokens === undefined ? {} : { max_output_tokens: req.maxOutputTokens }),
      },
      requestOptions(req),
    );
    let text = '';
    let sawText = false;
    let refusal: string | null = null;
    let webSearchCalls = 0;
    const citations = new Map<string, string | null>();
    for (const item of response.output) {
      if (item.type === 'web_search_call') webSearchCalls++;
      if (item.type !== 'message') continue;
      for (const part of item.content) {
        if (part.type === 'refusal') {
          refusal = part.refusal;
          continue;
        }
        sawText = true;
        text += part.text;
        for (const a of part.annotations) {
          if (a.type === 'url_citation' && !citations.has(a.url)) citations.set(a.url, a.title || null);
        }
      }
    }
    return {
      model: response.model || model,
      text: sawText ? text : null,
      refusal,
      finishReason: response.incomplete_details?.reason ?? null,
      inputTokens: response.usage?.input_tokens ?? 0,
      outputTokens: response.usage?.output_tokens ?? 0,
      webSearchCalls,
      citations: [...citations].map(([url, title]) => ({ url, title })),
    };
  };
}

function requestOptions(req: { timeoutMs?: number | undefined; signal?: AbortSignal | undefined }): {
  timeout?: number;
  signal?: AbortSignal;
} {
  return {
    ...(req.timeoutMs === undefined ? {} : { timeout: req.timeoutMs }),
    ...(req.signal === undefined ? {} : { signal: req.signal }),
  };
}

// Converted JSON Schemas per zod schema: the conversion is pure and costs milliseconds per call.
const strictSchemas = new WeakMap<object, Record<string, unknown>>();

/** The strict JSON Schema sent for a model-output schema; one we must not send is a request error. */
function strictSchema(schema: z.ZodType, name: string): Record<string, unknown> {
  const hit = strictSchemas.get(schema);
  if (hit) return hit;
  try {
    const converted = toStrictJsonSchema(schema);
    strictSchemas.set(schema, converted);
    return converted;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new LlmRequestError(`${name} cannot be sent as a strict structured-output schema: ${reason}`, null);
  }
}

/** The answer as a person should see it: parsed JSON when it parses, else the raw text. */
function answerValue(answer: RawAnswer): unknown {
  if (answer.text === null) return answer.refusal;
  try {
    return JSON.parse(answer.text);
  } catch {
    return answer.text;
  }
}

function check<T, R>(
  req: GenerateRequest<T, R>,
  answer: RawAnswer,
): { ok: true; data: R; repairs: string[] } | { ok: false; issues: SchemaIssue[] } {
  if (answer.text === null) {
    const why = answer.refusal === null ? 'The answer was empty' : `The model refused: ${answer.refusal}`;
    return { ok: false, issues: [{ path: '(root)', message: why }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, issues: [{ path: '(root)', message: `Invalid JSON: ${reason}` }] };
  }
  const parsed = req.schema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: i.path.length === 0 ? '(root)' : i.path.map((p) => String(p)).join('.'),
        message: i.message,
      })),
    };
  }
  if (!req.complete) return { ok: true, data: parsed.data as unknown as R, repairs: [] };
  const meta: AnswerMeta = {
    model: answer.model,
    webSearchCalls: answer.webSearchCalls,
    citations: answer.citations,
  };
  const completed: Completion<R> = req.complete(parsed.data, meta);
  return completed.ok ? { ok: true, data: completed.data, repairs: completed.repairs ?? [] } : completed;
}

function formatIssues(issues: SchemaIssue[], separator: string): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join(separator);
}

function feedbackMessage(schemaName: string, issues: SchemaIssue[]): string {
  const shown = issues.slice(0, MAX_FED_BACK_ISSUES);
  const more = issues.length > shown.length ? `\n(and ${issues.length - shown.length} more)` : '';
  return [
    `Your previous answer is not a valid ${schemaName} document. Validation errors (path: message):`,
    ...shown.map((i) => `- ${i.path}: ${i.message}`),
    more,
    'Return the complete corrected JSON document. Fix exactly these problems and keep everything else that was correct.',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** Maps SDK failures: rate limits, 5xx, timeouts and network errors are transient; other HTTP errors are not. */
function classify(err: unknown, redact: (text: string) => string): Error {
  // A caller's abort (activity cancellation) is neither a provider failure nor retryable: pass it through.
  if (err instanceof OpenAI.APIUserAbortError) return err;
  if (err instanceof OpenAI.APIConnectionError) {
    return new LlmTransientError(`LLM provider unreachable: ${redact(err.message)}`, null);
  }
  if (err instanceof OpenAI.APIError) {
    const status = typeof err.status === 'number' ? err.status : null;
    const message = `LLM provider answered ${status ?? 'an error'}: ${redact(err.message)}`;
    if (status === null || status === 408 || status === 409 || status === 429 || status >= 500) {
      return new LlmTransientError(message, status);
    }
    return new LlmRequestError(message, status);
  }
  if (err instanceof Error) return err;
  return new Error(String(err));
}

/** Error text goes to the database and logs: never the API key (nor anything shaped like one). */
function redactSecrets(text: string, apiKey: string): string {
  let out = text.replace(/\bsk-[A-Za-z0-9_*-]{6,}/g, 'sk-***');
  if (apiKey.length >= 8) out = out.split(apiKey).join('***');
  return out;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
