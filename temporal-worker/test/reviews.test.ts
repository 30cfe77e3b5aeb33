import { activityLogs, artifacts, createOnboardingPayload, createWorkflowRun, getWorkflowRun } from '@mos/db';
import {
  MAX_DRAFT_ATTEMPTS,
  type ReviewSignal,
  SIGNAL_REVIEW,
  SIGNAL_STOP,
  type WorkflowStatusSnapshot,
} from '@mos/db/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleIntake, review, type Stack, startStack, type Tenant, waitingDraftKey } from './support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.close();
}, 60_000);

/** The run waiting at `gate` under a draft key other than `after` (row and status query agree). */
async function waitingAt(t: Tenant, runId: string, gate: string, after: string | null = null) {
  return stack.waitFor(
    async () => {
      const row = await getWorkflowRun(stack.db, t.orgId, runId);
      const key = await waitingDraftKey(stack, runId);
      if (row?.waitingGate !== gate || key === 'none' || key === after) return null;
      const live = (await t.operator.workflows.get.query({ runId })).live as WorkflowStatusSnapshot | null;
      return live?.draftKey === key ? { key, live } : null;
    },
    { what: `run ${runId} waiting at ${gate}`, timeoutMs: 30_000, intervalMs: 50 },
  );
}

const signalOf = (over: Partial<ReviewSignal> & Pick<ReviewSignal, 'gate' | 'decision' | 'draftKey'>) => ({
  edited: null,
  feedback: null,
  approvedIds: [],
  rejectedIds: [],
  approvalId: crypto.randomUUID(),
  ...over,
});

async function newOnboarding(t: Tenant) {
  const client = await t.createClient();
  const started = await t.operator.onboarding.start.mutate({ clientId: client.id, intake: exampleIntake() });
  return { client, ...started };
}

async function artifactStatus(id: string): Promise<string | undefined> {
  const [row] = await stack.db.select().from(artifacts).where(eq(artifacts.id, id));
  return row?.status;
}

