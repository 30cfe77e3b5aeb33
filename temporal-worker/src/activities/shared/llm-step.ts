import { createHash } from 'node:crypto';
import { insertArtifactVersion, type Queryable } from '@mos/db';
import { type ArtifactData, type ArtifactType, parseArtifactData } from '@mos/db/artifacts';
import { STEP_FAILED_FAILURE_TYPE, type StepFailure } from '@mos/db/contracts';
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import {
  type AnswerMeta,
  type Completion,
  type GenerateResult,
  LlmBudgetError,
  type LlmClient,
  LlmRequestError,
  LlmSchemaError,
} from '../../llm/types';
import type { RenderedPrompt } from '../../prompts/render';
import { ValidationError } from '../deps';
import { issuesText } from './documents';
import { withHeartbeat } from './heartbeat';
import { withFeedback } from './prompts';

/** The ApplicationFailure type of an LLM step that cannot go on without a person (details: one StepFailure). */
export const STEP_FAILED = STEP_FAILED_FAILURE_TYPE;

export interface StepRequest<T, R> {
  orgId: string;
  runId: string | null;
  /** The step name recorded on llm_calls and shown at the step_failed gate, e.g. `build_canon`, `research:04`. */
  step: string;
  schemaName: string;
  /** What the model writes (the model-output schema, with this request's enums). */
  output: z.ZodType<T>;
  /** The schema sent when stricter than `output` (code repairs what falls outside it). */
  sent?: z.ZodType;
  /** The rendered template; the reviewer's or a retry's feedback is added when the template lacks it. */
  prompt: RenderedPrompt;
  feedback: string | null;
  /** Used when the template names no system prompt of its own. */
  system?: string;
  /** Code's part: system fields, repairs, the stored schema's rules (fed back to the model). */
  complete?: (answer: T, meta: AnswerMeta, prompt: RenderedPrompt) => Completion<R>;
  webSearch?: boolean;
  maxOutputTokens?: number;
}

/**
 * The one LLM-step pipeline every LLM activity runs: render (by the caller) → feedback → generate (strict schema,
 * heartbeating) → validate (model-output schema) → repair and complete (code's fields, stored schema) → the
 * caller saves. Problems of validation and completion are fed back to the model within the client's attempts.
 */
export async function generateStep<T, R = T>(
  llm: LlmClient,
  req: StepRequest<T, R>,
): Promise<{ data: R; result: GenerateResult<R>; prompt: RenderedPrompt }> {
  const prompt = withFeedback(req.prompt, req.feedback);
  const complete = req.complete;
  const result = await withHeartbeat(() =>
    llm.generate<T, R>({
      orgId: req.orgId,
      runId: req.runId,
      activity: req.step,
      schemaName: req.schemaName,
      schema: req.output,
      ...(req.sent ? { sentSchema: req.sent } : {}),
      ...(complete ? { complete: (answer: T, meta: AnswerMeta) => complete(answer, meta, prompt) } : {}),
      system: prompt.system || req.system || '',
      prompt: prompt.text,
      promptRef: { id: prompt.id, version: prompt.version, inputSha256: stepInputSha256(req.prompt, prompt) },
      ...(req.webSearch ? { webSearch: true } : {}),
      ...(req.maxOutputTokens === undefined ? {} : { maxOutputTokens: req.maxOutputTokens }),
    }),
  );
  return { data: result.data, result, prompt };
}

/**
 * The input hash of what was sent: the template's values, and the reviewer's feedback when it was appended to a
 * template that has no FEEDBACK section (it is part of the input then, as it is for a template that declares it).
 */
function stepInputSha256(rendered: RenderedPrompt, sent: RenderedPrompt): string {
  if (sent.text === rendered.text) return rendered.inputSha256;
  return createHash('sha256')
    .update(`${rendered.inputSha256}\n${sent.text.slice(rendered.text.length)}`)
    .digest('hex');
}

