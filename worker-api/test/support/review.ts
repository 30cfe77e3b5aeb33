import { approvals, workflowRuns } from '@mos/db';
import { SIGNAL_REVIEW } from '@mos/db/contracts';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { failure, newTenant, type Tenant, type TestApp } from './harness';

/**
 * A run waiting at `gate` on a draft, as the worker records it (status, gate and `waiting_draft_key` on the row),
 * with its workflow known to the test gateway.
 */
export async function waitingRunOf(
  t: TestApp,
  opts: { gate?: string; tenant?: Tenant; clientId?: string } = {},
) {
  const tenant = opts.tenant ?? (await newTenant(t));
  const orgId = (await t.client(tenant.admin).me.get.query()).org.id;
  const gate = opts.gate ?? 'canon';
  const workflowId = `test-${crypto.randomUUID()}`;
  const { runId } = await t.gateway.start({ workflowType: 'Test', workflowId, taskQueue: 'test', args: [] });
  const draftKey = `${gate}:${crypto.randomUUID()}`;
  const [run] = await t.database.db
    .insert(workflowRuns)
    .values({
      orgId,
      clientId: opts.clientId ?? null,
      kind: 'client_onboarding',
      status: 'waiting_for_approval',
      waitingGate: gate,
      waitingDraftKey: draftKey,
      temporalWorkflowId: workflowId,
      temporalRunId: runId,
    })
    .returning();
  if (!run) throw new Error('run insert failed');
  return { tenant, orgId, run, draftKey };
}

export const approvalsOf = (t: TestApp, runId: string) =>
  t.database.db.select().from(approvals).where(eq(approvals.workflowRunId, runId));

export const reviewSignalsOf = (t: TestApp, workflowId: string) =>
  t.gateway.calls.filter(
    (c) => c.op === 'signal' && c.workflowId === workflowId && c.signal === SIGNAL_REVIEW,
  );

/**
 * The double click: two approvals of the same draft, the second sent while the first is still signalling
 * (it has passed every read-only check by then and can only be stopped by the claim). Exactly one is recorded
 * and signalled; the other answers CONFLICT.
 */
export async function expectDoubleClickRecordedOnce(t: TestApp): Promise<void> {
  const { tenant, run, draftKey } = await waitingRunOf(t);
  const api = t.client(tenant.operator);
  const input = { runId: run.id, gate: 'canon', decision: 'approve' as const, draftKey };
  const pending: { second?: Promise<{ ok?: unknown; err?: unknown }> } = {};
  t.gateway.beforeSignal = async () => {
    if (pending.second) return;
    pending.second = api.workflows.review.mutate(input).then(
      (ok) => ({ ok }),
      (err: unknown) => ({ err }),
    );
    // Long enough for the second request to read the run and reach the claim, which waits on the first.
    await new Promise((r) => setTimeout(r, 150));
  };
  try {
    const first = await api.workflows.review.mutate(input);
    if (!pending.second) throw new Error('the second review was never sent');
    const other = await pending.second;
    expect(other.ok).toBeUndefined();
    expect((await failure(Promise.reject(other.err))).code).toBe('CONFLICT');
    const rows = await approvalsOf(t, run.id);
    expect(rows.map((r) => r.id)).toEqual([first.approvalId]);
    expect(reviewSignalsOf(t, run.temporalWorkflowId)).toHaveLength(1);
    const [row] = await t.database.db.select().from(workflowRuns).where(eq(workflowRuns.id, run.id));
    expect(row?.waitingDraftKey).toBeNull();
  } finally {
    t.gateway.beforeSignal = null;
  }
}
