import { and, asc, desc, eq, gte, inArray, isNotNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { ApprovalDecision } from '../contracts/enums';
import { GATE_ARTIFACT_TYPES } from '../contracts/workflows';
import type { Queryable } from '../db-type';
import { approvals } from '../schema/approvals';
import { artifacts } from '../schema/artifacts';
import { llmCalls } from '../schema/llm-calls';

/**
 * A reviewer's decision on a model's draft, as a labelled example for prompt evaluation: what the model was asked
 * (prompt id, version, input hash), what it answered, and what the reviewer made of it.
 */
export interface LabelledExample {
  approvalId: string;
  runId: string;
  gate: string;
  decision: ApprovalDecision;
  feedback: string | null;
  /** The reviewer's document (edits; null otherwise). */
  editedDocument: unknown;
  decidedAt: Date;
  /** The draft artifact decided on (null at `step_failed`, where no draft was stored). */
  draftArtifactId: string | null;
  draft: unknown;
  llmCallId: string;
  promptId: string;
  promptVersion: number;
  inputSha256: string | null;
  promptSha256: string;
  model: string;
  /** The model's answer on that call. */
  modelOutput: unknown;
  /** ok for a draft's call; at `step_failed` the last failed attempt's status. */
  callStatus: 'ok' | 'error';
}

export interface LabelledExampleFilter {
  /** Decisions to export; reviewer edits and rejections by default (approvals are the positive labels). */
  decisions?: readonly ApprovalDecision[];
  /** Inclusive lower bound on the decision time. */
  since?: Date;
  limit?: number;
}

// Each gate's artifact type, inlined as a CASE so the draft is found in the same statement.
const gateTypeCase = sql.join(
  [
    sql.raw('(case'),
    ...Object.entries(GATE_ARTIFACT_TYPES).flatMap(([gate, type]) =>
      type === null ? [] : [sql.raw(`when "approvals"."gate" = '${gate}' then '${type}'`)],
    ),
    sql.raw('end)'),
  ],
  sql.raw(' '),
);

/**
 * An org's labelled examples in one statement: every decision at a gate joined to the draft it decided on (the
 * run's latest model-written artifact of the gate's type at decision time; gates wait right after the draft is
 * written) and to the LLM call that wrote it (the run's latest successful templated call up to the draft). At
 * `step_failed` no draft exists: the call is the run's latest templated call before the decision, the failed one.
 */
export async function listLabelledExamples(
  q: Queryable,
  orgId: string,
  filter: LabelledExampleFilter = {},
): Promise<LabelledExample[]> {
  const decisions = filter.decisions ?? ['reject', 'edit'];
  if (decisions.length === 0) return [];
  const draft = q
    .select({
      id: sql<string>`${artifacts.id}`.as('draft_id'),
      data: sql<unknown>`${artifacts.data}`.as('draft_data'),
      createdAt: sql<Date>`${artifacts.createdAt}`.as('draft_created_at'),
    })
    .from(artifacts)
    .where(
      and(
        eq(artifacts.orgId, orgId),
        eq(artifacts.workflowRunId, approvals.workflowRunId),
        eq(artifacts.source, 'ai'),
        sql`${artifacts.type}::text = ${gateTypeCase}`,
        lte(artifacts.createdAt, approvals.decidedAt),
      ),
    )
    .orderBy(desc(artifacts.createdAt), desc(artifacts.version))
    .limit(1)
    .as('draft');
  const upTo: SQL = sql`coalesce(${draft.createdAt}, ${approvals.decidedAt})`;
  const call = q
    .select({
      id: sql<string>`${llmCalls.id}`.as('call_id'),
      promptId: sql<string>`${llmCalls.promptId}`.as('call_prompt_id'),
      promptVersion: sql<number>`${llmCalls.promptVersion}`.as('call_prompt_version'),
      inputSha256: sql<string | null>`${llmCalls.inputSha256}`.as('call_input_sha256'),
      promptSha256: sql<string>`${llmCalls.promptSha256}`.as('call_prompt_sha256'),
      model: sql<string>`${llmCalls.model}`.as('call_model'),
      output: sql<unknown>`${llmCalls.output}`.as('call_output'),
      status: sql<'ok' | 'error'>`${llmCalls.status}`.as('call_status'),
    })
    .from(llmCalls)
    .where(
      and(
        eq(llmCalls.orgId, orgId),
        eq(llmCalls.workflowRunId, approvals.workflowRunId),
        isNotNull(llmCalls.promptId),
        lte(llmCalls.createdAt, upTo),
        // A stored draft came from a successful call; a failed step's last word is its failed attempt.
        or(sql`${draft.id} is null`, eq(llmCalls.status, 'ok')),
      ),
    )
    .orderBy(desc(llmCalls.createdAt))
    .limit(1)
    .as('call');

  const rows = await q
    .select({
      approvalId: approvals.id,
      runId: approvals.workflowRunId,
      gate: approvals.gate,
      decision: approvals.decision,
      feedback: approvals.feedback,
      edited: approvals.edited,
      decidedAt: approvals.decidedAt,
      draftId: draft.id,
      draftData: draft.data,
      callId: call.id,
      promptId: call.promptId,
      promptVersion: call.promptVersion,
      inputSha256: call.inputSha256,
      promptSha256: call.promptSha256,
      model: call.model,
      output: call.output,
      status: call.status,
    })
    .from(approvals)
    .leftJoinLateral(draft, sql`true`)
    .innerJoinLateral(call, sql`true`)
    .where(
      and(
        eq(approvals.orgId, orgId),
        inArray(approvals.decision, [...decisions]),
        // Item gates (assets) carry no document to label.
        or(sql`${gateTypeCase} is not null`, eq(approvals.gate, 'step_failed')),
        filter.since ? gte(approvals.decidedAt, filter.since) : undefined,
      ),
    )
    .orderBy(asc(approvals.decidedAt), asc(approvals.id))
    .limit(Math.min(Math.max(filter.limit ?? 10_000, 1), 100_000));

  return rows.map((r) => ({
    approvalId: r.approvalId,
    runId: r.runId,
    gate: r.gate,
    decision: r.decision,
    feedback: r.feedback,
    editedDocument: r.edited,
    decidedAt: r.decidedAt,
    draftArtifactId: r.draftId ?? null,
    draft: r.draftData ?? null,
    llmCallId: r.callId,
    promptId: r.promptId,
    promptVersion: Number(r.promptVersion),
    inputSha256: r.inputSha256,
    promptSha256: r.promptSha256,
    model: r.model,
    modelOutput: r.output,
    callStatus: r.status,
  }));
}

/** A successful templated call's answer, for comparing prompt versions on the same inputs. */
export interface PromptOutput {
  llmCallId: string;
  promptId: string;
  promptVersion: number;
  inputSha256: string | null;
  model: string;
  output: unknown;
  createdAt: Date;
}

/** An org's successful answers to one prompt (optionally one version of it), oldest first. */
export async function listPromptOutputs(
  q: Queryable,
  orgId: string,
  filter: { promptId: string; promptVersion?: number; since?: Date; limit?: number },
): Promise<PromptOutput[]> {
  const rows = await q
    .select({
      llmCallId: llmCalls.id,
      promptId: llmCalls.promptId,
      promptVersion: llmCalls.promptVersion,
      inputSha256: llmCalls.inputSha256,
      model: llmCalls.model,
      output: llmCalls.output,
      createdAt: llmCalls.createdAt,
    })
    .from(llmCalls)
    .where(
      and(
        eq(llmCalls.orgId, orgId),
        eq(llmCalls.promptId, filter.promptId),
        eq(llmCalls.status, 'ok'),
        filter.promptVersion === undefined ? undefined : eq(llmCalls.promptVersion, filter.promptVersion),
        filter.since ? gte(llmCalls.createdAt, filter.since) : undefined,
      ),
    )
    .orderBy(asc(llmCalls.createdAt), asc(llmCalls.id))
    .limit(Math.min(Math.max(filter.limit ?? 10_000, 1), 100_000));
  return rows.map((r) => ({
    ...r,
    promptId: r.promptId ?? filter.promptId,
    promptVersion: Number(r.promptVersion),
  }));
}
