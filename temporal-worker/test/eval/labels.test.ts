import {
  artifacts,
  createWorkflowRun,
  getWorkflowRun,
  listLabelledExamples,
  llmCalls,
  recordApproval,
} from '@mos/db';
import type { WorkflowStatusSnapshot } from '@mos/db/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLabels, exportOutputs, type LabelLine } from '../../eval/labels/export';
import { loadPrompt } from '../../src/prompts/render';
import {
  exampleIntake,
  review,
  type Stack,
  startStack,
  type Tenant,
  waitingDraftKey,
} from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.close();
}, 60_000);

async function waitingAt(t: Tenant, runId: string, gate: string, after: string | null = null) {
  return stack.waitFor(
    async () => {
      const row = await getWorkflowRun(stack.db, t.orgId, runId);
      const key = await waitingDraftKey(stack, runId);
      if (row?.waitingGate !== gate || key === 'none' || key === after) return null;
      const live = (await t.operator.workflows.get.query({ runId })).live as WorkflowStatusSnapshot | null;
      return live?.draftKey === key ? { key, live } : null;
    },
    { what: `run ${runId} waiting at ${gate}`, timeoutMs: 60_000, intervalMs: 50 },
  );
}

async function artifactData(id: string): Promise<Record<string, unknown>> {
  const [row] = await stack.db.select().from(artifacts).where(eq(artifacts.id, id));
  if (!row) throw new Error(`artifact ${id} not found`);
  return row.data as Record<string, unknown>;
}