/** Checks a completed document against its stored schema: the completion's answer for `complete`. */
export function asStored<K extends ArtifactType>(
  type: K,
  data: unknown,
  repairs: string[] = [],
): Completion<ArtifactData<K>> {
  const parsed = parseArtifactData(type, data);
  if (parsed.success) return { ok: true, data: parsed.data, repairs };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({
      path: i.path.length === 0 ? '(root)' : i.path.map(String).join('.'),
      message: i.message,
    })),
  };
}

export interface DraftScope {
  orgId: string;
  runId: string;
  clientId: string | null;
  campaignId: string | null;
}

/** The save of the pipeline: a draft keyed (run, stepKey), validated by its stored schema. */
export async function saveDraftArtifact<K extends ArtifactType>(
  db: Queryable,
  scope: DraftScope,
  type: K,
  stepKey: string,
  data: unknown,
  source: 'ai' | 'human' = 'ai',
  createdByUser: string | null = null,
): Promise<{ artifactId: string; version: number; data: ArtifactData<K> }> {
  const parsed = parseArtifactData(type, data);
  if (!parsed.success)
    throw new ValidationError(`${type} draft is invalid: ${issuesText(parsed.error.issues)}`);
  const row = await insertArtifactVersion(db, {
    orgId: scope.orgId,
    clientId: scope.clientId,
    campaignId: scope.campaignId,
    type,
    data: parsed.data,
    source,
    status: 'draft',
    workflowRunId: scope.runId,
    stepKey,
    ...(createdByUser ? { createdByUser } : {}),
  });
  return { artifactId: row.id, version: row.version, data: parsed.data };
}

/**
 * The StepFailure a person decides on, when `err` is one only a person can get past: the model's answers used
 * up the attempts, the provider refused the request (bad key, unknown model, refused content, refused schema) or
 * the org's LLM budget is spent. Null for anything else (transient errors keep Temporal's retries).
 */
export function stepFailureOf(
  err: unknown,
  fallback: { step: string; artifactType: ArtifactType | null; at: Date },
): StepFailure | null {
  const base = { step: fallback.step, artifactType: fallback.artifactType, at: fallback.at.toISOString() };
  if (err instanceof LlmSchemaError) {
    return {
      ...base,
      step: err.step ?? base.step,
      kind: 'invalid_output',
      lastAnswer: err.lastAnswer ?? null,
      problems: err.issues.slice(0, 50).map((i) => `${i.path}: ${i.message}`),
      attempts: err.attempts,
    };
  }
  if (err instanceof LlmRequestError) {
    return {
      ...base,
      step: err.step ?? base.step,
      kind: 'provider',
      lastAnswer: err.lastAnswer ?? null,
      problems: [err.message],
      attempts: 1,
    };
  }
  if (err instanceof LlmBudgetError) {
    return {
      ...base,
      step: err.step ?? base.step,
      kind: 'budget',
      lastAnswer: null,
      problems: [err.message],
      attempts: 0,
    };
  }
  return null;
}

type AnyActivity = (...args: never[]) => Promise<unknown>;

/**
 * Wraps LLM activities so a failure only a person can get past leaves as a non-retryable `StepFailed`
 * ApplicationFailure carrying its StepFailure; the workflow's step wrapper turns it into the `step_failed` gate.
 */
export function withStepFailures<A extends Record<string, AnyActivity>>(
  activities: A,
  artifactTypes: { readonly [K in keyof A]?: ArtifactType | null },
  clock: () => Date,
): A {
  const out: Record<string, AnyActivity> = { ...activities };
  for (const [name, artifactType] of Object.entries(artifactTypes) as [string, ArtifactType | null][]) {
    const activity = activities[name];
    if (!activity) continue;
    out[name] = async (...args: never[]) => {
      try {
        return await activity(...args);
      } catch (err) {
        const failure = stepFailureOf(err, { step: name, artifactType, at: clock() });
        if (!failure) throw err;
        throw ApplicationFailure.create({
          type: STEP_FAILED,
          nonRetryable: true,
          message: `${failure.step}: ${failure.problems[0] ?? 'the step failed'}`,
          details: [failure],
          cause: err instanceof Error ? err : undefined,
        });
      }
    };
  }
  return out as A;
}