describe('reviews name the draft they decide on', () => {
  it('an approve naming v1, sent while v2 is generated after a reject, does not approve v2', async () => {
    const t = await stack.newTenant();
    const { runId } = await newOnboarding(t);
    const v1 = await waitingAt(t, runId, 'canon');
    const v1Id = v1.live.draftArtifactIds[0] ?? '';
    expect(v1.key).toContain(v1Id);

    stack.llm.setDelay(1500);
    try {
      await review(stack, t.operator, {
        runId,
        gate: 'canon',
        decision: 'reject',
        feedback: 'Lead with the guarantee',
        draftKey: v1.key,
      });
      // While v2 is written: an approve naming v1's draft reaches the workflow (a queued or late click).
      await stack.waitFor(async () => (await waitingDraftKey(stack, runId)) === 'none', { what: 'running' });
      const handle = await stack.handleOf(t.orgId, runId);
      await handle.signal(SIGNAL_REVIEW, signalOf({ gate: 'canon', decision: 'approve', draftKey: v1.key }));
    } finally {
      stack.llm.setDelay(0);
    }

    const v2 = await waitingAt(t, runId, 'canon', v1.key);
    const v2Id = v2.live.draftArtifactIds[0] ?? '';
    expect(v2Id).not.toBe(v1Id);
    expect(v2.live.attempt).toBe(2);
    expect(v2.key).not.toBe(v1.key);
    expect(v2.key).toContain(v2Id);
    expect(await artifactStatus(v2Id)).toBe('draft');
    expect(await artifactStatus(v1Id)).toBe('draft');
    // The stale approve was dropped, and the run still waits at canon for v2.
    await new Promise((r) => setTimeout(r, 500));
    const row = await getWorkflowRun(stack.db, t.orgId, runId);
    expect(row).toMatchObject({
      status: 'waiting_for_approval',
      waitingGate: 'canon',
      waitingDraftKey: v2.key,
    });
    expect(await artifactStatus(v2Id)).toBe('draft');
  });

  it('a double click approves once: the second approve names a decided draft and is dropped', async () => {
    const t = await stack.newTenant();
    const { runId } = await newOnboarding(t);
    const canon = await waitingAt(t, runId, 'canon');
    const handle = await stack.handleOf(t.orgId, runId);
    const click = signalOf({ gate: 'canon', decision: 'approve', draftKey: canon.key });
    await handle.signal(SIGNAL_REVIEW, click);
    await handle.signal(SIGNAL_REVIEW, { ...click, approvalId: crypto.randomUUID() });
    const metric = await waitingAt(t, runId, 'metric_schema');
    // The second click named the canon draft: it approved nothing at the metric schema gate.
    await new Promise((r) => setTimeout(r, 500));
    const metricId = metric.live.draftArtifactIds[0] ?? '';
    expect(await artifactStatus(metricId)).toBe('draft');
    expect(await artifactStatus(canon.live.draftArtifactIds[0] ?? '')).toBe('approved');
    expect(await waitingDraftKey(stack, runId)).toBe(metric.key);
  });

  it(`caps regeneration at ${MAX_DRAFT_ATTEMPTS} drafts: a further reject is refused and the gate keeps waiting`, async () => {
    const t = await stack.newTenant();
    const since = stack.llm.requests.length;
    const { runId } = await newOnboarding(t);
    let at = await waitingAt(t, runId, 'canon');
    for (let n = 1; n < MAX_DRAFT_ATTEMPTS; n++) {
      await review(stack, t.operator, {
        runId,
        gate: 'canon',
        decision: 'reject',
        feedback: `no ${n}`,
        draftKey: at.key,
      });
      at = await waitingAt(t, runId, 'canon', at.key);
      expect(at.live.attempt).toBe(n + 1);
    }
    await review(stack, t.operator, {
      runId,
      gate: 'canon',
      decision: 'reject',
      feedback: 'once more',
      draftKey: at.key,
    });
    const capped = await waitingAt(t, runId, 'canon', at.key);
    expect(capped.live.attempt).toBe(MAX_DRAFT_ATTEMPTS);
    expect(capped.live.lastError).toBe(
      `${MAX_DRAFT_ATTEMPTS} drafts were rejected; edit the draft or stop the run`,
    );
    expect(capped.live.draftArtifactIds).toEqual(at.live.draftArtifactIds);
    const canonRequests = stack.llm.requests.slice(since).filter((r) => r.schemaName === 'ClientCanon');
    expect(canonRequests).toHaveLength(MAX_DRAFT_ATTEMPTS);
    // The draft that is there can still be approved.
    await review(stack, t.operator, { runId, gate: 'canon', decision: 'approve', draftKey: capped.key });
    await waitingAt(t, runId, 'metric_schema');
  });
});

describe('run status writes', () => {
  it('a workflow that starts before its run row commits records its transitions once the row exists', async () => {
    const t = await stack.newTenant();
    const client = await t.createClient();
    const payload = await createOnboardingPayload(stack.db, t.orgId, {
      clientId: client.id,
      data: exampleIntake(),
      createdBy: null,
    });
    const runId = crypto.randomUUID();
    const workflowId = `client-onboarding-early-${runId}`;
    const handle = await stack.client.workflow.start('ClientOnboarding', {
      taskQueue: stack.taskQueue,
      workflowId,
      args: [
        {
          orgId: t.orgId,
          runId,
          clientId: client.id,
          campaignId: null,
          startedBy: null,
          onboardingPayloadId: payload.id,
        },
      ],
    });
    // The API's insert commits late: the worker's first writes find no row and are retried.
    await new Promise((r) => setTimeout(r, 2500));
    await createWorkflowRun(stack.db, {
      id: runId,
      orgId: t.orgId,
      clientId: client.id,
      campaignId: null,
      kind: 'client_onboarding',
      temporalWorkflowId: workflowId,
      temporalRunId: handle.firstExecutionRunId,
      input: {},
      startedBy: null,
    });
    const at = await waitingAt(t, runId, 'canon');
    const row = await getWorkflowRun(stack.db, t.orgId, runId);
    expect(row).toMatchObject({
      status: 'waiting_for_approval',
      currentStep: 'wait:canon',
      waitingDraftKey: at.key,
    });
    const logs = await stack.db
      .select()
      .from(activityLogs)
      .where(and(eq(activityLogs.workflowRunId, runId), eq(activityLogs.step, 'research')));
    expect(logs.map((l) => l.status).sort()).toEqual(['completed', 'started']);
    await handle.signal(SIGNAL_STOP);
    await stack.waitForRunStatus(t.orgId, runId, 'cancelled');
  });
});