describe('reviewer decisions become labelled examples', () => {
  it('a reject and an edit at the canon gate export with prompt, input hash, model output and the verdict', async () => {
    const t = await stack.newTenant();
    const other = await stack.newTenant();
    const client = await t.createClient();
    const { runId } = await t.operator.onboarding.start.mutate({
      clientId: client.id,
      intake: exampleIntake(),
    });

    const v1 = await waitingAt(t, runId, 'canon');
    const v1Id = v1.live.draftArtifactIds[0] ?? '';
    await review(stack, t.operator, {
      runId,
      gate: 'canon',
      decision: 'reject',
      feedback: 'Lead with the barrier-repair mechanism, not the founder.',
    });
    const v2 = await waitingAt(t, runId, 'canon', v1.key);
    const v2Id = v2.live.draftArtifactIds[0] ?? '';
    expect(v2Id).not.toBe(v1Id);
    const v2Data = await artifactData(v2Id);
    const edited = {
      ...v2Data,
      brand: { ...(v2Data.brand as object), story: 'Edited: a chemist-founded barrier brand.' },
    };
    await review(stack, t.operator, { runId, gate: 'canon', decision: 'edit', edited });
    await waitingAt(t, runId, 'metric_schema');

    // The canon calls as recorded: prompt id and version, an input hash, and what the model answered.
    const calls = await stack.db
      .select()
      .from(llmCalls)
      .where(and(eq(llmCalls.workflowRunId, runId), eq(llmCalls.promptId, 'build/client_canon')))
      .orderBy(asc(llmCalls.createdAt));
    const ok = calls.filter((c) => c.status === 'ok');
    expect(ok.length).toBe(2);
    const canonVersion = loadPrompt('build/client_canon').version;
    for (const c of ok) {
      expect(c.promptVersion).toBe(canonVersion);
      expect(c.inputSha256).toMatch(/^[a-f0-9]{64}$/);
    }
    // Each call's recorded output is what became its draft (the drafts add only code's fields).
    const drafts = [await artifactData(v1Id), v2Data];
    expect(ok.map((c) => (c.output as { brand?: unknown }).brand)).toEqual(drafts.map((d) => d.brand));
    // The regeneration carried the reviewer's feedback: a different input.
    expect(ok[0]?.inputSha256).not.toBe(ok[1]?.inputSha256);

    const examples = await listLabelledExamples(stack.db, t.orgId);
    expect(examples.map((e) => [e.gate, e.decision])).toEqual([
      ['canon', 'reject'],
      ['canon', 'edit'],
    ]);
    const [rejected, editedExample] = examples;
    if (!rejected || !editedExample) throw new Error('expected two labelled examples');
    expect(rejected).toMatchObject({
      runId,
      promptId: 'build/client_canon',
      promptVersion: canonVersion,
      feedback: 'Lead with the barrier-repair mechanism, not the founder.',
      editedDocument: null,
      draftArtifactId: v1Id,
      llmCallId: ok[0]?.id,
      inputSha256: ok[0]?.inputSha256,
      callStatus: 'ok',
    });
    // The model output is what the model wrote for the rejected draft (the stored draft adds code's fields).
    const v1Data = await artifactData(v1Id);
    expect((rejected.modelOutput as { brand?: unknown }).brand).toEqual(v1Data.brand);
    expect(rejected.draft).toEqual(v1Data);
    expect(editedExample).toMatchObject({
      decision: 'edit',
      draftArtifactId: v2Id,
      llmCallId: ok[1]?.id,
      inputSha256: ok[1]?.inputSha256,
    });
    expect((editedExample.editedDocument as { brand: { story: string } }).brand.story).toBe(
      'Edited: a chemist-founded barrier brand.',
    );

    // The JSONL export: one line per example, the fields the evaluation reads.
    const { lines, jsonl } = await exportLabels(stack.db, t.orgId);
    expect(lines).toBe(2);
    const parsed = jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LabelLine);
    expect(parsed.map((p) => p.decision)).toEqual(['reject', 'edit']);
    expect(Object.keys(parsed[0] ?? {})).toEqual(
      expect.arrayContaining([
        'promptId',
        'promptVersion',
        'inputSha256',
        'modelOutput',
        'decision',
        'feedback',
        'editedDocument',
      ]),
    );
    expect(parsed[1]?.editedDocument).toEqual(editedExample.editedDocument);

    // Each version's answers, the input of a pairwise comparison, keyed by input hash.
    const outputs = await exportOutputs(stack.db, t.orgId, { promptId: 'build/client_canon' });
    expect(outputs.lines).toBe(2);
    const answers = outputs.jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { inputSha256: string; promptVersion: number; output: unknown });
    expect(answers.map((a) => a.inputSha256)).toEqual([ok[0]?.inputSha256, ok[1]?.inputSha256]);
    expect(answers[0]?.output).toEqual(rejected.modelOutput);
    expect(await exportOutputs(stack.db, other.orgId, { promptId: 'build/client_canon' })).toEqual({
      lines: 0,
      jsonl: '',
    });

    // Approvals are labels only when asked for; another org sees none of these.
    expect(await listLabelledExamples(stack.db, t.orgId, { decisions: ['approve'] })).toEqual([]);
    expect(
      await listLabelledExamples(stack.db, other.orgId, { decisions: ['reject', 'edit', 'approve'] }),
    ).toEqual([]);
  });

  it('a hand-written document at step_failed labels the failed attempt; item gates carry no document to label', async () => {
    const t = await stack.newTenant();
    const run = await createWorkflowRun(stack.db, {
      id: crypto.randomUUID(),
      orgId: t.orgId,
      clientId: null,
      campaignId: null,
      temporalWorkflowId: `labels-${crypto.randomUUID()}`,
      temporalRunId: crypto.randomUUID(),
      kind: 'campaign_planning',
      input: null,
      startedBy: null,
    });
    const at = (ms: number) => new Date(Date.now() - 60_000 + ms);
    const call = (status: 'ok' | 'error', ms: number, output: unknown) => ({
      orgId: t.orgId,
      workflowRunId: run.id,
      activity: 'build_strategy_sheet',
      model: 'gpt-5.2',
      promptSha256: 'b'.repeat(64),
      promptId: 'build/strategy_sheet',
      promptVersion: 1,
      inputSha256: 'c'.repeat(64),
      output,
      latencyMs: 10,
      status,
      error: status === 'error' ? 'Schema violation (attempt 3/3)' : null,
      createdAt: at(ms),
    });
    await stack.db
      .insert(llmCalls)
      .values([
        call('error', 0, { budget: { total: 99999, currency: 'USD' } }),
        call('error', 1000, { budget: { total: 88888, currency: 'USD' } }),
      ]);
    const edited = { goal: 'written by hand' };
    await recordApproval(stack.db, {
      orgId: t.orgId,
      workflowRunId: run.id,
      gate: 'step_failed',
      decision: 'edit',
      edited,
      feedback: 'The model kept planning past the budget',
      decidedBy: null,
    });
    await recordApproval(stack.db, {
      orgId: t.orgId,
      workflowRunId: run.id,
      gate: 'assets',
      decision: 'reject',
      rejectedIds: ['asset-1'],
      feedback: 'off-brand',
      decidedBy: null,
    });
    const examples = await listLabelledExamples(stack.db, t.orgId);
    expect(examples).toHaveLength(1);
    expect(examples[0]).toMatchObject({
      gate: 'step_failed',
      decision: 'edit',
      draftArtifactId: null,
      draft: null,
      callStatus: 'error',
      promptId: 'build/strategy_sheet',
      modelOutput: { budget: { total: 88888, currency: 'USD' } },
      editedDocument: edited,
      feedback: 'The model kept planning past the budget',
    });
  });
});
